"""The case workflow, concurrent edits, the practice review link, and the weekly reminder."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from bscp_portal.lib.concurrency import StaleEdit
from cdop import services
from cdop.models import Death
from cdop.reminders import send_waiting_reminders
from cdop.tests.factories import DeathFactory, review_for
from partnership.models import ReminderLog

pytestmark = pytest.mark.django_db


def test_the_status_moves_along_the_workflow(cdop_data, world):
    death = DeathFactory()
    services.death_move(death=death, by=world.user("cdop"), version=death.version, status="gathering")
    services.death_move(death=death, by=world.user("cdop"), version=death.version, status="awaiting_panel")
    assert Death.objects.get(pk=death.pk).status == "awaiting_panel"


def test_a_case_cannot_jump_to_reviewed_by_hand(cdop_data, world, client_for):
    death = DeathFactory(status="awaiting_panel")
    response = client_for(world.user("cdop")).post(
        reverse("cdop:case_status", args=[death.pk]), {"status": "reviewed", "version": death.version}, follow=True
    )
    assert "cannot move" in response.content.decode()
    assert Death.objects.get(pk=death.pk).status == "awaiting_panel"


def test_a_status_change_from_an_old_page_says_someone_else_saved_first(cdop_data, world, client_for):
    death = DeathFactory()
    opened_at = death.version
    services.death_move(death=death, by=world.user("cdop"), version=death.version, status="gathering")
    response = client_for(world.user("cdop")).post(
        reverse("cdop:case_status", args=[death.pk]), {"status": "awaiting_panel", "version": opened_at}, follow=True
    )
    assert "Someone else saved this case while you were editing it." in response.content.decode()
    assert Death.objects.get(pk=death.pk).status == "gathering"


def test_a_status_change_says_where_the_case_moved(cdop_data, world, client_for):
    death = DeathFactory()
    response = client_for(world.user("cdop")).post(
        reverse("cdop:case_status", args=[death.pk]), {"status": "gathering", "version": death.version}, follow=True
    )
    assert "Case moved to “Information gathering”" in response.content.decode()


def test_a_case_with_an_open_recommendation_cannot_close(cdop_data, world):
    death = DeathFactory()
    review = review_for(death)
    lead = world.user("lead")
    services.recommendation_add(
        review=review,
        by=world.user("cdop"),
        description="Brief staff.",
        measure="All briefed.",
        owner=lead,
        agency=world.home,
        due_date=dt.date(2026, 1, 1),
        priority="medium",
    )
    death.refresh_from_db()
    with pytest.raises(ValidationError, match="1 open recommendation"):
        services.death_move(death=death, by=world.user("cdop"), version=death.version, status="closed")


def test_a_stale_edit_is_refused(cdop_data, world):
    death = DeathFactory()
    services.death_move(death=death, by=world.user("cdop"), version=death.version, status="gathering")
    with pytest.raises(StaleEdit):
        services.death_move(death=death, by=world.user("cdop"), version=1, status="notified")


def test_correcting_the_date_of_death_after_the_review_is_refused(cdop_data, world):
    death = DeathFactory()
    review = review_for(death)
    with pytest.raises(ValidationError, match="after the panel review"):
        services.death_update(
            death=death,
            by=world.user("cdop"),
            version=death.version,
            date_of_death=review.reviewed_on + dt.timedelta(days=1),
            date_notified=review.reviewed_on + dt.timedelta(days=1),
        )


def test_referral_creates_the_case_review_and_links_it(cdop_data, world, client_for):
    from reviews.selectors import case_review_for_reference

    death = DeathFactory()
    death.agencies.set([world.home])
    client = client_for(world.user("cdop"))
    response = client.post(
        reverse("cdop:case_refer", args=[death.pk]),
        {"reference": "rr-2025-09", "kind": "rapid", "became_aware_on": "2025-01-20", "version": death.version},
    )
    assert response.status_code == 302
    death.refresh_from_db()
    assert death.review_reference == "RR-2025-09"
    review = case_review_for_reference("RR-2025-09")
    assert review is not None and death.case_number not in review.title
    assert list(review.agencies.all()) == [world.home]
    page = client.get(death.get_absolute_url()).content.decode()
    assert f'href="{review.get_absolute_url()}"' in page
    assert "Referred for practice review RR-2025-09." in page  # the new reference, not the one before


def test_a_reference_without_a_review_shows_no_link(cdop_data, world, client_for):
    death = DeathFactory(review_reference="RR-1999-01")
    page = client_for(world.user("cdop")).get(death.get_absolute_url()).content.decode()
    assert "no review with that reference is recorded yet" in page


def test_a_referral_dated_before_the_death_is_refused(cdop_data, world, client_for):
    death = DeathFactory()
    response = client_for(world.user("cdop")).post(
        reverse("cdop:case_refer", args=[death.pk]),
        {"reference": "RR-2025-10", "kind": "rapid", "became_aware_on": "2024-01-01", "version": death.version},
    )
    assert response.context["form"].errors["became_aware_on"] == ["The referral cannot be dated before the death."]
    assert 'value="RR-2025-10"' in response.content.decode()


class TestWeeklyReminder:
    today = dt.date(2025, 9, 1)

    def setup_cases(self):
        DeathFactory(case_number="CD-OLD-1", date_of_death=dt.date(2025, 1, 1), date_notified=dt.date(2025, 1, 2))
        # Exactly on the 182-day target: not over it.
        DeathFactory(case_number="CD-ON-TARGET", date_of_death=dt.date(2025, 3, 1), date_notified=dt.date(2025, 3, 3))
        done = DeathFactory(case_number="CD-DONE", date_of_death=dt.date(2024, 12, 1))
        review_for(done, reviewed_on=dt.date(2025, 6, 1))

    def test_it_reminds_the_chair_of_cases_over_target(self, cdop_data, world, member):
        self.setup_cases()
        assert send_waiting_reminders(today=self.today) == 1
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == [world.user("cdop").email]  # the chair, not the other member
        assert "CD-OLD-1" in message.body and "CD-ON-TARGET" not in message.body and "CD-DONE" not in message.body
        assert message.alternatives and "CD-OLD-1" in message.alternatives[0][0]

    def test_it_never_sends_twice_in_a_day(self, cdop_data, world):
        self.setup_cases()
        send_waiting_reminders(today=self.today)
        assert send_waiting_reminders(today=self.today) == 0
        assert len(mail.outbox) == 1
        assert ReminderLog.objects.count() == 1
        assert send_waiting_reminders(today=self.today + dt.timedelta(days=7)) == 1

    def test_nothing_over_target_sends_nothing(self, cdop_data, world):
        assert send_waiting_reminders(today=self.today) == 0
        assert mail.outbox == []

    def test_the_target_is_a_setting(self, cdop_data, world, settings):
        self.setup_cases()
        settings.CDOP_REVIEW_TARGET_DAYS = 100
        send_waiting_reminders(today=self.today)
        assert "CD-ON-TARGET" in mail.outbox[0].body

    def test_it_runs_weekly_from_the_beat_schedule(self):
        from cdop.schedule import BEAT

        entry = BEAT["cdop-weekly-waiting-reminder"]
        assert entry["task"] == "cdop.tasks.send_waiting_reminders"
        assert entry["schedule"].day_of_week == {1}
        assert len(entry["schedule"].hour) == 1

    def test_the_task_sends_through_celery(self, cdop_data, world, time_machine):
        from cdop.tasks import send_waiting_reminders as task

        time_machine.move_to(dt.datetime(2025, 9, 1, 8, 0))
        self.setup_cases()
        assert task.delay().get() == 1


def test_the_panel_review_records_its_themes(cdop_data, world):
    from cdop import services as cdop_services
    from cdop.models import Category, FactorDomain
    from cdop.tests.factories import DeathFactory
    from partnership.framework import load
    from partnership.models import LearningTheme

    load()
    death = DeathFactory()
    sleep = LearningTheme.objects.get(code="safer-sleep")
    review = cdop_services.panel_review_record(
        death=death,
        by=world.user("cdop"),
        version=death.version,
        reviewed_on=death.date_notified + dt.timedelta(days=90),
        category=Category.objects.get(code="trauma"),
        modifiable="no",
        scores={d.code: ("1", "") for d in FactorDomain.objects.all()},
        themes=[sleep],
    )
    assert list(review.themes.all()) == [sleep]


class TestWaitingReminderLog:
    today = dt.date(2025, 9, 1)

    def test_two_beats_on_one_day_send_one_email_logged_once_per_case_in_the_one_log(self, cdop_data, world):
        old = DeathFactory(case_number="CD-OLD-1", date_of_death=dt.date(2025, 1, 1), date_notified=dt.date(2025, 1, 2))
        assert send_waiting_reminders(today=self.today) == 1
        assert send_waiting_reminders(today=self.today) == 0
        assert len(mail.outbox) == 1
        log = ReminderLog.objects.select_related("item_type").get()
        assert (log.recipient, log.item_type.model, log.item_id, log.step, log.on_date) == (
            world.user("cdop"), "death", old.pk, "waiting", self.today
        )  # fmt: skip

    def test_a_send_that_fails_logs_nothing_so_the_retry_sends_it(self, cdop_data, world, monkeypatch):
        import smtplib

        from django.core.mail import EmailMultiAlternatives

        DeathFactory(case_number="CD-OLD-1", date_of_death=dt.date(2025, 1, 1), date_notified=dt.date(2025, 1, 2))
        with monkeypatch.context() as patched:
            patched.setattr(EmailMultiAlternatives, "send", lambda self: (_ for _ in ()).throw(smtplib.SMTPException()))
            with pytest.raises(smtplib.SMTPException):
                send_waiting_reminders(today=self.today)
        assert not ReminderLog.objects.exists()
        assert send_waiting_reminders(today=self.today) == 1

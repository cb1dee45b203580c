"""Follow-up reminders: due within 14 days or overdue, one e-mail per person, kind and day."""

import datetime as dt

import pytest
from django.core import mail

from audits.models import FollowUp
from audits.tasks import send_follow_up_reminders
from audits.tests.factories import AgencyAuditFactory
from partnership.models import ReminderLog

pytestmark = pytest.mark.django_db
TODAY = dt.date(2025, 6, 10)


def follow_up(world, days: int, agency=None, submitted=False):
    audit = AgencyAuditFactory(agency=agency or world.home, status="follow_up_due")
    return FollowUp.objects.create(
        audit=audit,
        due_date=TODAY + dt.timedelta(days=days),
        requested_by=world.user("chair"),
        submitted_on=TODAY if submitted else None,
    )


def test_it_reminds_the_agency_lead_of_due_and_overdue_follow_ups(world):
    follow_up(world, 14)
    follow_up(world, -1)
    follow_up(world, 15)  # too far off
    follow_up(world, -5, submitted=True)  # already in
    assert send_follow_up_reminders(on_date=TODAY.isoformat()) == 2
    subjects = sorted(m.subject for m in mail.outbox)
    assert subjects == ["Audit follow-up reports due soon", "Audit follow-up reports overdue"]
    assert all(m.to == [world.user("lead").email] for m in mail.outbox)
    assert all(m.alternatives for m in mail.outbox)


def test_it_never_sends_twice_on_the_same_day(world):
    follow_up(world, -1)
    send_follow_up_reminders(on_date=TODAY.isoformat())
    assert send_follow_up_reminders(on_date=TODAY.isoformat()) == 0
    assert len(mail.outbox) == 1
    assert ReminderLog.objects.count() == 1
    send_follow_up_reminders(on_date=(TODAY + dt.timedelta(days=1)).isoformat())
    assert len(mail.outbox) == 2


def test_one_email_covers_several_follow_ups_of_the_same_kind(world):
    follow_up(world, -1)
    follow_up(world, -3)
    send_follow_up_reminders(on_date=TODAY.isoformat())
    assert len(mail.outbox) == 1
    assert ReminderLog.objects.filter(recipient=world.user("lead"), step="overdue", on_date=TODAY).count() == 2


def test_the_beat_schedule_runs_it_daily():
    from bscp_portal.schedule import beat_schedule

    assert beat_schedule()["audits-follow-up-reminders"]["task"] == "audits.tasks.send_follow_up_reminders"


def test_two_beats_on_one_day_send_one_email_logged_once_per_follow_up_in_the_one_log(world):
    first, second = follow_up(world, -1), follow_up(world, -2)
    assert send_follow_up_reminders(on_date=TODAY.isoformat()) == 1
    assert send_follow_up_reminders(on_date=TODAY.isoformat()) == 0
    assert len(mail.outbox) == 1
    logged = ReminderLog.objects.select_related("item_type")
    assert {(r.item_type.model, r.item_id, r.step, r.label) for r in logged} == {
        ("followup", first.pk, "overdue", "Follow-up report overdue"),
        ("followup", second.pk, "overdue", "Follow-up report overdue"),
    }
    third = follow_up(world, -3)  # overdue later the same day: only it is sent about
    assert send_follow_up_reminders(on_date=TODAY.isoformat()) == 1
    body = mail.outbox[1].body
    assert f"- {third.audit.title} (" in body and f"- {first.audit.title} (" not in body


def test_a_send_that_fails_logs_nothing_so_the_retry_sends_it(world, monkeypatch):
    import smtplib

    from django.core.mail import EmailMultiAlternatives

    follow_up(world, -1)
    with monkeypatch.context() as patched:
        patched.setattr(EmailMultiAlternatives, "send", lambda self: (_ for _ in ()).throw(smtplib.SMTPException()))
        with pytest.raises(smtplib.SMTPException):
            send_follow_up_reminders(on_date=TODAY.isoformat())
    assert not ReminderLog.objects.exists()
    assert send_follow_up_reminders(on_date=TODAY.isoformat()) == 1

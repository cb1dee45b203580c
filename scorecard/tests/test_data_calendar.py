"""The data calendar: agencies' returns, the partnership value, reminders on the right working
day (frozen clock), late and missing figures."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from partnership.models import ReminderLog
from partnership.tests.factories import AgencyFactory, UserFactory
from scorecard import services
from scorecard.models import AgencyReturn, Measurement, Submitter
from scorecard.tasks import return_reminders
from scorecard.tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db

# April 2026's figures are due 15 May 2026 (a Friday): reminders on Fri 8 May and Fri 15 May,
# a chase on Fri 22 May, missing on Mon 1 June (25 May is the spring bank holiday).
APRIL = dt.date(2026, 4, 1)


def _at(day: dt.date):
    return time_machine.travel(dt.datetime.combine(day, dt.time(7, 15), tzinfo=dt.UTC), tick=False)


@pytest.fixture
def bullying(world):
    indicator = IndicatorFactory(
        code="BULLY", name="Bullying incidents resolved", unit="percentage", frequency="monthly", due_days=15
    )
    school = AgencyFactory(name="Oakwell Primary School")
    person = UserFactory(username="teacher", agency=school, roles=["agency_contributor"], email="t@example.org")
    lead = UserFactory(username="head", agency=school, roles=["agency_lead"], email="head@example.org")
    Submitter.objects.create(indicator=indicator, agency=school, responsible=person)
    Submitter.objects.create(indicator=indicator, agency=world.home, responsible=world.user("lead"))
    return indicator, school, person, lead


def _submit(indicator, agency, num, den, today, by=None):
    return services.agency_return_submit(
        indicator=indicator, agency=agency, period_start=APRIL, numerator=Decimal(num), denominator=Decimal(den),
        by=by, today=today,
    )  # fmt: skip


def test_the_partnership_value_sums_numerators_and_denominators(world, bullying):
    indicator, school, *_ = bullying
    _submit(indicator, school, 25, 50, dt.date(2026, 5, 10))
    _submit(indicator, world.home, 10, 1000, dt.date(2026, 5, 12))
    m = Measurement.objects.get(indicator=indicator, period_start=APRIL)
    # 35 / 1,050 = 3.3%, not the 25.5% an average of 50% and 1% would give.
    assert (m.value, m.numerator, m.denominator) == (Decimal("3.3"), Decimal(35), Decimal(1050))
    assert m.note == "From 2 of 2 agencies' returns" and m.origin == "computed:agency returns"


def test_a_late_figure_is_recorded_as_late_and_a_correction_keeps_the_first_date(world, bullying):
    indicator, school, *_ = bullying
    first = _submit(indicator, school, 5, 50, dt.date(2026, 5, 19))
    assert (first.due_on, first.submitted_on, first.days_late, first.is_late) == (
        dt.date(2026, 5, 15), dt.date(2026, 5, 19), 4, True,
    )  # fmt: skip
    again = _submit(indicator, school, 6, 50, dt.date(2026, 5, 30))
    assert (again.pk, again.submitted_on, again.days_late, again.version) == (first.pk, dt.date(2026, 5, 19), 4, 2)


def test_an_agency_that_does_not_submit_the_indicator_is_refused(world, bullying):
    indicator, *_ = bullying
    with pytest.raises(ValidationError, match="does not submit"):
        _submit(indicator, world.other, 1, 2, dt.date(2026, 5, 10))


def test_a_period_still_running_cannot_be_entered(world, bullying):
    indicator, school, *_ = bullying
    with pytest.raises(ValidationError, match="once it has ended"):
        _submit(indicator, school, 1, 2, dt.date(2026, 4, 20))


@pytest.mark.parametrize(
    ("day", "step", "recipients"),
    [
        (dt.date(2026, 5, 8), "week_before", {"t@example.org"}),
        (dt.date(2026, 5, 15), "due_day", {"t@example.org"}),
        (dt.date(2026, 5, 22), "chase", {"t@example.org", "head@example.org"}),
    ],
)
def test_each_step_is_sent_once_on_its_working_day(world, bullying, day, step, recipients):
    indicator, school, *_ = bullying
    _submit(indicator, world.home, 10, 100, dt.date(2026, 5, 2))  # home has sent: only the school is reminded
    with _at(day):
        first = return_reminders.delay().get()
        second = return_reminders.delay().get()
    assert first == {step: len(recipients)} and second == {}
    assert {m.to[0] for m in mail.outbox} == recipients and len(mail.outbox) == len(recipients)
    assert set(ReminderLog.objects.values_list("step", "item_id", "on_date").distinct()) == {
        (step, Submitter.objects.get(agency=school).pk, day)
    }


def test_no_reminder_on_the_days_between_steps_or_once_the_figure_is_in(world, bullying):
    indicator, school, *_ = bullying
    with _at(dt.date(2026, 5, 21)):
        assert return_reminders.delay().get() == {}
    _submit(indicator, school, 1, 10, dt.date(2026, 5, 21))
    with _at(dt.date(2026, 5, 22)):
        assert return_reminders.delay().get() == {"chase": 1}  # home's lead only
    assert [m.to for m in mail.outbox] == [[world.user("lead").email]]


def test_after_ten_working_days_the_figure_is_missing_and_the_scorecard_shows_a_colon(world, bullying, client_for):
    indicator, *_ = bullying
    with _at(dt.date(2026, 6, 1)):
        assert return_reminders.delay().get() == {"missing": 2}
        assert return_reminders.delay().get() == {}
    m = Measurement.objects.get(indicator=indicator, period_start=APRIL)
    assert (m.value, m.symbol) == (None, ":")
    assert not mail.outbox
    with _at(dt.date(2026, 6, 2)):
        page = client_for(world.user("paqa")).get(reverse("scorecard:indicator", args=["BULLY"])).content.decode()
    assert "Not submitted" in page and "Oakwell Primary School" in page


def test_a_figure_that_arrives_after_being_marked_missing_replaces_the_colon(world, bullying):
    indicator, school, *_ = bullying
    with _at(dt.date(2026, 6, 1)):
        return_reminders.delay().get()
    _submit(indicator, school, 3, 30, dt.date(2026, 6, 3))
    m = Measurement.objects.get(indicator=indicator, period_start=APRIL)
    assert (m.value, m.symbol, m.note) == (Decimal("10.0"), "", "From 1 of 2 agencies' returns")
    assert AgencyReturn.objects.get(agency=school).days_late == 19


def test_the_contributor_enters_an_overdue_return_from_returns_due(world, bullying, client_for):
    indicator, school, person, _ = bullying
    client = client_for(person)
    with _at(dt.date(2026, 5, 20)):
        page = client.get(reverse("scorecard:returns_due")).content.decode()
        assert "Overdue" in page and "Bullying incidents resolved" in page
        url = reverse("scorecard:return_enter", args=["BULLY", "2026-04-01"])
        assert url in page
        bad = client.post(url, {"numerator": "60", "denominator": "50"})
        assert bad.status_code == 400 and "cannot be more than" in bad.content.decode()
        assert 'value="60"' in bad.content.decode()
        assert client.post(url, {"numerator": "12", "denominator": "50"}).status_code == 302
    saved = AgencyReturn.objects.get(agency=school)
    assert (saved.numerator, saved.days_late, saved.submitted_by) == (Decimal(12), 5, person)


def test_another_agencys_person_cannot_enter_the_schools_return(world, bullying, client_for):
    url = reverse("scorecard:return_enter", args=["BULLY", "2026-04-01"])
    with _at(dt.date(2026, 5, 20)):
        assert client_for(world.other_lead).get(url).status_code == 403
        assert (
            client_for(world.user("contributor"))
            .get(reverse("scorecard:return_enter", args=["BULLY", "2026-04-02"]))
            .status_code
            == 404
        )


def test_periods_before_the_agency_joined_the_calendar_are_not_expected(world, bullying):
    indicator, school, *_ = bullying
    Submitter.objects.filter(agency=school).update(expected_from=dt.date(2026, 5, 1))
    with _at(dt.date(2026, 6, 1)):
        assert return_reminders.delay().get() == {"missing": 1}  # home only; the school joined in May


def test_two_beats_on_one_day_send_one_email_per_person_logged_in_the_one_log(world, bullying):
    indicator, school, person, lead = bullying
    _submit(indicator, world.home, 10, 100, dt.date(2026, 5, 2))
    with _at(dt.date(2026, 5, 22)):
        assert return_reminders.delay().get() == {"chase": 2}
        assert return_reminders.delay().get() == {}
    submitter = Submitter.objects.get(agency=school)
    logged = ReminderLog.objects.select_related("item_type")
    assert {(r.recipient_id, r.item_type.model, r.item_id, r.step, r.label) for r in logged} == {
        (person.pk, "submitter", submitter.pk, "chase", "Overdue: April 2026"),
        (lead.pk, "submitter", submitter.pk, "chase", "Overdue: April 2026"),
    }
    assert len(mail.outbox) == 2


def test_the_missing_step_is_logged_for_nobody_once(world, bullying):
    with _at(dt.date(2026, 6, 1)):
        return_reminders.delay().get()
        return_reminders.delay().get()
    assert sorted(ReminderLog.objects.values_list("recipient", "step", "label")) == [
        (None, "missing", "Recorded as missing: April 2026"),
        (None, "missing", "Recorded as missing: April 2026"),
    ]
    assert ReminderLog.objects.values("item_id").distinct().count() == 2  # one per agency


def test_a_send_that_fails_logs_nothing_so_the_retry_sends_it(world, bullying, monkeypatch):
    import smtplib

    from django.core.mail import EmailMultiAlternatives

    from scorecard.reminders import send_due

    with monkeypatch.context() as patched:
        patched.setattr(EmailMultiAlternatives, "send", lambda self: (_ for _ in ()).throw(smtplib.SMTPException()))
        with pytest.raises(smtplib.SMTPException):
            send_due(today=dt.date(2026, 5, 8))
    assert not ReminderLog.objects.exists()
    assert send_due(today=dt.date(2026, 5, 8)) == {"week_before": 2}

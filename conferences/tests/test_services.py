"""Recording conferences: the bad input the framework names is refused with a clear message."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from bscp_portal.lib.concurrency import StaleEdit
from conferences import services
from conferences.models import AgencyInvitation, Conference
from conferences.tests.factories import ConferenceFactory, InvitationFactory
from partnership.tests.factories import AgencyFactory

D = dt.date
pytestmark = pytest.mark.django_db

INITIAL = {
    "child_ref": "CP-25-00001",
    "kind": "initial",
    "strategy_discussion_date": D(2025, 3, 3),
    "enquiry_start_date": D(2025, 3, 3),
    "conference_date": D(2025, 3, 24),
    "chair": "Janet Ahmed",
    "outcome": "plan_made",
    "plan_category": "neglect",
    "plan_start": D(2025, 3, 24),
    "child_sex": "female",
    "child_age_band": "5_9",
    "child_ethnicity": "white",
    "child_disability": "not_known",
}


def messages_of(exc: pytest.ExceptionInfo) -> dict:
    return {k: " ".join(v) for k, v in exc.value.message_dict.items()}


def test_it_records_an_initial_conference_and_works_out_its_timeliness():
    conference = services.conference_create(created_by=None, **INITIAL)
    assert (conference.due_date, conference.working_days, conference.timely) == (D(2025, 3, 24), 15, True)
    assert conference.history.count() == 1


def _reason(code="family-unavailable"):
    from conferences.models import LateReason

    return LateReason.objects.get_or_create(code=code, defaults={"name": "The family could not attend"})[0]


LATE = {**INITIAL, "conference_date": D(2025, 3, 25), "plan_start": D(2025, 3, 25)}


def test_it_marks_day_16_late():
    conference = services.conference_create(
        created_by=None, **LATE, late_reason=_reason(), late_reason_detail="Mother in hospital on the 24th."
    )
    assert conference.timely is False
    assert conference.late_reason.code == "family-unavailable"


def test_a_late_conference_needs_a_reason_from_the_list_and_what_happened():
    with pytest.raises(ValidationError) as exc:
        services.conference_create(created_by=None, **LATE)
    errors = messages_of(exc)
    assert errors["late_reason"] == (
        "This conference was out of timescale: choose the reason from the list. It was due by 24 March 2025."
    )
    assert "Say in a few words what happened" in errors["late_reason_detail"]
    assert not Conference.objects.exists()  # nothing kept


def test_a_reason_without_what_happened_is_refused():
    with pytest.raises(ValidationError) as exc:
        services.conference_create(created_by=None, **LATE, late_reason=_reason())
    assert set(messages_of(exc)) == {"late_reason_detail"}


def test_a_timely_conference_takes_no_reason():
    with pytest.raises(ValidationError) as exc:
        services.conference_create(created_by=None, **INITIAL, late_reason=_reason(), late_reason_detail="x")
    assert "leave the reason empty" in messages_of(exc)["late_reason"]


def test_editing_a_late_conference_without_a_reason_asks_for_one():
    conference = services.conference_create(
        created_by=None, **LATE, late_reason=_reason(), late_reason_detail="Mother in hospital."
    )
    with pytest.raises(ValidationError) as exc:
        services.conference_update(conference=conference, by=None, version=conference.version, late_reason=None)
    assert "choose the reason" in messages_of(exc)["late_reason"]


def test_it_refuses_a_conference_before_the_enquiry_start():
    with pytest.raises(ValidationError) as exc:
        services.conference_create(created_by=None, **{**INITIAL, "conference_date": D(2025, 2, 28)})
    assert "before the section 47 enquiry started" in messages_of(exc)["conference_date"]


def test_it_refuses_a_review_with_no_earlier_conference_for_the_child():
    with pytest.raises(ValidationError) as exc:
        services.conference_create(
            created_by=None,
            **{**INITIAL, "kind": "review", "outcome": "plan_continued", "enquiry_start_date": None},
        )
    assert "no earlier conference for CP-25-00001" in messages_of(exc)["kind"]


def test_it_refuses_a_plan_ending_before_it_started():
    services.conference_create(created_by=None, **INITIAL)
    with pytest.raises(ValidationError) as exc:
        services.conference_create(
            created_by=None,
            **{
                **INITIAL,
                "kind": "review",
                "conference_date": D(2025, 6, 20),
                "outcome": "plan_ended",
                "plan_end": D(2025, 3, 1),
            },
        )
    assert "before the plan start" in messages_of(exc)["plan_end"]


def test_it_refuses_a_name_for_a_case_reference():
    with pytest.raises(ValidationError) as exc:
        services.conference_create(created_by=None, **{**INITIAL, "child_ref": "Jane Smith"})
    assert "never the child's name" in messages_of(exc)["child_ref"]


def test_an_initial_conference_needs_the_enquiry_start():
    with pytest.raises(ValidationError) as exc:
        services.conference_create(created_by=None, **{**INITIAL, "enquiry_start_date": None})
    assert "enquiry_start_date" in messages_of(exc)


def test_a_review_records_the_next_due_date_and_a_change_moves_the_clock():
    first = services.conference_create(created_by=None, **INITIAL)
    review = services.conference_create(
        created_by=None,
        **{
            **INITIAL,
            "kind": "review",
            "conference_date": D(2025, 6, 24),
            "outcome": "plan_continued",
            "enquiry_start_date": None,
            "strategy_discussion_date": None,
        },
    )
    assert (review.due_date, review.timely) == (D(2025, 6, 24), True)
    services.conference_update(conference=first, by=None, version=first.version, conference_date=D(2025, 3, 21))
    review.refresh_from_db()
    assert (review.due_date, review.timely) == (D(2025, 6, 21), False)


def test_a_stale_edit_is_refused():
    conference = services.conference_create(created_by=None, **INITIAL)
    services.conference_update(conference=conference, by=None, version=1, chair="Mark Ellis")
    with pytest.raises(StaleEdit):
        services.conference_update(
            conference=Conference.objects.get(pk=conference.pk), by=None, version=1, chair="Ruth Okafor"
        )
    assert Conference.objects.get(pk=conference.pk).chair == "Mark Ellis"


def test_it_refuses_attendance_for_an_agency_not_invited():
    conference = ConferenceFactory()
    agency = AgencyFactory(name="SY Police")
    with pytest.raises(ValidationError) as exc:
        services.invitation_save(conference=conference, agency=agency, invited=False, attended=True)
    assert "SY Police was not invited" in messages_of(exc)["attended"]
    assert not AgencyInvitation.objects.exists()


def test_a_report_two_working_days_before_is_on_time():
    conference = ConferenceFactory(conference_date=D(2025, 3, 19), plan_start=D(2025, 3, 19))  # Wednesday
    agency = AgencyFactory()
    on_time = services.invitation_save(conference=conference, agency=agency, report_submitted_on=D(2025, 3, 17))
    assert on_time.report_on_time is True
    late = services.invitation_save(conference=conference, agency=agency, report_submitted_on=D(2025, 3, 18))
    assert late.report_on_time is False
    assert AgencyInvitation.objects.count() == 1


def test_moving_the_conference_date_rechecks_the_reports():
    conference = ConferenceFactory(conference_date=D(2025, 3, 19), plan_start=D(2025, 3, 19))
    inv = InvitationFactory(conference=conference, report_submitted_on=D(2025, 3, 17), report_on_time=True)
    services.conference_update(
        conference=conference,
        by=None,
        version=conference.version,
        conference_date=D(2025, 3, 18),
        plan_start=D(2025, 3, 18),
    )
    inv.refresh_from_db()
    assert (inv.conference_date, inv.report_on_time) == (D(2025, 3, 18), False)


def test_invitations_replace_removes_agencies_left_out():
    conference = ConferenceFactory()
    keep, drop = AgencyFactory(), AgencyFactory()
    services.invitations_replace(conference=conference, rows=[{"agency": keep}, {"agency": drop}])
    services.invitations_replace(conference=conference, rows=[{"agency": keep, "attended": True}])
    assert list(conference.invitations.values_list("agency_id", "attended")) == [(keep.pk, True)]

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from bscp_portal.lib.concurrency import StaleEdit
from governance import services
from governance.models import Attendance, Meeting
from governance.tests.factories import AttendanceFactory, MeetingFactory
from governance.tests.helpers import LAYOUT_QUERIES, csv_export
from partnership.tests.factories import AgencyFactory, SubCommitteeFactory
from tests.html import shown_again

pytestmark = pytest.mark.django_db


def _meeting(world, held_on=dt.date(2026, 1, 15)):
    return services.meeting_create(
        body=SubCommitteeFactory(code="partnership"), held_on=held_on, expected_agencies=[world.home, world.other]
    )


def test_it_creates_a_row_for_each_expected_agency(world):
    meeting = _meeting(world)
    assert set(meeting.attendance.values_list("agency", "status")) == {
        (world.home.pk, "expected"),
        (world.other.pk, "expected"),
    }


def test_it_records_attendance_with_a_deputy(world):
    meeting = _meeting(world)
    services.attendance_record(
        meeting=meeting,
        by=world.user("bu"),
        version=1,
        entries={world.home.pk: ("apologies", "D. Deputy"), world.other.pk: ("absent", "")},
    )
    row = meeting.attendance.get(agency=world.home)
    assert (row.status, row.deputy) == ("apologies", "D. Deputy")
    assert Meeting.objects.get(pk=meeting.pk).version == 2


def test_it_refuses_attendance_for_a_future_meeting(world):
    meeting = _meeting(world, held_on=dt.date(2026, 12, 1))
    with pytest.raises(ValidationError, match="not taken place"):
        services.attendance_record(
            meeting=meeting, by=None, version=1, entries={world.home.pk: ("attended", "")}, today=dt.date(2026, 11, 30)
        )
    assert meeting.attendance.get(agency=world.home).status == "expected"


def test_it_refuses_a_deputy_without_apologies(world):
    meeting = _meeting(world)
    with pytest.raises(ValidationError):
        services.attendance_record(
            meeting=meeting, by=None, version=1, entries={world.home.pk: ("attended", "Someone")}
        )


def test_the_second_saver_of_a_stale_form_is_told(world):
    meeting = _meeting(world)
    services.attendance_record(meeting=meeting, by=None, version=1, entries={world.home.pk: ("attended", "")})
    with pytest.raises(StaleEdit):
        services.attendance_record(meeting=meeting, by=None, version=1, entries={world.home.pk: ("absent", "")})
    assert meeting.attendance.get(agency=world.home).status == "attended"


def _save_attendance(client, meeting, rows: dict):
    """The meeting's attendance page saved over its first version: {agency: (status, deputy)},
    a deputy of None leaving the field out."""
    data = {"version": 1}
    for agency, (status, deputy) in rows.items():
        data[f"status_{agency.pk}"] = status
        if deputy is not None:
            data[f"deputy_{agency.pk}"] = deputy
    return client.post(reverse("governance:meeting_attendance", args=[meeting.pk]), data)


def test_the_page_refuses_a_future_meeting_with_a_clear_message(world, client_for):
    meeting = _meeting(world, held_on=dt.date.today() + dt.timedelta(days=10))
    bu = client_for(world.user("bu"))
    response = _save_attendance(bu, meeting, {world.home: ("attended", None), world.other: ("absent", "")})
    assert response.status_code == 400
    assert "has not taken place yet" in response.content.decode()
    assert not Attendance.objects.filter(meeting=meeting).exclude(status="expected").exists()


def test_bad_attendance_input_keeps_what_was_typed(world, client_for):
    meeting = _meeting(world)
    bu = client_for(world.user("bu"))
    response = _save_attendance(bu, meeting, {world.home: ("attended", "Typed Deputy"), world.other: ("", None)})
    body = shown_again(response, "Typed Deputy", status=400)
    assert "This field is required" in body or "A deputy is recorded only with apologies" in body


def test_the_dashboard_flags_agencies_below_the_threshold(world, client_for, settings):
    settings.GOVERNANCE_ATTENDANCE_THRESHOLD_PCT = 75
    today = dt.date.today()
    for i in range(4):
        m = MeetingFactory(held_on=today - dt.timedelta(days=30 * (i + 1)))
        AttendanceFactory(meeting=m, agency=world.home, status="attended")
        AttendanceFactory(meeting=m, agency=world.other, status="attended" if i == 0 else "absent")
    body = client_for(world.user("chair")).get(reverse("governance:attendance_dashboard")).content.decode()
    assert "Below 75% in the last 12 months" in body
    assert "Canary Agency: 25.0%" in body


def test_an_agency_user_never_sees_another_agencys_attendance(world, client_for):
    today = dt.date.today()
    m = MeetingFactory(held_on=today - dt.timedelta(days=10))
    AttendanceFactory(meeting=m, agency=world.home)
    AttendanceFactory(meeting=m, agency=world.other, status="absent")
    client = client_for(world.user("lead"))
    for url in (reverse("governance:attendance_dashboard"), reverse("governance:meeting_detail", args=[m.pk])):
        body = client.get(url).content.decode()
        assert "Home Agency" in body
        assert "Canary" not in body


def test_the_dashboard_query_count_does_not_grow_with_the_data(world, client_for, django_assert_num_queries):
    today = dt.date.today()
    agencies = [AgencyFactory() for _ in range(8)]
    for y in range(4):
        for k in range(3):
            m = MeetingFactory(held_on=today - dt.timedelta(days=365 * y + 40 * k + 1))
            for a in agencies:
                AttendanceFactory(meeting=m, agency=a, status="attended" if (y + k) % 3 else "absent")
    client = client_for(world.user("bu"))
    client.get(reverse("governance:attendance_dashboard"))
    # Layout (7): session, user, roles, the user's agency in the header, and the session save
    # (savepoint, update, release). Page (3): rates per agency per year; per body per year;
    # per agency over the last 12 months.
    with django_assert_num_queries(LAYOUT_QUERIES + 3):
        assert client.get(reverse("governance:attendance_dashboard")).status_code == 200


def test_a_meeting_without_a_statutory_partner_is_not_quorate_and_says_who(world, client_for):
    from governance.models import QuorumRule

    QuorumRule.objects.create(code="partnership", min_agencies=2, min_percent=50, statutory_partners_required=True)
    police = AgencyFactory(name="Police Force", statutory_partner=True)
    meeting = services.meeting_create(
        body=SubCommitteeFactory(code="partnership"),
        held_on=dt.date(2026, 1, 15),
        expected_agencies=[world.home, world.other, police],
    )
    services.attendance_record(
        meeting=meeting,
        by=None,
        version=1,
        entries={world.home.pk: ("attended", ""), world.other.pk: ("attended", ""), police.pk: ("apologies", "")},
    )
    body = client_for(world.user("board")).get(reverse("governance:meeting_detail", args=[meeting.pk])).content.decode()
    assert "Not quorate" in body and "Statutory partner not represented: Police Force" in body
    services.attendance_record(meeting=meeting, by=None, version=2, entries={police.pk: ("apologies", "Deputy chief")})
    body = client_for(world.user("board")).get(reverse("governance:meeting_detail", args=[meeting.pk])).content.decode()
    assert "Quorate" in body and "Not quorate" not in body


def test_the_export_has_the_dashboard_rates_and_only_visible_agencies(world, client_for):
    m = MeetingFactory(held_on=dt.date(2025, 6, 1))
    AttendanceFactory(meeting=m, agency=world.home, status="attended")
    AttendanceFactory(meeting=m, agency=world.other, status="absent")
    lead_csv = csv_export(client_for(world.user("lead")), "governance:attendance_export", "?format=csv")
    assert "Agency,Home Agency,2025,100.0" in lead_csv and "Canary" not in lead_csv
    bu_csv = csv_export(client_for(world.user("bu")), "governance:attendance_export", "?format=csv")
    assert "Agency,Canary Agency,2025,0.0" in bu_csv and "Partnership or sub-committee," in bu_csv

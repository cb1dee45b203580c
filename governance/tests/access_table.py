"""Who may open each partnership-performance URL (records here are partnership-wide unless
noted; per-agency rows are checked by the canary tests)."""

import datetime as dt

from tests.access import Route, only, public, signed_in


def _plan(w):
    from governance.tests.factories import PlanFactory

    return {"pk": PlanFactory().pk}


def _objective(w):
    from governance.tests.factories import ObjectiveFactory

    return {"pk": ObjectiveFactory().pk}


def _meeting(w):
    from governance.tests.factories import AttendanceFactory

    row = AttendanceFactory(agency=w.other)
    AttendanceFactory(meeting=row.meeting, agency=w.home)
    return {"pk": row.meeting.pk}


def _session(w):
    from governance.tests.factories import TrainingPlaceFactory

    place = TrainingPlaceFactory(agency=w.other)
    return {"pk": place.session.pk}


def _chairs_meeting(w):
    from governance import services

    meeting = services.chairs_meeting_record(
        held_on=dt.date(2026, 1, 12), by=w.user("bu"), attendees=[w.user("chair")], decisions=["Agreed the plan."]
    )
    return {"pk": meeting.pk}


def _course(w):
    from governance.tests.factories import CourseFactory

    return {"pk": CourseFactory().pk}


def _token(w):
    from governance.tests.factories import TrainingPlaceFactory

    return {"token": TrainingPlaceFactory(agency=w.other).evaluation_token}


def _survey(w):
    from governance import voice_services
    from governance.models import RatingSurvey

    # The demo data (tests/test_plain_words.py) has the year's rating already: open the next one.
    year = max([2026, *(y + 1 for y in RatingSurvey.objects.values_list("year", flat=True))])
    return {"pk": voice_services.survey_open(year=year, opened_on=dt.date(2026, 6, 1)).pk}


def _campaign(w):
    from governance import voice_services

    return {"pk": voice_services.campaign_open(title="Voices").pk}


def _open_campaign(w):
    _campaign(w)
    return {}


def _report(w):
    from governance.tests.factories import RoutedReportFactory

    return {"pk": RoutedReportFactory().pk}


def _conference_year(w):
    from django.utils import timezone

    from conferences.indicators import financial_year_of

    start, _ = financial_year_of(timezone.localdate())
    return {"kind": "conferences", "ref": f"{start.year}-{str(start.year + 1)[-2:]}"}


def _requested_of_lead(w):
    from governance.tests.factories import RoutedReportFactory

    return {"pk": RoutedReportFactory(status="requested", owner=w.user("lead"), received_on=None).pk}


def _report_with_file(w):
    from django.core.files.base import ContentFile

    from governance.tests.factories import RoutedReportFactory

    report = RoutedReportFactory(original_name="paper.pdf")
    report.file.save("report-test.pdf", ContentFile(b"%PDF-1.4\n%test\n"), save=True)
    return {"pk": report.pk}


AGENCY_REPORTERS = ["bu", "lead", "contributor"]
FEEDBACK_READERS = ["bu", "paqa", "board", "chair"]

ROUTES = [
    Route("governance:index", signed_in(200)),
    Route("governance:plan_detail", signed_in(200), kwargs=_plan),
    Route("governance:chair_report_create", only(["bu", "chair"]), kwargs=_plan),
    Route("governance:objective_detail", signed_in(200), kwargs=_objective),
    Route("governance:objective_rate", only(["bu", "chair"], 302), kwargs=_objective),
    Route("governance:meeting_list", signed_in(200)),
    Route("governance:meeting_create", only(["bu"])),
    Route("governance:meeting_detail", signed_in(200), kwargs=_meeting),
    Route("governance:meeting_attendance", only(["bu"]), kwargs=_meeting),
    Route("governance:chairs_meeting_list", signed_in(200)),
    Route("governance:chairs_meeting_create", only(["bu", "chair"])),
    Route("governance:chairs_meeting_detail", signed_in(200), kwargs=_chairs_meeting),
    Route("governance:attendance_dashboard", signed_in(200)),
    Route("governance:attendance_export", signed_in(200), query="?format=xlsx"),
    Route("governance:budget_dashboard", signed_in(200)),
    Route("governance:budget_export", signed_in(200), query="?format=xlsx"),
    Route("governance:contribution_add", only(["bu"])),
    Route("governance:expenditure_add", only(["bu"])),
    Route("governance:pressure_create", only(AGENCY_REPORTERS)),
    Route("governance:investment_create", only(AGENCY_REPORTERS)),
    Route("governance:training_dashboard", signed_in(200)),
    Route("governance:training_export", signed_in(200), query="?format=csv"),
    Route("governance:session_detail", signed_in(200), kwargs=_session),
    Route("governance:places_add", only(["bu"]), kwargs=_session),
    Route("governance:evaluation_enter", only(["bu"]), kwargs=_session),
    Route("governance:evaluate", public(200), kwargs=_token),
    Route("governance:standards", signed_in(200)),
    Route("governance:course_detail", signed_in(200), kwargs=_course),
    Route("governance:course_assess", only(["bu"]), kwargs=_course),
    Route("governance:follow_up_enter", only(["bu"]), kwargs=_session),
    Route("governance:follow_up", public(200), kwargs=_token),
    Route("governance:workforce_summary", signed_in(200)),
    Route("governance:workforce_enter", only(["bu", "lead"])),
    Route("governance:survey_list", signed_in(200)),
    Route("governance:survey_open", only(["bu"], 302)),
    Route("governance:survey_detail", signed_in(200), kwargs=_survey),
    Route("governance:campaign_open", only(["bu"], 302)),
    Route("governance:feedback_results", only(FEEDBACK_READERS), kwargs=_campaign),
    Route("governance:feedback_public", public(200), kwargs=_open_campaign),
    Route("governance:feedback_thanks", public(200)),
    Route("governance:report_list", signed_in(200)),
    # The safeguarding services manager uploads too; the CDOP panel chair sends only the
    # suppressed CDOP summary from this page (no upload).
    Route("governance:report_upload", only(["bu", "paqa", "chair", "lead", "board", "ssm", "cdop"])),
    Route("governance:report_send", only(["bu", "ssm"]), kwargs=_conference_year),
    Route("governance:report_request", only(["bu", "board"])),
    Route("governance:report_detail", signed_in(200), kwargs=_report),
    Route("governance:report_submit", only(["lead"], 302), kwargs=_requested_of_lead),
    Route("governance:report_decide", only(["paqa"], 302), kwargs=_report),
    Route("governance:report_download", signed_in(200), kwargs=_report_with_file),
]


def canary(w) -> list[str]:
    """The other agency's budget pressure, investment, contribution and a deputy's name at a
    meeting the home agency also attended: none may reach a home agency user."""
    from decimal import Decimal

    from governance import services
    from governance.tests.factories import (
        AttendanceFactory,
        ContributionFactory,
        FinancialYearFactory,
        MeetingFactory,
        budget_pressure,
    )

    year = FinancialYearFactory(start_year=2025)
    budget_pressure(
        year, w.other, w.other_lead, "CANARYPRESSURE", impact="CANARYIMPACT", mitigations="CANARYMITIGATION"
    )
    services.investment_create(
        year=year, agency=w.other, by=w.other_lead, description="CANARYINVEST", amount=Decimal("13579")
    )
    ContributionFactory(year=year, agency=w.other, agreed=Decimal("98765.43"), received=None)
    meeting = MeetingFactory(held_on=dt.date(2025, 6, 1))
    AttendanceFactory(meeting=meeting, agency=w.home, status="attended")
    AttendanceFactory(meeting=meeting, agency=w.other, status="apologies", deputy="CANARYDEPUTY")
    services.workforce_return_save(
        agency=w.other,
        year=2025,
        by=w.other_lead,
        staff_in_contact=97531,
        trained=86420,
        safeguarding_posts=7531,
        vacancies=642,
        leavers=531,
        note="CANARYWORKFORCE",
    )
    return [
        "97531",
        "86420",
        "CANARYWORKFORCE",
        "CANARYPRESSURE",
        "CANARYIMPACT",
        "CANARYMITIGATION",
        "CANARYINVEST",
        "98765.43",
        "98,765.43",
        "CANARYDEPUTY",
    ]

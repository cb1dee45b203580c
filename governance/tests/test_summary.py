import datetime as dt
from decimal import Decimal

import pytest

from governance import report_services, summary
from governance.models import Meeting
from governance.tests.factories import AttendanceFactory, ContributionFactory, FinancialYearFactory, MeetingFactory

pytestmark = pytest.mark.django_db

YEAR = {"start": dt.date(2025, 4, 1), "end": dt.date(2026, 3, 31)}


def test_with_no_data_it_says_so_rather_than_inventing_zeros(world):
    s = summary.annual_summary(**YEAR, user=world.user("bu"))
    assert s["plan"] is None and s["rating"] is None
    assert s["attendance"]["rate"] is None and s["attendance"]["below_threshold"] == []
    assert s["budget"]["agreed"] is None and s["budget"]["variance_pct"] is None
    assert s["training"]["usefulness"] is None and s["training"]["recommend_pct"] is None


def test_it_counts_attendance_budget_and_reports_in_the_period(world):
    m = MeetingFactory(held_on=dt.date(2025, 6, 1))
    AttendanceFactory(meeting=m, agency=world.home, status="attended")
    AttendanceFactory(meeting=m, agency=world.other, status="absent")
    ContributionFactory(
        year=FinancialYearFactory(start_year=2025), agency=world.other, agreed=Decimal(10), received=Decimal(12)
    )
    report_services.report_receive(title="R", author="A", source_kind="audits", received_on=dt.date(2025, 9, 1))
    s = summary.annual_summary(**YEAR, user=world.user("bu"))
    assert s["attendance"]["rate"] == Decimal("50.0") and s["attendance"]["below_threshold"] == ["Canary Agency"]
    assert s["budget"]["over_received"] == ["Canary Agency"]
    assert s["reports"] == {"received": 1, "tabled": 0, "circulated": 0, "returned": 0, "awaiting": 1}


def test_an_agency_user_gets_only_their_own_agency_figures(world):
    m = MeetingFactory(held_on=dt.date(2025, 6, 1))
    AttendanceFactory(meeting=m, agency=world.home, status="attended")
    AttendanceFactory(meeting=m, agency=world.other, status="absent")
    s = summary.annual_summary(**YEAR, user=world.user("lead"))
    assert s["attendance"]["rate"] == Decimal("100.0") and "Canary Agency" not in str(s)


def test_the_dashboard_tile_links_to_the_strand(world):
    tile = summary.dashboard_tile(user=world.user("board"))
    assert tile["url"] == "/partnership/performance/"
    assert tile["figures"][0]["value"] is None  # no plan: no figure, not zero


def test_the_demo_seeder_is_idempotent(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from governance import demo
    from partnership import demo as partnership_demo
    from partnership import framework as partnership_framework

    partnership_framework.load()
    partnership_demo.seed()

    demo.seed()
    counts = Meeting.objects.count()
    demo.seed()
    assert counts > 50 and Meeting.objects.count() == counts

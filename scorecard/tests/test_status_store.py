"""Stored indicator statuses: the same answer as assessing afresh, re-read after every change."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from scorecard import services, status_store
from scorecard.models import Indicator, IndicatorStatus, Measurement
from scorecard.rag import Rag
from scorecard.selectors import scorecard_rows
from scorecard.tests.factories import IndicatorFactory, MeasurementFactory, TargetFactory

pytestmark = pytest.mark.django_db


def last_months(n: int):
    """The n calendar months before this one, oldest first."""
    out, end = [], timezone.localdate().replace(day=1) - timedelta(days=1)
    for _ in range(n):
        start = end.replace(day=1)
        out.append((start, end))
        end = start - timedelta(days=1)
    return out[::-1]


def indicator_with(values, target="90", **kwargs):
    indicator = IndicatorFactory(**kwargs)
    TargetFactory(indicator=indicator, value=Decimal(target), effective_from=date(2000, 1, 1))
    for (start, end), value in zip(last_months(len(values)), values, strict=True):
        MeasurementFactory(indicator=indicator, period_start=start, period_end=end, value=Decimal(value))
    return indicator


def rows():
    return {r.indicator.pk: r.status for r in scorecard_rows(indicators=Indicator.objects.all())}


def fresh():
    indicators = list(Indicator.objects.all())
    return status_store.assess_all(indicators, timezone.localdate())


def test_a_stored_status_is_the_one_assessed_afresh():
    indicator_with(["80", "85", "88", "91", "95"] * 3)
    indicator_with(["50", "60"], target="40", polarity="lower")
    first = rows()
    assert IndicatorStatus.objects.filter(payload__isnull=False).count() == 2
    second = rows()  # read back from the store
    assert first == second == fresh()


def test_the_second_read_does_not_touch_the_figures(django_assert_num_queries):
    for _ in range(3):
        indicator_with(["80", "85", "88"])
    rows()
    # indicators with comparator ids, stored statuses (no comparator figures to fetch here)
    with django_assert_num_queries(2) as captured:
        rows()
    assert not any("scorecard_measurement" in q["sql"] and "local" in q["sql"] for q in captured.captured_queries)


@pytest.mark.parametrize("n", [2, 12])
def test_query_counts_do_not_grow_with_indicators_cold_or_warm(n, django_assert_num_queries):
    for _ in range(n):
        indicator_with(["80", "85", "88", "91"])
    # cold: indicators, stored statuses, targets, local series, store; warm: the first two
    with django_assert_num_queries(5):
        rows()
    with django_assert_num_queries(2):
        rows()


def test_a_new_figure_changes_the_stored_status(world):
    indicator = indicator_with(["95", "96"])
    assert rows()[indicator.pk].rag == Rag.GREEN
    Measurement.objects.filter(indicator=indicator).delete()
    assert rows()[indicator.pk].latest is None
    start, end = last_months(1)[0]
    services.measurement_record(
        indicator=indicator, by=world.user("bu"), period_start=start, period_end=end, value=Decimal("50")
    )
    assert rows()[indicator.pk].rag == Rag.RED


def test_a_corrected_figure_and_a_new_target_change_it(world):
    indicator = indicator_with(["95", "96"])
    assert rows()[indicator.pk].rag == Rag.GREEN
    latest = Measurement.objects.filter(indicator=indicator).order_by("-period_start").first()
    latest.value = Decimal("80")
    latest.save()
    assert rows()[indicator.pk].rag == Rag.RED
    services.target_set(indicator=indicator, by=world.user("bu"), value=Decimal("87"), effective_from=date(2001, 1, 1))
    assert rows()[indicator.pk].rag == Rag.AMBER  # 80 / 87 = 92%
    assert rows() == fresh()


def test_a_changed_polarity_changes_it():
    indicator = indicator_with(["95", "96"])
    assert rows()[indicator.pk].rag == Rag.GREEN
    indicator.polarity = "lower"
    indicator.save()
    assert rows()[indicator.pk].rag == Rag.AMBER  # 90 / 96 = 93.75%
    assert rows() == fresh()


def test_an_import_changes_it(world):
    indicator = indicator_with(["95", "96"])
    assert rows()[indicator.pk].rag == Rag.GREEN
    start, end = last_months(1)[0]
    csv = (
        "indicator_code,period_start,period_end,series,value\n"
        f"{indicator.code},{start.isoformat()},{end.isoformat()},local,40\n"
    ).encode()
    services.import_run(kind="measurements", data=csv, user=world.user("bu"), file_label="t.csv")
    assert rows()[indicator.pk].rag == Rag.RED


def test_a_status_assessed_before_a_write_committed_is_not_believed():
    """A reader that read the old figures, then stored its answer after the write: ignored."""
    indicator = indicator_with(["95", "96"])
    read_started = timezone.now()
    stale = fresh()
    status_store._mark({indicator.pk})  # a write's mark at its commit, after the reader began
    status_store._store(stale, timezone.localdate(), status_store._rules(), read_started)
    assert status_store._load([indicator.pk], timezone.localdate(), status_store._rules()) == {}


def test_another_day_or_other_thresholds_assess_again(settings):
    indicator = indicator_with(["93", "94"])
    assert rows()[indicator.pk].rag == Rag.GREEN  # 94 / 90 = 104%
    settings.RAG_GREEN_PCT = 110
    settings.RAG_AMBER_PCT = 100
    assert rows()[indicator.pk].rag == Rag.AMBER
    settings.RAG_AMBER_PCT = 105
    assert rows()[indicator.pk].rag == Rag.RED
    with time_machine.travel(timezone.now() + timedelta(days=1)):
        assert status_store._load([indicator.pk], timezone.localdate(), status_store._rules()) == {}
        assert rows() == fresh()


def test_deleting_many_figures_marks_once():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    indicator = indicator_with(["80"] * 24)
    rows()
    with CaptureQueriesContext(connection) as ctx:
        Measurement.objects.filter(indicator=indicator).delete()
    marks = [q for q in ctx.captured_queries if "scorecard_indicatorstatus" in q["sql"]]
    assert len(marks) == 1  # not one per deleted figure
    assert rows()[indicator.pk].latest is None


def test_a_process_change_restarts_the_stored_spc():
    from scorecard.models import ChartNote

    values = ["50"] * 14 + ["90"] * 14  # a shift to a higher level half way
    indicator = indicator_with(values)
    before = rows()[indicator.pk]
    assert before.special_cause  # against the whole series, the recent run stands out
    change_on = last_months(14)[0][0]
    ChartNote.objects.create(indicator=indicator, kind=ChartNote.Kind.PROCESS_CHANGE, on=change_on, text="New team")
    after = rows()[indicator.pk]
    assert after == fresh()[indicator.pk]
    assert not after.special_cause  # limits worked out afresh from the change: steady since


def counted():
    return status_store.counts(Indicator.objects.all())


def test_the_counts_in_the_database_are_those_of_the_statuses_cold_and_warm(django_assert_num_queries):
    from scorecard.summary import tile_counts

    indicator_with(["95", "96"])  # green
    indicator_with(["95", "80"])  # red, changed from green
    indicator_with(["80", "84"])  # amber (84 / 90 = 93%), changed from red (80 / 90 = 89%)
    indicator_with(["10", "20", "30", "40", "50", "60", "70", "80", "90", "95", "96", "97"])  # a run up
    IndicatorFactory()  # no figures: not rated
    expected = tile_counts(scorecard_rows(indicators=Indicator.objects.all()))
    IndicatorStatus.objects.all().delete()
    cold = counted()  # assessed, stored and counted from what was assessed
    with django_assert_num_queries(2):  # how many indicators, and the counts
        warm = counted()
    assert cold == warm
    assert warm["counts"] == expected["counts"] == {"GREEN": 2, "AMBER": 1, "RED": 1, "NOT_RATED": 1}
    assert warm["total"] == expected["total"] == 5
    assert warm["changed"] == len(expected["changed"]) == 2
    assert warm["special"] == len(expected["special"]) >= 1


def test_a_figure_and_a_target_recorded_through_the_services_change_the_counts(world):
    indicator = indicator_with(["95", "96"])
    assert counted()["counts"]["GREEN"] == 1
    start, end = last_months(1)[0]
    latest = Measurement.objects.get(indicator=indicator, period_start=start)
    services.measurement_record(
        indicator=indicator,
        by=world.user("bu"),
        period_start=start,
        period_end=end,
        value=Decimal("80"),
        version=latest.version,
    )
    after = counted()
    assert after["counts"]["GREEN"] == 0 and after["counts"]["RED"] == 1 and after["changed"] == 1
    services.target_set(indicator=indicator, by=world.user("bu"), value=Decimal("87"), effective_from=date(2001, 1, 1))
    assert counted()["counts"]["AMBER"] == 1  # 80 / 87 = 92%

"""PAQA's yearly review of the dataset: each indicator tested against the six principles and
kept, changed or retired with a reason; the decision is kept per year and shapes the next
financial year's scorecard."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from bscp_portal.lib.concurrency import StaleEdit
from paqa import rules, selectors, services
from paqa.models import DatasetReview
from scorecard.models import Indicator, Measurement
from scorecard.tests.factories import IndicatorFactory

# --- the rule ------------------------------------------------------------------------------


def test_every_decision_needs_a_reason():
    assert rules.dataset_review_problems("retire", [], "  ", "") == {"reason": "Give the reason for PAQA's decision."}


def test_a_kept_indicator_meets_at_least_one_principle():
    assert "at least one of the six principles" in rules.dataset_review_problems("keep", [], "Useful", "")["principles"]
    assert "principles" in rules.dataset_review_problems("change", [], "Useful", "New definition")
    assert rules.dataset_review_problems("keep", ["ofsted"], "Inspected", "") == {}


def test_an_indicator_meeting_no_principle_may_be_retired():
    assert rules.dataset_review_problems("retire", [], "Duplicates another", "") == {}


def test_a_change_says_what_changes():
    assert rules.dataset_review_problems("change", ["outcomes"], "Better", " ") == {
        "note": "Say what changes in next year's scorecard."
    }


def test_an_unknown_decision_or_principle_is_refused():
    assert set(rules.dataset_review_problems("drop", ["made-up"], "x", "")) == {"decision", "principles"}


@pytest.mark.parametrize(
    ("decisions", "year", "retired"),
    [
        ({}, "2026-27", False),
        ({"2025-26": "retire"}, "2026-27", True),
        ({"2025-26": "retire"}, "2025-26", False),  # the year reviewed still shows it
        ({"2025-26": "retire"}, "2028-29", True),
        ({"2024-25": "retire", "2025-26": "keep"}, "2026-27", False),
        ({"2025-26": "change"}, "2026-27", False),
    ],
)
def test_retired_from_the_year_after_the_review(decisions, year, retired):
    assert rules.retired_in_year(decisions, year) is retired


# --- the service and the scorecard ------------------------------------------------------------

pytestmark_db = pytest.mark.django_db


@pytestmark_db
@pytest.mark.parametrize(
    ("decisions", "year", "retired"),
    [
        ({"2025-26": "retire"}, "2026-27", True),
        ({"2025-26": "retire"}, "2025-26", False),
        ({"2024-25": "retire", "2025-26": "keep"}, "2026-27", False),
        ({"2023-24": "keep", "2024-25": "retire"}, "2027-28", True),
    ],
)
def test_the_scorecard_query_follows_the_rule(world, decisions, year, retired):
    indicator = IndicatorFactory()
    for review_year, decision in decisions.items():
        _decide(world, indicator, review_year, decision)
    shown = selectors.retired_excluded(Indicator.objects.all(), year).filter(pk=indicator.pk).exists()
    assert shown is not retired
    assert rules.retired_in_year(decisions, year) is retired


def _decide(world, indicator, year, decision, **kwargs):
    defaults = {
        "principles": [] if decision == "retire" else ["priorities"],
        "reason": "Tested against the principles",
        "note": "Measure within 10 working days instead of 15" if decision == "change" else "",
    }
    return services.dataset_review_decide(
        indicator=indicator, year=year, decision=decision, by=world.user("paqa"), **{**defaults, **kwargs}
    )


@pytestmark_db
def test_a_decision_is_kept_per_year_and_revised_with_history(world):
    indicator = IndicatorFactory()
    _decide(world, indicator, "2024-25", "keep")
    first = _decide(world, indicator, "2025-26", "keep", principles=["ofsted", "priorities"])
    assert first.principles == ["priorities", "ofsted"]  # the framework's order
    revised = _decide(world, indicator, "2025-26", "retire", version=first.version)
    assert revised.pk == first.pk and revised.decision == "retire" and revised.version == first.version + 1
    assert list(DatasetReview.objects.filter(indicator=indicator).values_list("year", "decision")) == [
        ("2025-26", "retire"),
        ("2024-25", "keep"),
    ]
    assert revised.history.count() == 2
    with pytest.raises(StaleEdit):
        _decide(world, indicator, "2025-26", "keep", version=first.version)


@pytestmark_db
def test_a_bad_year_or_a_decision_without_reason_is_refused(world):
    indicator = IndicatorFactory()
    with pytest.raises(ValidationError) as exc:
        _decide(world, indicator, "2025-27", "keep")
    assert "financial year" in str(exc.value)
    with pytest.raises(ValidationError) as exc:
        _decide(world, indicator, "2025-26", "keep", reason="")
    assert exc.value.message_dict == {"reason": ["Give the reason for PAQA's decision."]}
    assert not DatasetReview.objects.exists()


def _figures(indicator, months):
    for start in months:
        Measurement.objects.create(
            indicator=indicator,
            period_start=start,
            period_end=start + dt.timedelta(days=27),
            value=Decimal("80.0"),
            entered_at=timezone.now(),
        )


@pytestmark_db
def test_the_decision_is_carried_into_next_years_scorecard(world, client_for):
    retired = IndicatorFactory(name="Retired indicator")
    changed = IndicatorFactory(name="Changed indicator")
    kept = IndicatorFactory(name="Kept indicator")
    for i in (retired, changed, kept):
        _figures(i, [dt.date(2026, 2, 1), dt.date(2026, 3, 1), dt.date(2026, 4, 1)])
    _decide(world, retired, "2025-26", "retire", reason="Duplicates the police figure")
    _decide(world, changed, "2025-26", "change", note="Counted from the new case system")
    _decide(world, kept, "2025-26", "keep")
    client = client_for(world.user("board"))

    this_year = client.get(reverse("scorecard:index"), {"period": "2026-03"}).content.decode()
    assert "Retired indicator" in this_year and "Counted from the new case system" not in this_year

    next_year = client.get(reverse("scorecard:index"), {"period": "2026-04"}).content.decode()
    assert "Retired indicator" not in next_year
    assert "Kept indicator" in next_year
    assert "Changed at PAQA's dataset review: Counted from the new case system" in next_year

    export = client.get(reverse("scorecard:export", args=["csv"]), {"period": "2026-04"})
    body = b"".join(export.streaming_content).decode() if export.streaming else export.content.decode()
    assert retired.code not in body and kept.code in body
    # The indicator itself and its history stay: only the scorecard leaves it out.
    assert client.get(retired.get_absolute_url()).status_code == 200


# --- the pages -------------------------------------------------------------------------------------


@pytestmark_db
def test_paqa_decides_from_the_years_list(world, client_for):
    indicator = IndicatorFactory(name="Strategy discussions in 24 hours")
    client = client_for(world.user("paqa"))
    listing = client.get(reverse("paqa:dataset_review", args=["2025-26"])).content.decode()
    assert "Strategy discussions in 24 hours" in listing and "Not yet decided" in listing
    url = reverse("paqa:dataset_review_decide", args=["2025-26", indicator.code])
    assert "Covers what Ofsted will inspect" in client.get(url).content.decode()
    response = client.post(
        url, {"principles": ["ofsted", "frontline"], "decision": "keep", "reason": "Ofsted looks at it"}
    )
    assert response.status_code == 302 and response.url.endswith(f"#i-{indicator.code}")
    listing = client.get(reverse("paqa:dataset_review", args=["2025-26"])).content.decode()
    assert "Keep as it is" in listing and "Ofsted looks at it" in listing and "2 of 6" in listing


@pytestmark_db
def test_bad_input_gets_a_clear_message_and_keeps_what_was_typed(world, client_for):
    indicator = IndicatorFactory()
    response = client_for(world.user("paqa")).post(
        reverse("paqa:dataset_review_decide", args=["2025-26", indicator.code]),
        {"decision": "change", "reason": "", "note": "Typed note kept"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Give the reason for PAQA" in page and "at least one of the six principles" in page
    assert "Typed note kept" in page
    assert not DatasetReview.objects.exists()


@pytestmark_db
def test_an_indicator_retired_last_year_is_not_reviewed_again(world, client_for):
    indicator = IndicatorFactory(name="Gone indicator")
    _decide(world, indicator, "2024-25", "retire")
    client = client_for(world.user("paqa"))
    assert "Gone indicator" not in client.get(reverse("paqa:dataset_review", args=["2025-26"])).content.decode()
    assert client.get(reverse("paqa:dataset_review_decide", args=["2025-26", indicator.code])).status_code == 404


@pytestmark_db
@pytest.mark.parametrize("key", ["bu", "board", "lead", "contributor", "chair"])
def test_only_paqa_reviews_the_dataset(world, client_for, key):
    indicator = IndicatorFactory()
    client = client_for(world.user(key))
    assert client.get(reverse("paqa:dataset_review", args=["2025-26"])).status_code == 403
    response = client.post(
        reverse("paqa:dataset_review_decide", args=["2025-26", indicator.code]),
        {"decision": "retire", "reason": "x"},
    )
    assert response.status_code == 403 and not DatasetReview.objects.exists()


@pytestmark_db
def test_an_unknown_year_is_not_found(world, client_for):
    assert client_for(world.user("paqa")).get(reverse("paqa:dataset_review", args=["2025-27"])).status_code == 404

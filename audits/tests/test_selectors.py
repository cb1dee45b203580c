"""Reads behind the practice-audit sample page, pinned as the page shows them."""

import pytest

from audits import practice_services, selectors
from audits.tests.factories import PracticeAuditFactory

pytestmark = pytest.mark.django_db


def test_candidates_are_shown_with_their_agencies_short_names_sorted(world, third, django_assert_num_queries):
    candidates = [
        {"reference": "MA-001", "agencies": [world.other.pk, world.home.pk], "attributes": {"age_band": "0-4"}},
        {"reference": "MA-002", "agencies": [third.pk, 999999]},
    ]
    with django_assert_num_queries(1):  # the agencies' names
        rows = selectors.candidate_rows(candidates)
    assert rows == [
        {"reference": "MA-001", "agencies": "Canary; Home", "attributes": {"age_band": "0-4"}},
        {"reference": "MA-002", "agencies": f"?; {third.short_name}", "attributes": {}},
    ]


def test_a_sample_may_be_stratified_by_any_attribute_a_candidate_has(world, standards, third):
    audit = PracticeAuditFactory(lead=world.user("paqa"), standards=standards, agencies=[world.home, world.other])
    sample = practice_services.candidates_load(
        audit=audit,
        by=world.user("paqa"),
        rows=[
            {"reference": "MA-1", "agencies": "Home;Canary", "age_band": "0-4"},
            {"reference": "MA-2", "agencies": "Home;Canary", "gender": "girl", "age_band": ""},
        ],
        source="typed",
    )
    assert selectors.sample_attributes(sample) == ["age_band", "gender"]

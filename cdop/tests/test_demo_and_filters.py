"""The demo seeder is idempotent and believable; the case list filters."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from cdop.models import Death, FactorScore, PanelReview
from cdop.tests.factories import DeathFactory, review_for

pytestmark = pytest.mark.django_db


def test_the_demo_seeder_is_idempotent_and_uses_case_numbers_only(world, cdop_data):
    from cdop import demo
    from partnership import demo as partnership_demo

    partnership_demo.seed()
    demo.seed()
    count, reviews, factors = Death.objects.count(), PanelReview.objects.count(), FactorScore.objects.count()
    assert count > 100 and reviews > 80 and factors == 4 * reviews
    demo.seed()
    assert (Death.objects.count(), PanelReview.objects.count(), FactorScore.objects.count()) == (
        count,
        reviews,
        factors,
    )
    assert all(n.startswith("CD-") for n in Death.objects.values_list("case_number", flat=True))
    years = {d.year for d in Death.objects.all()}
    assert len(years) >= 4
    for review in PanelReview.objects.select_related("death"):
        assert review.reviewed_on >= review.death.date_of_death
        scores = list(review.factors.values_list("score", flat=True))
        from cdop import rules

        assert rules.modifiable_problem(review.modifiable, scores) is None
        assert (
            rules.category_problem(
                category_code=review.category.code, scores=scores, expected=review.death.expectation == "expected"
            )
            is None
        )
    from cdop.models import InformationRequest

    requests = InformationRequest.objects.select_related("addressee")
    assert sorted((r.addressee.username, r.answered) for r in requests) == [
        ("health-lead", True),
        ("police-lead", False),
    ]
    flagged = [d for d in Death.objects.filter(age_years=0) if d.jar_missing]
    assert len(flagged) == 1
    assert not Death.objects.filter(status__in=rules.WAITING, key_worker="").exists()
    late = [d for d in Death.objects.filter(jar_held=True) if not d.jar_on_time]
    assert late and all(d.jar_reason for d in late)
    # Deprivation: every quintile and "not known" occur, most deaths in the most deprived fifths.
    quintiles = list(Death.objects.values_list("deprivation_quintile", flat=True))
    assert set(quintiles) == {q for q, _ in rules.DEPRIVATION_QUINTILES}
    assert quintiles.count("1") > quintiles.count("3") > quintiles.count("5") > 0
    assert quintiles.count(rules.NOT_KNOWN) < len(quintiles) / 10
    # The analysis has something to show in every breakdown, and rates for every year reviewed.
    from cdop import statistics

    tables = {t.key: t for t in statistics.statistics(user=world.user("cdop"))}
    for key in ("review_age", "review_sex", "review_ethnicity", "review_deprivation", "domain_pooled"):
        assert sum(c for r in tables[key].rows for c in r.cells) > 50, key
    assert "z" not in tables["review_age"].total_rates


def test_the_demo_fills_in_deprivation_for_cases_recorded_before_it_was_asked(world, cdop_data):
    from cdop import demo, rules

    demo.seed()
    assert demo._deprivation("CD-2021-001") == "3"
    Death.objects.filter(case_number="CD-2021-001").update(deprivation_quintile=rules.NOT_KNOWN)
    demo.seed()
    assert Death.objects.get(case_number="CD-2021-001").deprivation_quintile == demo._deprivation("CD-2021-001")
    DeathFactory(case_number="CD-T-9999")  # the panel's own "not known" is left alone
    demo.seed()
    assert Death.objects.get(case_number="CD-T-9999").deprivation_quintile == rules.NOT_KNOWN


def test_the_case_list_filters(world, client_for, cdop_data):
    old = DeathFactory(case_number="CD-OLD", date_of_death=dt.date(2023, 5, 1), expectation="expected")
    DeathFactory(
        case_number="CD-NEW",
        date_of_death=timezone.localdate() - dt.timedelta(days=2),
        date_notified=timezone.localdate(),
    )
    review_for(DeathFactory(case_number="CD-REV"), category_code="sudi")
    client = client_for(world.user("cdop"))

    def numbers(query):
        response = client.get(reverse("cdop:case_list") + query)
        return sorted(d.case_number for d in response.context["page"].object_list)

    assert numbers("?over_target=true") == ["CD-OLD"]
    assert numbers("?year=2023-24") == ["CD-OLD"]
    assert numbers("?expectation=expected") == ["CD-OLD"]
    assert numbers("?category=" + str(PanelReview.objects.get().category_id)) == ["CD-REV"]
    assert numbers("?q=new") == ["CD-NEW"]
    assert numbers("?status=reviewed") == ["CD-REV"]
    assert old.pk


def test_the_home_panel_counts_cases_waiting_and_over_target(world, client_for, cdop_data):
    DeathFactory(date_of_death=dt.date(2023, 5, 1))
    DeathFactory(date_of_death=timezone.localdate() - dt.timedelta(days=2), date_notified=timezone.localdate())
    body = client_for(world.user("cdop")).get("/").content.decode()
    assert "2 cases waiting for panel review" in body and "1 over the 182-day target" in body

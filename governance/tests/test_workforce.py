"""Workforce returns: entered by agency leads for their own agency, summarised for PAQA with
small numbers suppressed."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from governance import services
from governance import standards_selectors as selectors
from governance.models import WorkforceReturn
from partnership.tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db

FIGURES = {"staff_in_contact": 200, "trained": 180, "safeguarding_posts": 40, "vacancies": 8, "leavers": 10}
FORM = {"year": "2025", **{k: str(v) for k, v in FIGURES.items()}, "note": "From HR"}


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(dt.datetime(2026, 5, 1, 9, 0), tick=False):
        yield


def _save(agency, by, year=2025, **changes):
    return services.workforce_return_save(agency=agency, year=year, by=by, **{**FIGURES, **changes})


def test_an_agency_lead_enters_their_own_agencys_return(world, client_for):
    response = client_for(world.user("lead")).post(reverse("governance:workforce_enter"), FORM)
    assert response.status_code == 302
    row = WorkforceReturn.objects.get()
    assert (row.agency, row.year, row.trained, row.note, row.entered_by) == (
        world.home,
        2025,
        180,
        "From HR",
        world.user("lead"),
    )


def test_a_lead_cannot_enter_a_return_for_another_agency(world, client_for):
    client_for(world.user("lead")).post(reverse("governance:workforce_enter"), {**FORM, "agency": world.other.pk})
    assert list(WorkforceReturn.objects.values_list("agency", flat=True)) == [world.home.pk]


def test_a_contributor_and_a_chair_are_refused(world, client_for):
    for key in ("contributor", "chair", "paqa"):
        response = client_for(world.user(key)).post(reverse("governance:workforce_enter"), FORM)
        assert response.status_code == 403
    assert not WorkforceReturn.objects.exists()


def test_the_business_unit_enters_a_return_for_any_agency(world, client_for):
    response = client_for(world.user("bu")).post(
        reverse("governance:workforce_enter"), {**FORM, "agency": world.other.pk}
    )
    assert response.status_code == 302
    assert WorkforceReturn.objects.get().agency == world.other


def test_figures_that_do_not_add_up_are_refused_and_kept(world, client_for):
    response = client_for(world.user("lead")).post(
        reverse("governance:workforce_enter"), {**FORM, "trained": "201", "note": "KEPT NOTE"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Staff trained (201) cannot be more than the staff in contact with children (200)." in body
    assert 'value="201"' in body and "KEPT NOTE" in body
    assert not WorkforceReturn.objects.exists()


def test_a_year_outside_the_choices_is_refused_with_a_message(world, client_for):
    response = client_for(world.user("lead")).post(reverse("governance:workforce_enter"), {**FORM, "year": "1999"})
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()


def test_a_second_return_for_the_same_year_corrects_the_first(world):
    _save(world.home, world.user("lead"))
    _save(world.home, world.user("lead"), vacancies=5)
    row = WorkforceReturn.objects.get()
    assert row.vacancies == 5 and row.history.count() == 2


def test_the_service_refuses_more_vacancies_than_posts(world):
    with pytest.raises(ValidationError) as caught:
        _save(world.home, world.user("lead"), vacancies=41)
    assert list(caught.value.message_dict) == ["vacancies"]


def test_correcting_a_return_starts_from_the_figures_entered(world, client_for):
    _save(world.home, world.user("lead"), leavers=13)
    body = client_for(world.user("lead")).get(reverse("governance:workforce_enter") + "?year=2025").content.decode()
    assert 'value="13"' in body


def test_paqa_sees_small_numbers_suppressed_so_they_cannot_be_worked_out(world):
    """Vacancies 3, 40 and 50: 3 is small ("c"); with the total (93) shown, 40 must be hidden too
    or 3 = 93 - 40 - 50. Their vacancy rates are hidden with them."""
    third = AgencyFactory(name="Third Agency")
    bu = world.user("bu")
    _save(world.home, bu, safeguarding_posts=60, vacancies=3)
    _save(world.other, bu, safeguarding_posts=60, vacancies=40)
    _save(third, bu, safeguarding_posts=100, vacancies=50)
    summary = selectors.workforce_summary(user=world.user("paqa"), year=2025)
    assert [(r["agency"].name, r["vacancies"], r["vacancy_pct"]) for r in summary["rows"]] == [
        ("Canary Agency", "c", "c"),
        ("Home Agency", "c", "c"),
        ("Third Agency", 50, "50.0%"),
    ]
    assert (summary["total"]["vacancies"], summary["total"]["vacancy_pct"]) == (93, "42.3%")
    assert summary["rows"][2]["trained_pct"] == "90.0%" and summary["suppressed"]


def test_an_agency_lead_sees_their_own_figures_as_entered_and_no_one_elses(world, client_for):
    _save(world.home, world.user("bu"), vacancies=3)
    _save(world.other, world.user("bu"), vacancies=4)
    summary = selectors.workforce_summary(user=world.user("lead"), year=2025)
    assert [(r["agency"], r["vacancies"]) for r in summary["rows"]] == [(world.home, 3)]
    assert summary["total"] is None
    body = client_for(world.user("lead")).get(reverse("governance:workforce_summary")).content.decode()
    assert "Home Agency" in body and "Canary Agency" not in body


def test_the_summary_page_explains_the_symbols(world, client_for):
    _save(world.home, world.user("bu"), vacancies=3)
    _save(world.other, world.user("bu"), vacancies=40)
    body = client_for(world.user("paqa")).get(reverse("governance:workforce_summary")).content.decode()
    assert "Workforce, 2025-26" in body and 'title="c means suppressed' in body


def test_the_summary_pins_its_queries(world, client_for, django_assert_num_queries):
    for i in range(12):
        _save(AgencyFactory(name=f"Agency {i:02d}"), world.user("bu"))
    client = client_for(world.user("paqa"))
    client.get(reverse("governance:workforce_summary"))
    # years with returns; the year's returns with their agencies and who entered them
    with django_assert_num_queries(7 + 2):
        assert client.get(reverse("governance:workforce_summary")).status_code == 200

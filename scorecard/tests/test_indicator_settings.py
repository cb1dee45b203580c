"""The business unit runs the indicator catalogue in the portal: settings, new indicators and
submitting agencies."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from partnership.models import RiskTheme
from partnership.tests.factories import UserFactory
from scorecard import selectors, services
from scorecard.models import Indicator, Submitter
from scorecard.summary import key_indicator_runs
from scorecard.tests.factories import IndicatorFactory, MeasurementFactory

pytestmark = pytest.mark.django_db

OTHER_ROLES = ["paqa", "chair", "board", "lead", "contributor", "cdop", "ssm"]


def settings_data(indicator: Indicator | None = None, **changes) -> dict:
    data = {
        "name": "Initial conferences in 15 working days",
        "definition": "Initial child protection conferences held within 15 working days of the strategy meeting.",
        "unit": "percentage",
        "decimals": "1",
        "polarity": "higher",
        "frequency": "monthly",
        "category": "cp_conference",
        "source": "Children's social care records",
        "notes": "",
        "partnership_wide": "on",
        "active": "on",
        "due_days": "20",
        "version": str(indicator.version) if indicator else "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


FIELDS = {
    "name": "Referrals", "definition": "Referrals received.", "unit": "count", "decimals": 0,
    "polarity": "neither", "frequency": "monthly", "category": "other",
}  # fmt: skip


# --- editing -----------------------------------------------------------------------------------


def test_the_business_unit_changes_an_indicators_settings(world, client_for):
    indicator = IndicatorFactory(code="CP_ICPC", owning_agency=world.home)
    theme = RiskTheme.objects.create(code="neglect", name="Neglect")
    url = reverse("scorecard:indicator_settings", kwargs={"code": "CP_ICPC"})
    client = client_for(world.user("bu"))
    page = client.get(url).content.decode()
    assert "Which direction is good" in page and "Key indicator" in page
    response = client.post(
        url,
        settings_data(
            indicator,
            polarity="lower",
            key_indicator="on",
            due_days="15",
            owning_agency=str(world.other.pk),
            risk_themes=[str(theme.pk)],
        ),  # fmt: skip
    )
    assert response.status_code == 302 and response["Location"] == indicator.get_absolute_url()
    indicator.refresh_from_db()
    assert (indicator.polarity, indicator.key_indicator, indicator.due_days) == ("lower", True, 15)
    assert indicator.owning_agency == world.other and list(indicator.risk_themes.all()) == [theme]
    assert indicator.name == "Initial conferences in 15 working days"
    assert indicator.version == 2


def test_the_settings_history_names_each_change_in_plain_words(world, client_for):
    indicator = IndicatorFactory(code="HIST", polarity="higher")
    client = client_for(world.user("bu"))
    url = reverse("scorecard:indicator_settings", kwargs={"code": "HIST"})
    client.post(url, settings_data(indicator, polarity="lower", key_indicator="on", owning_agency=world.other.pk))
    page = client.get(url).content.decode()
    assert "Owning agency: not set → Canary" in page
    assert "Which direction is good: Higher is better → Lower is better" in page
    assert "Key indicator: No → Yes" in page
    assert "key_indicator" not in page.split("History of changes")[1]


def test_a_stale_edit_is_refused_and_what_was_typed_is_kept(world, client_for):
    indicator = IndicatorFactory(code="STALE", name="Old name")
    opened_at = indicator.version
    services.indicator_update(indicator=indicator, by=world.user("bu"), version=opened_at, name="Their name")
    response = client_for(world.user("bu")).post(
        reverse("scorecard:indicator_settings", kwargs={"code": "STALE"}),
        settings_data(name="My name", version=str(opened_at)),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this indicator" in page and 'value="My name"' in page
    assert Indicator.objects.get(code="STALE").name == "Their name"


def test_bad_settings_get_a_clear_message_and_keep_what_was_typed(world, client_for):
    indicator = IndicatorFactory(code="BAD")
    response = client_for(world.user("bu")).post(
        reverse("scorecard:indicator_settings", kwargs={"code": "BAD"}),
        settings_data(indicator, name="Kept name", decimals="7", partnership_wide=None),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Use 0 to 4 decimal places." in page
    assert 'value="Kept name"' in page
    # The rule the form cannot know (a single-agency figure needs its agency) is said as well,
    # once the form itself is valid.
    response = client_for(world.user("bu")).post(
        reverse("scorecard:indicator_settings", kwargs={"code": "BAD"}),
        settings_data(indicator, name="Kept name", partnership_wide=None),
    )
    assert "seen by its owning agency only: choose that agency" in response.content.decode()
    assert Indicator.objects.get(code="BAD").partnership_wide is True


# --- a new indicator ---------------------------------------------------------------------------


def test_the_business_unit_adds_an_indicator(world, client_for):
    response = client_for(world.user("bu")).post(
        reverse("scorecard:indicator_new"), settings_data(code="LADO-REFERRALS_2")
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("scorecard:indicator_settings", kwargs={"code": "LADO-REFERRALS_2"})
    created = Indicator.objects.get(code="LADO-REFERRALS_2")
    assert (created.unit, created.polarity, created.category, created.active) == (
        "percentage", "higher", "cp_conference", True,
    )  # fmt: skip


def test_a_bad_code_is_explained_beside_the_other_missing_fields(world, client_for):
    response = client_for(world.user("bu")).post(
        reverse("scorecard:indicator_new"), {"code": "bad code!", "name": "Kept name"}
    )
    page = response.content.decode()
    assert "“bad code!” cannot be a code. Use only letters, digits, hyphens (-) and underscores (_)" in page
    assert "Say what is counted." in page and "Choose which direction is good." in page
    assert 'value="Kept name"' in page


def test_the_service_refuses_a_bad_code_whatever_calls_it(world):
    with pytest.raises(ValidationError) as refused:
        services.indicator_create(by=None, code="a b", **{k: v for k, v in FIELDS.items()})
    assert "Use only letters, digits, hyphens (-) and underscores (_)" in refused.value.message_dict["code"][0]


@pytest.mark.parametrize("code", ["has space", "a/b", "café%", "x" * 61])
def test_a_code_outside_letters_digits_hyphens_and_underscores_is_refused(world, client_for, code):
    response = client_for(world.user("bu")).post(reverse("scorecard:indicator_new"), settings_data(code=code))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Use only letters, digits, hyphens (-) and underscores (_)" in page or "at most 60 characters" in page
    assert "Initial conferences in 15 working days" in page  # what was typed is kept
    assert not Indicator.objects.filter(name="Initial conferences in 15 working days").exists()


def test_a_code_already_used_in_any_case_is_refused(world, client_for):
    IndicatorFactory(code="CP_PLANS", name="Children on plans")
    response = client_for(world.user("bu")).post(reverse("scorecard:indicator_new"), settings_data(code="cp_plans"))
    assert "The code CP_PLANS is already used by “Children on plans”" in response.content.decode()
    assert Indicator.objects.count() == 1


# --- submitting agencies -----------------------------------------------------------------------


def test_the_business_unit_adds_and_removes_a_submitting_agency(world, client_for):
    indicator = IndicatorFactory(code="SUB")
    person = UserFactory(agency=world.other, first_name="Sam", last_name="Brook")
    client = client_for(world.user("bu"))
    url = reverse("scorecard:submitters", kwargs={"code": "SUB"})
    response = client.post(url, {"agency": world.other.pk, "responsible": person.pk})
    assert response.status_code == 302
    submitter = Submitter.objects.get(indicator=indicator, agency=world.other)
    assert submitter.responsible == person and submitter.active
    assert "Sam Brook" in client.get(reverse("scorecard:indicator_settings", kwargs={"code": "SUB"})).content.decode()
    remove = reverse("scorecard:submitter_remove", kwargs={"code": "SUB", "pk": submitter.pk})
    assert client.post(remove).status_code == 302
    assert selectors.submitters_of(indicator=indicator) == []
    assert Submitter.objects.get(pk=submitter.pk).active is False  # kept, with its history


def test_a_responsible_person_of_another_agency_is_refused(world, client_for):
    indicator = IndicatorFactory(code="SUB2")
    outsider = UserFactory(agency=world.home, first_name="Kim", last_name="Hale")
    response = client_for(world.user("bu")).post(
        reverse("scorecard:submitters", kwargs={"code": "SUB2"}),
        {"agency": world.other.pk, "responsible": outsider.pk, "expected_from": "2025-04-01"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Kim Hale works for Home Agency, not Canary Agency. Choose a person of Canary Agency" in page
    assert 'value="2025-04-01"' in page
    assert not Submitter.objects.filter(indicator=indicator).exists()


def test_choosing_an_agency_that_already_submits_changes_its_responsible_person(world):
    indicator = IndicatorFactory()
    first, second = UserFactory(agency=world.home), UserFactory(agency=world.home)
    services.submitter_set(indicator=indicator, by=None, agency=world.home, responsible=first)
    services.submitter_set(indicator=indicator, by=None, agency=world.home, responsible=second)
    assert [(s.agency, s.responsible) for s in selectors.submitters_of(indicator=indicator)] == [(world.home, second)]


# --- every other role is refused ---------------------------------------------------------------


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_every_other_role_is_refused_on_each_page(world, client_for, role):
    indicator = IndicatorFactory(code="REF", owning_agency=world.home)
    submitter = Submitter.objects.create(indicator=indicator, agency=world.home)
    client = client_for(world.user(role))
    urls = [
        reverse("scorecard:indicator_new"),
        reverse("scorecard:indicator_settings", kwargs={"code": "REF"}),
        reverse("scorecard:submitters", kwargs={"code": "REF"}),
    ]
    for url in urls:
        assert client.get(url).status_code == 403, url
        assert client.post(url, settings_data(indicator, code="NEW_ONE", agency=world.home.pk)).status_code == 403
    remove = reverse("scorecard:submitter_remove", kwargs={"code": "REF", "pk": submitter.pk})
    assert client.post(remove).status_code == 403
    assert not Indicator.objects.filter(code="NEW_ONE").exists()
    assert Submitter.objects.get(pk=submitter.pk).active


def test_only_the_business_unit_sees_the_links_to_settings(world, client_for):
    IndicatorFactory(code="LINKED", owning_agency=world.home)
    settings_url = reverse("scorecard:indicator_settings", kwargs={"code": "LINKED"})
    for role, shown in (("bu", True), ("paqa", False), ("lead", False)):
        client = client_for(world.user(role))
        assert (
            settings_url in client.get(reverse("scorecard:indicator", kwargs={"code": "LINKED"})).content.decode()
        ) is shown
        index = client.get(reverse("scorecard:index")).content.decode()
        assert (reverse("scorecard:indicator_new") in index) is shown


def test_an_indicator_not_in_use_is_still_reached_from_the_scorecard(world, client_for):
    IndicatorFactory(code="RETIRED", active=False)
    settings_url = reverse("scorecard:indicator_settings", kwargs={"code": "RETIRED"})
    assert settings_url in client_for(world.user("bu")).get(reverse("scorecard:index")).content.decode()


# --- the key-indicator tick reaches the annual report ------------------------------------------


def test_ticking_key_indicator_puts_it_in_the_annual_reports_key_indicators(world, client_for):
    indicator = IndicatorFactory(code="KEY_TICK", owning_agency=world.home)
    MeasurementFactory(indicator=indicator, period_start=date(2025, 3, 1), period_end=date(2025, 3, 31))
    paqa = world.user("paqa")
    assert key_indicator_runs(end=date(2025, 3, 31), user=paqa) == []
    client_for(world.user("bu")).post(
        reverse("scorecard:indicator_settings", kwargs={"code": "KEY_TICK"}),
        settings_data(indicator, key_indicator="on"),
    )
    assert [r["code"] for r in key_indicator_runs(end=date(2025, 3, 31), user=paqa)] == ["KEY_TICK"]
    client_for(world.user("bu")).post(
        reverse("scorecard:indicator_settings", kwargs={"code": "KEY_TICK"}),
        settings_data(Indicator.objects.get(code="KEY_TICK")),
    )
    assert key_indicator_runs(end=date(2025, 3, 31), user=paqa) == []

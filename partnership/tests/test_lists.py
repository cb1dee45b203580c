""" "Lists": the business unit's pages for the lists of values every strand keeps."""

import pytest
from django.urls import reverse

from cdop.forms import DeathForm
from cdop.models import Ethnicity
from conferences.models import LateReason
from partnership.framework import upsert_csv
from partnership.models import RiskTheme

pytestmark = pytest.mark.django_db

ROLES = ["paqa", "chair", "board", "lead", "contributor", "cdop", "ssm"]


def _values_url(key="partnership-risktheme"):
    return reverse("partnership:list_values", args=[key])


def test_it_lists_every_registered_list_for_the_business_unit(world, client_for):
    RiskTheme.objects.create(code="neglect", name="Neglect")
    RiskTheme.objects.create(code="old", name="Old theme", active=False)
    body = client_for(world.user("bu")).get(reverse("partnership:list_index")).content.decode()
    for title in (
        "Risk themes",
        "Ethnicities",
        "Late reasons",
        "Methodologies",
        "Categories of death",
        "Sub-committees",
    ):
        assert title in body
    assert _values_url() in body


@pytest.mark.parametrize("role", ROLES)
def test_it_refuses_everyone_but_the_business_unit(role, world, client_for):
    theme = RiskTheme.objects.create(code="neglect", name="Neglect")
    client = client_for(world.user(role))
    assert client.get(reverse("partnership:list_index")).status_code == 403
    assert client.get(_values_url()).status_code == 403
    assert (
        client.post(reverse("partnership:list_value_add", args=["partnership-risktheme"]), {"name": "X"}).status_code
        == 403
    )
    edit = reverse("partnership:list_value_edit", args=["partnership-risktheme", theme.pk])
    assert client.post(edit, {"name": "Changed", "order": 0}).status_code == 403
    off = reverse("partnership:list_value_set_active", args=["partnership-risktheme", theme.pk])
    assert client.post(off, {"active": "0"}).status_code == 403
    theme.refresh_from_db()
    assert (theme.name, theme.active) == ("Neglect", True)


def test_an_unknown_list_is_not_found(world, client_for):
    assert client_for(world.user("bu")).get(_values_url("nothing-here")).status_code == 404


def test_the_business_unit_adds_a_value(world, client_for):
    client = client_for(world.user("bu"))
    response = client.post(
        reverse("partnership:list_value_add", args=["partnership-risktheme"]),
        {"name": "Child exploitation", "help_text": "Criminal or sexual", "order": "4", "active": "on"},
    )
    assert response.status_code == 302 and response["Location"] == _values_url()
    theme = RiskTheme.objects.get(name="Child exploitation")
    assert (theme.code, theme.help_text, theme.order, theme.active) == (
        "child-exploitation",
        "Criminal or sexual",
        4,
        True,
    )
    assert "Child exploitation" in client.get(_values_url()).content.decode()


def test_bad_input_is_refused_and_keeps_what_was_typed(world, client_for):
    RiskTheme.objects.create(code="neglect", name="Neglect")
    client = client_for(world.user("bu"))
    url = reverse("partnership:list_value_add", args=["partnership-risktheme"])
    response = client.post(url, {"name": "neglect", "help_text": "Typed words kept", "order": "2"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "This list already has" in body and "Typed words kept" in body and 'value="neglect"' in body
    response = client.post(url, {"name": "Something new", "help_text": "", "order": "first"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Enter a whole number." in body and 'value="Something new"' in body
    assert RiskTheme.objects.count() == 1


def test_the_business_unit_changes_a_value(world, client_for):
    theme = RiskTheme.objects.create(code="neglect", name="Neglect", order=1)
    client = client_for(world.user("bu"))
    url = reverse("partnership:list_value_edit", args=["partnership-risktheme", theme.pk])
    assert 'value="Neglect"' in client.get(url).content.decode()
    response = client.post(url, {"name": "Neglect of children", "help_text": "", "order": "5", "active": "on"})
    assert response.status_code == 302
    theme.refresh_from_db()
    assert (theme.name, theme.order, theme.code) == ("Neglect of children", 5, "neglect")


def test_a_value_taken_out_of_use_is_not_offered_but_old_records_keep_it(world, client_for):
    white, other = Ethnicity.objects.create(code="w", name="White"), Ethnicity.objects.create(code="o", name="Other")
    client = client_for(world.user("bu"))
    response = client.post(
        reverse("partnership:list_value_set_active", args=["cdop-ethnicity", other.pk]), {"active": "0"}
    )
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.active is False
    assert list(DeathForm().fields["ethnicity"].queryset) == [white]  # a new case
    assert set(DeathForm(initial={"ethnicity": other}).fields["ethnicity"].queryset) == {white, other}  # an old one
    client.post(reverse("partnership:list_value_set_active", args=["cdop-ethnicity", other.pk]), {"active": "1"})
    other.refresh_from_db()
    assert other.active is True


def test_the_conference_form_does_not_offer_a_late_reason_out_of_use(world, client_for):
    LateReason.objects.create(code="family", name="The family could not attend")
    LateReason.objects.create(code="room", name="No room was free", active=False)
    body = client_for(world.user("ssm")).get(reverse("conferences:create")).content.decode()
    assert "The family could not attend" in body and "No room was free" not in body


def test_a_value_in_use_is_not_deleted(world, client_for):
    from scorecard.tests.factories import IndicatorFactory

    used = RiskTheme.objects.create(code="neglect", name="Neglect")
    unused = RiskTheme.objects.create(code="spare", name="Spare")
    IndicatorFactory().risk_themes.add(used)
    client = client_for(world.user("bu"))
    page = client.get(_values_url()).content.decode()
    assert page.count("Delete<span") == 1  # offered only for the value nobody uses
    response = client.post(
        reverse("partnership:list_value_delete", args=["partnership-risktheme", used.pk]), follow=True
    )
    assert "cannot be deleted. Take it out of use instead" in response.content.decode()
    assert RiskTheme.objects.filter(pk=used.pk).exists()
    client.post(reverse("partnership:list_value_delete", args=["partnership-risktheme", unused.pk]))
    assert not RiskTheme.objects.filter(pk=unused.pk).exists()


def test_reloading_the_framework_keeps_the_business_units_changes(tmp_path):
    csv = tmp_path / "themes.csv"
    csv.write_text("code,name,order\nneglect,Neglect,1\nabuse,Abuse,2\n")
    upsert_csv(RiskTheme, csv)
    RiskTheme.objects.filter(code="neglect").update(name="Neglect of children", active=False, order=9)
    csv.write_text("code,name,order\nneglect,Neglect,1\nabuse,Abuse,2\nharm,Harm,3\n")
    assert upsert_csv(RiskTheme, csv) == (1, 0)
    kept = RiskTheme.objects.get(code="neglect")
    assert (kept.name, kept.active, kept.order) == ("Neglect of children", False, 9)


def test_sub_committees_are_kept_on_their_own_page_and_lists_links_there(world, client_for):
    from partnership.models import SubCommittee

    committee = SubCommittee.objects.create(code="sc-one", name="Learning group")
    before = SubCommittee.objects.count()
    client = client_for(world.user("bu"))
    index = client.get(reverse("partnership:list_index")).content.decode()
    assert f'<a href="{reverse("partnership:index")}">Sub-committees</a>' in index
    assert _values_url("partnership-subcommittee") not in index
    for url, data in (
        (_values_url("partnership-subcommittee"), None),
        (reverse("partnership:list_value_add", args=["partnership-subcommittee"]), {"name": "Other"}),
        (reverse("partnership:list_value_edit", args=["partnership-subcommittee", committee.pk]), {"name": "X"}),
        (
            reverse("partnership:list_value_set_active", args=["partnership-subcommittee", committee.pk]),
            {"active": "0"},
        ),
        (reverse("partnership:list_value_delete", args=["partnership-subcommittee", committee.pk]), {}),
    ):
        response = client.post(url, data) if data is not None else client.get(url)
        assert response["Location"] == reverse("partnership:index"), url
    committee.refresh_from_db()
    assert (committee.name, committee.active, SubCommittee.objects.count()) == ("Learning group", True, before)
    page = client.get(reverse("partnership:index")).content.decode()
    assert "Sub-committees are added and changed on this page." in page
    assert reverse("partnership:subcommittee_edit", args=[committee.pk]) in page


@pytest.mark.parametrize("role", ROLES)
def test_the_sub_committee_redirect_still_refuses_everyone_but_the_business_unit(role, world, client_for):
    assert client_for(world.user(role)).get(_values_url("partnership-subcommittee")).status_code == 403

"""Events and process changes marked on an indicator's chart (business unit only)."""

import json
import re

import pytest
from django.urls import reverse

from scorecard.models import ChartNote
from scorecard.tests.factories import IndicatorFactory
from scorecard.tests.test_views import bulk

pytestmark = pytest.mark.django_db


def _add_url(indicator):
    return reverse("scorecard:chart_note_add", kwargs={"code": indicator.code})


def test_it_adds_a_process_change_that_restarts_the_limits(world, client_for):
    indicator = bulk(world, 1, n_months=26)[0]
    client = client_for(world.user("bu"))
    local = indicator.measurements.filter(series="local").order_by("period_start")
    change = local[13].period_start
    response = client.post(
        _add_url(indicator), {"kind": "process_change", "on": change.isoformat(), "text": "New team"}
    )
    assert response.status_code == 302
    note = ChartNote.objects.get(indicator=indicator)
    assert (note.kind, note.on, note.text, note.created_by) == ("process_change", change, "New team", world.user("bu"))
    page = client.get(indicator.get_absolute_url()).content.decode()
    assert "worked out afresh after each marked process change" in page
    figure = json.loads(re.search(r'id="spc-chart-data"[^>]*>(.*?)</script>', page, re.S).group(1))
    means = next(t for t in figure["data"] if t["name"] == "Mean")
    assert means["y"].count(None) == 2  # two stretches, each its own mean line
    assert any(a["text"] == "Change: New team" for a in figure["layout"]["annotations"])


def test_the_chart_has_a_title_and_axis_titles_with_units(world, client_for):
    indicator = bulk(world, 1, n_months=14)[0]
    page = client_for(world.user("paqa")).get(indicator.get_absolute_url()).content.decode()
    figure = json.loads(re.search(r'id="spc-chart-data"[^>]*>(.*?)</script>', page, re.S).group(1))
    assert indicator.name in figure["layout"]["title"]["text"]
    assert figure["layout"]["yaxis"]["title"]["text"]
    assert figure["layout"]["xaxis"]["title"]["text"].startswith("Period ending")


def test_it_keeps_what_was_typed_when_the_text_is_missing(world, client_for):
    indicator = IndicatorFactory(owning_agency=world.home)
    response = client_for(world.user("bu")).post(_add_url(indicator), {"kind": "event", "on": "2024-05-01", "text": ""})
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert 'value="2024-05-01"' in response.content.decode()
    assert not ChartNote.objects.exists()


def test_it_refuses_everyone_but_the_business_unit(world, client_for):
    indicator = IndicatorFactory(owning_agency=world.home)
    response = client_for(world.user("lead")).post(
        _add_url(indicator), {"kind": "event", "on": "2024-05-01", "text": "x"}
    )
    assert response.status_code == 403
    assert not ChartNote.objects.exists()


def test_it_removes_a_note(world, client_for):
    indicator = IndicatorFactory(owning_agency=world.home)
    note = ChartNote.objects.create(indicator=indicator, kind="event", on="2024-05-01", text="Inspection")
    url = reverse("scorecard:chart_note_remove", kwargs={"code": indicator.code, "pk": note.pk})
    assert client_for(world.user("paqa")).post(url).status_code == 403
    assert client_for(world.user("bu")).post(url).status_code == 302
    assert not ChartNote.objects.exists()


def test_the_dashboard_reads_spc_since_the_latest_process_change(world, client_for):
    indicator = bulk(world, 1, n_months=14)[0]
    client = client_for(world.user("paqa"))
    assert "Too few points" not in client.get(reverse("scorecard:index")).content.decode()
    last = indicator.measurements.filter(series="local").latest("period_start").period_start
    ChartNote.objects.create(indicator=indicator, kind="process_change", on=last, text="New system")
    assert "Too few points" in client.get(reverse("scorecard:index")).content.decode()

"""The feedback letter PDF, the standards loader, the summary and the demo seeder."""

import datetime as dt
import io
import shutil

import pytest
from django.urls import reverse
from pypdf import PdfReader

from actions.tests.factories import action_on
from section11 import framework, summary
from section11.models import Criterion, Return, Round, Standard, StandardSet
from section11.tests.factories import agree, challenged, make_return, open_round

pytestmark = pytest.mark.django_db


def _accepted_record(world):
    record = challenged(
        world.home, by=world.user("paqa"), held_on=dt.date(2027, 2, 3), venue="Town Hall", panel=[world.user("paqa")]
    )
    agree(
        record,
        by=world.user("paqa"),
        attendees="DI Leach",
        discussion="Training records were convincing.",
        agreed={**{n: "fully_met" for n in range(1, 9)}, 9: "not_met"},
    )
    action_on(
        record,
        world,
        "Audit records of the child's voice",
        "9 in 10 records show it",
        by="paqa",
        due=dt.date(2027, 6, 30),
    )
    return record


def test_the_feedback_letter_is_a_pdf_with_the_agreed_ratings_and_actions(world, client_for):
    record = _accepted_record(world)
    response = client_for(world.user("lead")).get(reverse("section11:feedback_letter", kwargs={"pk": record.pk}))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert "Home Agency" in text
    assert "3 February 2027" in text
    assert "Work with individual children and their families" in text
    assert "Not met" in text
    assert "Training records were convincing." in text
    assert "Audit records of the child's voice" in text
    assert "Canary" not in text


def test_loading_the_standards_twice_changes_nothing(db):
    framework.load()
    counts = (StandardSet.objects.count(), Standard.objects.count(), Criterion.objects.count())
    framework.load()
    assert counts == (2, 18, 54)  # Section 11 and the schools' audit: nine standards, 27 criteria each
    assert (StandardSet.objects.count(), Standard.objects.count(), Criterion.objects.count()) == counts
    assert (
        Standard.objects.get(standard_set__code="pmf-2019", number=6).title
        == "Recruitment, vetting procedures and allegations against staff"
    )


def test_a_round_keeps_the_wording_it_was_run_with(world, tmp_path):
    rnd = open_round()
    for name in ("standard_sets.csv", "standards.csv", "criteria.csv"):
        shutil.copy(framework.DATA_DIR / name, tmp_path / name)
    standards = (
        (tmp_path / "standards.csv")
        .read_text()
        .replace("Interagency working,Interagency working.", "Working together,Working together.")
    )
    (tmp_path / "standards.csv").write_text(standards)
    framework.load(data_dir=tmp_path)
    assert rnd.standard_set.standards.get(number=7).title == "Interagency working"
    # A new set (new codes) can be added for the next round.
    (tmp_path / "standard_sets.csv").write_text(
        (tmp_path / "standard_sets.csv").read_text() + "rev-2027,Revised standards 2027,2027-04-01,section11\n"
    )
    (tmp_path / "standards.csv").write_text(standards + "rev-2027-s1,rev-2027,1,New standard one,Described.\n")
    framework.load(data_dir=tmp_path)
    assert StandardSet.objects.get(code="rev-2027").standards.get().title == "New standard one"
    assert Round.objects.get(pk=rnd.pk).standard_set.code == "pmf-2019"


def test_annual_summary_says_no_data_when_no_round_opened(world):
    result = summary.annual_summary(start=dt.date(2020, 4, 1), end=dt.date(2021, 3, 31), user=world.user("bu"))
    assert result["round"] is None and result["overall_compliance"] is None and result["by_standard"] == []


def test_annual_summary_figures(world):
    _accepted_record(world)
    make_return(world.other, ratings="not_met")
    result = summary.annual_summary(start=dt.date(2000, 1, 1), end=dt.date(2100, 1, 1), user=world.user("bu"))
    assert result["submitted"] == 1 and result["accepted"] == 1
    assert result["not_submitted"] == ["Canary"]
    assert result["challenge_sessions"] == 1
    # Only agreed ratings count: Canary's self-rated "not met" waits in its own column.
    assert (result["by_standard"][8]["not_met"], result["by_standard"][8]["not_agreed"]) == (1, 1)
    assert result["lowest_standards"][0] == "Work with individual children and their families"
    # Home: 8 agreed fully met + 1 not met = 16/18; Canary's draft is not in the figure
    assert result["overall_compliance"] == 88.9
    assert result["compliance_basis"] == "88.9% of 9 agreed standards, 1 agency; 1 return not yet reviewed"


def test_annual_summary_respects_access(world):
    make_return(world.other, ratings="not_met")
    result = summary.annual_summary(start=dt.date(2000, 1, 1), end=dt.date(2100, 1, 1), user=world.user("lead"))
    assert "Canary" not in result["not_submitted"]
    assert result["agencies_taking_part"] == 1


def test_dashboard_tile(world):
    make_return(world.home, ratings="fully_met", status="submitted")
    tile = summary.dashboard_tile(user=world.user("paqa"))
    rnd = Return.objects.get().round
    assert tile["url"] == f"{reverse('section11:matrix')}?round={rnd.pk}"
    assert tile["figures"][0] == {
        "label": "Returns submitted",
        "value": 1,
        "of": 2,
        "href": f"{reverse('section11:progress')}?round={rnd.pk}",
    }


def test_the_demo_seeder_is_idempotent(db):
    from partnership import demo as partnership_demo
    from partnership import framework as partnership_framework
    from section11 import demo
    from section11.models import ChallengeSession, Return

    partnership_framework.load()
    partnership_demo.seed()
    framework.load()
    demo.seed()
    counts = (Round.objects.count(), Return.objects.count(), ChallengeSession.objects.count())
    assert counts[0] == 4 and counts[1] > 40 and counts[2] == 6
    assert Return.objects.filter(round=Round.objects.first(), status="draft").exists()
    demo.seed()
    assert (Round.objects.count(), Return.objects.count(), ChallengeSession.objects.count()) == counts


def test_the_home_panel_tells_the_lead_about_their_draft(world, client_for):
    make_return(world.home)
    body = client_for(world.user("lead")).get(reverse("home")).content.decode()
    assert "return for Current round is in draft" in body

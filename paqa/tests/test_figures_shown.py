"""A question on a figure is shown wherever the figure is shown: the scorecard cell, the
Section 11 matrix and return, the audit's findings and the conference statistics; PAQA can
ask from each of them."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from audits.tests.factories import AgencyAuditFactory, FindingFactory
from conferences.tests.factories import ConferenceFactory, InvitationFactory
from paqa import rules, services
from paqa.models import Question
from paqa.tests.factories import question_on, red_figure
from partnership.registry import registry
from section11.tests.factories import make_return

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("total", "still_open", "text"),
    [
        (1, 1, "1 question, open"),
        (1, 0, "1 question, closed"),
        (3, 1, "3 questions, 1 open"),
        (2, 0, "2 questions, all closed"),
    ],
)
def test_the_marker_says_how_many_and_how_many_are_open(total, still_open, text):
    assert rules.marker_text(total, still_open) == text


def _ask(world, kind, ref):
    paqa = world.user("paqa")
    figure = registry.figure(paqa, kind, ref)
    assert figure is not None, f"{kind} {ref} does not resolve"
    return services.question_raise(
        figure=figure,
        agency=world.home,
        text="Why?",
        due_on=timezone.localdate() + dt.timedelta(days=7),
        by=paqa,
    )


def _marker_link(page: str, text: str) -> str:
    found = re.search(r'<a class="badge [^"]*question-marker" href="([^"]+)">' + re.escape(text), page)
    assert found, f"no marker {text!r}"
    return found.group(1).replace("&amp;", "&")


def test_the_scorecard_cell_carries_the_marker_and_it_leads_to_the_question(world, client_for):
    indicator, ref = red_figure(world.home)
    question = question_on(world.home, world.user("paqa"))  # on another indicator
    mine = _ask(world, "indicator", ref)
    client = client_for(world.user("board"))
    page = client.get(reverse("scorecard:index")).content.decode()
    link = _marker_link(page, "1 question, open")
    listing = client.get(link).content.decode()
    assert mine.get_absolute_url() in listing and question.get_absolute_url() not in listing
    assert indicator.name in listing  # the figure is named above the list


def test_the_section11_matrix_and_return_carry_the_marker(world, client_for):
    submission = make_return(world.home, ratings="partially_met", agreed="partially_met", status="accepted")
    response = submission.responses.get(standard__number=3)
    question = _ask(world, "s11_rating", response.figure_ref)
    paqa = client_for(world.user("paqa"))
    matrix = paqa.get(reverse("section11:matrix")).content.decode()
    assert question.get_absolute_url().rstrip("/") not in matrix  # the marker links the list
    link = _marker_link(matrix, "1 question, open")
    assert question.get_absolute_url() in paqa.get(link).content.decode()
    detail = paqa.get(submission.get_absolute_url()).content.decode()
    _marker_link(detail, "1 question, open")
    assert reverse("paqa:question_raise", args=["s11_rating", response.figure_ref]) in detail
    # The agency sees the question on its own return, without PAQA's "Ask".
    lead = client_for(world.user("lead")).get(submission.get_absolute_url()).content.decode()
    _marker_link(lead, "1 question, open")
    assert reverse("paqa:question_raise", args=["s11_rating", response.figure_ref]) not in lead


def test_the_audit_findings_carry_the_marker(world, client_for):
    finding = FindingFactory(audit=AgencyAuditFactory(agency=world.home))
    other = FindingFactory(audit=finding.audit)
    _ask(world, "audit_finding", finding.figure_ref)
    page = client_for(world.user("paqa")).get(finding.audit.get_absolute_url()).content.decode()
    _marker_link(page, "1 question, open")
    assert reverse("paqa:question_raise", args=["audit_finding", other.figure_ref]) in page
    assert page.count("question-marker") == 1


def test_paqa_asks_about_an_agencys_conference_attendance_from_the_dashboard(world, client_for):
    today = timezone.localdate()
    InvitationFactory(
        conference=ConferenceFactory(conference_date=today - dt.timedelta(days=20)),
        agency=world.home,
        attended=False,
    )
    paqa = client_for(world.user("paqa"))
    page = paqa.get(reverse("conferences:dashboard")).content.decode()
    ask = re.search(r'href="(/paqa/questions/raise/conference_attendance/[^"]+)"', page)
    assert ask, "PAQA is offered to ask about the agency's attendance"
    form = paqa.get(ask.group(1)).content.decode()
    assert "Conference attendance, Home" in form and "0.0% attended" in form
    due = (today + dt.timedelta(days=10)).isoformat()
    assert paqa.post(ask.group(1), {"agency": world.home.pk, "text": "Why absent?", "due_on": due}).status_code == 302
    question = Question.objects.get()
    assert (question.figure_kind, question.agency) == ("conference_attendance", world.home)
    again = paqa.get(reverse("conferences:dashboard")).content.decode()
    _marker_link(again, "1 question, open")


def test_a_conference_figure_of_an_agency_not_seen_does_not_resolve(world):
    today = timezone.localdate()
    InvitationFactory(conference=ConferenceFactory(conference_date=today), agency=world.other)
    ref = f"attendance-{world.other.pk}-{today.replace(day=1).isoformat()}-{today.isoformat()}"
    assert registry.figure(world.user("paqa"), "conference_attendance", ref) is not None
    assert registry.figure(world.user("lead"), "conference_attendance", ref) is None
    assert registry.figure(world.user("paqa"), "conference_attendance", "attendance-x") is None

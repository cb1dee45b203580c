"""Governance steps of a multi-agency audit: order, dates, the team from outside PAQA, the
Partnership's agreement before any action, dissemination of good practice, and who may record."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from actions.models import Action
from actions.tests.factories import action_on
from audits import governance_rules as gr
from audits import governance_services as gs
from audits import services
from audits.models import AuditTeamMember, Dissemination, PracticeAudit
from audits.tests.factories import PracticeAuditFactory

pytestmark = pytest.mark.django_db

D = dt.date


# --- the pure rules -----------------------------------------------------------------------------


def test_the_current_step_is_the_first_one_not_recorded():
    assert gr.current_step({}) == gr.METHODOLOGY
    assert gr.current_step({gr.METHODOLOGY: D(2026, 1, 5), gr.TEAM: D(2026, 1, 9)}) == gr.FINDINGS
    assert gr.current_step(dict.fromkeys(gr.STEP_CODES, D(2026, 1, 5))) is None


def test_a_step_waits_for_every_earlier_step():
    today = D(2026, 6, 1)
    assert gr.order_problem(gr.TEAM, D(2026, 2, 1), {}, today) == (
        "Record “Methodology agreed” first: the steps are taken in order."
    )
    dates = {gr.METHODOLOGY: D(2026, 1, 5)}
    assert gr.order_problem(gr.RECOMMENDATIONS, D(2026, 2, 1), dates, today) == (
        "Record “Audit team confirmed” first: the steps are taken in order."
    )
    assert gr.order_problem(gr.TEAM, D(2026, 1, 5), dates, today) is None  # same day is allowed


def test_a_step_is_not_dated_before_the_previous_one_nor_in_the_future():
    today = D(2026, 6, 1)
    dates = {gr.METHODOLOGY: D(2026, 1, 5)}
    assert gr.order_problem(gr.TEAM, D(2026, 1, 4), dates, today) == (
        "The date is before “Methodology agreed” (5 January 2026): the steps are taken in order."
    )
    assert gr.order_problem(gr.TEAM, D(2026, 6, 2), dates, today) == (
        "The date is in the future: record a step once it has happened."
    )
    assert gr.order_problem(gr.METHODOLOGY, D(2026, 1, 6), dates, today) == (
        "“Methodology agreed” is already recorded (5 January 2026)."
    )
    assert gr.order_problem(gr.TEAM, None, dates, today) == "Give the date."


def test_the_team_needs_someone_from_outside_paqa():
    assert gr.team_problem([]) == "Add the audit team's members first."
    assert (
        gr.team_problem([False, False]) == "The audit team needs at least one member with expertise from outside PAQA."
    )
    assert gr.team_problem([False, True]) is None


def test_dissemination_is_done_only_when_good_practice_is_shared():
    assert gr.dissemination_step_date([(gr.SHORTFALL, D(2026, 3, 1))]) is None
    assert gr.dissemination_step_date(
        [(gr.SHORTFALL, D(2026, 3, 1)), (gr.GOOD_PRACTICE, D(2026, 3, 9)), (gr.GOOD_PRACTICE, D(2026, 3, 4))]
    ) == D(2026, 3, 4)


def test_no_action_plan_before_agreement_rule():
    assert gr.action_plan_refusal(None) == gr.NO_PLAN_YET
    assert gr.action_plan_refusal(D(2026, 3, 1)) is None


# --- the services, end to end ---------------------------------------------------------------------


@pytest.fixture
def audit(world, standards):
    return PracticeAuditFactory(
        lead=world.user("paqa"),
        standards=standards,
        agencies=[world.home, world.other],
        methodology="Random sample of 10 cases; practitioner workshop.",
    )


def _to_findings(audit, by, start):
    gs.methodology_agree(audit=audit, by=by, agreed_by="PAQA meeting", on=start)
    gs.team_member_add(
        audit=audit, by=by, name="Dr A Khan", expertise="Designated doctor", organisation="ICB", outside_paqa=True
    )
    gs.team_confirm(audit=audit, by=by, on=start + dt.timedelta(days=3))
    gs.findings_present(audit=audit, by=by, meeting="PAQA, March", on=start + dt.timedelta(days=30))


def _action(world, audit):
    return action_on(
        audit,
        world,
        "Add the child's words to every case summary",
        "Seen in 9 of 10 re-audited cases",
        by="paqa",
        due=timezone.localdate() + dt.timedelta(days=60),
    )


def test_the_steps_are_recorded_in_order_with_their_dates(world, audit):
    paqa = world.user("paqa")
    start = timezone.localdate() - dt.timedelta(days=60)
    with pytest.raises(ValidationError) as exc:
        gs.findings_present(audit=audit, by=paqa, meeting="PAQA", on=start)
    assert exc.value.message_dict["on"] == ["Record “Methodology agreed” first: the steps are taken in order."]
    _to_findings(audit, paqa, start)
    audit.refresh_from_db()
    assert audit.step_dates() == {
        gr.METHODOLOGY: start,
        gr.TEAM: start + dt.timedelta(days=3),
        gr.FINDINGS: start + dt.timedelta(days=30),
        gr.RECOMMENDATIONS: None,
        gr.DISSEMINATION: None,
    }
    assert audit.methodology_agreed_by == "PAQA meeting"
    assert audit.findings_presented_at == "PAQA, March"


def test_the_team_cannot_be_confirmed_without_expertise_from_outside_paqa(world, audit):
    paqa = world.user("paqa")
    gs.methodology_agree(audit=audit, by=paqa, agreed_by="PAQA", on=timezone.localdate())
    gs.team_member_add(audit=audit, by=paqa, name="P Member", expertise="Audit", agency=world.home, outside_paqa=False)
    with pytest.raises(ValidationError) as exc:
        gs.team_confirm(audit=audit, by=paqa, on=timezone.localdate())
    assert exc.value.messages == ["The audit team needs at least one member with expertise from outside PAQA."]
    with pytest.raises(ValidationError) as exc:
        gs.team_member_add(audit=audit, by=paqa, name="X", expertise="Y", outside_paqa=True)
    assert "organisation" in exc.value.message_dict


def test_no_action_can_start_before_the_partnership_agrees_the_recommendations(world, audit):
    paqa = world.user("paqa")
    start = timezone.localdate() - dt.timedelta(days=60)
    _to_findings(audit, paqa, start)
    with pytest.raises(ValidationError) as exc:
        gs.recommendations_agree(
            audit=audit, by=world.user("board"), meeting="Partnership", on=start + dt.timedelta(days=40)
        )
    assert exc.value.messages == ["The audit has no recommendations yet: add them before recording their agreement."]
    services.recommendation_add(by=paqa, text="Use the child's own words.", practice_audit=audit)
    with pytest.raises(ValidationError) as exc:
        _action(world, audit)
    assert exc.value.messages == [gr.NO_PLAN_YET]
    assert not Action.objects.exists()
    gs.recommendations_agree(
        audit=audit, by=world.user("board"), meeting="Partnership, April", on=start + dt.timedelta(days=40)
    )
    audit.refresh_from_db()
    assert _action(world, audit).source_id == audit.pk


def test_dissemination_follows_agreement_and_needs_good_practice(world, audit):
    paqa = world.user("paqa")
    start = timezone.localdate() - dt.timedelta(days=60)
    _to_findings(audit, paqa, start)
    record = dict(what="Seven-minute briefing", audience="Designated safeguarding leads", method="Briefing")
    with pytest.raises(ValidationError) as exc:
        gs.dissemination_record(audit=audit, by=paqa, kind="good_practice", on=start + dt.timedelta(days=45), **record)
    assert exc.value.message_dict["on"] == [
        "Record “Recommendations agreed by the Partnership” first: the steps are taken in order."
    ]
    services.recommendation_add(by=paqa, text="Use the child's own words.", practice_audit=audit)
    agreed = start + dt.timedelta(days=40)
    gs.recommendations_agree(audit=audit, by=paqa, meeting="Partnership", on=agreed)
    with pytest.raises(ValidationError) as exc:
        gs.dissemination_record(audit=audit, by=paqa, kind="shortfall", on=agreed - dt.timedelta(days=1), **record)
    assert "before “Recommendations agreed by the Partnership”" in exc.value.message_dict["on"][0]
    gs.dissemination_record(audit=audit, by=paqa, kind="shortfall", on=agreed + dt.timedelta(days=2), **record)
    audit = PracticeAudit.objects.get(pk=audit.pk)
    assert gr.current_step(audit.step_dates()) == gr.DISSEMINATION  # shortfalls alone do not finish it
    gs.dissemination_record(audit=audit, by=paqa, kind="good_practice", on=agreed + dt.timedelta(days=5), **record)
    audit = PracticeAudit.objects.get(pk=audit.pk)
    assert audit.step_dates()[gr.DISSEMINATION] == agreed + dt.timedelta(days=5)
    assert gr.current_step(audit.step_dates()) is None
    assert Dissemination.objects.filter(audit=audit).count() == 2


# --- pages ------------------------------------------------------------------------------------------


def test_the_audit_page_shows_the_dated_timeline(world, client_for, audit):
    paqa = world.user("paqa")
    start = timezone.localdate() - dt.timedelta(days=60)
    _to_findings(audit, paqa, start)
    page = client_for(paqa).get(audit.get_absolute_url()).content.decode()
    assert "Governance steps" in page
    assert f"{start:%-d %B %Y} · Agreed by PAQA meeting" in page
    assert "Dr A Khan" in page and "Designated doctor" in page
    assert "Waiting on this step" in page  # the Partnership's agreement
    assert "The Partnership has not yet agreed this audit" in page


def test_a_step_form_keeps_what_was_typed_and_says_why(world, client_for, audit):
    url = reverse("audits:governance_step", args=[audit.pk, "findings"])
    response = client_for(world.user("paqa")).post(url, {"meeting": "PAQA 12 March", "on": "2026-01-05"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Record “Methodology agreed” first" in page
    assert 'value="PAQA 12 March"' in page


def test_bad_dates_in_a_step_form_are_refused_clearly(world, client_for, audit):
    url = reverse("audits:governance_step", args=[audit.pk, "methodology"])
    response = client_for(world.user("paqa")).post(url, {"agreed_by": "PAQA", "on": "not a date"})
    assert response.status_code == 400
    assert "Enter a valid date." in response.content.decode()
    assert PracticeAudit.objects.get(pk=audit.pk).methodology_agreed_on is None


@pytest.mark.parametrize("key", ["lead", "contributor", "cdop", "ssm"])
def test_people_outside_the_audit_may_not_record_steps(world, client_for, audit, key):
    client = client_for(world.user(key))
    for url in (
        reverse("audits:governance_step", args=[audit.pk, "methodology"]),
        reverse("audits:team_member_add", args=[audit.pk]),
        reverse("audits:dissemination_add", args=[audit.pk]),
    ):
        assert client.post(url, {"agreed_by": "x", "on": "2026-01-01"}).status_code in (403, 404)
    assert PracticeAudit.objects.get(pk=audit.pk).methodology_agreed_on is None
    assert not AuditTeamMember.objects.exists()


def test_only_the_partnership_records_its_agreement(world, client_for, audit):
    url = reverse("audits:governance_step", args=[audit.pk, "recommendations"])
    assert client_for(world.user("paqa")).get(url).status_code == 403
    assert client_for(world.user("board")).get(url).status_code == 200


def test_the_overview_shows_where_each_audit_waits(world, client_for, audit, standards):
    paqa = world.user("paqa")
    start = timezone.localdate() - dt.timedelta(days=50)
    gs.methodology_agree(audit=audit, by=paqa, agreed_by="PAQA", on=start)
    other = PracticeAuditFactory(
        lead=paqa, standards=standards, agencies=[world.home, world.other], title="Second audit"
    )
    response = client_for(paqa).get(reverse("audits:governance_overview"))
    assert response.status_code == 200
    rows = {r["audit"].pk: r for r in response.context["rows"]}
    assert rows[audit.pk]["waiting_label"] == "Audit team confirmed"
    assert rows[audit.pk]["days"] == 50
    assert rows[other.pk]["waiting_label"] == "Methodology agreed"
    assert rows[other.pk]["days"] == 0


@pytest.mark.parametrize("key", ["anon", "lead", "contributor", "cdop", "ssm"])
def test_the_overview_is_refused_to_others(world, client_for, key):
    response = client_for(world.user(key)).get(reverse("audits:governance_overview"))
    assert response.status_code in (302, 403)


def test_the_demo_has_an_audit_at_each_step_and_a_dissemination_record(world, standards):
    from audits import demo
    from partnership.tests.factories import AgencyFactory

    agencies = {
        a.short_name: a
        for a in (
            AgencyFactory(name="Children's Services", short_name="Children's Services"),
            AgencyFactory(name="SY Police", short_name="SY Police"),
        )
    }
    for title in (demo.OLD_PRACTICE_TITLE, demo.PRACTICE_TITLE):
        PracticeAuditFactory(title=title, lead=world.user("paqa"), standards=standards, methodology="Case files.")
    assert demo._seed_governance(world.user("paqa"), world.user("chair"), standards, agencies) == 4
    assert demo._seed_governance(world.user("paqa"), world.user("chair"), standards, agencies) == 0  # idempotent
    waiting = sorted(
        gr.STEP_CODES.index(s) if s else 5
        for s in (gr.current_step(a.step_dates()) for a in PracticeAudit.objects.all())
    )
    assert waiting == [0, 1, 2, 3, 4, 5]
    assert sorted(Dissemination.objects.values_list("kind", flat=True)) == ["good_practice", "shortfall", "shortfall"]

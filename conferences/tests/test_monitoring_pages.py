"""The monitoring report page, late reasons on the conference form and the children's questionnaire."""

import datetime as dt

import pytest
from django.urls import reverse

from conferences import services
from conferences.models import Conference, LateReason, Question, StandardResult
from conferences.tests.factories import CONFERENCE_FORM, ConferenceFactory, InvitationFactory, load_framework, standard

pytestmark = pytest.mark.django_db

LATE_FORM = {
    **CONFERENCE_FORM,
    "child_ref": "CP-25-05555",
    "conference_date": "2025-03-25",  # day 16: late
    "plan_start": "2025-03-25",
}


def test_a_late_conference_without_a_reason_is_refused_and_the_form_keeps_what_was_typed(world, client_for):
    load_framework()
    client = client_for(world.user("ssm"))
    response = client.post(reverse("conferences:create"), {**LATE_FORM, "late_reason_detail": "Mum was in hospital"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "This conference was out of timescale: choose the reason from the list." in body
    assert "Mum was in hospital" in body and 'value="CP-25-05555"' in body
    assert not Conference.objects.exists()
    reason = LateReason.objects.get(code="family-unavailable")
    response = client.post(
        reverse("conferences:create"),
        {**LATE_FORM, "late_reason": reason.pk, "late_reason_detail": "Mum was in hospital"},
    )
    assert response.status_code == 302
    assert Conference.objects.get().late_reason == reason


def _report_data():
    a, b = standard("quorate"), standard("started-on-time")
    one = ConferenceFactory(chair="Janet Ahmed", conference_date=dt.date(2025, 4, 7), plan_start=dt.date(2025, 4, 7))
    two = ConferenceFactory(chair="Mark Ellis", conference_date=dt.date(2025, 7, 7), plan_start=dt.date(2025, 7, 7))
    StandardResult.objects.create(conference=one, standard=a, result="met")
    StandardResult.objects.create(conference=one, standard=b, result="not_met")
    StandardResult.objects.create(conference=two, standard=a, result="met")
    StandardResult.objects.create(conference=two, standard=b, result="na")
    return one, two


def test_the_report_counts_standards_by_quarter_chair_and_agency(world, client_for):
    one, two = _report_data()
    InvitationFactory(conference=one, agency=world.home)
    InvitationFactory(conference=two, agency=world.home)
    response = client_for(world.user("ssm")).get(
        reverse("conferences:monitoring_report"), {"start": "2025-04", "end": "2025-09"}
    )
    ctx = response.context
    assert [(label, r.met, r.not_met, r.not_applicable, str(r.percent)) for label, r in ctx["by_quarter"]] == [
        ("Q1 2025-26", 1, 1, 0, "50.0"),
        ("Q2 2025-26", 1, 0, 1, "100.0"),
    ]
    chairs = {c["chair"]: c for c in ctx["chairs"]}
    assert (chairs["Janet Ahmed"]["total"], str(chairs["Janet Ahmed"]["standards"].percent)) == (1, "50.0")
    assert (chairs["Mark Ellis"]["total"], str(chairs["Mark Ellis"]["standards"].percent)) == (1, "100.0")
    # Home agency was invited to both: 2 met, 1 not met
    assert [(name, r.met, r.not_met, str(r.percent)) for name, r in ctx["by_agency"]] == [("Home Agency", 2, 1, "66.7")]
    body = response.content.decode()
    assert "Q1 2025-26" in body and "Janet Ahmed" in body and "None" not in body


def test_the_report_counts_late_reasons(world, client_for):
    load_framework()
    reason = LateReason.objects.get(code="no-chair")
    services.conference_create(
        created_by=None,
        **{
            "child_ref": "CP-25-07777",
            "kind": "initial",
            "enquiry_start_date": dt.date(2025, 3, 3),
            "conference_date": dt.date(2025, 3, 26),
            "chair": "Ruth Okafor",
            "outcome": "no_plan",
            "child_sex": "male",
            "child_age_band": "10_15",
            "child_ethnicity": "not_known",
            "child_disability": "no",
        },
        late_reason=reason,
        late_reason_detail="Two chairs off sick.",
    )
    response = client_for(world.user("paqa")).get(
        reverse("conferences:monitoring_report"), {"start": "2025-03", "end": "2025-03"}
    )
    assert response.context["late_reasons"] == [
        {"reason": "No conference chair was available in time", "count": 1, "percent": 100}
    ]


@pytest.mark.parametrize("role", ["lead", "contributor", "chair", "cdop"])
def test_agency_and_other_roles_cannot_open_the_report(world, client_for, role):
    assert client_for(world.user(role)).get(reverse("conferences:monitoring_report")).status_code == 403


def test_the_report_query_count_does_not_grow(world, client_for, django_assert_num_queries):
    client = client_for(world.user("ssm"))
    url = reverse("conferences:monitoring_report")
    for n in (3, 12):
        for _ in range(n):
            c = ConferenceFactory(conference_date=dt.date.today().replace(day=1), plan_start=dt.date.today())
            StandardResult.objects.create(conference=c, standard=standard(), result="met")
            InvitationFactory(conference=c, agency=world.home)
        # 1 session, 2 user, 3 roles, 4 standard results, 5 invited agencies, 6 agency names,
        # 7 standard wording, 8 chairs, 9 late reasons, 10 reason wording, 11 core groups,
        # 12 core group attendance, 13 the user's agency (page header), 14-16 session save in a
        # savepoint: the same at any size
        with django_assert_num_queries(16):
            assert client.get(url).status_code == 200


def test_a_child_answers_their_own_questions_in_their_own_words(world, client_for):
    load_framework()
    conference = ConferenceFactory()
    _, token = services.questionnaire_link_create(
        conference=conference, respondent="young_person", by=world.user("ssm")
    )
    client = client_for(None)
    body = client.get(reverse("conferences:public_questionnaire", kwargs={"token": token})).content.decode()
    assert "Tell us about the meeting" in body and "Yes, a lot" in body
    assert "I knew why the meeting was on" in body
    assert "I understood why the conference was being held" not in body  # the parents' wording
    q = Question.objects.get(code="yp-next")
    response = client.post(reverse("conferences:public_questionnaire", kwargs={"token": token}), {f"q{q.pk}": "5"})
    assert response.status_code == 200 and "We got your answers" in response.content.decode()
    answer = conference.responses.get().answers.get()
    assert (answer.question.code, answer.score) == ("yp-next", 5)


def test_a_parents_answer_to_a_childrens_question_is_refused(world):
    load_framework()
    conference = ConferenceFactory()
    response = services.questionnaire_enter
    young = Question.objects.get(code="yp-next")
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="not in use"):
        response(conference=conference, respondent="parent", answers={young.pk: {"score": 4}}, by=None)


def test_staff_choose_the_childrens_paper_questionnaire(world, client_for):
    load_framework()
    conference = ConferenceFactory()
    url = reverse("conferences:questionnaire_enter", kwargs={"pk": conference.pk})
    body = client_for(world.user("ssm")).get(url, {"respondent": "young_person"}).content.decode()
    assert "I know who to talk to if I am worried" in body
    assert "The worries about my child were explained clearly" not in body


def test_the_safeguarding_services_manager_sends_the_quarters_report_to_paqa(world, client_for):
    from django.utils import timezone

    from conferences.monitoring import financial_quarter
    from governance.models import RoutedReport

    start, _ = financial_quarter(timezone.localdate())
    day = start  # a conference on the first day of this quarter, with two standards recorded
    c = ConferenceFactory(chair="Janet Ahmed", conference_date=day, plan_start=day, enquiry_start_date=day)
    StandardResult.objects.create(conference=c, standard=standard("quorate"), result="met")
    StandardResult.objects.create(conference=c, standard=standard("started-on-time"), result="not_met")
    ref = f"quarter-{start:%Y-%m}"
    client = client_for(world.user("ssm"))
    closed, _ = financial_quarter(start - dt.timedelta(days=1))
    page = client.get(reverse("conferences:monitoring_report")).content.decode()
    assert reverse("governance:report_send", args=["conferences", f"quarter-{closed:%Y-%m}"]) in page
    response = client.post(reverse("governance:report_send", args=["conferences", ref]), {"note": "For PAQA"})
    report = RoutedReport.objects.get(source_kind="conferences", source_ref=ref)
    assert response.status_code == 302 and report.status == "received"
    assert "standards met: 50.0% (1 of 2)" in report.summary
    assert client_for(world.user("lead")).post(
        reverse("governance:report_send", args=["conferences", ref]), {"note": "x"}
    ).status_code in (403, 404)


def test_recomputing_writes_the_month_just_closed_and_not_the_month_in_progress(world):
    from scorecard.framework import load_catalogue
    from scorecard.models import Measurement

    load_catalogue()
    may = ConferenceFactory(
        child_ref="CP-M-1", enquiry_start_date=dt.date(2025, 5, 1), conference_date=dt.date(2025, 5, 23)
    )
    ConferenceFactory(child_ref="CP-J-1", enquiry_start_date=dt.date(2025, 6, 2), conference_date=dt.date(2025, 6, 5))
    services.indicators_recompute(start=dt.date(2025, 5, 1), end=dt.date(2025, 6, 30), today=dt.date(2025, 6, 1))
    months = set(
        Measurement.objects.filter(indicator__code="CP_ICPC_15WD", period_start__month__in=[5, 6])
        .exclude(period_end__month=3)
        .values_list("period_start", "period_end")
    )
    assert (dt.date(2025, 5, 1), dt.date(2025, 5, 31)) in months
    assert (dt.date(2025, 6, 1), dt.date(2025, 6, 30)) not in months
    assert may.timely is True


def test_core_groups_are_recorded_with_attendance_and_counted_in_the_report(world, client_for, settings):
    settings.CORE_GROUP_INTERVAL_WEEKS = 4
    conference = ConferenceFactory(
        enquiry_start_date=dt.date(2025, 4, 28), conference_date=dt.date(2025, 5, 19), plan_start=dt.date(2025, 5, 19)
    )
    client = client_for(world.user("ssm"))
    url = reverse("conferences:core_groups", kwargs={"pk": conference.pk})
    assert (
        client.post(
            url, {"meeting_date": "2025-06-03", f"a{world.home.pk}": "attended", f"a{world.other.pk}": "absent"}
        ).status_code
        == 302
    )
    # 4 weeks after 3 June is 1 July: 2 July is late
    assert client.post(url, {"meeting_date": "2025-07-02", f"a{world.home.pk}": "attended"}).status_code == 302
    first, second = conference.core_groups.order_by("meeting_date")
    assert (first.sequence, first.working_days, first.timely) == (1, 10, True)
    assert (second.sequence, second.due_date, second.timely) == (2, dt.date(2025, 7, 1), False)
    report = client.get(reverse("conferences:monitoring_report"), {"start": "2025-06", "end": "2025-07"}).context
    cg = report["core_groups"]
    assert (cg["first"], cg["first_timely"], cg["later"], cg["later_timely"]) == (1, 1, 1, 0)
    assert [(a["agency__name"], a["members"], a["attended"]) for a in cg["agencies"]] == [
        ("Canary Agency", 1, 0),
        ("Home Agency", 2, 2),
    ]


def test_a_core_group_before_the_conference_is_refused_and_the_form_keeps_the_date(world, client_for):
    conference = ConferenceFactory()
    url = reverse("conferences:core_groups", kwargs={"pk": conference.pk})
    response = client_for(world.user("ssm")).post(url, {"meeting_date": "2025-03-10", f"a{world.home.pk}": "attended"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "The core group cannot meet before the conference (17 March 2025)." in body
    assert 'value="2025-03-10"' in body
    assert not conference.core_groups.exists()


def test_a_core_group_with_nobody_attending_is_refused(world, client_for):
    conference = ConferenceFactory()
    url = reverse("conferences:core_groups", kwargs={"pk": conference.pk})
    response = client_for(world.user("ssm")).post(url, {"meeting_date": "2025-03-20", f"a{world.home.pk}": "absent"})
    assert "No agency attended" in response.content.decode()


def test_paqa_reads_core_groups_but_cannot_record_one_and_agencies_cannot_see_them(world, client_for):
    conference = ConferenceFactory()
    url = reverse("conferences:core_groups", kwargs={"pk": conference.pk})
    assert client_for(world.user("paqa")).get(url).status_code == 200
    assert client_for(world.user("paqa")).post(url, {"meeting_date": "2025-03-20"}).status_code == 403
    assert client_for(world.user("lead")).get(url).status_code == 404

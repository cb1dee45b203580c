"""Conferences at scale: 20,000 conferences and 100,000 agency attendance rows (scaled), the
list, dashboard and agency pages, and recomputing a year of indicators into the scorecard."""

import datetime as dt
import random
import time

from bench.harness import Context, Timing, pages_covering


def build(ctx: Context) -> None:
    from conferences import framework
    from conferences.models import AgencyInvitation, Answer, Conference, Question, QuestionnaireResponse
    from conferences.timeliness import icpc_due
    from partnership.models import RoleAssignment, User

    framework.load()
    try:
        from scorecard.framework import load_catalogue

        load_catalogue()
    except ImportError:  # the scorecard strand not installed: the recompute timing is skipped
        pass
    rng = random.Random(70)  # noqa: S311
    agencies = ctx.extra["agencies"]
    n = max(200, int(20_000 * ctx.scale))
    per = max(1, round(100_000 / 20_000))  # five agency rows per conference
    today = dt.date.today()
    span = 5 * 365
    kinds = ["initial", "review", "review", "review", "transfer_in"]
    rows = []
    for i in range(n):
        day = today - dt.timedelta(days=rng.randint(0, span))
        kind = kinds[i % len(kinds)] if i % 50 else "transfer_in"
        enquiry = day - dt.timedelta(days=rng.randint(10, 24)) if kind == "initial" else None
        outcome = {"initial": "plan_made", "transfer_in": "plan_made"}.get(
            kind, rng.choice(["plan_continued", "plan_ended"])
        )
        start = day if kind != "review" else day - dt.timedelta(days=rng.randint(90, 900))
        rows.append(
            Conference(
                child_ref=f"BENCH-{i // 4:06d}",
                kind=kind,
                enquiry_start_date=enquiry,
                strategy_discussion_date=enquiry,
                conference_date=day,
                chair="Bench Chair",
                outcome=outcome,
                plan_category=rng.choice(["neglect", "emotional", "physical", "sexual", "multiple"]),
                second_plan=rng.random() < 0.2,
                plan_start=start,
                plan_end=day if outcome == "plan_ended" else None,
                parents_attended=rng.random() < 0.8,
                child_views=rng.choice(["", "advocate", "written"]),
                due_date=icpc_due(enquiry) if enquiry else day,
                timely=(rng.random() < 0.85) if kind != "transfer_in" else None,
            )
        )
    Conference.objects.bulk_create(rows, batch_size=2000)
    conferences = list(Conference.objects.filter(child_ref__startswith="BENCH-").values_list("pk", "conference_date"))
    invitations = []
    for pk, day in conferences:
        for agency in rng.sample(agencies, min(per, len(agencies))):
            attended = rng.random() < 0.8
            invitations.append(
                AgencyInvitation(
                    conference_id=pk,
                    agency=agency,
                    attended=attended,
                    apologies=not attended,
                    report_submitted_on=day - dt.timedelta(days=3),
                    report_on_time=rng.random() < 0.7,
                    conference_date=day,
                )
            )
    AgencyInvitation.objects.bulk_create(invitations, batch_size=5000)
    questions = list(Question.objects.filter(kind="scale"))
    responses = [
        QuestionnaireResponse(conference_id=pk, respondent="parent", method="paper", conference_date=day)
        for pk, day in conferences[::4]
    ]
    QuestionnaireResponse.objects.bulk_create(responses, batch_size=2000)
    Answer.objects.bulk_create(
        [Answer(response=r, question=q, score=rng.randint(1, 5)) for r in responses for q in questions],
        batch_size=5000,
    )
    ctx.extra["conferences"] = len(conferences)
    ctx.extra["conference_invitations"] = len(invitations)
    lead = User.objects.create(username="bench-conf-lead", agency=agencies[0])
    RoleAssignment.objects.create(user=lead, role="agency_lead")
    ctx.users["conf-lead"] = lead


def _recompute_year() -> dict:
    """The last complete financial year: 12 months and the year, for each of the 7 indicators."""
    from conferences.indicators import financial_year_of
    from conferences.services import indicators_recompute

    start, end = financial_year_of(financial_year_of(dt.date.today())[0] - dt.timedelta(days=1))
    started = time.perf_counter()
    written = indicators_recompute(start=start, end=end)
    first = time.perf_counter() - started
    started = time.perf_counter()
    indicators_recompute(start=start, end=end)
    again = time.perf_counter() - started
    return {"seconds": round(first, 2), "seconds_again": round(again, 2), "values_written": sum(written.values())}


def pages(ctx: Context) -> list:
    n = ctx.extra["conferences"]
    inv = ctx.extra["conference_invitations"]
    agency = ctx.extra["agencies"][0].pk
    late_absent = f"/conferences/?timeliness=late&agency={agency}&agency_attendance=absent"
    items = [
        *pages_covering(
            ctx,
            n,
            [
                ("conference list (PAQA)", "/conferences/", "paqa"),
                ("conference list, late + agency absent", late_absent, "ssm"),
            ],
        ),
        *pages_covering(
            ctx,
            inv,
            [
                ("conference dashboard (PAQA, 12 months)", "/conferences/dashboard/", "paqa"),
                (
                    "conference dashboard (5 years)",
                    f"/conferences/dashboard/?start={dt.date.today().year - 5}-01",
                    "paqa",
                ),
                ("conference agency view (agency lead)", "/conferences/agencies/", "conf-lead"),
                ("conference agency view (PAQA, one agency)", f"/conferences/agencies/?agency={agency}", "paqa"),
            ],
        ),
    ]
    try:
        import scorecard.services  # noqa: F401
    except ImportError:
        return items
    return [*items, Timing("conference indicators: recompute a year", _recompute_year)]

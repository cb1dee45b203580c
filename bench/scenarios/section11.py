"""Section 11 at size: 150 agencies (scaled) × 9 standards × 10 rounds; the compliance matrix,
its filtered view and export, and the business unit's progress page."""

import datetime as dt
import random

from bench.harness import Context, Page

ROUNDS = 10
RATINGS = ["fully_met"] * 6 + ["partially_met"] * 2 + ["not_met", "not_applicable"]


def build(ctx: Context) -> None:
    from section11 import framework
    from section11.models import Participation, Return, Round, StandardResponse, StandardSet

    framework.load()
    standard_set = StandardSet.objects.get(code="pmf-2019")
    standards = list(standard_set.standards.all())
    agencies = ctx.extra["agencies"]
    rng = random.Random(11)
    today = dt.date.today()
    rounds = Round.objects.bulk_create(
        [
            Round(
                name=f"Bench round {i:02d}",
                period=f"{today.year - ROUNDS + i + 1}",
                standard_set=standard_set,
                opens_on=today.replace(day=1) - dt.timedelta(days=365 * (ROUNDS - 1 - i)),
                deadline=today.replace(day=1) - dt.timedelta(days=365 * (ROUNDS - 1 - i)) + dt.timedelta(days=60),
            )
            for i in range(ROUNDS)
        ]
    )
    participations, returns = [], []
    for i, rnd in enumerate(rounds):
        current = i == ROUNDS - 1
        for agency in agencies:
            participations.append(Participation(round=rnd, agency=agency, required=agency.s11_duty != "voluntary"))
            if current and rng.random() < 0.3:
                continue  # not started yet
            status = rng.choice(["draft", "submitted", "under_challenge", "accepted"]) if current else "accepted"
            returns.append(Return(round=rnd, agency=agency, status=status))
    Participation.objects.bulk_create(participations, batch_size=2000)
    Return.objects.bulk_create(returns, batch_size=2000)
    responses = []
    for submission in Return.objects.filter(round__in=rounds).only("pk", "status"):
        for standard in standards:
            rating = rng.choice(RATINGS) if submission.status != "draft" or rng.random() < 0.6 else ""
            agreed = rating if submission.status == "accepted" and rng.random() < 0.9 else ""
            responses.append(
                StandardResponse(submission_id=submission.pk, standard=standard, rating=rating, agreed_rating=agreed)
            )
    StandardResponse.objects.bulk_create(responses, batch_size=5000)
    ctx.extra["section11_round"] = rounds[-1]
    ctx.extra["section11_responses"] = len(responses)


def pages(ctx: Context) -> list[Page]:
    rnd = ctx.extra["section11_round"]
    n = len(ctx.extra["agencies"])
    return [
        Page("s11 compliance matrix", f"/section11/matrix/?round={rnd.pk}", ctx.users["paqa"], rows=n * 9),
        Page(
            "s11 matrix filtered (statutory)",
            f"/section11/matrix/?round={rnd.pk}&duty=statutory",
            ctx.users["board"],
            rows=n * 3,
        ),
        Page("s11 matrix export xlsx", f"/section11/matrix/export.xlsx?round={rnd.pk}", ctx.users["paqa"], rows=n * 9),
        Page("s11 progress", f"/section11/progress/?round={rnd.pk}", ctx.users["bu"], rows=n),
        Page("s11 matrix (agency lead)", f"/section11/matrix/?round={rnd.pk}", ctx.users["lead"], rows=9),
    ]

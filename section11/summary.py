"""Section 11 for the annual report and the cross-strand dashboard: plain numbers and labels."""

from datetime import date

from django.urls import reverse

from section11 import selectors
from section11.models import Audit, ChallengeSession, Round


def annual_summary(*, start: date, end: date, user) -> dict:
    """The latest round opened in [start, end], as the user may see it.

    Keys:
      round: name of that round, or None when no round opened in the period (then every other
        value is None or an empty list);
      period, deadline: the round's period label and deadline (ISO date);
      agencies_taking_part, agencies_required: counts of participating / must-return agencies;
      submitted: returns submitted or beyond (submitted, under challenge, accepted);
      accepted: returns accepted after challenge;
      not_submitted: names of agencies that must return and have not submitted (list);
      challenge_sessions: sessions held in [start, end];
      overall_compliance: percentage (1 dp, float) over ratings agreed at challenge only (self-ratings
        never count); None when nothing is agreed;
      compliance_basis: what stands behind it, e.g. "78.4% of 41 agreed standards, 12 agencies;
        6 returns not yet reviewed";
      agreed_standards, agencies_agreed, returns_not_reviewed: the parts of that sentence;
      previous_overall_compliance: the same for the previous round, or None;
      by_standard: list of {number, title, fully_met, partially_met, not_met, not_applicable, not_rated,
        not_agreed}, agreed ratings only (not_rated: no agreed rating; not_agreed: self-rated, waiting);
      lowest_standards: titles of the (up to) three standards with most "not met" ratings (only
        standards with at least one), an empty list when there are none.
    """
    rnd = (
        Round.objects.filter(opens_on__gte=start, opens_on__lte=end, standard_set__audit=Audit.SECTION_11)
        .order_by("-opens_on")
        .first()
    )
    empty = {
        "round": None,
        "period": None,
        "deadline": None,
        "agencies_taking_part": None,
        "agencies_required": None,
        "submitted": None,
        "accepted": None,
        "not_submitted": [],
        "challenge_sessions": None,
        "overall_compliance": None,
        "compliance_basis": None,
        "agreed_standards": None,
        "agencies_agreed": None,
        "returns_not_reviewed": None,
        "previous_overall_compliance": None,
        "by_standard": [],
        "lowest_standards": [],
    }
    if rnd is None:
        return empty
    matrix = selectors.compliance_matrix(user=user, round=rnd)
    rows = matrix.rows
    done = ("submitted", "under_challenge", "accepted")
    previous_overall = None
    if matrix.previous is not None:
        previous_overall = selectors.compliance_matrix(user=user, round=matrix.previous).overall
    by_standard = []
    for (standard, t), waiting in zip(matrix.column_tallies(), matrix.column_not_agreed(), strict=True):
        by_standard.append(
            {
                "number": standard.number,
                "title": standard.title,
                "fully_met": t.fully_met,
                "partially_met": t.partially_met,
                "not_met": t.not_met,
                "not_applicable": t.not_applicable,
                "not_rated": t.not_rated,
                "not_agreed": waiting,
            }
        )
    worst = sorted((s for s in by_standard if s["not_met"]), key=lambda s: (-s["not_met"], s["number"]))[:3]
    headline = matrix.headline
    overall = headline.percent
    return {
        "round": rnd.name,
        "period": rnd.period,
        "deadline": rnd.deadline.isoformat(),
        "agencies_taking_part": len(rows),
        "agencies_required": sum(1 for r in rows if r.required),
        "submitted": sum(1 for r in rows if r.status in done),
        "accepted": sum(1 for r in rows if r.status == "accepted"),
        "not_submitted": [r.agency for r in rows if r.required and r.status not in done],
        "challenge_sessions": ChallengeSession.objects.filter(held_on__gte=start, held_on__lte=end).count(),
        "overall_compliance": float(overall) if overall is not None else None,
        "compliance_basis": headline.text,
        "agreed_standards": headline.agreed_standards,
        "agencies_agreed": headline.agencies,
        "returns_not_reviewed": headline.not_reviewed,
        "previous_overall_compliance": float(previous_overall) if previous_overall is not None else None,
        "by_standard": by_standard,
        "lowest_standards": [s["title"] for s in worst],
    }


def dashboard_tile(*, user) -> dict:
    """Headline figures for the current round: returns in, accepted, overall compliance."""
    rnd = selectors.current_round()
    if rnd is None:
        return {"title": "Section 11", "url": reverse("section11:index"), "round": None, "figures": []}
    # The progress page's counts and the matrix's headline, each counted in the database.
    counts = selectors.round_return_counts(user=user, round=rnd)
    headline = selectors.round_headline(user=user, round=rnd)
    progress = f"{reverse('section11:progress')}?round={rnd.pk}"
    matrix = f"{reverse('section11:matrix')}?round={rnd.pk}"
    return {
        "title": "Section 11",
        "url": matrix,
        "round": rnd.name,
        "period": f"{rnd.name if rnd.period in rnd.name else f'{rnd.name} ({rnd.period})'}, returns due {rnd.deadline:%-d %B %Y}",
        "source": "Agencies' Section 11 returns and challenge sessions",
        "figures": [
            {
                "href": progress,
                "label": "Returns submitted",
                "value": counts["submitted"],
                "of": counts["agencies"],
            },
            {
                "href": progress,
                "label": "Accepted after challenge",
                "value": counts["accepted"],
                "of": counts["agencies"],
            },
            {
                "href": matrix,
                "label": f"Compliance agreed at challenge (%), {headline.agreed_standards} standards",
                "value": float(headline.percent) if headline.percent is not None else None,
            },
            {"label": "Returns not yet reviewed", "value": headline.not_reviewed, "href": matrix},
        ],
    }

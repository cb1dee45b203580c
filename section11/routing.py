"""The Section 11 round summary, sent to PAQA from the round's page (partnership.registry)."""

from django.db.models import Count, Q

from partnership.access import BUSINESS_UNIT, PAQA, has_role
from partnership.registry import ReportCandidate
from section11.models import Return, Round

SENT_ONWARD = (Return.Status.SUBMITTED, Return.Status.UNDER_CHALLENGE, Return.Status.ACCEPTED)


def candidates(user) -> list[ReportCandidate]:
    """The latest rounds' summaries, for the business unit and PAQA (who run the rounds)."""
    if not has_role(user, BUSINESS_UNIT, PAQA):
        return []
    rounds = Round.objects.annotate(
        required=Count("participants", filter=Q(participants__required=True), distinct=True),
        submitted=Count("returns", filter=Q(returns__status__in=SENT_ONWARD), distinct=True),
        accepted=Count("returns", filter=Q(returns__status=Return.Status.ACCEPTED), distinct=True),
    ).order_by("-opens_on", "-pk")[:5]
    return [
        ReportCandidate(
            kind="section11",
            ref=f"round-{r.pk}",
            title=f"Section 11 round summary: {r.name}",
            source_label=f"Section 11 round {r.name} ({r.period})",
            url=r.get_absolute_url(),
            summary=(
                f"{r.submitted} returns submitted ({r.required} agencies must return), "
                f"{r.accepted} accepted after challenge; deadline {r.deadline:%-d %b %Y}."
            ),
        )
        for r in rounds
    ]

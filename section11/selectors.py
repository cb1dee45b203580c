"""Reads for Section 11: every list, matrix, export and chart starts from `for_user(user)`."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import django_filters
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from partnership.models import AgencyKind, S11Duty
from section11 import scoring
from section11.models import (
    Audit,
    ChallengeRecord,
    EvidenceFile,
    Participation,
    Return,
    Round,
    Standard,
    StandardResponse,
)


def round_list() -> QuerySet[Round]:
    return Round.objects.select_related("standard_set")


def current_round(today: date | None = None, audit: str = Audit.SECTION_11) -> Round | None:
    """The audit's round open now (opened, latest first); else its most recent one."""
    today = today or timezone.localdate()
    rounds = Round.objects.filter(standard_set__audit=audit)
    return rounds.filter(opens_on__lte=today).order_by("-opens_on").first() or rounds.first()


def return_list(*, user) -> QuerySet[Return]:
    return Return.objects.for_user(user).select_related("round", "agency")


def return_for_agency(*, user, round: Round) -> Return | None:
    if user.agency_id is None:
        return None
    return return_list(user=user).filter(round=round, agency_id=user.agency_id).first()


def responses_for(*, submission: Return) -> QuerySet[StandardResponse]:
    """A return's standards with their criteria, evidence and editor, in a fixed number of queries."""
    return submission.responses.select_related("standard", "updated_by").prefetch_related(
        "criteria__criterion", "evidence", "listed_evidence"
    )


def previous_agreed(*, submission: Return) -> tuple[Round | None, dict[int, str]]:
    """The agency's previous round and the rating agreed there for each standard number."""
    previous = (
        Return.objects.filter(
            agency_id=submission.agency_id,
            round__opens_on__lt=submission.round.opens_on,
            round__standard_set__audit=submission.round.standard_set.audit,
        )
        .select_related("round")
        .order_by("-round__opens_on")
        .first()
    )  # query: the agency's previous return
    if previous is None:
        return None, {}
    agreed = dict(
        previous.responses.exclude(agreed_rating="").values_list("standard__number", "agreed_rating")
    )  # query: its agreed ratings
    return previous.round, agreed


def evidence_list(*, user) -> QuerySet[EvidenceFile]:
    return EvidenceFile.objects.for_user(user).select_related("response__submission")


def challenge_records_for(*, user, submission: Return) -> QuerySet[ChallengeRecord]:
    return ChallengeRecord.objects.for_user(user).filter(submission=submission).select_related("session")


class ParticipationFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(field_name="agency__kind", choices=AgencyKind.choices, label="Agency type")
    duty = django_filters.ChoiceFilter(field_name="agency__s11_duty", choices=S11Duty.choices, label="Section 11 duty")

    class Meta:
        model = Participation
        fields = ["kind", "duty"]


# --- compliance matrix -----------------------------------------------------------------------


@dataclass
class Cell:
    number: int
    rating: str | None
    agreed: bool
    self_rating: str | None
    response_id: int | None = None  # the figure PAQA may ask about: "response-<id>"

    @property
    def ref(self) -> str:
        return f"response-{self.response_id}" if self.response_id else ""

    @property
    def rag(self) -> str:
        return scoring.rag(self.rating)

    @property
    def label(self) -> str:
        return scoring.label(self.rating)


@dataclass
class MatrixRow:
    agency_id: int
    agency: str
    kind: str
    duty: str
    required: bool
    status: str | None
    cells: list[Cell] = field(default_factory=list)
    score: Decimal | None = None
    previous_score: Decimal | None = None

    @property
    def change(self) -> Decimal | None:
        return scoring.change(self.score, self.previous_score)

    @property
    def tally(self) -> scoring.Tally:
        """Agreed ratings only: a self-rating waits in `not_agreed` until it is agreed at challenge."""
        return scoring.tally(c.rating if c.agreed else None for c in self.cells)

    @property
    def not_agreed(self) -> int:
        """Standards self-rated but not yet agreed (a draft or an unreviewed return)."""
        return sum(1 for c in self.cells if c.rating and not c.agreed)

    @property
    def ratings(self) -> scoring.ReturnRatings:
        return scoring.ReturnRatings(
            agency_id=self.agency_id,
            ratings=tuple((c.self_rating, c.rating if c.agreed else None) for c in self.cells),
        )


@dataclass
class Matrix:
    round: Round
    previous: Round | None
    standards: list[Standard]
    rows: list[MatrixRow]

    def column_tallies(self) -> list[tuple[Standard, scoring.Tally]]:
        """Per standard, agreed ratings only."""
        return [
            (s, scoring.tally(r.cells[i].rating if r.cells[i].agreed else None for r in self.rows))
            for i, s in enumerate(self.standards)
        ]

    def column_not_agreed(self) -> list[int]:
        """Per standard, self-ratings still waiting to be agreed."""
        return [
            sum(1 for r in self.rows if r.cells[i].rating and not r.cells[i].agreed) for i in range(len(self.standards))
        ]

    @property
    def headline(self) -> scoring.Headline:
        """The round's figure from agreed ratings only, with the agreed standards and agencies behind
        it and the returns not yet reviewed (agencies that have not started have no return)."""
        return scoring.headline(r.ratings for r in self.rows if r.status is not None)

    @property
    def overall(self) -> Decimal | None:
        return self.headline.percent


def _ratings_by_agency(user, round: Round) -> dict[int, dict[int, tuple[str, str, int]]]:
    """{agency id: {standard number: (self-rating, agreed rating, response id)}}."""
    rows = (
        StandardResponse.objects.for_user(user)
        .filter(submission__round=round)
        .values_list("submission__agency_id", "standard__number", "rating", "agreed_rating", "pk")
    )
    found: dict[int, dict[int, tuple[str, str, int]]] = {}
    for agency_id, number, rating, agreed, pk in rows:
        found.setdefault(agency_id, {})[number] = (rating, agreed, pk)
    return found


def compliance_matrix(*, user, round: Round, filters: dict | None = None) -> Matrix:
    """Agencies × standards for a round: agreed rating, else self-rating (marked). Scores, totals
    and the change since the previous round count agreed ratings only. Six queries whatever the size."""
    participations = ParticipationFilter(
        filters or {}, queryset=Participation.objects.for_user(user).filter(round=round).select_related("agency")
    ).qs  # query: participating agencies the user may see
    standards = list(round.standard_set.standards.all())  # query: the round's standards
    statuses = dict(
        Return.objects.for_user(user).filter(round=round).values_list("agency_id", "status")
    )  # query: return statuses
    current = _ratings_by_agency(user, round)  # query: every rating in the round
    previous = round.previous()  # query: the previous round
    before = _ratings_by_agency(user, previous) if previous else {}  # query: its ratings
    rows = []
    for p in participations:
        answers = current.get(p.agency_id, {})
        cells = []
        for s in standards:
            rating, agreed, response_id = answers.get(s.number, ("", "", None))
            effective, is_agreed = scoring.effective_rating(self_rating=rating or None, agreed_rating=agreed or None)
            cells.append(
                Cell(
                    number=s.number,
                    rating=effective,
                    agreed=is_agreed,
                    self_rating=rating or None,
                    response_id=response_id,
                )
            )
        old = before.get(p.agency_id)
        previous_score = scoring.compliance_percent(a or None for _r, a, _pk in old.values()) if old else None
        rows.append(
            MatrixRow(
                agency_id=p.agency_id,
                agency=str(p.agency),
                kind=p.agency.get_kind_display(),
                duty=p.agency.get_s11_duty_display(),
                required=p.required,
                status=statuses.get(p.agency_id),
                cells=cells,
                score=scoring.compliance_percent(c.rating for c in cells if c.agreed) if answers else None,
                previous_score=previous_score,
            )
        )
    return Matrix(round=round, previous=previous, standards=standards, rows=rows)


def round_headline(*, user, round: Round) -> scoring.Headline:
    """The compliance matrix's headline for a round (`Matrix.headline`: agreed ratings only),
    counted in the database instead of built from the whole matrix: three queries whatever the
    number of agencies and standards.

    As in the matrix, a return counts when its agency takes part in the round; a standard is
    matched by its number in the round's standard set; a return is "not yet reviewed" while
    any of the set's standards has no agreed rating.
    """
    standards = Standard.objects.filter(standard_set_id=round.standard_set_id)
    numbers = standards.values("number")
    in_set = standards.count()  # query: the round's standards
    returns = Return.objects.for_user(user).filter(
        round=round, agency_id__in=Participation.objects.for_user(user).filter(round=round).values("agency_id")
    )
    agreed = Q(responses__agreed_rating__in=scoring.RATINGS, responses__standard__number__in=numbers)
    not_reviewed = (
        returns.annotate(agreed=Count("responses", filter=agreed)).filter(agreed__lt=max(in_set, 1)).count()
    )  # query: returns with a standard still without an agreed rating (every return when the set is empty)
    points = Case(
        *[When(agreed_rating=rating, then=Value(n)) for rating, n in scoring.POINTS.items()],
        output_field=IntegerField(),
    )
    scored = StandardResponse.objects.filter(
        submission__in=returns.values("pk"),
        standard__number__in=numbers,
        agreed_rating__in=list(scoring.POINTS),
    ).aggregate(
        scored=Count("pk"), points=Coalesce(Sum(points), 0), agencies=Count("submission__agency", distinct=True)
    )  # query: agreed ratings that score, their points and agencies
    return scoring.Headline(
        percent=scoring.percent_of_points(points=scored["points"], scored=scored["scored"]),
        agreed_standards=scored["scored"],
        agencies=scored["agencies"],
        not_reviewed=not_reviewed,
    )


def round_return_counts(*, user, round: Round) -> dict[str, int]:
    """{"agencies": agencies taking part, "submitted": their returns submitted or beyond
    (submitted, under challenge, accepted), "accepted": accepted after challenge}, as the
    progress page counts them, in one query."""
    taking_part = Participation.objects.for_user(user).filter(round=round)
    done = (Return.Status.SUBMITTED, Return.Status.UNDER_CHALLENGE, Return.Status.ACCEPTED)
    returns = Return.objects.for_user(user).filter(round=round, agency_id=OuterRef("agency_id"))
    return taking_part.aggregate(
        agencies=Count("pk"),
        submitted=Count("pk", filter=Exists(returns.filter(status__in=done))),
        accepted=Count("pk", filter=Exists(returns.filter(status=Return.Status.ACCEPTED))),
    )


# --- progress --------------------------------------------------------------------------------

NOT_STARTED = "not_started"
PROGRESS_ORDER = [
    (NOT_STARTED, "Not started"),
    (Return.Status.DRAFT, "Draft"),
    (Return.Status.RETURNED, "Returned for revision"),
    (Return.Status.SUBMITTED, "Submitted"),
    (Return.Status.UNDER_CHALLENGE, "Under challenge"),
    (Return.Status.ACCEPTED, "Accepted"),
]


@dataclass
class ProgressRow:
    agency: str
    agency_id: int
    required: bool
    status: str
    status_label: str
    rated: int
    total: int
    return_id: int | None
    updated_at: object = None


def round_progress(*, user, round: Round, filters: dict | None = None) -> list[ProgressRow]:
    """Where each agency in the round has got to. Three queries whatever the size."""
    participations = ParticipationFilter(
        filters or {}, queryset=Participation.objects.for_user(user).filter(round=round).select_related("agency")
    ).qs  # query: participating agencies
    total = round.standard_set.standards.count()  # query: standards in the round
    returns = {
        r.agency_id: r
        for r in Return.objects.for_user(user)
        .filter(round=round)
        .annotate(rated=Count("responses", filter=~Q(responses__rating="")))
    }  # query: returns with rated standards counted
    labels = dict(PROGRESS_ORDER)
    rows = []
    for p in participations:
        r = returns.get(p.agency_id)
        status = r.status if r else NOT_STARTED
        rows.append(
            ProgressRow(
                agency=str(p.agency),
                agency_id=p.agency_id,
                required=p.required,
                status=status,
                status_label=labels[status],
                rated=r.rated if r else 0,
                total=total,
                return_id=r.pk if r else None,
                updated_at=r.updated_at if r else None,
            )
        )
    return rows


def progress_counts(rows: list[ProgressRow]) -> list[tuple[str, str, int]]:
    return [(key, label, sum(1 for r in rows if r.status == key)) for key, label in PROGRESS_ORDER]

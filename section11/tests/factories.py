import datetime as dt

import factory
from django.core.files.base import ContentFile

from section11 import framework, services
from section11.models import ChallengeRecord, EvidenceFile, Return, Round, StandardSet

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def standards() -> StandardSet:
    """The nine standards and their criteria, loaded from the framework CSV files."""
    if not StandardSet.objects.filter(code="pmf-2019").exists():
        framework.load()
    return StandardSet.objects.get(code="pmf-2019")


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Round
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Round {n}")
    period = "2026-27"
    standard_set = factory.LazyFunction(standards)
    opens_on = factory.LazyFunction(lambda: dt.date.today() - dt.timedelta(days=20))
    deadline = factory.LazyFunction(lambda: dt.date.today() + dt.timedelta(days=40))


def open_round(
    *, name: str = "Current round", opens_on=None, deadline=None, by=None, standard_set=None, days_open=(20, 40)
) -> Round:
    """A round with every agency taking part (statutory and commissioned required), on the Section 11
    standards unless another set is given; it opened `days_open[0]` days ago and closes `days_open[1]`
    days from today unless its dates are given."""
    existing = Round.objects.filter(name=name).first()
    if existing:
        return existing
    today = dt.date.today()
    return services.round_create(
        created_by=by,
        name=name,
        period="2026-27",
        standard_set=standard_set or standards(),
        opens_on=opens_on or today - dt.timedelta(days=days_open[0]),
        deadline=deadline or today + dt.timedelta(days=days_open[1]),
    )


def make_return(
    agency, *, rnd: Round | None = None, status: str = Return.Status.DRAFT, ratings=None, agreed=None, by=None
):
    """A return for `agency`, rated as given (a list of 9 ratings or one rating for all)."""
    rnd = rnd or open_round()
    submission = services.return_start(round=rnd, agency=agency, by=by)
    if ratings is not None:
        values = ratings if isinstance(ratings, list) else [ratings] * 9
        for response, value in zip(submission.responses.order_by("standard__number"), values, strict=False):
            response.rating = value
            response.na_reason = "Not relevant to us." if value == "not_applicable" else ""
            response.no_action_reason = "Covered by our wider plan." if value in ("partially_met", "not_met") else ""
            if value == "fully_met" and not response.narrative:
                response.narrative = "Described in our safeguarding policy, section 2."
            response.carried_forward = False
            response.save()
    if agreed is not None:
        values = agreed if isinstance(agreed, list) else [agreed] * 9
        for response, value in zip(submission.responses.order_by("standard__number"), values, strict=False):
            response.agreed_rating = value
            response.save()
    if status != Return.Status.DRAFT:
        submission.status = status
        submission.save()
    return submission


def challenged(agency, *, by, held_on: dt.date, **session) -> ChallengeRecord:
    """A fully met return of `agency`, submitted and taken to a challenge session: its record there."""
    submission = make_return(agency, ratings="fully_met", status="submitted")
    made = services.session_create(round=submission.round, by=by, held_on=held_on, submissions=[submission], **session)
    return made.records.get()


def agree(record: ChallengeRecord, *, by, agreed: dict, attendees: str = "", discussion: str = ""):
    """The panel accepts the return at its challenge with the ratings in `agreed` (standard number: rating)."""
    return services.challenge_outcome_save(
        record=record,
        by=by,
        version=record.version,
        attendees=attendees,
        discussion=discussion,
        agreed=agreed,
        accept=True,
    )


def add_evidence(submission: Return, number: int = 1, name: str = "policy.pdf") -> EvidenceFile:
    response = submission.responses.get(standard__number=number)
    evidence = EvidenceFile(response=response, original_name=name, content_type="application/pdf", size=len(PDF_BYTES))
    evidence.file.save(f"test-{submission.pk}-{number}.pdf", ContentFile(PDF_BYTES), save=False)
    evidence.save()
    return evidence

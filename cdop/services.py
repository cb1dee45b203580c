"""Writes for child death records: keyword-only, atomic, history recorded by simple-history in
the same transaction. Each raises ValidationError with a message a person can act on."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from actions.models import Action
from actions.services import action_create
from bscp_portal.lib.concurrency import claim_version, update_versioned
from bscp_portal.lib.records import check_field_names, create_with_related
from cdop import published, rules
from cdop.models import Death, FactorDomain, FactorScore, InformationRequest, PanelMeeting, PanelReview

#: A write that changes what the published statistics count (deaths and panel reviews): once it
#: has succeeded, the cached published figures are dropped (the one figure-cache mechanism), bulk
#: `.update()` calls included, which no model signal would see.
_republishes = published.FIGURES.invalidates


DEATH_FIELDS = (
    "key_worker",
    "date_of_death",
    "date_notified",
    "age_years",
    "age_days",
    "sex",
    "ethnicity",
    "area",
    "deprivation_quintile",
    "place_of_death",
    "expectation",
)


def _check_death(fields: dict, today: dt.date, *, given: dict) -> None:
    problems = rules.date_problems(
        date_of_death=fields.get("date_of_death"), date_notified=fields.get("date_notified"), today=today
    )
    age = rules.age_problem(fields.get("age_years"), fields.get("age_days"))
    if age:
        problems["age_days" if fields.get("age_years") == 0 else "age_years"] = age
    if "ethnicity" in given and given["ethnicity"] is None:
        # An answer is asked for, never assumed: "Not stated" is one of the list.
        problems["ethnicity"] = "Choose the ethnicity; choose “Not stated” if it is not known."
    if "deprivation_quintile" in given and not given["deprivation_quintile"]:
        problems["deprivation_quintile"] = (
            "Choose the deprivation quintile of the child's home; choose “Not known” if it is not known."
        )
    if problems:
        raise ValidationError(problems)


@_republishes
@transaction.atomic
def death_notify(*, by, case_number: str, agencies=(), today: dt.date | None = None, **fields) -> Death:
    """Record the notification of a child's death (status: notified)."""
    check_field_names(fields, DEATH_FIELDS, "death")
    case_number = (case_number or "").strip().upper()
    if not case_number:
        raise ValidationError({"case_number": "Give the panel's case number."})
    if Death.objects.filter(case_number__iexact=case_number).exists():
        raise ValidationError({"case_number": f"There is already a case numbered {case_number}."})
    _check_death(fields, today or timezone.localdate(), given={"ethnicity": None, "deprivation_quintile": ""} | fields)
    return create_with_related(
        Death(case_number=case_number, created_by=by, status=rules.NOTIFIED, **fields),
        related={"agencies": agencies},
        exclude=["age_band"],
    )


@_republishes
@transaction.atomic
def death_update(*, death: Death, by, version: int, agencies=None, today: dt.date | None = None, **fields) -> Death:
    """Correct the notification details; refuses bad dates and a stale version."""
    check_field_names(fields, DEATH_FIELDS, "death")
    merged = {f: getattr(death, f) for f in DEATH_FIELDS} | fields
    today = today or timezone.localdate()
    _check_death(merged, today, given=fields)
    if death.jar_date and merged["date_of_death"] > death.jar_date:
        raise ValidationError({"date_of_death": "The date of death cannot be after the joint agency response."})
    review = PanelReview.objects.filter(death=death).first()
    if review and merged["date_of_death"] > review.reviewed_on:
        raise ValidationError({"date_of_death": "The date of death cannot be after the panel review."})
    return update_versioned(
        death,
        version=version,
        fields=fields,
        related={"agencies": agencies},
        exclude=("agencies", "age_band", "case_number"),
    )


@_republishes
@transaction.atomic
def death_record_rapid_response(
    *,
    death: Death,
    by,
    version: int,
    jar_date: dt.date | None = None,
    jar_held: bool | None = True,
    jar_reason: str = "",
    today: dt.date | None = None,
) -> Death:
    """Record the joint agency (rapid) response to an unexpected death: held or not, when, and
    why not (or why late, beyond the statutory timescale)."""
    problems = rules.jar_problems(
        unexpected=death.expectation == Death.Expectation.UNEXPECTED,
        held=jar_held,
        jar_date=jar_date,
        reason=jar_reason,
        date_of_death=death.date_of_death,
        today=today or timezone.localdate(),
    )
    if problems:
        raise ValidationError(problems)
    claim_version(Death, death, version)
    death.jar_held = bool(jar_held)
    death.jar_date = jar_date if jar_held else None
    death.jar_reason = (jar_reason or "").strip()
    if death.status == rules.NOTIFIED:
        death.status = rules.GATHERING
    death.save()
    return death


@_republishes
@transaction.atomic
def death_move(*, death: Death, by, version: int, status: str) -> Death:
    """Move a case along the workflow (not to "reviewed": recording the panel review does that)."""
    open_actions = Action.objects.for_source(death.review).open().count() if hasattr(death, "review") else 0
    problem = rules.move_problem(death.status, status, has_review=hasattr(death, "review"), open_actions=open_actions)
    if problem:
        raise ValidationError({"status": problem})
    claim_version(Death, death, version)
    death.status = status
    death.save()
    return death


@_republishes
@transaction.atomic
def panel_review_record(
    *,
    death: Death,
    by,
    version: int,
    reviewed_on: dt.date,
    category,
    modifiable: str,
    scores: dict[str, tuple[str, str]],
    learning_points: str = "",
    meeting: PanelMeeting | None = None,
    themes=None,
    today: dt.date | None = None,
) -> PanelReview:
    """Record (or correct) the panel's review of a death and move the case to "reviewed".

    `scores` maps each factor domain code to (score, factors identified); every domain must be
    scored on the national scale 0, 1, 1*, 2, 3.
    """
    errors: dict[str, str] = {}
    problem = rules.dated_after_death_problem(
        label="panel review", when=reviewed_on, date_of_death=death.date_of_death, today=today or timezone.localdate()
    )
    if problem:
        errors["reviewed_on"] = problem
    if category is None:
        errors["category"] = "Choose the category of death: a reviewed case must have one."
    # Every domain in use must be scored; one out of use only where the review already had it.
    domains = list(FactorDomain.objects.filter(Q(active=True) | Q(code__in=list(scores))))
    for domain in domains:
        score = scores.get(domain.code, ("", ""))[0]
        problem = rules.score_problem(score)
        if problem:
            errors[f"score_{domain.code}"] = problem
    if modifiable not in PanelReview.Modifiable.values:
        errors["modifiable"] = "Say whether modifiable factors were identified."
    elif not errors:
        problem = rules.modifiable_problem(modifiable, [scores[d.code][0] for d in domains])
        if problem:
            errors["modifiable"] = problem
    if category is not None and not errors:
        problem = rules.category_problem(
            category_code=category.code,
            scores=[scores[d.code][0] for d in domains],
            expected=death.expectation == Death.Expectation.EXPECTED,
        )
        if problem:
            errors["category"] = problem
    if errors:
        raise ValidationError(errors)
    claim_version(Death, death, version)
    review = PanelReview.objects.filter(death=death).first() or PanelReview(death=death)
    review.reviewed_on = reviewed_on
    review.category = category
    review.modifiable = modifiable
    review.learning_points = (learning_points or "").strip()
    review.meeting = meeting
    review.reviewed_by = by
    if review.pk:
        review.version += 1
    review.save()
    if themes is not None:
        review.themes.set(themes)
    existing = {f.domain_id: f for f in FactorScore.objects.filter(review=review)}
    for domain in domains:
        score, factors = scores[domain.code]
        row = existing.get(domain.pk) or FactorScore(review=review, domain=domain)
        if row.pk is None or row.score != score or row.factors != (factors or "").strip():
            row.score = score
            row.factors = (factors or "").strip()
            row.save()
    if death.status in rules.WAITING:
        death.status = rules.REVIEWED
    death.save()
    return review


@transaction.atomic
def recommendation_add(
    *, review: PanelReview, by, description: str, measure: str, owner, agency, due_date: dt.date, priority: str
) -> Action:
    """A recommendation of the panel, kept as a SMART action in the shared actions app."""
    from partnership.models import SubCommittee

    return action_create(
        created_by=by,
        description=description,
        measure=measure,
        owner=owner,
        agency=agency,
        due_date=due_date,
        priority=priority,
        subcommittee=SubCommittee.objects.filter(code="cdop").first(),
        source=review,
    )


@_republishes
@transaction.atomic
def death_refer_for_review(
    *, death: Death, by, version: int, reference: str, kind: str, became_aware_on: dt.date
) -> Death:
    """Refer the case for a practice review through the reviews strand, and keep its reference."""
    from reviews.services import case_review_refer

    if became_aware_on < death.date_of_death:
        raise ValidationError({"became_aware_on": "The referral cannot be dated before the death."})
    if became_aware_on > timezone.localdate():
        raise ValidationError({"became_aware_on": "The referral cannot be dated in the future."})
    review = case_review_refer(
        by=by,
        reference=reference,
        kind=kind,
        # The review's title is seen outside the panel: no case details in it.
        title="Referred by the Child Death Overview Panel",
        became_aware_on=became_aware_on,
        agencies=list(death.agencies.all()),
    )
    claim_version(Death, death, version)
    death.review_reference = review.reference
    death.save()
    return death


@transaction.atomic
def meeting_save(
    *,
    by,
    meeting: PanelMeeting | None = None,
    version: int | None = None,
    date: dt.date,
    location: str = "",
    notes: str = "",
    agenda=(),
    attendees=(),
    apologies=(),
) -> PanelMeeting:
    """Create or change a panel meeting with its agenda of cases and attendance."""
    both = set(attendees) & set(apologies)
    if both:
        raise ValidationError(
            {"apologies": f"{', '.join(sorted(str(u) for u in both))} cannot both attend and send apologies."}
        )
    clash = PanelMeeting.objects.filter(date=date)
    if meeting is not None:
        clash = clash.exclude(pk=meeting.pk)
    if clash.exists():
        raise ValidationError({"date": "There is already a panel meeting on that date."})
    if meeting is None:
        meeting = PanelMeeting()
    else:
        claim_version(PanelMeeting, meeting, version)
    meeting.date = date
    meeting.location = location.strip()
    meeting.notes = notes.strip()
    meeting.save()
    meeting.agenda.set(agenda)
    meeting.attendees.set(attendees)
    meeting.apologies.set(apologies)
    return meeting


@_republishes
@transaction.atomic
def cases_anonymise(*, before: dt.date) -> int:
    """Strip the case-level details of deaths reviewed before `before`; how many cases changed.

    What the published statistics count is kept (year and month of death, age band, sex, ethnic
    group, deprivation quintile of the home, whether expected, category, modifiable factors), so
    that no published figure changes; exact dates, the JAR date, the practice-review reference
    and the panel's free text go, and so do the history rows that still hold them.
    """
    from django.db.models import Q

    done = Q(
        jar_date__isnull=True,
        review_reference="",
        date_of_death__day=1,
        date_notified__day=1,
        review__learning_points="",
    ) & ~Q(pk__in=Death.history.values("id"))
    deaths = list(Death.objects.filter(review__reviewed_on__lt=before).exclude(done))
    for death in deaths:
        Death.objects.filter(pk=death.pk).update(
            jar_date=None,
            review_reference="",
            date_of_death=death.date_of_death.replace(day=1),
            date_notified=max(death.date_notified.replace(day=1), death.date_of_death.replace(day=1)),
        )
    ids = [d.pk for d in deaths]
    review_ids = list(PanelReview.objects.filter(death_id__in=ids).values_list("pk", flat=True))
    PanelReview.objects.filter(pk__in=review_ids).update(learning_points="")
    FactorScore.objects.filter(review_id__in=review_ids).update(factors="")
    Death.history.filter(id__in=ids).delete()
    PanelReview.history.filter(id__in=review_ids).delete()
    FactorScore.history.filter(review_id__in=review_ids).delete()
    return len(ids)


# --- information requests to agencies -----------------------------------------------------------


@transaction.atomic
def information_request_send(
    *, death: Death, by, agency, addressee, question: str, due_on: dt.date, today: dt.date | None = None
) -> InformationRequest:
    """Ask an agency's designated person for what the agency knew of the child; only they (and
    the panel) will see the request."""
    today = today or timezone.localdate()
    problems = rules.request_problems(due_on=due_on, question=question, today=today)
    if addressee is None or not addressee.is_active or addressee.agency_id != getattr(agency, "pk", None):
        problems["addressee"] = "Choose the designated person of the agency asked (someone in that agency)."
    if problems:
        raise ValidationError(problems)
    return InformationRequest.objects.create(
        death=death,
        agency=agency,
        addressee=addressee,
        question=question.strip(),
        sent_on=today,
        due_on=due_on,
        sent_by=by,
    )


@transaction.atomic
def information_request_answer(
    *, request: InformationRequest, by, version: int, answer: str, today: dt.date | None = None
) -> InformationRequest:
    """The designated person answers the panel's request; an answer, once given, is final."""
    if by.pk != request.addressee_id:
        raise PermissionError("only the designated person answers")
    if request.answered:
        raise ValidationError({"answer": "This request has already been answered."})
    if not (answer or "").strip():
        raise ValidationError({"answer": "Write what your agency knew, or say that it had no involvement."})
    claim_version(InformationRequest, request, version)
    request.answer = answer.strip()
    request.answered_on = today or timezone.localdate()
    request.answered_by = by
    request.save()
    return request

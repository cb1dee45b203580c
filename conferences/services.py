"""Writes for conferences: keyword-only, atomic; history recorded by simple-history."""

import datetime as dt
import re
import secrets
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from bscp_portal.lib import periods
from bscp_portal.lib.concurrency import claim_version
from bscp_portal.lib.records import check_field_names
from conferences import monitoring, timeliness
from conferences.models import (
    AgencyInvitation,
    Answer,
    Conference,
    CoreGroup,
    CoreGroupAttendance,
    Kind,
    Outcome,
    Question,
    QuestionnaireLink,
    QuestionnaireResponse,
    Standard,
    StandardResult,
    hash_token,
)
from conferences.summary import TILE_RATES
from partnership import equality


class LinkUnavailable(Exception):
    """A questionnaire link that has been used, has expired or never existed."""

    def __init__(self, state: str):
        super().__init__(state)
        self.state = state


CHILD_REF = re.compile(r"^[A-Za-z0-9][A-Za-z0-9/\-]{2,29}$")
CONFERENCE_FIELDS = [
    "child_ref",
    "kind",
    "strategy_discussion_date",
    "enquiry_start_date",
    "conference_date",
    "chair",
    "outcome",
    "plan_category",
    "second_plan",
    "plan_start",
    "plan_end",
    "parents_attended",
    "child_attended",
    "child_views",
    "interpreter_needed",
    "interpreter_provided",
    "child_sex",
    "child_age_band",
    "child_ethnicity",
    "child_disability",
    "late_reason",
    "late_reason_detail",
]
PLAN_OUTCOMES = {Outcome.PLAN_MADE, Outcome.PLAN_CONTINUED, Outcome.PLAN_ENDED}


def link_lifetime() -> dt.timedelta:
    return dt.timedelta(days=getattr(settings, "CONFERENCE_LINK_DAYS", 28))


def _check(conference: Conference) -> None:
    """The bad-input rules of the issue, with a message beside the field at fault."""
    errors: dict[str, str] = {}
    ref = (conference.child_ref or "").strip().upper()
    conference.child_ref = ref
    if not CHILD_REF.match(ref) or not any(ch.isdigit() for ch in ref):
        errors["child_ref"] = (
            "Use the case reference (letters, digits, - or /, with at least one digit), never the child's name."
        )
    if conference.kind == Kind.INITIAL and not conference.enquiry_start_date:
        errors["enquiry_start_date"] = "An initial conference needs the date the section 47 enquiry started."
    if conference.enquiry_start_date and conference.conference_date:
        if conference.conference_date < conference.enquiry_start_date:
            errors["conference_date"] = "The conference date is before the section 47 enquiry started."
    if conference.strategy_discussion_date and conference.enquiry_start_date:
        if conference.enquiry_start_date < conference.strategy_discussion_date:
            errors["enquiry_start_date"] = "The enquiry cannot start before the strategy discussion that decided it."
    if conference.kind == Kind.REVIEW and conference.outcome in (Outcome.PLAN_MADE, Outcome.NO_PLAN):
        errors["outcome"] = "A review continues or ends a plan: choose plan continued or plan ended."
    if conference.kind != Kind.REVIEW and conference.outcome in (Outcome.PLAN_CONTINUED, Outcome.PLAN_ENDED):
        errors["outcome"] = "An initial or transfer-in conference makes a plan or decides none is needed."
    if conference.outcome in PLAN_OUTCOMES:
        if not conference.plan_category:
            errors["plan_category"] = "Choose the category of the plan."
        if not conference.plan_start:
            errors["plan_start"] = "Give the date the plan started."
    else:
        if conference.plan_category or conference.plan_start or conference.plan_end or conference.second_plan:
            errors["outcome"] = "No plan was made, so leave the plan category, dates and second-plan box empty."
    if conference.outcome == Outcome.PLAN_ENDED and not conference.plan_end:
        errors["plan_end"] = "Give the date the plan ended."
    if conference.plan_end and conference.outcome != Outcome.PLAN_ENDED and "outcome" not in errors:
        errors["plan_end"] = "Only a conference that ends the plan records its end date."
    if conference.plan_start and conference.plan_end and conference.plan_end < conference.plan_start:
        errors["plan_end"] = "The plan end date is before the plan start date."
    if conference.interpreter_provided and not conference.interpreter_needed:
        errors["interpreter_provided"] = "An interpreter was provided but not recorded as needed."
    if conference.child_attended and conference.child_views not in ("", "in_person"):
        errors["child_views"] = "The child attended: their views were given in person."
    if conference.pk is None:  # records made before equality monitoring keep "not recorded"
        answers = {suffix: getattr(conference, f"child_{suffix}") for suffix, _q, _c in equality.CHARACTERISTICS}
        questions = {suffix: question.lower() for suffix, question, _c in equality.CHARACTERISTICS}
        for suffix in equality.missing_answers(answers):
            errors[f"child_{suffix}"] = (
                f"Answer the child's {questions[suffix]}: choose “Not known” if it is not known."
            )
    if conference.kind == Kind.REVIEW and conference.child_ref and conference.conference_date:
        earlier = Conference.objects.filter(child_ref=ref, conference_date__lt=conference.conference_date)
        if conference.pk:
            earlier = earlier.exclude(pk=conference.pk)
        if not earlier.exists():
            errors["kind"] = (
                f"There is no earlier conference for {ref}: record the initial (or transfer-in) conference first."
            )
    if errors:
        raise ValidationError(errors)


@TILE_RATES.invalidates
def refresh_timeliness(*, child_ref: str) -> None:
    """Recompute due dates and timeliness of all of one child's conferences (a change to one
    can move the clock of the next)."""
    rows = list(Conference.objects.filter(child_ref=child_ref))
    results = timeliness.assess_child(
        timeliness.Sitting(c.pk, c.kind, c.conference_date, c.enquiry_start_date) for c in rows
    )
    changed = []
    for c in rows:
        r = results[c.pk]
        if (c.due_date, c.working_days, c.timely) != (r.due, r.working_days, r.timely):
            c.due_date, c.working_days, c.timely = r.due, r.working_days, r.timely
            changed.append(c)
    if changed:
        Conference.objects.bulk_update(changed, ["due_date", "working_days", "timely"])


def _check_late_reason(conference: Conference) -> None:
    """Once its timeliness is known: a late conference needs a reason from the list and a few
    words; a timely one takes none (the caller's transaction is rolled back when refused)."""
    problems = monitoring.late_reason_problems(
        timely=conference.timely,
        reason=conference.late_reason.code if conference.late_reason_id else None,
        detail=conference.late_reason_detail,
    )
    if problems:
        if conference.timely is False and conference.due_date:
            problems = {
                k: f"{v} It was due by {conference.due_date:%-d %B %Y}." if k == "late_reason" else v
                for k, v in problems.items()
            }
        raise ValidationError(problems)


def _sync_agency_rows(conference: Conference) -> None:
    """Keep the copied conference date and each report's on-time flag in line with the record."""
    for inv in conference.invitations.all():
        on_time = timeliness.report_is_on_time(inv.report_submitted_on, conference.conference_date)
        if inv.conference_date != conference.conference_date or inv.report_on_time != on_time:
            inv.conference_date = conference.conference_date
            inv.report_on_time = on_time
            inv.save(update_fields=["conference_date", "report_on_time"])
    conference.responses.exclude(conference_date=conference.conference_date).update(
        conference_date=conference.conference_date
    )


@TILE_RATES.invalidates
@transaction.atomic
def conference_create(*, created_by, **fields) -> Conference:
    """Record a conference; refuses the bad input the framework names, then sets its timeliness."""
    check_field_names(fields, CONFERENCE_FIELDS, "conference")
    conference = Conference(created_by=created_by, **fields)
    _check(conference)
    conference.full_clean(exclude=["created_by"])
    conference.save()
    refresh_timeliness(child_ref=conference.child_ref)
    conference.refresh_from_db()
    _check_late_reason(conference)
    return conference


@TILE_RATES.invalidates
@transaction.atomic
def conference_update(*, conference: Conference, by, version: int, **fields) -> Conference:
    """Change a conference; refuses if someone saved it since `version` was read."""
    check_field_names(fields, CONFERENCE_FIELDS, "conference")
    old_ref = conference.child_ref
    for name, value in fields.items():
        setattr(conference, name, value)
    _check(conference)
    conference.full_clean(exclude=["created_by"])
    claim_version(Conference, conference, version)
    conference._change_reason = "edited"
    conference.save()
    _sync_agency_rows(conference)
    refresh_timeliness(child_ref=conference.child_ref)
    if old_ref != conference.child_ref:
        refresh_timeliness(child_ref=old_ref)
    conference.refresh_from_db()
    _check_late_reason(conference)
    return conference


def invitation_problems(
    *,
    conference: Conference,
    agency,
    invited: bool,
    attended: bool,
    apologies: bool,
    report_submitted_on: dt.date | None,
    report_shared_with_parents: bool,
) -> dict[str, str]:
    """What is wrong with one agency's row (field -> message); empty when it can be kept."""
    errors = {}
    if not invited and (attended or apologies or report_submitted_on or report_shared_with_parents):
        errors["attended"] = f"{agency} was not invited to this conference: tick invited before recording attendance."
    if attended and apologies:
        errors["apologies"] = f"{agency} cannot both attend and send apologies."
    if report_shared_with_parents and not report_submitted_on:
        errors["report_shared_with_parents"] = f"{agency}: a report shared with parents needs the date it was received."
    if report_submitted_on and report_submitted_on > conference.conference_date:
        errors["report_submitted_on"] = f"{agency}: the report date is after the conference."
    return errors


@TILE_RATES.invalidates
@transaction.atomic
def invitation_save(
    *,
    conference: Conference,
    agency,
    invited: bool = True,
    attended: bool = False,
    apologies: bool = False,
    report_submitted_on: dt.date | None = None,
    report_shared_with_parents: bool = False,
) -> AgencyInvitation:
    """Record one agency's invitation, attendance and report for a conference."""
    row = {
        "invited": invited,
        "attended": attended,
        "apologies": apologies,
        "report_submitted_on": report_submitted_on,
        "report_shared_with_parents": report_shared_with_parents,
    }
    problems = invitation_problems(conference=conference, agency=agency, **row)
    if problems:
        raise ValidationError(problems)
    invitation, _ = AgencyInvitation.objects.update_or_create(
        conference=conference,
        agency=agency,
        defaults={
            **row,
            "report_on_time": timeliness.report_is_on_time(report_submitted_on, conference.conference_date),
            "conference_date": conference.conference_date,
        },
    )
    return invitation


@TILE_RATES.invalidates
@transaction.atomic
def invitations_replace(*, conference: Conference, rows: Iterable[dict]) -> list[AgencyInvitation]:
    """Set the conference's agency rows to exactly `rows` (each the keywords of invitation_save);
    agencies left out are removed. Every row is checked before anything is kept."""
    rows = list(rows)
    agencies = [r["agency"] for r in rows]
    if len({a.pk for a in agencies}) != len(agencies):
        raise ValidationError("Each agency can be listed once.")
    saved = [invitation_save(conference=conference, **row) for row in rows]
    conference.invitations.exclude(agency__in=agencies).delete()
    return saved


@transaction.atomic
def standards_record(*, conference: Conference, results: dict[int, str]) -> None:
    """Record met / not met / not applicable for each standard (by standard id)."""
    valid = set(StandardResult.Result.values)
    standards = {s.pk: s for s in Standard.objects.filter(pk__in=results)}
    for pk, result in results.items():
        if pk not in standards:
            raise ValidationError(f"Unknown standard {pk}.")
        if not result:
            StandardResult.objects.filter(conference=conference, standard_id=pk).delete()
            continue
        if result not in valid:
            raise ValidationError({"results": f"{standards[pk]}: choose met, not met or not applicable."})
        StandardResult.objects.update_or_create(
            conference=conference, standard=standards[pk], defaults={"result": result}
        )


def _save_answers(response: QuestionnaireResponse, answers: dict[int, dict]) -> None:
    # Parents and children each answer their own questions.
    questions = {q.pk: q for q in Question.objects.filter(active=True, respondent=response.respondent)}
    rows = []
    for pk, given in answers.items():
        question = questions.get(pk)
        if question is None:
            raise ValidationError("That question is not in use.")
        score, text = given.get("score"), (given.get("text") or "").strip()
        if score is not None and (question.kind != Question.Kind.SCALE or score not in range(1, 6)):
            raise ValidationError({f"q{pk}": "Choose one of the five answers."})
        if score is None and not text:
            continue
        rows.append(Answer(response=response, question=question, score=score, text=text[:4000]))
    if not rows:
        raise ValidationError("Answer at least one question.")
    Answer.objects.bulk_create(rows)


@TILE_RATES.invalidates
@transaction.atomic
def questionnaire_enter(
    *, conference: Conference, respondent: str, answers: dict[int, dict], by
) -> QuestionnaireResponse:
    """Staff enter a questionnaire returned on paper."""
    response = QuestionnaireResponse.objects.create(
        conference=conference,
        respondent=respondent,
        method=QuestionnaireResponse.Method.PAPER,
        conference_date=conference.conference_date,
        entered_by=by,
    )
    _save_answers(response, answers)
    return response


@transaction.atomic
def questionnaire_link_create(*, conference: Conference, respondent: str, by) -> tuple[QuestionnaireLink, str]:
    """A one-time link for one respondent; returns the link and the token (shown once, never stored)."""
    token = secrets.token_urlsafe(24)
    link = QuestionnaireLink.objects.create(
        conference=conference,
        respondent=respondent,
        token_hash=hash_token(token),
        expires_at=timezone.now() + link_lifetime(),
        created_by=by,
    )
    return link, token


def questionnaire_link_open(*, token: str) -> QuestionnaireLink:
    """The open link for `token`; LinkUnavailable("used" | "expired" | "unknown") otherwise."""
    link = QuestionnaireLink.objects.select_related("conference").filter(token_hash=hash_token(token)).first()
    if link is None:
        raise LinkUnavailable("unknown")
    if link.state != "open":
        raise LinkUnavailable(link.state)
    return link


@TILE_RATES.invalidates
@transaction.atomic
def questionnaire_submit_by_link(*, token: str, answers: dict[int, dict]) -> QuestionnaireResponse:
    """Answer through a one-time link: the link row is locked so a second submission is refused."""
    link = (
        QuestionnaireLink.objects.select_for_update()
        .select_related("conference")
        .filter(token_hash=hash_token(token))
        .first()
    )
    if link is None:
        raise LinkUnavailable("unknown")
    if link.state != "open":
        raise LinkUnavailable(link.state)
    response = QuestionnaireResponse.objects.create(
        conference=link.conference,
        respondent=link.respondent,
        method=QuestionnaireResponse.Method.LINK,
        conference_date=link.conference.conference_date,
    )
    _save_answers(response, answers)
    link.used_at = timezone.now()
    link.response = response
    link.save(update_fields=["used_at", "response"])
    return response


def recompute_window(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """Whole financial years covering start..end, so annual figures are never partial sums."""
    return periods.financial_year(start).start, periods.financial_year(end).end


def indicator_facts(*, start: dt.date, end: dt.date):
    """The facts the indicators count, read in three flat queries (no case detail)."""
    from django.db.models import Q

    from conferences.indicators import AnswerFact, ConferenceFact, InvitationFact

    in_range = (
        Q(conference_date__range=(start, end)) | Q(plan_start__range=(start, end)) | Q(plan_end__range=(start, end))
    )
    conferences = [
        ConferenceFact(*row)
        for row in Conference.objects.filter(in_range).values_list(
            "conference_date", "kind", "timely", "outcome", "second_plan", "plan_start", "plan_end"
        )
    ]
    invitations = [
        InvitationFact(*row)
        for row in AgencyInvitation.objects.filter(invited=True, conference_date__range=(start, end)).values_list(
            "conference_date", "attended", "report_on_time"
        )
    ]
    answers = [
        AnswerFact(*row)
        for row in Answer.objects.filter(
            score__isnull=False, response__conference_date__range=(start, end)
        ).values_list("response__conference_date", "score")
    ]
    return conferences, invitations, answers


ORIGIN = "computed:conferences"


@transaction.atomic
def indicators_recompute(*, start: dt.date, end: dt.date, today: dt.date | None = None) -> dict[str, int]:
    """Recompute the conference indicators for the financial years covering start..end and
    write them to the scorecard, replacing (never adding to) the values computed before.
    Monthly rows run to the last closed month (as of `today`); the month in progress is left
    out. Returns the number of rows written per indicator code."""
    from conferences import indicators
    from scorecard.services import measurements_replace_computed

    start, end = recompute_window(start, end)
    conferences, invitations, answers = indicator_facts(start=start, end=end)
    # Monthly figures stop at the last closed month; the month in progress has none yet.
    closed_end = min(end, indicators.last_closed_month(today or timezone.localdate())[1])
    monthly = indicators.compute(
        conferences=conferences, invitations=invitations, answers=answers, start=start, end=closed_end, period="month"
    )
    yearly = indicators.compute(
        conferences=conferences, invitations=invitations, answers=answers, start=start, end=end, period="year"
    )
    written = {}
    for code in indicators.CODES:
        rows = monthly[code] + yearly[code]
        measurements_replace_computed(indicator_code=code, origin=ORIGIN, rows=rows)
        written[code] = len(rows)
    return written


@transaction.atomic
def conferences_anonymise(*, before: dt.date) -> int:
    """Replace the child's case reference on every conference of a child whose last conference
    was before `before` (one pseudonym per child, so the child's timeline still reads as one),
    and delete the history rows that still hold it; how many conferences changed."""
    from django.db.models import Max

    children = (
        Conference.objects.exclude(child_ref__startswith=ANONYMISED)
        .values("child_ref")
        .annotate(last=Max("conference_date"))
        .filter(last__lt=before)
        .values_list("child_ref", flat=True)
    )
    changed = 0
    for ref in list(children):
        ids = list(Conference.objects.filter(child_ref=ref).values_list("pk", flat=True))
        changed += Conference.objects.filter(pk__in=ids).update(child_ref=f"{ANONYMISED}{min(ids)}")
        Conference.history.filter(id__in=ids).delete()
    return changed


ANONYMISED = "ANON-"


# --- core groups -----------------------------------------------------------------------------


def core_group_interval_weeks() -> int:
    return getattr(settings, "CORE_GROUP_INTERVAL_WEEKS", 6)


def refresh_core_groups(*, conference: Conference) -> None:
    """Recompute the due dates, timeliness and numbering of one plan's core groups."""
    rows = list(conference.core_groups.all())
    results = timeliness.assess_core_groups(
        conference_date=conference.conference_date,
        meetings=[(c.pk, c.meeting_date) for c in rows],
        interval_weeks=core_group_interval_weeks(),
    )
    ordered = sorted(rows, key=lambda c: c.meeting_date)
    for number, c in enumerate(ordered, start=1):
        r = results[c.pk]
        c.due_date, c.working_days, c.timely, c.sequence = r.due, r.working_days, r.timely, number
    CoreGroup.objects.bulk_update(rows, ["due_date", "working_days", "timely", "sequence"])


@transaction.atomic
def core_group_record(
    *, conference: Conference, by, meeting_date: dt.date, plan_reviewed: bool, attendance: Iterable[tuple]
) -> CoreGroup:
    """Record a core group of the plan made at `conference`, with each agency's attendance
    ((agency, attended) pairs: the agencies listed are the core group's members)."""
    errors = {}
    if conference.kind == Kind.REVIEW or conference.outcome != Outcome.PLAN_MADE:
        errors["meeting_date"] = "Core groups follow the conference that made the plan (an initial or transfer-in)."
    elif meeting_date < conference.conference_date:
        errors["meeting_date"] = (
            f"The core group cannot meet before the conference ({conference.conference_date:%-d %B %Y})."
        )
    elif CoreGroup.objects.filter(conference=conference, meeting_date=meeting_date).exists():
        errors["meeting_date"] = "A core group is already recorded on this date."
    attendance = list(attendance)
    if not attendance:
        errors["agencies"] = "List the agencies in the core group, ticking those that attended."
    elif not any(attended for _, attended in attendance):
        errors["agencies"] = "No agency attended: a core group that did not meet is not recorded."
    if errors:
        raise ValidationError(errors)
    group = CoreGroup.objects.create(
        conference=conference, meeting_date=meeting_date, plan_reviewed=plan_reviewed, created_by=by
    )
    CoreGroupAttendance.objects.bulk_create(
        [
            CoreGroupAttendance(core_group=group, agency=agency, attended=attended, meeting_date=meeting_date)
            for agency, attended in attendance
        ]
    )
    refresh_core_groups(conference=conference)
    group.refresh_from_db()
    return group

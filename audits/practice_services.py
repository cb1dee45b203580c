"""Writes for multi-agency practice audits and their case samples: keyword-only, atomic; history is
recorded by simple-history in the same transaction."""

import datetime as dt
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from audits import rules, sampling
from audits.models import (
    Answer,
    AuditCase,
    CaseAgency,
    CaseSample,
    Criterion,
    PracticeAudit,
)
from bscp_portal.lib.concurrency import claim_version, update_versioned
from partnership import equality
from partnership.models import Agency


@transaction.atomic
def practice_audit_create(
    *,
    by,
    title: str,
    theme: str,
    lead,
    standards,
    agencies,
    team=(),
    co_opted: str = "",
    methodology: str = "",
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
) -> PracticeAudit:
    """Set up a multi-agency practice audit: theme, standards, team, agencies, methodology, dates."""
    if not standards:
        raise ValidationError({"standards": "Choose at least one standard to audit against."})
    if len(agencies) < 2:
        raise ValidationError({"agencies": "A multi-agency audit involves at least two agencies."})
    if start_date and end_date and end_date < start_date:
        raise ValidationError({"end_date": "The end date is before the start date."})
    audit = PracticeAudit(
        title=title.strip(),
        theme=theme.strip(),
        lead=lead,
        co_opted=co_opted.strip(),
        methodology=methodology.strip(),
        start_date=start_date,
        end_date=end_date,
    )
    audit.full_clean()
    audit.save()
    audit.standards.set(standards)
    audit.agencies.set(agencies)
    audit.team.set(team)
    return audit


@transaction.atomic
def practice_audit_update(*, audit: PracticeAudit, by, version: int, **fields) -> PracticeAudit:
    """Change the audit's summary, methodology, dates or status; refuses a stale version."""
    allowed = {"summary", "methodology", "start_date", "end_date", "status", "co_opted"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"Not editable here: {sorted(unknown)}")
    if fields.get("status", audit.status) not in PracticeAudit.Status.values:
        raise ValidationError({"status": "Choose a status from the list."})
    return update_versioned(audit, version=version, fields=fields, strip=True)


def agency_lookup() -> dict[str, int]:
    """Agency names and short names (any case) to ids, for reading a candidate list."""
    lookup: dict[str, int] = {}
    for pk, name, short in Agency.objects.values_list("pk", "name", "short_name"):
        lookup[name.lower()] = pk
        if short:
            lookup.setdefault(short.lower(), pk)
    return lookup


def sample_locked(audit: PracticeAudit) -> bool:
    """Once answers are recorded on the sampled cases, the candidate list and the draw are fixed."""
    return Answer.objects.filter(case_agency__case__audit=audit).exists()


_has_answers = sample_locked


@transaction.atomic
def candidates_load(*, audit: PracticeAudit, by, rows: list[dict], source: str) -> CaseSample:
    """Store the candidate list: eligible cases and the excluded rows with their reasons.

    Replaces an earlier list (and its draw) until answers have been recorded on the sample.
    """
    if _has_answers(audit):
        raise ValidationError(
            "Answers have been recorded on the sampled cases: the candidate list can no longer change."
        )
    eligible, excluded = sampling.clean_candidates(rows, agency_lookup())
    if not eligible:
        raise ValidationError("No eligible case in the list: every row was excluded (see the reasons).")
    AuditCase.objects.filter(audit=audit).delete()
    sample, _ = CaseSample.objects.update_or_create(
        audit=audit,
        defaults={
            "source": source[:255],
            "candidates": [
                {"reference": c.reference, "agencies": list(c.agencies), "attributes": dict(c.attributes)}
                for c in eligible
            ],
            "excluded": [{"line": e.line, "reference": e.reference, "reason": e.reason} for e in excluded],
            "loaded_at": timezone.now(),
            "loaded_by": by,
            "seed": None,
            "sample_size": None,
            "stratify_by": "",
            "rule": "",
            "selected": [],
            "drawn_at": None,
            "drawn_by": None,
        },
    )
    if audit.status == PracticeAudit.Status.PLANNED:
        PracticeAudit.objects.filter(pk=audit.pk).update(status=PracticeAudit.Status.SAMPLING)
        audit.status = PracticeAudit.Status.SAMPLING
    return sample


def stored_candidates(sample: CaseSample) -> list[sampling.Candidate]:
    return [
        sampling.Candidate(c["reference"], tuple(c["agencies"]), c.get("attributes", {})) for c in sample.candidates
    ]


def new_seed() -> int:
    return secrets.randbelow(2**31)


@transaction.atomic
def sample_draw(*, audit: PracticeAudit, by, size: int, seed: int | None = None, stratify_by: str = "") -> CaseSample:
    """Draw the random sample from the stored candidates; the seed and rule are stored with it.

    Refused when the size exceeds the eligible cases (the message gives the number eligible), or
    once answers have been recorded. Creates one case per drawn reference and one review per agency involved.
    """
    sample = CaseSample.objects.select_for_update().filter(audit=audit).first()
    if sample is None:
        raise ValidationError("Load the candidate cases first.")
    if _has_answers(audit):
        raise ValidationError("Answers have been recorded on the sampled cases: the sample cannot be redrawn.")
    candidates = stored_candidates(sample)
    if size is None or size < 1:
        raise ValidationError({"size": "The sample size must be at least 1."})
    if size > len(candidates):
        raise ValidationError(
            {
                "size": f"The sample size ({size}) is larger than the number of eligible cases: {len(candidates)} eligible."
            }
        )
    stratify_by = (stratify_by or "").strip().lower()
    if stratify_by and not any(stratify_by in c.attributes for c in candidates):
        raise ValidationError({"stratify_by": f"No candidate has a value for “{stratify_by}”."})
    seed = new_seed() if seed is None else seed
    selected = sampling.draw_sample(candidates, size, seed, stratify_by)
    by_ref = {c.reference: c for c in candidates}
    AuditCase.objects.filter(audit=audit).delete()
    cases = AuditCase.objects.bulk_create(
        [
            AuditCase(audit=audit, reference=ref, position=i, attributes=dict(by_ref[ref].attributes))
            for i, ref in enumerate(selected, start=1)
        ]
    )
    CaseAgency.objects.bulk_create(
        [CaseAgency(case=case, agency_id=agency_id) for case in cases for agency_id in by_ref[case.reference].agencies]
    )
    involved = {a for ref in selected for a in by_ref[ref].agencies}
    audit.agencies.add(*involved)
    sample.seed = seed
    sample.sample_size = size
    sample.stratify_by = stratify_by
    sample.rule = sampling.describe_rule(size=size, eligible=len(candidates), stratify_by=stratify_by)
    sample.selected = selected
    sample.drawn_at = timezone.now()
    sample.drawn_by = by
    sample.save()
    PracticeAudit.objects.filter(pk=audit.pk).update(status=PracticeAudit.Status.FIELDWORK)
    audit.status = PracticeAudit.Status.FIELDWORK
    return sample


def sample_reproduces(sample: CaseSample) -> bool:
    """Re-run the stored draw from its seed and candidates: True when it gives the same cases."""
    if not sample.drawn:
        return False
    again = sampling.draw_sample(stored_candidates(sample), sample.sample_size, sample.seed, sample.stratify_by)
    return again == list(sample.selected)


@transaction.atomic
def case_agency_record(
    *, review: CaseAgency, by, version: int, answers: dict[int, str], strengths: str = "", learning: str = ""
) -> CaseAgency:
    """One agency's answers on one case (every criterion of the audit's standards), strengths and learning."""
    bad = {k: v for k, v in answers.items() if v not in rules.ANSWERS}
    if bad:
        raise ValidationError("Answers must be met, partly met, not met or not applicable.")
    valid = set(Criterion.objects.filter(standard__practice_audits=review.case.audit_id).values_list("pk", flat=True))
    stray = set(answers) - valid
    if stray:
        raise ValidationError("Some answers are for criteria this audit does not use.")
    claim_version(CaseAgency, review, version)
    existing = {a.criterion_id: a for a in review.answers.all()}
    create, update = [], []
    for criterion_id, value in answers.items():
        if criterion_id in existing:
            if existing[criterion_id].value != value:
                existing[criterion_id].value = value
                update.append(existing[criterion_id])
        else:
            create.append(Answer(case_agency=review, criterion_id=criterion_id, value=value))
    bulk_create_with_history(create, Answer)
    for answer in update:
        answer.save(update_fields=["value"])
    review.strengths = (strengths or "").strip()
    review.learning = (learning or "").strip()
    review.completed = valid <= set(existing) | set(answers)
    review.save()
    return review


@transaction.atomic
def case_grade(*, case: AuditCase, by, grade: str, summary: str = "") -> AuditCase:
    """Grade a case: outstanding, good, requires improvement or inadequate."""
    if grade not in rules.CASE_GRADES:
        raise ValidationError({"grade": "Choose outstanding, good, requires improvement or inadequate."})
    case.grade = grade
    case.summary = (summary or "").strip()
    case.save()
    return case


@transaction.atomic
def case_characteristics_record(
    *, case: AuditCase, by, child_sex: str, child_age_band: str, child_ethnicity: str, child_disability: str
) -> AuditCase:
    """The child's sex, age band, ethnicity and disability on an audited case, for equality
    monitoring: each must be answered ("not_known" is an answer, a blank is not)."""
    answers = {
        "sex": child_sex,
        "age_band": child_age_band,
        "ethnicity": child_ethnicity,
        "disability": child_disability,
    }
    questions = {suffix: question.lower() for suffix, question, _c in equality.CHARACTERISTICS}
    missing = equality.missing_answers(answers)
    if missing:
        raise ValidationError(
            {
                f"child_{s}": f"Answer the child's {questions[s]}: choose “Not known” if it is not known."
                for s in missing
            }
        )
    for suffix, value in answers.items():
        setattr(case, f"child_{suffix}", value)
    case.full_clean()
    case.save()
    return case

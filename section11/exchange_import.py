"""Shared returns: importing another partnership's exchange file (`section11.exchange`) into a
draft return, and who may export or import one."""

import dataclasses
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from partnership.access import AGENCY_LEAD, has_role
from section11 import exchange, scoring
from section11.models import ListedEvidence, Return, ReturnEvent, StandardResponse
from section11.return_steps import record_event


def can_export_return(user, submission: Return) -> bool:
    """The agency's own lead, or the business unit (which administers every agency's return)."""
    from partnership.access import BUSINESS_UNIT

    return has_role(user, BUSINESS_UNIT) or (has_role(user, AGENCY_LEAD) and user.agency_id == submission.agency_id)


def can_import_into(user, submission: Return) -> bool:
    """Only the agency's own lead, and only while the return is a draft or returned for revision."""
    return has_role(user, AGENCY_LEAD) and user.agency_id == submission.agency_id and submission.is_editable


@dataclass
class ImportOutcome:
    """What an import did, standard by standard, for the person who ran it."""

    source: str
    imported: list[int] = dataclasses.field(default_factory=list)  # this round's standard numbers, now unconfirmed
    kept: list[int] = dataclasses.field(default_factory=list)  # already answered in this return: left as they were
    unmatched: list[str] = dataclasses.field(default_factory=list)  # the file's standards with no match here
    unmatched_criteria: list[str] = dataclasses.field(default_factory=list)

    def summary(self) -> str:
        parts = [f"Imported from {self.source}: " + _numbers("standard", self.imported) + ", to confirm."]
        if self.kept:
            parts.append(_numbers("Standard", self.kept) + " already answered in this return: kept as they were.")
        if self.unmatched:
            parts.append("Not in this round's standards, so not imported: " + "; ".join(self.unmatched) + ".")
        if self.unmatched_criteria:
            parts.append("Criteria not matched, so not imported: " + "; ".join(self.unmatched_criteria) + ".")
        return " ".join(parts)


def _numbers(noun: str, numbers: list[int]) -> str:
    if not numbers:
        return f"no {noun.lower()}s"
    plural = "s" if len(numbers) > 1 else ""
    listed = ", ".join(str(n) for n in numbers[:-1]) + (" and " if len(numbers) > 1 else "") + str(numbers[-1])
    return f"{noun}{plural} {listed}"


def _answered_here(response: StandardResponse) -> bool:
    """An answer the agency has given (or confirmed) in this return, which an import must not overwrite."""
    return not response.carried_forward and bool(response.rating or response.narrative.strip())


@transaction.atomic
def return_import(*, submission: Return, by, document: dict) -> ImportOutcome:
    """Import an exchange document (already checked by `exchange.parse`) into a draft return.

    Standards pair by code, else number and title. Each imported answer is marked "imported from
    <partnership, round>, not yet confirmed" until the agency confirms or changes it. Answers the
    agency has already given in this return are kept; standards with no match are reported. The
    evidence comes across as a list (name, size, SHA-256), not as files.
    """
    submission = Return.objects.select_for_update().get(pk=submission.pk)
    if not can_import_into(by, submission):
        raise ValidationError("Only the agency's lead can import into its return, and only while it is a draft.")
    source = exchange.source_label(document)
    responses = {
        r.standard.code: r
        for r in submission.responses.select_related("standard").prefetch_related("criteria__criterion")
    }
    local = [
        exchange.LocalStandard(code=c, number=r.standard.number, title=r.standard.title) for c, r in responses.items()
    ]
    pairs, unmatched = exchange.match_standards(document["standards"], local)
    outcome = ImportOutcome(source=source, unmatched=[f'standard {s["number"]}, "{s["title"]}"' for s in unmatched])
    if not pairs:
        raise ValidationError(
            "None of the standards in this file match this round's standards, so nothing was imported. "
            "Not matched: " + "; ".join(outcome.unmatched) + "."
        )
    for item, target in sorted(pairs, key=lambda p: p[1].number):
        response = responses[target.code]
        if _answered_here(response):
            outcome.kept.append(target.number)
            continue
        rating = item["rating"]
        response.rating = rating
        response.na_reason = item["na_reason"].strip() if rating == scoring.NOT_APPLICABLE else ""
        response.narrative = item["narrative"].strip()
        response.no_action_reason = item.get("no_action_reason", "").strip() if rating in scoring.NEEDS_ACTION else ""
        response.carried_forward = bool(rating or response.narrative)
        response.imported_from = source if response.carried_forward else ""
        response.updated_by = by
        response.version += 1
        response.save()
        answers = {a.criterion.number: a for a in response.criteria.all()}
        for c in item.get("criteria", []):
            answer = answers.get(c["number"])
            if answer is None or not exchange.same_words(answer.criterion.text, c["text"]):
                outcome.unmatched_criteria.append(f"{target.number}.{c['number']}")
                continue
            answer.rating, answer.note = c["rating"], c.get("note", "").strip()
            answer.save()
        response.listed_evidence.all().delete()
        ListedEvidence.objects.bulk_create(
            [
                ListedEvidence(
                    response=response,
                    name=e["name"],
                    size=e["size"],
                    sha256=e["sha256"],
                    content_type=e.get("content_type", ""),
                    description=e.get("description", "").strip(),
                    listed_in=source,
                )
                for e in item["evidence"]
            ]
        )
        outcome.imported.append(target.number)
    Return.objects.filter(pk=submission.pk).update(updated_at=timezone.now())
    record_event(submission, ReturnEvent.Kind.IMPORTED, by, outcome.summary())
    return outcome

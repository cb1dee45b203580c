"""The compliance matrix as CSV and XLSX, built from the same access-checked matrix as the page;
an agency's return as an exchange file (JSON)."""

import datetime as dt
import hashlib
import re

from django.conf import settings
from django.utils import timezone

from bscp_portal.lib.exports import choice_labels, positional, respond
from section11 import exchange, scoring
from section11.models import Return


def matrix_rows(matrix) -> tuple[list[str], list[list]]:
    """The header (one rating and one "agreed" column per standard) and a row per agency."""
    header = ["Agency", "Agency type", "Section 11 duty", "Return status"]
    for s in matrix.standards:
        header += [f"S{s.number} rating", f"S{s.number} agreed"]
    header += ["Compliance %", "Previous round %", "Change (points)"]
    rows = []
    statuses = choice_labels(Return, "status")
    for r in matrix.rows:
        line = [r.agency, r.kind, r.duty, statuses.get(r.status, r.status) if r.status else "Not started"]
        for c in r.cells:
            line += [scoring.label(c.rating) if c.rating else "", c.agreed]
        line += [r.score, r.previous_score, r.change]
        rows.append(line)
    return header, rows


def matrix_response(matrix, *, stem: str, fmt: str):
    header, rows = matrix_rows(matrix)
    return respond(fmt=fmt, filename=stem, columns=positional(header), rows=rows, sheet="Compliance matrix")


# --- the exchange file (docs/formats.md: "Section 11: exchange file") ------------------------


class EvidenceMissing(Exception):
    """An evidence file the return lists is not in storage, so its SHA-256 cannot be given."""


def _sha256(evidence) -> str:
    try:
        with evidence.file.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except FileNotFoundError:
        raise EvidenceMissing(evidence.original_name) from None


def exchange_document(submission: Return, *, now: dt.datetime | None = None) -> dict:
    """One agency's return as an exchange document: what it answered, standard by standard, with
    its evidence listed (name, size, SHA-256), never the files. Four queries and one read per file."""
    from section11.models import StandardResponse

    submission = Return.objects.select_related("round__standard_set", "agency").get(pk=submission.pk)
    responses = (
        StandardResponse.objects.filter(submission=submission)
        .select_related("standard")
        .prefetch_related("criteria__criterion", "evidence", "listed_evidence")
        .order_by("standard__number")
    )
    standards = []
    for r in responses:
        evidence = [
            {
                "name": e.original_name,
                "size": e.size,
                "sha256": _sha256(e),
                "content_type": e.content_type,
                "description": "",
            }
            for e in r.evidence.all()
        ] + [
            {
                "name": e.name,
                "size": e.size,
                "sha256": e.sha256,
                "content_type": e.content_type,
                "description": e.description,
            }
            for e in r.listed_evidence.all()
        ]
        standards.append(
            {
                "code": r.standard.code,
                "number": r.standard.number,
                "title": r.standard.title,
                "rating": r.rating,
                "na_reason": r.na_reason,
                "narrative": r.narrative,
                "no_action_reason": r.no_action_reason,
                "criteria": [
                    {"number": c.criterion.number, "text": c.criterion.text, "rating": c.rating, "note": c.note}
                    for c in r.criteria.all()
                ],
                "evidence": evidence,
            }
        )
    rnd = submission.round
    return {
        "format": exchange.FORMAT,
        "format_version": exchange.FORMAT_VERSION,
        "exported_at": (now or timezone.now()).astimezone(dt.UTC).isoformat(timespec="seconds"),
        "partnership": settings.PARTNERSHIP_NAME,
        "round": {
            "name": rnd.name,
            "period": rnd.period,
            "standard_set": {"code": rnd.standard_set.code, "name": rnd.standard_set.name},
        },
        "agency": {
            "name": submission.agency.name,
            "short_name": submission.agency.short_name,
            "kind": submission.agency.kind,
        },
        "return": {
            "status": submission.status,
            "senior_manager": submission.senior_manager,
            "declared_at": submission.declared_at.astimezone(dt.UTC).isoformat(timespec="seconds")
            if submission.declared_at
            else None,
        },
        "standards": standards,
    }


def exchange_filename(submission: Return) -> str:
    """e.g. section11-exchange-home-2026-27.json (letters, digits and hyphens only)."""
    stem = f"section11-exchange-{submission.agency.short_name or submission.agency.name}-{submission.round.period}"
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") + ".json"

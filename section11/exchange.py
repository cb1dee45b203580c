"""The Section 11 exchange file (docs/formats.md, docs/section11-exchange.schema.json): reading and
checking one, and matching its standards to a round's. Pure: no database, no Django.

Police, health commissioners and probation serve several partnerships and answer Section 11 once;
one portal exports an agency's return to this file and another imports it as a draft.
"""

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jsonschema

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "docs" / "section11-exchange.schema.json"
FORMAT = "section11-exchange"
FORMAT_VERSION = 1
#: Far above any real return (nine standards of text and an evidence list), far below harm.
MAX_BYTES = 5 * 1024 * 1024
NOT_EXCHANGE = "This file is not a Section 11 exchange file: "


class ExchangeFileError(ValueError):
    """A file that cannot be read as an exchange file; the message says why, in plain words."""


@cache
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _where(path) -> str:
    """A JSON path as a person reads it: 'standard entry 2 → rating' rather than standards/1/rating
    (entries counted from 1 in the order of the file, which need not be the standards' numbers)."""
    parts, items = [], list(path)
    i = 0
    while i < len(items):
        key = items[i]
        following = items[i + 1] if i + 1 < len(items) else None
        if key in ("standards", "criteria", "evidence") and isinstance(following, int):
            noun = {"standards": "standard", "criteria": "criterion", "evidence": "evidence"}[key]
            parts.append(f"{noun} entry {following + 1}")
            i += 2
            continue
        parts.append(str(key).replace("_", " "))
        i += 1
    return " → ".join(parts)


def _plain(error: jsonschema.ValidationError) -> str:
    where = _where(error.absolute_path)
    if error.validator == "required":
        missing = re.findall(r"'([^']+)' is a required property", error.message)
        name = missing[0].replace("_", " ") if missing else "a required entry"
        return f"{where + ': ' if where else ''}{name} is missing"
    if error.validator == "additionalProperties":
        return f"{where + ': ' if where else ''}{error.message.replace('Additional properties', 'unknown entries')}"
    if error.validator == "enum" and error.absolute_path and error.absolute_path[-1] == "rating":
        return f"{where}: {error.instance!r} is not a rating (use fully_met, partially_met, not_met, not_applicable or leave it empty)"
    if error.validator == "pattern" and error.absolute_path and error.absolute_path[-1] == "sha256":
        return f"{where}: the SHA-256 must be 64 lower-case hexadecimal characters"
    return f"{where + ': ' if where else ''}{error.message}"


def parse(data: bytes) -> dict:
    """The exchange document in `data`, or ExchangeFileError naming what is wrong (first problems
    first, at most five), checked against the published schema and a few rules it cannot state."""
    if len(data) > MAX_BYTES:
        raise ExchangeFileError(NOT_EXCHANGE + f"it is larger than {MAX_BYTES // (1024 * 1024)} MB.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ExchangeFileError(NOT_EXCHANGE + "it is not a text file in UTF-8.") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ExchangeFileError(
            NOT_EXCHANGE + f"it is not valid JSON ({exc.msg}, line {exc.lineno}, column {exc.colno})."
        ) from None
    if not isinstance(document, dict):
        raise ExchangeFileError(NOT_EXCHANGE + "it holds a list or a single value, not an exchange document.")
    if document.get("format") != FORMAT:
        raise ExchangeFileError(NOT_EXCHANGE + f'it does not say "format": "{FORMAT}".')
    version = document.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise ExchangeFileError(
            NOT_EXCHANGE + f"it is format version {version}; this portal reads version {FORMAT_VERSION}. "
            "Ask for the file from a portal at the same version, or update this one."
        )
    validator = jsonschema.Draft202012Validator(schema())
    errors = sorted(validator.iter_errors(document), key=lambda e: (list(map(str, e.absolute_path)), e.message))
    problems = [_plain(e) for e in errors]
    problems += _rule_problems(document) if not problems else []
    if problems:
        shown = "; ".join(problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        raise ExchangeFileError(NOT_EXCHANGE + shown + more + ".")
    return document


def _rule_problems(document: dict) -> list[str]:
    """What the schema cannot say: a real timestamp, each standard once, N/A with its reason."""
    problems = []
    try:
        dt.datetime.fromisoformat(document["exported_at"])
    except ValueError:
        problems.append("exported at: not a date and time (use ISO 8601, e.g. 2026-12-07T09:30:00+00:00)")
    seen: set[int] = set()
    for i, s in enumerate(document["standards"], start=1):
        if s["number"] in seen:
            problems.append(f"standard entry {i}: standard number {s['number']} appears twice")
        seen.add(s["number"])
        if s["rating"] == "not_applicable" and not s["na_reason"].strip():
            problems.append(f"standard entry {i}: marked not applicable without a reason")
    return problems


def source_label(document: dict) -> str:
    """How an imported answer names where it came from: "<partnership>, <round>"."""
    return f"{document['partnership']}, {document['round']['name']}"[:300]


# --- matching the file's standards to the round's --------------------------------------------


@dataclass(frozen=True)
class LocalStandard:
    code: str
    number: int
    title: str


def same_words(a: str, b: str) -> bool:
    """Titles match ignoring case, spacing and punctuation at the ends ("Safer recruitment." = "safer  recruitment")."""

    def norm(s: str) -> str:
        return " ".join(re.sub(r"[^\w\s']", " ", s.casefold()).split())

    return norm(a) == norm(b)


def match_standards(
    exported: list[dict], local: list[LocalStandard]
) -> tuple[list[tuple[dict, LocalStandard]], list[dict]]:
    """Pair each standard in the file with one of the round's: same code, else same number and
    title (case and spacing aside). Returns (pairs, unmatched) in the file's order; each of the
    round's standards is used at most once, so nothing is imported twice."""
    by_code = {s.code: s for s in local}
    used: set[str] = set()
    pairs, unmatched = [], []
    for item in exported:
        target = by_code.get(item.get("code") or "")
        if target is None or target.code in used:
            target = next(
                (
                    s
                    for s in local
                    if s.code not in used and s.number == item["number"] and same_words(s.title, item["title"])
                ),
                None,
            )
        if target is None:
            unmatched.append(item)
            continue
        used.add(target.code)
        pairs.append((item, target))
    return pairs, unmatched

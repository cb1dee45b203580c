"""Random case sampling for multi-agency practice audits: pure functions, no Django imports.

The framework: cases are chosen at random among cases where more than one agency was involved;
the seed, the candidate list and the rule are stored so that anyone can re-run the draw and get
the same cases. Cases are references only, never names.
"""

import csv
import io
import random
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

#: A case reference: letters, digits and - / _ . (no spaces, so a name cannot pass as one).
REFERENCE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9/_.\-]{0,39}$")
#: Columns that would carry personal details; a file containing one is refused outright.
FORBIDDEN_COLUMNS = frozenset(
    {
        "name",
        "child_name",
        "first_name",
        "forename",
        "surname",
        "last_name",
        "dob",
        "date_of_birth",
        "address",
        "nhs_number",
    }
)
REQUIRED_COLUMNS = ("reference", "agencies")
AGENCY_SEPARATOR = ";"
NOT_RECORDED = "(not recorded)"


@dataclass(frozen=True)
class Candidate:
    reference: str
    agencies: tuple  # agency ids (or names before they are resolved)
    attributes: Mapping = field(default_factory=dict)


@dataclass(frozen=True)
class Excluded:
    line: int  # 1-based data row (the header is row 0)
    reference: str
    reason: str


class CandidateFileError(ValueError):
    """The file as a whole cannot be read as a candidate list."""


def read_candidate_csv(text: str) -> list[dict[str, str]]:
    """Rows of a candidate CSV (see docs/formats.md), keys lower-cased and stripped.

    Refuses a file without `reference` and `agencies` columns or with a column for a personal detail.
    """
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    try:
        fieldnames = reader.fieldnames
    except csv.Error as exc:
        raise CandidateFileError(f"The file could not be read as CSV: {exc}.") from None
    if not fieldnames:
        raise CandidateFileError("The file is empty: it needs a header row with reference and agencies.")
    columns = [(c or "").strip().lower() for c in fieldnames]
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise CandidateFileError(
            f"The file has no {' or '.join(missing)} column (columns found: {', '.join(columns)})."
        )
    personal = sorted(set(columns) & FORBIDDEN_COLUMNS)
    if personal:
        raise CandidateFileError(
            f"The file has a column for personal details ({', '.join(personal)}): case lists carry references only."
        )
    rows = []
    try:
        for raw in reader:
            rows.append(
                {
                    (k or "").strip().lower(): (v if isinstance(v, str) else "").strip()
                    for k, v in raw.items()
                    if k is not None
                }
            )
    except csv.Error as exc:
        raise CandidateFileError(f"The file could not be read as CSV at line {reader.line_num}: {exc}.") from None
    return rows


def clean_candidates(
    rows: Iterable[Mapping[str, str]], agency_lookup: Mapping[str, int]
) -> tuple[list[Candidate], list[Excluded]]:
    """Split rows into eligible candidates and excluded rows, each exclusion with its reason.

    Kept: a valid reference seen for the first time, with more than one distinct known agency.
    Excluded: no or malformed reference; a duplicate of an earlier row; an agency name not in
    `agency_lookup` (keys compared case-insensitively); only one agency involved.
    Other columns become attributes (used for stratification); empty values are dropped.
    """
    lookup = {k.strip().lower(): v for k, v in agency_lookup.items()}
    seen: dict[str, int] = {}
    eligible: list[Candidate] = []
    excluded: list[Excluded] = []
    for line, row in enumerate(rows, start=1):
        reference = (row.get("reference") or "").strip()
        if not reference:
            excluded.append(Excluded(line, "", "No case reference."))
            continue
        if not REFERENCE_RE.match(reference):
            excluded.append(
                Excluded(line, reference[:40], "Not a case reference (letters, digits and - / _ . only, no spaces).")
            )
            continue
        key = reference.upper()
        if key in seen:
            excluded.append(Excluded(line, reference, f"Duplicate of row {seen[key]}."))
            continue
        seen[key] = line
        names = [n.strip() for n in (row.get("agencies") or "").split(AGENCY_SEPARATOR) if n.strip()]
        unknown = [n for n in names if n.lower() not in lookup]
        if unknown:
            excluded.append(Excluded(line, reference, f"Unknown agency: {', '.join(unknown)}."))
            continue
        ids = tuple(sorted({lookup[n.lower()] for n in names}))
        if len(ids) < 2:
            excluded.append(
                Excluded(line, reference, "Only one agency involved: multi-agency audits need two or more.")
            )
            continue
        attributes = {k: v for k, v in row.items() if k not in REQUIRED_COLUMNS and v}
        eligible.append(Candidate(reference, ids, attributes))
    return eligible, excluded


def allocate(strata_sizes: Mapping[str, int], size: int) -> dict[str, int]:
    """Proportional allocation of `size` over strata by the largest-remainder method.

    Each stratum gets floor(size x its share); the cases left over go one each to the strata with
    the largest remainders (ties: stratum name order). No stratum gets more than it holds.
    """
    total = sum(strata_sizes.values())
    if size > total:
        raise ValueError(f"Sample size {size} is larger than the {total} eligible cases.")
    if total == 0:
        return {}
    quotas = {k: size * n / total for k, n in strata_sizes.items()}
    counts = {k: int(q) for k, q in quotas.items()}
    left = size - sum(counts.values())
    for k in sorted(quotas, key=lambda k: (-(quotas[k] - counts[k]), k))[:left]:
        counts[k] += 1
    return counts


def draw_sample(candidates: Sequence[Candidate], size: int, seed: int, stratify_by: str = "") -> list[str]:
    """The references of a random sample of `size` multi-agency candidates, reproducible from `seed`.

    Candidates are put in reference order first, so the draw does not depend on the order of the
    list. Without stratification: a simple random sample. With `stratify_by` (an attribute name):
    proportional allocation over its values (missing values form their own stratum), then a
    simple random sample within each stratum, strata in name order. One-agency candidates are
    never drawn. Refuses a size below 1 or above the number eligible.
    """
    pool = sorted((c for c in candidates if len(set(c.agencies)) > 1), key=lambda c: c.reference)
    if size < 1:
        raise ValueError("The sample size must be at least 1.")
    if size > len(pool):
        raise ValueError(f"Sample size {size} is larger than the {len(pool)} eligible cases.")
    rng = random.Random(seed)  # noqa: S311 (a recorded seed must reproduce the sample; nothing secret)
    if not stratify_by:
        return [c.reference for c in rng.sample(pool, size)]
    strata: dict[str, list[Candidate]] = {}
    for c in pool:
        strata.setdefault(c.attributes.get(stratify_by) or NOT_RECORDED, []).append(c)
    counts = allocate({k: len(v) for k, v in strata.items()}, size)
    chosen: list[str] = []
    for key in sorted(strata):
        chosen.extend(c.reference for c in rng.sample(strata[key], counts[key]))
    return chosen


def describe_rule(*, size: int, eligible: int, stratify_by: str = "") -> str:
    """The rule of a draw in words, stored beside the seed."""
    base = (
        f"Simple random sample of {size} of the {eligible} eligible cases (more than one agency involved), "
        "drawn with Python's random.Random(seed).sample from the candidates sorted by reference"
    )
    if stratify_by:
        return (
            base.replace("Simple random sample", "Stratified random sample")
            + f"; stratified by {stratify_by} with proportional allocation (largest remainder), "
            "strata drawn in name order."
        )
    return base + "."

"""Pure rules for child death records: age bands, the factor scale, the status workflow and
waiting times. No Django imports; unit-tested without a database."""

import datetime as dt

# --- age at death ---------------------------------------------------------------------------

#: The national (NCMD) age bands, in order: (code, label).
AGE_BANDS: list[tuple[str, str]] = [
    ("neonatal", "Under 28 days"),
    ("infant", "28 days to under 1 year"),
    ("1-4", "1 to 4 years"),
    ("5-9", "5 to 9 years"),
    ("10-14", "10 to 14 years"),
    ("15-17", "15 to 17 years"),
]
AGE_BAND_LABELS = dict(AGE_BANDS)
MAX_AGE_YEARS = 17
DAYS_IN_FIRST_YEAR = 365


def age_problem(years: int | None, days: int | None) -> str | None:
    """Why an age at death cannot be right, or None.

    Years run 0 to 17 (CDOP reviews deaths before the 18th birthday). Under one year the age in
    completed days (0 to 365) is needed to tell a neonatal death from a later infant death; from
    one year on, days are not recorded.
    """
    if years is None:
        return "Give the age at death in completed years (0 for a baby under one)."
    if years < 0 or years > MAX_AGE_YEARS:
        return f"Age at death must be between 0 and {MAX_AGE_YEARS} completed years."
    if years == 0:
        if days is None:
            return "For a baby under one year, give the age in completed days."
        if days < 0 or days > DAYS_IN_FIRST_YEAR:
            return f"Age in days must be between 0 and {DAYS_IN_FIRST_YEAR} for a baby under one year."
    elif days is not None:
        return "Leave the age in days empty from one year old; it is only for babies under one."
    return None


def age_band(years: int, days: int | None = None) -> str:
    """The age band code: under 28 days (days 0–27), 28 days to under 1 year (days 28–365),
    then 1–4, 5–9, 10–14 and 15–17 completed years."""
    problem = age_problem(years, days)
    if problem:
        raise ValueError(problem)
    if years == 0:
        return "neonatal" if days < 28 else "infant"
    if years <= 4:
        return "1-4"
    if years <= 9:
        return "5-9"
    if years <= 14:
        return "10-14"
    return "15-17"


# --- dates ------------------------------------------------------------------------------------


def date_problems(*, date_of_death: dt.date | None, date_notified: dt.date | None, today: dt.date) -> dict[str, str]:
    """Problems with the death and notification dates, by field name.

    A death cannot be in the future, nor after the panel was notified of it; a notification
    cannot be in the future.
    """
    problems: dict[str, str] = {}
    if date_of_death and date_of_death > today:
        problems["date_of_death"] = "The date of death cannot be in the future."
    if date_notified and date_notified > today:
        problems["date_notified"] = "The date notified cannot be in the future."
    if date_of_death and date_notified and date_of_death > date_notified and "date_of_death" not in problems:
        problems["date_of_death"] = "The date of death cannot be after the date the panel was notified."
    return problems


def dated_after_death_problem(
    *, label: str, when: dt.date | None, date_of_death: dt.date, today: dt.date
) -> str | None:
    """A rapid response or panel review happens on or after the death, and not in the future."""
    if when is None:
        return f"Give the date of the {label}."
    if when < date_of_death:
        return f"The {label} cannot be before the date of death ({date_of_death:%d/%m/%Y})."
    if when > today:
        return f"The {label} cannot be in the future."
    return None


# --- modifiable factors -----------------------------------------------------------------------

#: The national form's scale for each domain, in order: (value, meaning).
FACTOR_SCORES: list[tuple[str, str]] = [
    ("0", "0 – information not available"),
    ("1", "1 – no factors identified"),
    ("1*", "1* – factors identified but unlikely to have contributed to the death"),
    ("2", "2 – factors identified that may have contributed to vulnerability, ill-health or death"),
    ("3", "3 – factors identified that provide a complete and sufficient explanation for the death"),
]
SCORE_VALUES = [value for value, _ in FACTOR_SCORES]
#: Scores meaning a factor was identified in the domain.
IDENTIFIED_SCORES = frozenset({"1*", "2", "3"})
#: Scores meaning the factor may have contributed to the death.
CONTRIBUTING_SCORES = frozenset({"2", "3"})

MODIFIABLE_YES = "yes"
MODIFIABLE_NO = "no"
MODIFIABLE_INSUFFICIENT = "insufficient"


def score_problem(score: str | None) -> str | None:
    """A domain score must be one of 0, 1, 1*, 2, 3 exactly as the national form writes them."""
    if score in (None, ""):
        return "Choose a score for this domain."
    if score not in SCORE_VALUES:
        return f"“{score}” is not on the scale; use one of {', '.join(SCORE_VALUES)}."
    return None


def modifiable_problem(answer: str, scores: list[str]) -> str | None:
    """Modifiable factors "yes" needs at least one domain where a factor was identified
    (1*, 2 or 3); "insufficient information" cannot stand beside a score of 3 (a complete and
    sufficient explanation)."""
    if answer == MODIFIABLE_YES and not IDENTIFIED_SCORES.intersection(scores):
        return "You said modifiable factors were identified: score the domain they are in (1*, 2 or 3)."
    if answer == MODIFIABLE_INSUFFICIENT and "3" in scores:
        return "A domain scored 3 gives a complete explanation, so information is not insufficient."
    return None


# --- status workflow --------------------------------------------------------------------------

NOTIFIED = "notified"
GATHERING = "gathering"
AWAITING_PANEL = "awaiting_panel"
REVIEWED = "reviewed"
CLOSED = "closed"
STATUSES = [
    (NOTIFIED, "Notified"),
    (GATHERING, "Information gathering"),
    (AWAITING_PANEL, "Awaiting panel"),
    (REVIEWED, "Reviewed"),
    (CLOSED, "Closed"),
]
#: Statuses of a case still waiting for its panel review.
WAITING = frozenset({NOTIFIED, GATHERING, AWAITING_PANEL})

#: Moves a person may make with the status buttons. Reaching "reviewed" happens only by
#: recording the panel review (which needs a category); a closed case is reopened to reviewed.
_MOVES = {
    NOTIFIED: [GATHERING],
    GATHERING: [AWAITING_PANEL, NOTIFIED],
    AWAITING_PANEL: [GATHERING],
    REVIEWED: [CLOSED],
    CLOSED: [REVIEWED],
}


def next_statuses(current: str) -> list[str]:
    """The statuses a case may be moved to by hand from `current`."""
    return list(_MOVES.get(current, []))


def move_problem(current: str, target: str, *, has_review: bool, open_actions: int) -> str | None:
    """Why a case cannot move from `current` to `target`, or None.

    Only the moves in the workflow are allowed; closing needs the panel review and every
    recommendation (action) closed.
    """
    labels = dict(STATUSES)
    if target not in labels:
        return "Unknown status."
    if target not in _MOVES.get(current, []):
        return f"A case cannot move from “{labels.get(current, current)}” to “{labels[target]}”."
    if target == CLOSED:
        if not has_review:
            return "Record the panel review before closing the case."
        if open_actions:
            return f"This case has {open_actions} open recommendation(s); complete or withdraw them before closing."
    return None


# --- waiting for panel --------------------------------------------------------------------------


def days_waiting(date_notified: dt.date, today: dt.date) -> int:
    """Calendar days since the panel was notified."""
    return (today - date_notified).days


def is_over_target(*, status: str, date_notified: dt.date, today: dt.date, target_days: int) -> bool:
    """A case waiting for panel review (notified, gathering, awaiting panel) for MORE than the
    local target in calendar days since notification. On the target day itself it is not over."""
    return status in WAITING and days_waiting(date_notified, today) > target_days


# --- information requests to agencies ---------------------------------------------------------


def request_problems(*, due_on: dt.date | None, question: str, today: dt.date) -> dict[str, str]:
    """A request asks something and gives the agency a date on or after today to answer by."""
    problems = {}
    if not (question or "").strip():
        problems["question"] = "Say what the panel needs to know from this agency."
    if due_on is None:
        problems["due_on"] = "Give the date the answer is due."
    elif due_on < today:
        problems["due_on"] = "The answer cannot be due before today."
    return problems


def request_state(*, answered_on: dt.date | None, due_on: dt.date, today: dt.date) -> str:
    """ "answered", "overdue" (not answered after its due date) or "waiting"."""
    if answered_on is not None:
        return "answered"
    return "overdue" if today > due_on else "waiting"


# --- joint agency response ----------------------------------------------------------------------

#: The joint agency response should start on the day of the death or the next (within 24 hours).
JAR_TIMESCALE_DAYS = 1


def jar_within_timescale(date_of_death: dt.date, jar_date: dt.date, days: int = JAR_TIMESCALE_DAYS) -> bool:
    """Held on the day of the death or within `days` calendar days after it."""
    return (jar_date - date_of_death).days <= days


def jar_problems(
    *,
    unexpected: bool,
    held: bool | None,
    jar_date: dt.date | None,
    reason: str,
    date_of_death: dt.date,
    today: dt.date,
    days: int = JAR_TIMESCALE_DAYS,
) -> dict[str, str]:
    """What is missing from a joint agency response record, by field.

    Held or not must be answered; a response held needs its date (not before the death, not in
    the future) and, when later than the statutory timescale, the reason; a response not held
    for an unexpected death needs the reason."""
    if not unexpected:
        return {"jar_held": "A joint agency response is held for unexpected deaths only."}
    if held is None:
        return {"jar_held": "Say whether a joint agency response was held."}
    has_reason = bool((reason or "").strip())
    if not held:
        return {} if has_reason else {"jar_reason": "Say why no joint agency response was held."}
    problem = dated_after_death_problem(
        label="joint agency response", when=jar_date, date_of_death=date_of_death, today=today
    )
    if problem:
        return {"jar_date": problem}
    if not jar_within_timescale(date_of_death, jar_date, days) and not has_reason:
        return {
            "jar_reason": f"The response was more than {days} day{'s' if days != 1 else ''} after the death, "
            "outside the statutory timescale: say why."
        }
    return {}


def jar_missing_flag(*, unexpected: bool, age_years: int, jar_held: bool) -> bool:
    """An unexpected death of a baby under one with no joint agency response: flagged for the panel."""
    return unexpected and age_years == 0 and not jar_held


#: Categories the national form keeps for deaths it cannot otherwise explain.
UNEXPLAINED_CATEGORIES = frozenset({"sudi"})
#: Categories for deaths of an external cause, which an expected death cannot be.
EXTERNAL_CATEGORIES = frozenset({"abuse", "suicide", "trauma"})


def category_problem(*, category_code: str, scores: list[str], expected: bool) -> str | None:
    """Why a category contradicts the rest of the review, or None.

    "Sudden unexpected, unexplained death" cannot stand beside a domain scored 3 (a complete
    and sufficient explanation): either the death is explained, or a 3 is wrong. A death
    recorded as expected cannot be in a category of external cause (deliberately inflicted
    injury, suicide or self-harm, trauma): check the category, or the notification."""
    if category_code in UNEXPLAINED_CATEGORIES and "3" in scores:
        return (
            "An unexplained death cannot have a domain scored 3 (a complete and sufficient explanation): "
            "choose the category that explains it, or change the score."
        )
    if expected and category_code in EXTERNAL_CATEGORIES:
        return (
            "The death was notified as expected, but this category is for deaths of an external cause: "
            "check the category, or correct the notification first."
        )
    return None


# --- characteristics for the panel's analysis -------------------------------------------------

NOT_KNOWN = "not_known"

#: Index of Multiple Deprivation quintile of the child's home (the LSOA of the home postcode):
#: 1 is the most deprived fifth of neighbourhoods in England. "Not known" is an answer.
DEPRIVATION_QUINTILES: list[tuple[str, str]] = [
    ("1", "Quintile 1 (most deprived)"),
    ("2", "Quintile 2"),
    ("3", "Quintile 3"),
    ("4", "Quintile 4"),
    ("5", "Quintile 5 (least deprived)"),
    (NOT_KNOWN, "Not known"),
]

#: The high-level ethnic groups the DfE and ONS publish by, in their order, and "not known".
ETHNIC_GROUPS: list[tuple[str, str]] = [
    ("white", "White"),
    ("mixed", "Mixed or multiple ethnic groups"),
    ("asian", "Asian or Asian British"),
    ("black", "Black, Black British, Caribbean or African"),
    ("other", "Other ethnic group"),
    (NOT_KNOWN, "Not stated or not known"),
]
_GROUP_PREFIXES = ("white", "mixed", "asian", "black", "other")


def ethnic_group(code: str | None) -> str:
    """The high-level group of a detailed ethnicity code from the reference list
    (cdop/framework/ethnicities.csv): the part before the first hyphen names the group, as in
    "asian-pakistani". No ethnicity, "not-stated" or a code outside the groups is not known."""
    prefix = (code or "").split("-", 1)[0]
    return prefix if prefix in _GROUP_PREFIXES else NOT_KNOWN


#: ONS publishes population by single year of age: both bands under one year use the
#: population aged under one as their denominator.
POPULATION_GROUPS: list[tuple[str, str]] = [
    ("0", "Under 1 year"),
    ("1-4", "1 to 4 years"),
    ("5-9", "5 to 9 years"),
    ("10-14", "10 to 14 years"),
    ("15-17", "15 to 17 years"),
]
POPULATION_GROUP_OF_BAND = {
    "neonatal": "0",
    "infant": "0",
    "1-4": "1-4",
    "5-9": "5-9",
    "10-14": "10-14",
    "15-17": "15-17",
}


def population_year(fy_start_year: int, available: list[int] | set[int]) -> int | None:
    """The mid-year population estimate to divide a financial year's count by: the estimate
    for 30 June of that financial year (mid-2024 for 2024-25), or the latest published before
    it when that one is not out yet; None when there is no estimate that early."""
    usable = [year for year in available if year <= fy_start_year]
    return max(usable) if usable else None

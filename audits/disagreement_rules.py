"""Resolving professional disagreements between agencies: stages and days at each. Pure: no Django."""

import datetime as dt

from bscp_portal.lib.rounding import percent_number

#: The stages of the partnership's escalation procedure, in order: (code, label, date field).
STAGES = [
    ("practitioner", "Practitioner to practitioner", "raised_on"),
    ("manager", "Manager to manager", "manager_on"),
    ("senior_manager", "Senior manager", "senior_manager_on"),
    ("partnership", "Partnership (safeguarding partners)", "partnership_on"),
]
STAGE_LABELS = {code: label for code, label, _ in STAGES}


def stage_problems(dates: dict[str, dt.date | None], resolved_on: dt.date | None, today: dt.date) -> dict[str, str]:
    """Each stage is reached after the one before it (or on the same day), none is skipped, none
    is in the future, and the resolution comes on or after the last stage reached."""
    problems: dict[str, str] = {}
    previous: tuple[str, dt.date] | None = None
    missing_label = ""
    for _code, label, field in STAGES:
        when = dates.get(field)
        if when is None:
            missing_label = missing_label or label
            continue
        if missing_label:
            problems[field] = f"{label} cannot be reached before {missing_label.lower()}: give that date first."
            continue
        if when > today:
            problems[field] = "This date cannot be in the future."
        elif previous and when < previous[1]:
            problems[field] = f"{label} cannot be before {previous[0].lower()} ({previous[1]:%d/%m/%Y})."
        previous = (label, when)
    if resolved_on is not None and previous and resolved_on < previous[1]:
        problems["resolved_on"] = f"The resolution cannot be before the last stage reached ({previous[1]:%d/%m/%Y})."
    if resolved_on is not None and resolved_on > today:
        problems["resolved_on"] = "This date cannot be in the future."
    return problems


def stage_reached(dates: dict[str, dt.date | None]) -> str:
    """The latest stage with a date."""
    reached = STAGES[0][0]
    for code, _label, field in STAGES:
        if dates.get(field) is not None:
            reached = code
    return reached


def days_at_stages(
    dates: dict[str, dt.date | None], resolved_on: dt.date | None, today: dt.date
) -> list[tuple[str, int]]:
    """(stage label, calendar days spent there) for each stage reached: until the next stage was
    reached, else until the resolution, else until today."""
    reached = [(label, dates[field]) for _code, label, field in STAGES if dates.get(field) is not None]
    out = []
    for i, (label, start) in enumerate(reached):
        end = reached[i + 1][1] if i + 1 < len(reached) else (resolved_on or today)
        out.append((label, (end - start).days))
    return out


#: Stages at which a disagreement counts as resolved early, between practitioners or managers.
EARLY_STAGES = frozenset({"practitioner", "manager"})


def resolved_early(stages: list[str]) -> tuple[int, int, float] | None:
    """Of the disagreements resolved (withdrawn ones left out), how many were resolved without
    going beyond managers: (numerator, denominator, percentage to one place); None when none."""
    if not stages:
        return None
    early = sum(1 for s in stages if s in EARLY_STAGES)
    return early, len(stages), percent_number(early, len(stages))

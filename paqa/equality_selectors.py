"""The counts behind the equality monitoring page: a few GROUP BY queries, no child's record
leaves this module. Each source is read through its own access-checked queryset, except child
deaths, which are counted here in aggregate only and always published suppressed."""

from django.conf import settings
from django.db.models import Count

from audits.models import AuditCase
from conferences.models import Conference, Kind, Outcome
from paqa import equality as tables
from partnership import equality

GRADE_COLUMNS = [*AuditCase.Grade.choices, ("", "Not graded")]
CONFERENCE_COLUMNS = [(Outcome.PLAN_MADE.value, "Child protection plan"), (Outcome.NO_PLAN.value, "No plan")]
DEATH_COLUMNS = [("all", "Child deaths notified")]


def max_small() -> int:
    return getattr(settings, "SUPPRESSION_MAX", 5)


def _counts(queryset, row_field: str, col_field: str | None) -> dict[tuple[object, object], int]:
    fields = [row_field, col_field] if col_field else [row_field]
    out: dict[tuple[object, object], int] = {}
    for row in queryset.values(*fields).annotate(n=Count("pk")).order_by():
        key = (row[row_field], row[col_field] if col_field else "all")
        out[key] = out.get(key, 0) + row["n"]
    return out


def _characteristic_specs(queryset, col_field: str):
    return [
        (question, equality.rows_with_not_recorded(choices), _counts(queryset, f"child_{suffix}", col_field))
        for suffix, question, choices in equality.CHARACTERISTICS
    ]


def conference_tables(*, user) -> list[tables.EqualityTable]:
    """Initial conferences (children entering child protection) by each characteristic and by
    whether a plan was made."""
    queryset = Conference.objects.for_monitoring(user).filter(kind=Kind.INITIAL)
    return tables.suppressed_tables(
        _characteristic_specs(queryset, "outcome"), CONFERENCE_COLUMNS, max_small=max_small()
    )


def audited_case_tables(*, user) -> list[tables.EqualityTable]:
    """Cases sampled in multi-agency audits by each characteristic and by the case's grade."""
    queryset = AuditCase.objects.for_user(user)
    return tables.suppressed_tables(_characteristic_specs(queryset, "grade"), GRADE_COLUMNS, max_small=max_small())


def death_tables() -> list[tables.EqualityTable]:
    """Child deaths by sex, age band and ethnicity: counts only, always suppressed, whoever asks.
    The NCMD record held here has no disability field, so disability is not analysed."""
    from cdop import rules as cdop_rules
    from cdop.models import Death, Ethnicity

    deaths = Death.objects.all()  # aggregate counts only: no row leaves this function
    ethnicities = [(e.pk, e.name) for e in Ethnicity.objects.order_by("order", "name")]
    specs = [
        ("Sex", list(Death.Sex.choices), _counts(deaths, "sex", None)),
        ("Age band", list(cdop_rules.AGE_BANDS), _counts(deaths, "age_band", None)),
        ("Ethnicity", [*ethnicities, (None, equality.NOT_RECORDED_LABEL)], _counts(deaths, "ethnicity", None)),
    ]
    return tables.suppressed_tables(specs, DEATH_COLUMNS, max_small=max_small())

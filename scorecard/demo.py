"""Demo scorecard: the real DfE figures for Barnsley, England, the region and its statistical
neighbours (through the same DfE import as the upload page), and several years of believable
local monthly, quarterly and annual figures. Idempotent: a second run adds nothing."""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from bscp_portal.lib.periods import FinancialYear, start_year_of
from bscp_portal.lib.rounding import percent, round_half_up
from partnership.models import User
from scorecard import dfe, services, status_store
from scorecard.framework import DATA_DIR, load_catalogue
from scorecard.models import ImportBatch, Indicator, Measurement, Series
from scorecard.tables import read_table

DFE_DIR = DATA_DIR / "dfe"
#: The 2024 release first: the 2025 files then revise its overlapping years.
DFE_FILES = [
    "dfe_cin_c1_referrals_with_rates_2013_2024_release2024.csv",
    "dfe_cin_c1_referrals_rereferrals_2013_2025.csv",
    "dfe_cin_b1_children_in_need_2013_2025.csv",
    "dfe_cin_c4_s47_and_icpc_2013_2025.csv",
    "dfe_cin_d3_cpp_second_or_subsequent_2013_2025.csv",
    "dfe_cin_d5_cpp_at31march_by_duration_2013_2025.csv",
]
FIRST_YEAR = 2019  # local series start in April 2019

# code: (level %, yearly drift, noise, denominator range, step (from, change) or None)
PERCENT_SERIES = {
    "CPA_VISITS_IN_TIME": (91.0, 0.4, 3.0, (180, 260), None),
    "CPA_CORE_GROUPS_IN_TIME": (84.0, 1.5, 6.0, (20, 40), None),
    "POL_DA_NOTIFICATIONS": (93.0, 0.0, 2.5, (120, 200), (date(2024, 9, 1), -6.0)),
    "RHI_72H": (72.0, 0.0, 6.0, (25, 45), (date(2023, 4, 1), 12.0)),
    "HEALTH_IHA_20WD": (64.0, 4.0, 8.0, (15, 30), None),
    "LADO_INITIAL_1WD": (92.0, 0.5, 3.0, (50, 90), None),
    "LADO_CLOSED_3M": (71.0, 1.0, 6.0, (20, 40), None),
    "LADO_SUBSTANTIATED": (32.0, 0.0, 7.0, (20, 40), None),
    "Q_YP_FELT_LISTENED": (78.0, 1.5, 6.0, (15, 30), None),
    "Q_RETURN_RATE": (31.0, 1.0, 5.0, (80, 140), None),
    "BULLY_RESOLVED": (70.0, 1.0, 8.0, (10, 25), None),
    "TRAINING_IMPACT": (87.0, 0.3, 3.0, (120, 220), None),
    "BULLY_PUPILS_EXPERIENCED": (24.0, -0.8, 1.5, (300, 340), None),
    "BULLY_ONLINE": (11.0, 0.6, 1.0, (300, 340), None),
}
COUNT_SERIES = {"LADO_CONTACTS": (72, 12), "BULLY_INCIDENTS": (38, 9)}


def _month_periods(until: date):
    start = date(FIRST_YEAR, 4, 1)
    while True:
        following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
        end = following - timedelta(days=1)
        if end >= until:
            return
        yield start, end
        start = following


def _quarter_periods(until: date):
    year = FinancialYear(FIRST_YEAR)
    while True:
        for quarter in year.quarters():
            if quarter.end >= until:
                return
            yield quarter.start, quarter.end
        year = year.next()


def _year_periods(until: date):
    year = FinancialYear(FIRST_YEAR)
    while year.end < until:
        yield year.dates
        year = year.next()


PERIODS = {"monthly": _month_periods, "quarterly": _quarter_periods, "annual": _year_periods}


def _barnsley(file_name: str, column: str) -> dict[int, Decimal]:
    """Barnsley's published figure by year ending March, from a shipped DfE file."""
    table = read_table((DFE_DIR / file_name).read_bytes())
    found = {}
    for _, row in table.records():
        if row["area"] == "Barnsley" and row[column].replace(".", "").isdigit():
            found[int(row["time_period"])] = Decimal(row[column])
    return found


def _local_rows(indicator: Indicator, until: date) -> list[dict]:
    """Believable local figures for one indicator (deterministic: seeded by its code)."""
    rng = random.Random(indicator.code)
    rows = []
    periods = list(PERIODS[indicator.frequency](until))
    if indicator.code in PERCENT_SERIES:
        level, drift, noise, (low, high), step = PERCENT_SERIES[indicator.code]
        for n, (start, end) in enumerate(periods):
            years = (start - periods[0][0]).days / 365.25
            p = level + drift * years + rng.gauss(0, noise)
            if step and start >= step[0]:
                p += step[1]
            p = max(1.0, min(99.5, p))
            den = rng.randint(low, high)
            num = round(den * p / 100)
            rows.append(
                {
                    "period_start": start,
                    "period_end": end,
                    "value": percent(num, den),
                    "numerator": num,
                    "denominator": den,
                }
            )
            del n
    elif indicator.code in COUNT_SERIES:
        mean, spread = COUNT_SERIES[indicator.code]
        for start, end in periods:
            rows.append(
                {"period_start": start, "period_end": end, "value": Decimal(max(0, round(rng.gauss(mean, spread))))}
            )
    elif indicator.code in ("CPA_S47_MONTH", "CPA_PLANS_OPEN"):
        column, file_name = (
            ("section47", "dfe_cin_c4_s47_and_icpc_2013_2025.csv")
            if indicator.code == "CPA_S47_MONTH"
            else ("cpp_at31", "dfe_cin_d5_cpp_at31march_by_duration_2013_2025.csv")
        )
        yearly = _barnsley(file_name, column)
        latest = max(yearly)
        for start, end in periods:
            year_end = start_year_of(start) + 1
            anchor = yearly.get(year_end, yearly[latest])
            if indicator.code == "CPA_S47_MONTH":
                value = max(0, round(float(anchor) / 12 * rng.uniform(0.8, 1.2)))
            else:
                before = yearly.get(year_end - 1, anchor)
                months_in = (start.month - 4) % 12 + 1
                value = round(float(before) + (float(anchor) - float(before)) * months_in / 12 + rng.gauss(0, 8))
            rows.append({"period_start": start, "period_end": end, "value": Decimal(max(0, value))})
    return rows


def _import_dfe(user) -> int:
    if Measurement.objects.filter(origin=Measurement.Origin.DFE).exists():
        return 0
    options = {
        "local_authority": "Barnsley",
        "region": "Yorkshire and The Humber",
        "neighbours": dfe.default_neighbours(),
    }
    written = 0
    for name in DFE_FILES:
        plan = services.import_run(
            kind=ImportBatch.Kind.DFE, data=(DFE_DIR / name).read_bytes(), user=user, options=options, file_label=name
        )
        written += plan.writes
    return written


def _plans_rate(until: date) -> list[Measurement]:
    """CP plans per 10,000 children for Barnsley, from the published plans at 31 March over the
    child population implied by the DfE's published referral rate (2024 release)."""
    plans = _barnsley("dfe_cin_d5_cpp_at31march_by_duration_2013_2025.csv", "cpp_at31")
    referrals = _barnsley("dfe_cin_c1_referrals_with_rates_2013_2024_release2024.csv", "referrals")
    rates = _barnsley("dfe_cin_c1_referrals_with_rates_2013_2024_release2024.csv", "referrals_rate")
    rows = []
    for year, count in sorted(plans.items()):
        if year in referrals and year in rates and rates[year]:
            population = referrals[year] / rates[year] * 10000
            rows.append(
                {
                    "period_start": date(year - 1, 4, 1),
                    "period_end": date(year, 3, 31),
                    "value": round_half_up(count / population * 10000),
                    "note": "Derived: DfE D5 plans at 31 March over the population implied by the C1 referral rate.",
                }
            )
    return rows


@transaction.atomic
def _seed_local(user, until: date) -> int:
    indicators = {i.code: i for i in Indicator.objects.all()}
    now = timezone.now()
    existing = set(
        Measurement.objects.filter(series=Series.LOCAL).values_list("indicator_id", "period_start", "period_end")
    )
    wanted: list[Measurement] = []
    seeded = {"series": Series.LOCAL, "origin": Measurement.Origin.IMPORT, "entered_by": user, "entered_at": now}
    plan = {code: _local_rows(ind, until) for code, ind in indicators.items()}
    if "CP_PLANS_RATE" in indicators:
        plan["CP_PLANS_RATE"] = _plans_rate(until)
    for code, rows in plan.items():
        indicator = indicators[code]
        for row in rows:
            if (indicator.pk, row["period_start"], row["period_end"]) in existing:
                continue
            wanted.append(
                Measurement(
                    indicator=indicator,
                    note=row.get("note", ""),
                    **seeded,
                    **{k: row.get(k) for k in ("period_start", "period_end", "value", "numerator", "denominator")},
                )
            )
    if wanted:
        bulk_create_with_history(
            wanted, Measurement, batch_size=2000, default_user=user, default_change_reason="demo data"
        )
        status_store.data_changed({m.indicator_id for m in wanted})
    return len(wanted)


def _seed_action(user) -> None:
    """One SMART action linked to an indicator, so its page shows a plan."""
    try:
        from actions.models import Action
        from actions.services import action_create
    except ImportError:
        return
    indicator = Indicator.objects.filter(code="POL_DA_NOTIFICATIONS").select_related("owning_agency").first()
    if indicator is None or indicator.owning_agency is None or Action.objects.for_source(indicator).exists():
        return
    owner = User.objects.filter(agency=indicator.owning_agency, is_active=True).order_by("username").first()
    if owner is None:
        return
    action_create(
        created_by=user,
        description="Restore next-school-day Operation Encompass notifications after the change of incident system.",
        measure="At least 95% of notifications sent before the next school day for three consecutive months.",
        owner=owner,
        agency=indicator.owning_agency,
        due_date=date(2026, 3, 31),
        resources="Two days of analyst time to map the new incident flags.",
        priority="high",
        source=indicator,
    )


def seed(stdout=None) -> None:
    load_catalogue()  # owning agencies exist now
    user = User.objects.filter(username="bu").first()
    from_dfe = _import_dfe(user)
    local = _seed_local(user, timezone.localdate())
    _seed_action(user)
    if stdout:
        stdout.write(f"  scorecard: {from_dfe} DfE figures, {local} local figures")

"""The child population an area's counts are turned into rates per 10,000 children with.

The DfE publishes referrals and their rate per 10,000 children aged 0 to 17 (Characteristics of
children in need, 2024 release, shipped under scorecard/framework/dfe/); the population it used
is referrals / rate x 10,000. Pure apart from reading that file.
"""

import csv
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from bscp_portal.lib.rounding import round_half_up

POPULATION_FILE = (
    Path(__file__).resolve().parent / "framework" / "dfe" / "dfe_cin_c1_referrals_with_rates_2013_2024_release2024.csv"
)
SOURCE = (
    "the population aged 0 to 17 the Department for Education used for its published referral rate "
    "(Characteristics of children in need, 2024 release): referrals divided by the rate per 10,000"
)


@dataclass(frozen=True)
class Population:
    children: int
    year_end: int  # the estimate is for the year ending 31 March of this year
    source: str = SOURCE


def implied_population(count: Decimal, rate_per_10000: Decimal) -> int:
    """The population a published count and its rate per 10,000 imply, to the nearest child."""
    return int(round_half_up(Decimal(count) / Decimal(rate_per_10000) * 10000, 0))


def per_10000(count, population: int | None, decimals: int = 1) -> Decimal | None:
    """`count` per 10,000 children, rounded half up; None without a count or population."""
    if count is None or not population:
        return None
    return round_half_up(Decimal(count) / population * 10000, decimals)


def child_population(area: str, year_end: int, path: Path = POPULATION_FILE) -> Population | None:
    """The area's child population for the latest year ending 31 March on or before `year_end`."""
    found: dict[int, int] = {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["area"] != area:
                continue
            try:
                year, count, rate = int(row["time_period"]), Decimal(row["Referrals"]), Decimal(row["Referrals_rate"])
            except (ValueError, InvalidOperation):
                continue  # a suppressed or missing figure ("c", ":")
            if rate > 0 and year <= year_end:
                found[year] = implied_population(count, rate)
    if not found:
        return None
    year = max(found)
    return Population(found[year], year)

"""Load the indicator catalogue (framework/indicators.csv) for `load_framework`; idempotent."""

from datetime import date
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.db.models import Q

from partnership.framework import read_rows
from partnership.models import Agency, OutcomeArea, QAQuadrant, RiskTheme
from scorecard.models import Indicator, Target

DATA_DIR = Path(__file__).resolve().parent / "framework"
CATALOGUE = DATA_DIR / "indicators.csv"

PLAIN_FIELDS = ("name", "definition", "unit", "polarity", "frequency", "category", "source", "notes")


def _agency(name: str):
    if not name:
        return None
    return Agency.objects.filter(Q(name=name) | Q(short_name=name)).first()


@transaction.atomic
def load_catalogue(path: Path = CATALOGUE) -> tuple[int, int]:
    """Create or update each catalogue indicator and its first target; returns (created, updated).

    The owning agency is named by name or short name; when that agency does not exist yet (a
    fresh install before agencies are set up) it is left empty and filled on a later run. An
    owning agency set by hand in the portal is never cleared.
    """
    areas = {a.code: a for a in OutcomeArea.objects.all()}
    quadrants = {q.code: q for q in QAQuadrant.objects.all()}
    themes = {t.code: t for t in RiskTheme.objects.all()}
    created = updated = 0
    for row in read_rows(path):
        values = {f: row[f] for f in PLAIN_FIELDS}
        values["decimals"] = int(row["decimals"] or 1)
        values["partnership_wide"] = row["partnership_wide"].lower() != "false"
        values["outcome_area"] = areas.get(row["outcome_area"])
        values["qa_quadrant"] = quadrants.get(row["qa_quadrant"])
        indicator = Indicator.objects.filter(code=row["code"]).first()
        owner = _agency(row["owning_agency"])
        if indicator is None:
            indicator = Indicator.objects.create(code=row["code"], owning_agency=owner, **values)
            created += 1
        else:
            changed = {f: v for f, v in values.items() if getattr(indicator, f) != v}
            if owner is not None and indicator.owning_agency_id is None:
                changed["owning_agency"] = owner
            if changed:
                for f, v in changed.items():
                    setattr(indicator, f, v)
                indicator._change_reason = "catalogue reloaded"
                indicator.save()
                updated += 1
        wanted = {themes[c] for c in row["risk_themes"].split(";") if c in themes}
        if wanted - set(indicator.risk_themes.all()):
            indicator.risk_themes.add(*wanted)
        if row["target"] and row["target_from"]:
            Target.objects.get_or_create(
                indicator=indicator,
                effective_from=date.fromisoformat(row["target_from"]),
                defaults={"value": Decimal(row["target"]), "note": "From the indicator catalogue."},
            )
    return created, updated


def load(stdout=None) -> None:
    created, updated = load_catalogue()
    if stdout:
        stdout.write(f"  indicators: {created} new, {updated} updated")

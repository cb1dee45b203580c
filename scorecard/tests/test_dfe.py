"""DfE benchmark files, mapped by data to the national indicators (real published figures)."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from scorecard import dfe, services
from scorecard.models import Measurement
from scorecard.tables import FileRefused, read_table

DFE_DIR = Path(__file__).resolve().parents[1] / "framework" / "dfe"
OPTIONS = {"local_authority": "Barnsley", "region": "Yorkshire and The Humber", "neighbours": dfe.default_neighbours()}
UNITS = {
    "CP_ICPC_15WD": ("percentage", 1),
    "CIN_S47_ENQUIRIES": ("count", 0),
    "CIN_ICPC_COUNT": ("count", 0),
    "CP_PLANS_AT_31MARCH": ("count", 0),
    "CP_PLANS_OPEN_2YRS": ("percentage", 1),
}


def rows_of(name: str, **options):
    table = read_table((DFE_DIR / name).read_bytes())
    records, ignored = dfe.measurement_rows(table, indicators=UNITS, file_label=name, **{**OPTIONS, **options})
    return {(r["indicator_code"], r["period_end"], r.get("series")): r for _, r in records}, ignored


def test_the_2025_model_neighbours_are_the_default():
    assert dfe.default_neighbours()[:3] == ["Rotherham", "Wakefield", "Tameside"]
    assert len(dfe.default_neighbours()) == 10


def test_dfe_years_end_on_31_march():
    assert dfe.year_ending_march("2025") == (date(2024, 4, 1), date(2025, 3, 31))
    assert dfe.year_ending_march("202425") == (date(2024, 4, 1), date(2025, 3, 31))


def test_icpc_within_15_working_days_is_computed_from_the_published_bands():
    rows, ignored = rows_of("dfe_cin_c4_s47_and_icpc_2013_2025.csv")
    england = rows[("CP_ICPC_15WD", "2025-03-31", "england")]
    # (6,240 + 52,430) / 72,100 = 81.37% -> 81.4
    assert england["value"] == "81.4"
    local = rows[("CP_ICPC_15WD", "2025-03-31", "local")]
    # Barnsley: (47 + 265) / 450 = 69.33% -> 69.3, with numerator and denominator kept
    assert (local["value"], local["numerator"], local["denominator"]) == ("69.3", "312", "450")
    assert "duration_median" in ignored


def test_suppressed_cells_keep_their_symbol_never_zero():
    rows, _ = rows_of("dfe_cin_d5_cpp_at31march_by_duration_2013_2025.csv")
    barnsley_2025 = rows[("CP_PLANS_OPEN_2YRS", "2025-03-31", "local")]
    assert barnsley_2025["value"] == "c"


def test_statistical_neighbour_average_skips_suppressed_areas_and_says_so():
    rows, _ = rows_of("dfe_cin_c4_s47_and_icpc_2013_2025.csv")
    sn = rows[("CP_ICPC_15WD", "2024-03-31", "stat_neighbours")]
    assert sn["note"].endswith(
        "Mean of 8 of 10 statistical neighbours; missing Redcar and Cleveland (c), Sunderland (c)"
    )
    # counts get no neighbour average
    assert ("CIN_S47_ENQUIRIES", "2024-03-31", "stat_neighbours") not in rows


def test_a_new_mapping_row_needs_no_code():
    table = read_table((DFE_DIR / "dfe_cin_c4_s47_and_icpc_2013_2025.csv").read_bytes())
    mapping = [dfe.Mapping("ICPC_MEDIAN_DAYS", "duration_median", (), "", "median working days")]
    records, _ = dfe.measurement_rows(
        table, indicators={"ICPC_MEDIAN_DAYS": ("days", 0)}, file_label="c4", mapping=mapping, **OPTIONS
    )
    england = [r for _, r in records if r.get("series") == "england" and r["period_end"] == "2025-03-31"]
    assert england[0]["value"] == "14"


def test_a_file_that_is_not_from_the_dfe_is_refused():
    with pytest.raises(FileRefused, match="not a DfE children in need file"):
        dfe.measurement_rows(read_table(b"a,b\n1,2\n"), indicators=UNITS, file_label="x", **OPTIONS)


@pytest.mark.django_db
def test_uploading_stores_four_series_and_again_changes_nothing(world):
    from partnership.framework import load as load_partnership
    from scorecard.framework import load_catalogue

    load_partnership()
    load_catalogue()
    data = (DFE_DIR / "dfe_cin_d3_cpp_second_or_subsequent_2013_2025.csv").read_bytes()
    bu = world.user("bu")
    batch = services.import_preview(kind="dfe", data=data, original_name="d3.csv", user=bu, options=OPTIONS)
    assert batch.counts["refused"] == 0
    services.import_confirm(batch=batch, user=bu, fingerprint=batch.fingerprint)
    stored = {
        m.series: m.value
        for m in Measurement.objects.filter(indicator__code="CP_SECOND_PLAN", period_end=date(2025, 3, 31))
    }
    assert stored["england"] == Decimal("24.5")
    assert stored["region"] == Decimal("24.7")
    assert set(stored) == {"local", "england", "region", "stat_neighbours"}
    local = Measurement.objects.get(indicator__code="CP_SECOND_PLAN", period_end=date(2025, 3, 31), series="local")
    assert local.origin == "import:dfe" and local.numerator is not None
    again = services.import_run(kind="dfe", data=data, user=bu, options=OPTIONS)
    assert again.writes == 0

"""Scorecard at scale: 300 indicators x 10 years of monthly figures x 4 series (144,000
measurements, scaled); the scorecard page, an indicator page and exports; and the import of
100,000 rows reported as rows per second next to a plain bulk insert of the same rows."""

import datetime as dt
import random
import time
from decimal import Decimal

from bench.harness import Context, Timing, pages_covering, whole_export

SERIES = ("local", "england", "region", "stat_neighbours")
CATEGORIES = ("cp_activity", "cp_conference", "lado", "questionnaires", "bullying", "national_cin", "other")
RED_LADO = CATEGORIES.index("lado")  # the first indicator of the LADO category


def _months(n: int, first: dt.date) -> list[tuple[dt.date, dt.date]]:
    out = []
    for _ in range(n):
        following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
        out.append((first, following - dt.timedelta(days=1)))
        first = following
    return out


def build(ctx: Context) -> None:
    from django.utils import timezone

    from scorecard.models import Indicator, Measurement, Target

    rng = random.Random(30)  # noqa: S311
    agencies = ctx.extra["agencies"]
    n_indicators = max(10, int(300 * ctx.scale))
    today = dt.date.today()
    first = dt.date(today.year - 10, today.month, 1)
    periods = _months(120, first)
    indicators = Indicator.objects.bulk_create(
        Indicator(
            code=f"BENCH_{i:04d}",
            name=f"Bench indicator {i}",
            definition="Percentage of bench events in time.",
            unit="percentage",
            decimals=1,
            # The first LADO indicator is red at every scale (well under its target), so the
            # "red LADO indicators a year ago" page lists rows at both scales.
            polarity="higher" if i == RED_LADO else ("higher", "lower", "neither")[i % 3],
            frequency="monthly",
            category=CATEGORIES[i % len(CATEGORIES)],
            owning_agency=agencies[i % len(agencies)],
            partnership_wide=i % 10 != 0,
        )
        for i in range(n_indicators)
    )
    Target.objects.bulk_create(
        Target(indicator=ind, value=Decimal(95 if i == RED_LADO else rng.randint(60, 95)), effective_from=first)
        for i, ind in enumerate(indicators)
    )
    now = timezone.now()
    rows = []
    for i, ind in enumerate(indicators):
        level = 55.0 if i == RED_LADO else rng.uniform(50, 90)
        for series in SERIES:
            value = level + rng.uniform(-5, 5)
            for start, end in periods:
                value = min(100.0, max(0.0, value + (0 if i == RED_LADO else rng.gauss(0, 2))))
                rows.append(
                    Measurement(
                        indicator=ind,
                        period_start=start,
                        period_end=end,
                        series=series,
                        value=Decimal(f"{value:.1f}"),
                        origin="import",
                        entered_at=now,
                    )
                )
    Measurement.objects.bulk_create(rows, batch_size=5000)
    from scorecard import status_store

    status_store.data_changed(i.pk for i in indicators)  # bulk_create sends no signal
    from django.db import connection

    if connection.vendor == "postgresql":
        # A live database has planner statistics; a freshly bulk-loaded one needs them gathered.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE scorecard_indicator, scorecard_target, scorecard_measurement")
    ctx.extra["scorecard_indicators"] = n_indicators
    ctx.extra["scorecard_measurements"] = len(rows)
    ctx.extra["scorecard_first"] = first


def _import_rows(n: int) -> list[list[str]]:
    """n measurement rows for periods the bench data does not hold (so every row is new)."""
    from scorecard.models import Indicator

    codes = list(Indicator.objects.filter(code__startswith="BENCH_").order_by("code").values_list("code", flat=True))
    per_series = -(-n // (len(codes) * len(SERIES)))
    periods = _months(per_series, dt.date(1950, 1, 1))
    out = []
    for code in codes:
        for series in SERIES:
            for k, (start, end) in enumerate(periods):
                if len(out) == n:
                    return out
                out.append([code, start.isoformat(), end.isoformat(), series, f"{50 + k % 40}.5"])
    return out


def _import_vs_bulk_insert(n: int):
    def run() -> dict:
        from django.db import transaction
        from django.utils import timezone

        from bscp_portal.lib.exports import csv_text, positional
        from scorecard import services, status_store
        from scorecard.models import Indicator, Measurement

        rows = _import_rows(n)
        columns = positional(["indicator_code", "period_start", "period_end", "series", "value"])
        data = csv_text(columns, rows).encode()

        started = time.perf_counter()
        plan = services.import_run(kind="measurements", data=data, user=None, file_label="bench.csv")
        import_seconds = time.perf_counter() - started
        assert plan.counts["new"] == len(rows), plan.counts

        started = time.perf_counter()
        again = services.import_run(kind="measurements", data=data, user=None, file_label="bench.csv")
        reimport_seconds = time.perf_counter() - started
        assert again.counts["unchanged"] == len(rows), again.counts

        cutoff = dt.date(1990, 1, 1)
        Measurement.objects.filter(period_start__lt=cutoff).delete()
        Measurement.history.filter(period_start__lt=cutoff).delete()
        ids = dict(Indicator.objects.filter(code__startswith="BENCH_").values_list("code", "pk"))
        started = time.perf_counter()
        now = timezone.now()
        with transaction.atomic():
            Measurement.objects.bulk_create(
                (
                    Measurement(
                        indicator_id=ids[code],
                        period_start=dt.date.fromisoformat(start),
                        period_end=dt.date.fromisoformat(end),
                        series=series,
                        value=Decimal(value),
                        origin="import",
                        entered_at=now,
                    )
                    for code, start, end, series, value in rows
                ),
                batch_size=2000,
            )
        bulk_seconds = time.perf_counter() - started
        status_store.data_changed(ids.values())  # bulk_create sends no signal
        Measurement.objects.filter(period_start__lt=cutoff).delete()
        return {
            "rows": len(rows),
            "import_rows_per_s": round(len(rows) / import_seconds),
            "plain_bulk_insert_rows_per_s": round(len(rows) / bulk_seconds),
            "ratio": round(import_seconds / bulk_seconds, 2),
            "import_s": round(import_seconds, 1),
            "reimport_unchanged_s": round(reimport_seconds, 1),
        }

    return run


def _full_export(ctx: Context):
    def run() -> dict:
        from django.test import Client

        client = Client()
        client.force_login(ctx.users["paqa"])
        started = time.perf_counter()
        response = whole_export(client, "/scorecard/export.csv")
        body = b"".join(response.streaming_content)
        return {"seconds": round(time.perf_counter() - started, 2), "rows": body.count(b"\n") - 1}

    return run


def pages(ctx: Context) -> list:
    n = ctx.extra["scorecard_measurements"]
    per_indicator = n // ctx.extra["scorecard_indicators"]
    a_year_ago = f"/scorecard/?category=lado&rag=RED&period={dt.date.today().year - 1}-03"
    return [
        *pages_covering(
            ctx,
            n,
            [
                ("scorecard (PAQA, all indicators)", "/scorecard/", "paqa"),
                ("scorecard (agency lead)", "/scorecard/", "lead"),
                ("scorecard (lado, red, a year ago)", a_year_ago, "paqa"),
            ],
        ),
        *pages_covering(
            ctx,
            per_indicator,
            [
                ("scorecard indicator page", "/scorecard/indicators/BENCH_0001/", "paqa"),
                ("scorecard export CSV (one indicator)", "/scorecard/export.csv?code=BENCH_0001", "paqa"),
                ("scorecard export XLSX (one indicator)", "/scorecard/export.xlsx?code=BENCH_0001", "paqa"),
            ],
        ),
        Timing("scorecard export CSV (everything)", _full_export(ctx)),
        Timing("scorecard import of 100,000 rows", _import_vs_bulk_insert(max(1000, int(100_000 * ctx.scale)))),
    ]

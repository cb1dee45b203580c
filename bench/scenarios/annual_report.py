"""The annual report on the large synthetic partnership: total build time, pages, peak memory,
and WeasyPrint alone rendering the report's own final HTML, saved beside the bench results (the
ratio of the two is the figure to keep low: it is what the portal adds to WeasyPrint's own layout
of the same document, with its tables and charts)."""

import resource
import time
from pathlib import Path

from bench.harness import Context, Page, Timing


def build(ctx: Context) -> None:
    """Nothing of its own: the report reads what the other scenarios built."""


HTML_OUT = Path("var/bench-annual-report.html")


def _run(ctx: Context) -> dict:
    import datetime as dt

    from django.utils import timezone
    from weasyprint import HTML

    from annual_report.builder import render_html, render_pdf
    from annual_report.periods import recent_periods

    period = recent_periods(dt.date.today())[1]  # the last complete financial year
    at = timezone.now()
    started = time.perf_counter()
    pdf, pages = render_pdf(period, user=ctx.users["bu"], snapshot_at=at)
    total = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # The same final HTML, laid out by WeasyPrint alone with the same options (tagged PDF/UA-1).
    html = render_html(period, user=ctx.users["bu"], snapshot_at=at)
    HTML_OUT.parent.mkdir(exist_ok=True)
    HTML_OUT.write_text(html)
    started = time.perf_counter()
    plain = HTML(string=html, base_url=".").render(pdf_variant="pdf/ua-1")
    plain.write_pdf(pdf_variant="pdf/ua-1")
    plain_s = time.perf_counter() - started
    worker = _in_own_process(period, ctx.users["bu"].username)
    return {
        "period": period,
        "total_s": round(total, 2),
        "pages": pages,
        "pdf_kb": len(pdf) // 1024,
        "peak_rss_mb": round(peak_mb, 1),
        "plain_weasyprint_s": round(plain_s, 2),
        "plain_pages": len(plain.pages),
        "ratio_to_plain": round(total / plain_s, 2) if plain_s else None,
        **worker,
    }


def _in_own_process(period: str, username: str) -> dict:
    """The report rendered as the worker renders it: `manage.py annual_report` in a process of
    its own, so that its peak memory is the renderer's and not the bench's (which holds the whole
    synthetic partnership). Only where another process can reach the bench's database."""
    import os
    import subprocess
    import sys

    from django.db import connection

    db = connection.settings_dict
    if db["ENGINE"] != "django.db.backends.postgresql":
        return {"own_process": "not measured (the bench database is not PostgreSQL)"}
    url = f"postgres://{db['USER'] or 'root'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    out = Path("var/bench-annual-report.pdf")
    argv = ["manage.py", "annual_report", "--period", period, "--output", str(out), "--as-user", username]
    # The child prints its own peak memory last, whatever manage.py does on the way out: VmHWM,
    # the high-water mark of its own memory (ru_maxrss would carry the bench's over from the fork).
    script = (
        "import runpy, sys\n"
        f"sys.argv = {argv!r}\n"
        "try:\n    runpy.run_path('manage.py', run_name='__main__')\n"
        "finally:\n"
        "    hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM:')][0].split()[1]\n"
        "    print('peak', hwm, file=sys.stderr)\n"
    )
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", script],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "DATABASE_URL": url},
    )
    seconds = time.perf_counter() - started
    peak_kb = int(done.stderr.strip().splitlines()[-1].split()[-1])
    return {"own_process_s": round(seconds, 2), "own_process_peak_rss_mb": round(peak_kb / 1024, 1)}


def pages(ctx: Context) -> list:
    return [
        Page("reports dashboard (PAQA)", "/reports/", ctx.users["paqa"]),
        Timing("annual report PDF", lambda: _run(ctx)),
    ]

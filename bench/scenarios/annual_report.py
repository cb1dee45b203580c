"""The annual report on the large synthetic partnership: total build time, pages, peak memory,
and WeasyPrint alone rendering a plain document of the same number of pages (the ratio of the
two is the figure to keep low)."""

import resource
import time

from bench.harness import Context, Page, Timing


def build(ctx: Context) -> None:
    """Nothing of its own: the report reads what the other scenarios built."""


def _plain_html(pages: int) -> str:
    paragraph = "<p>" + "The partnership reviewed its safeguarding arrangements. " * 40 + "</p>"
    body = "".join(f"<h2 style='page-break-before: always'>Section {i}</h2>{paragraph}" for i in range(pages))
    return f"<!doctype html><html lang='en-GB'><head><title>Plain</title></head><body>{body}</body></html>"


def _run(ctx: Context) -> dict:
    import datetime as dt

    from weasyprint import HTML

    from annual_report.builder import render_pdf
    from annual_report.periods import recent_periods

    period = recent_periods(dt.date.today())[1]  # the last complete financial year
    started = time.perf_counter()
    pdf, pages = render_pdf(period, user=ctx.users["bu"])
    total = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    plain = HTML(string=_plain_html(pages)).render(pdf_variant="pdf/ua-1")
    plain.write_pdf(pdf_variant="pdf/ua-1")
    plain_s = time.perf_counter() - started
    return {
        "period": period,
        "total_s": round(total, 2),
        "pages": pages,
        "pdf_kb": len(pdf) // 1024,
        "peak_rss_mb": round(peak_mb, 1),
        "plain_weasyprint_s": round(plain_s, 2),
        "ratio_to_plain": round(total / plain_s, 2) if plain_s else None,
    }


def pages(ctx: Context) -> list:
    return [
        Page("reports dashboard (PAQA)", "/reports/", ctx.users["paqa"]),
        Timing("annual report PDF", lambda: _run(ctx)),
    ]

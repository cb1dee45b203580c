"""Measure pages in-process: server time per request and query count, on a large dataset."""

import importlib
import pkgutil
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse


@dataclass
class Page:
    name: str
    url: str
    user: object = None  # None: anonymous
    rows: int = 0  # how many records the page covers, for the report
    method: str = "get"
    data: dict = field(default_factory=dict)


@dataclass
class Timing:
    """A non-page measurement (an import, a sample draw, a report): seconds and extras."""

    name: str
    run: Callable[[], dict]


@dataclass
class Context:
    scale: float
    users: dict = field(default_factory=dict)
    extra: dict = field(default_factory=dict)


def pages_covering(ctx: Context, rows: int, table: list[tuple[str, str, str]]) -> list[Page]:
    """Pages over the same records, one row a page: (name, address, the user's key in ctx.users)."""
    return [Page(name, url, ctx.users[who], rows=rows) for name, url, who in table]


# The partnership scenario builds the agencies and users every other scenario uses. PAQA's
# board and pack, then the annual report, read every strand, so they come last.
FIRST, READERS = "partnership", ("paqa", "annual_report")


def scenario_names(only: str = "") -> list[str]:
    """The scenarios in building order; `only` (comma-separated) keeps those and the partnership."""
    from bench import scenarios

    found = {m.name for m in pkgutil.iter_modules(scenarios.__path__)}
    names = [FIRST, *sorted(found - {FIRST, *READERS}), *[n for n in READERS if n in found]]
    if only:
        wanted = {FIRST, *only.split(",")}  # annual_report alone reads what exists
        names = [n for n in names if n in wanted]
    return names


def build_scenarios(ctx: Context, names: list[str]):
    """Builds each scenario in turn and yields its pages before the next is built."""
    for name in names:
        module = importlib.import_module(f"bench.scenarios.{name}")
        started = time.perf_counter()
        module.build(ctx)
        gather_statistics()
        print(f"built {name} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        yield module.pages(ctx)


def measure(page: Page, repeat: int) -> dict:
    client = Client()
    if page.user is not None:
        client.force_login(page.user)
    call = getattr(client, page.method)
    response = call(page.url, page.data)  # warm-up: caches, template loading
    if response.status_code != 200:
        raise RuntimeError(f"{page.name}: {page.url} answered {response.status_code}")
    times, queries = [], 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            call(page.url, page.data)
            times.append((time.perf_counter() - start) * 1000)
        queries = len(ctx.captured_queries)
    times.sort()
    p95_index = max(0, int(round(0.95 * len(times))) - 1)
    return {
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[p95_index], 1),
        "queries": queries,
        "rows": page.rows,
    }


def whole_export(client: Client, url: str):
    """The export's file: over EXPORT_BACKGROUND_ROWS rows the answer is a redirect to its job
    (built at once where Celery runs in-process, as here), so the job's download is fetched."""
    response = client.get(url)
    if response.status_code == 302:
        job = resolve(response["Location"]).kwargs["pk"]
        response = client.get(reverse("partnership:background_file_download", args=[job]))
    return response


def gather_statistics() -> None:
    """A live database has planner statistics; a freshly bulk-loaded one needs them gathered
    (PostgreSQL's ANALYZE), or the planner guesses at tables it thinks are empty."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

"""Tenant isolation, proved: plant "canary" records in another agency (and a CDOP canary
case), then crawl every page, list, export and chart data an agency user can open — every
route of the access table answering them 200 — and assert no canary identifier ever appears.

Each app adds its canaries with `canary(world) -> list[str]` in its `tests/access_table.py`:
it creates records that belong to `world.other` (or CDOP cases) and returns strings that
identify them. The crawl grows with the access table, so a new page is covered at once.
"""

import importlib
import io
import zipfile

import pytest
from django.urls import reverse

from bscp_portal.schedule import STRAND_APPS
from tests.access import all_routes

AGENCY_ROLES = ["lead", "contributor"]


def plant_canaries(world) -> list[str]:
    markers: list[str] = []
    for app in ["bscp_portal", *STRAND_APPS]:
        try:
            module = importlib.import_module(f"{app}.tests.access_table")
        except ModuleNotFoundError:
            continue
        if hasattr(module, "canary"):
            markers.extend(module.canary(world))
    return markers


def readable_text(response) -> str:
    """The response as text a person could read: HTML/CSV/JSON as is, XLSX and PDF opened."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    ctype = response.get("Content-Type", "")
    raw = body.decode("utf-8", "replace")
    if "spreadsheetml" in ctype or body[:2] == b"PK":
        try:
            with zipfile.ZipFile(io.BytesIO(body)) as z:
                return " ".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml"))
        except zipfile.BadZipFile:
            return raw
    if "pdf" in ctype or body[:4] == b"%PDF":
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError, PdfStreamError

        try:
            return raw + " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(body)).pages)
        except (PdfReadError, PdfStreamError):
            return raw
    return raw


@pytest.mark.parametrize("role", AGENCY_ROLES)
def test_no_canary_reaches_another_agency(world, client_for, role):
    markers = plant_canaries(world)
    assert markers, "no canaries were planted"
    client = client_for(world.user(role))
    crawled, leaks = 0, []
    for route in all_routes():
        if route.method != "get" or route.expect.get(role) != 200:
            continue
        url = reverse(route.name, kwargs=route.kwargs(world) if route.kwargs else {}) + route.query
        response = client.get(url)
        assert response.status_code == 200, f"{url} answered {response.status_code} for {role}"
        text = readable_text(response)
        leaks += [f"{marker!r} on {url}" for marker in markers if marker in text]
        crawled += 1
    assert crawled > 5
    assert not leaks, "canary data leaked:\n" + "\n".join(leaks)


def test_the_crawl_would_see_a_leak(world, client_for):
    """The crawl's own check: the business unit sees the other agency's canary person."""
    markers = plant_canaries(world)
    page = readable_text(client_for(world.user("bu")).get(reverse("partnership:agency_detail", args=[world.other.pk])))
    assert any(m in page for m in markers)

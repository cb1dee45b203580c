"""Every page, 390 px wide (a phone): nothing scrolls sideways and axe finds no serious problem.

The walk is the access matrix's (tests/access.py): every URL the project defines, opened by a
role the table says may open it, with the records its entry creates. Downloads (CSV, XLSX, PDF)
are left out: they are not pages."""

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from tests.access import all_routes
from tests.browser.helpers import SERIOUS, _axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("patient_page")]

PHONE = {"width": 390, "height": 844}
#: Who opens each page: the business unit sees most; otherwise the first role allowed.
ORDER = ["bu", "paqa", "chair", "board", "lead", "contributor", "cdop", "ssm", "anon"]


# The page's width, the window's, and the first elements that stick out of the window other
# than inside a box that scrolls (those name what to fix).
WIDTHS = """() => {
  const inScroller = (e) => {
    for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
      if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX)) return true;
    }
    return false;
  };
  const name = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
    + (typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\\s+/).join('.') : '');
  const out = [...document.querySelectorAll('body *')]
    .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !inScroller(e))
    .slice(0, 4).map(name);
  return [document.scrollingElement.scrollWidth, window.innerWidth, out];
}"""


def _walk(world, unbuilt: list[str]) -> list[tuple[str, str]]:
    """(role, path) for every HTML page some role may open, one entry per URL name; the
    names whose records could not be made beside the others' go to `unbuilt`."""
    seen, walk = set(), []
    for route in all_routes():
        if route.method != "get" or route.name in seen:
            continue
        key = next((k for k in ORDER if route.expect.get(k) == 200), None)
        if key is None:
            continue
        seen.add(route.name)
        try:
            with transaction.atomic():
                kwargs = route.kwargs(world) if route.kwargs else {}
        except IntegrityError as exc:
            unbuilt.append(f"{route.name}: {exc}")
            continue
        walk.append((key, reverse(route.name, kwargs=kwargs) + route.query))
    return walk


def _is_html(key: str, path: str, world) -> bool:
    client = Client()
    if key != "anon":
        client.force_login(world.user(key))
    response = client.get(path)
    return response.status_code == 200 and response["Content-Type"].startswith("text/html")


def _sign_in_as(context, live_server, world, key: str) -> None:
    """Put a signed-in session cookie for `key` into the browser (or none for anon)."""
    context.clear_cookies()
    if key == "anon":
        return
    client = Client()
    client.force_login(world.user(key))
    cookie = client.cookies["sessionid"]
    context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


#: The walk in this many parts, one test each, so that the test processes share it.
PARTS = 3


@pytest.mark.parametrize("part", range(PARTS))
def test_no_page_scrolls_sideways_at_390px_and_axe_finds_nothing_serious(page, live_server, world, part):
    page.set_viewport_size(PHONE)
    broken: list[str] = []
    mine = sorted(_walk(world, broken))[part::PARTS]  # every page is in exactly one part
    walk = [(key, path) for key, path in mine if _is_html(key, path, world)]
    assert len(walk) > 100 // PARTS, "the walk should cover every page: over 100 in all"
    wide, inaccessible = [], []
    current = None
    for key, path in walk:
        if key != current:
            _sign_in_as(page.context, live_server, world, key)
            current = key
        response = page.goto(f"{live_server.url}{path}")
        if response is None or response.status != 200:
            broken.append(f"{path} as {key}: {response.status if response else 'no answer'}")
            continue
        page.wait_for_load_state("load")
        widths = page.evaluate(WIDTHS)
        if widths[0] > widths[1]:
            wide.append(f"{path} as {key}: {widths[0]} px wide in {widths[1]} px ({', '.join(widths[2])})")
        results = _axe.run(page)
        bad = [v for v in results.response["violations"] if v.get("impact") in SERIOUS]
        for v in bad:
            inaccessible.append(f"{path} as {key}: {v['id']} ({v['impact']}) {[n['target'] for n in v['nodes'][:2]]}")
    problems = broken + wide + inaccessible
    assert not problems, f"{len(problems)} problems at 390 px over {len(walk)} pages:\n" + "\n".join(problems)

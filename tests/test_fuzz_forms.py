"""Every form in the portal, fed generated input (empty, huge, unicode, HTML and script,
SQL-like, wrong types, dates far past and future, negative numbers) by an authorised user:
never a 500, stored script never executed, and a rejected form keeps what was typed."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.access import all_routes

NASTY = [
    "",
    " ",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE partnership_agency; --",
    "1 OR 1=1",
    "1900-01-01",
    "9999-12-31",
    "31/02/2024",
    "-1",
    "-99999999999999999999",
    "1e309",
    "NaN",
    "０１２３",
    "\u202eevil",
    "💥" * 20,
    "x" * 20000,
    "\x00",
]
values = st.one_of(st.sampled_from(NASTY), st.text(max_size=80), st.integers().map(str), st.dates().map(str))
TEXT_TYPES = {"text", "email", "number", "date", "search", "tel", "url", "datetime-local", None}


class FormParser(HTMLParser):
    """The POST forms of a page: their action and fields (name, type, default)."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._form = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self._form = {
                "action": a.get("action") or "",
                "fields": [],
                "multipart": "multipart" in (a.get("enctype") or ""),
            }
            self.forms.append(self._form)
        elif self._form is not None and tag in ("input", "textarea", "select") and a.get("name"):
            self._form["fields"].append((a["name"], tag if tag != "input" else a.get("type"), a.get("value") or ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def form_routes():
    seen, routes = set(), []
    for route in all_routes():
        if (
            route.method == "get"
            and route.expect.get("bu") == 200
            and route.name not in seen
            and route.name != "logout"
        ):
            seen.add(route.name)
            routes.append(route)
    return routes


def fill(fields, draw_value) -> tuple[dict, dict]:
    """Submitted data, and the typed text values a re-rendered form must still show."""
    data, typed = {}, {}
    for name, kind, default in fields:
        if name == "csrfmiddlewaretoken" or kind in ("file", "submit", "button"):
            continue
        if kind in ("hidden", "checkbox", "radio", "select", "password"):
            data.setdefault(name, default)
            if kind == "select":
                data[name] = draw_value()
            continue
        value = draw_value()
        data[name] = value
        if kind in TEXT_TYPES or kind == "textarea":
            typed[name] = value
    return data, typed


@pytest.mark.parametrize("route", form_routes(), ids=lambda r: r.name)
def test_every_form_survives_generated_input(route, world, client_for):
    client = client_for(world.user("bu"))
    url = reverse(route.name, kwargs=route.kwargs(world) if route.kwargs else {}) + route.query
    page = client.get(url)
    if page.streaming or "text/html" not in page.get("Content-Type", ""):
        return  # a download, not a page with forms
    parser = FormParser()
    parser.feed(page.content.decode("utf-8", "replace"))
    forms = [f for f in parser.forms if not f["action"].startswith(("/accounts/logout", reverse("logout")))]

    @settings(
        max_examples=12,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(st.data())
    def check(data):
        for form in forms:
            post_url = form["action"] or url
            submitted, typed = fill(form["fields"], lambda: data.draw(values))
            response = client.post(post_url, submitted)
            assert response.status_code < 500, f"{post_url} answered {response.status_code} to {submitted!r}"
            if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
                body = response.content.decode("utf-8", "replace")
                assert "<script>alert(1)</script>" not in body, f"{post_url} echoed a script unescaped"
                assert "<img src=x onerror=alert(1)>" not in body, f"{post_url} echoed markup unescaped"
                for name, value in typed.items():
                    if value.strip() and "\x00" not in value and len(value) < 5000:
                        assert escape(value) in body or escape(value.strip()) in body, (
                            f"{post_url} lost what was typed in {name!r}: {value!r}"
                        )

    check()

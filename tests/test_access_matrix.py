"""Every URL the project defines, for anonymous users and every role, against one table."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.access import Route, all_routes

ROUTES = all_routes()
# The Django admin is a namespace of its own, guarded by is_staff; test_admin_access covers it.
EXEMPT_NAMESPACES = {"admin"}


def url_names(patterns=None, namespace: str = "") -> set[str]:
    names = set()
    for p in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace
            if ns in EXEMPT_NAMESPACES:
                continue
            names |= url_names(p.url_patterns, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(p, URLPattern) and p.name:
            names.add(f"{namespace}{p.name}")
    return names


def test_every_url_has_an_entry_in_the_table():
    declared = {r.name for r in ROUTES}
    missing = sorted(url_names() - declared)
    assert not missing, f"URL names with no access-table entry: {missing}"


def test_the_table_names_only_real_urls():
    stale = sorted({r.name for r in ROUTES} - url_names())
    assert not stale, f"access-table entries for URLs that no longer exist: {stale}"


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: f"{r.name}{'-' + r.method if r.method != 'get' else ''}")
def test_each_role_gets_the_declared_answer(route: Route, world, client_for):
    kwargs = route.kwargs(world) if route.kwargs else {}
    url = reverse(route.name, kwargs=kwargs) + route.query
    wrong = {}
    for key, expected in route.expect.items():
        client = client_for(world.user(key) if key != "anon" else None)
        response = getattr(client, route.method)(url, route.data) if route.method == "post" else client.get(url)
        got = response.status_code
        if got != expected:
            wrong[key] = f"expected {expected}, got {got}"
        elif key == "anon" and expected == 302:
            assert response["Location"].startswith(reverse("login")), f"anonymous {url} must go to login"
    assert not wrong, f"{url}: {wrong}"


def test_admin_access(world, client_for):
    url = reverse("admin:index")
    assert client_for(None).get(url).status_code == 302
    assert client_for(world.user("lead")).get(url).status_code == 302  # not staff: admin login
    assert client_for(world.user("bu")).get(url).status_code == 200

"""Every governance URL for anonymous users and every role, against governance/tests/access_table.py
(the project-wide matrix covers the same table once `governance` is listed among the strand apps)."""

import pytest
from django.urls import get_resolver, reverse

from governance.tests.access_table import ROUTES


def test_every_governance_url_has_an_entry():
    resolver = get_resolver()
    names = {
        f"governance:{name}" for name in resolver.namespace_dict["governance"][1].reverse_dict if isinstance(name, str)
    }
    assert names == {r.name for r in ROUTES}


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_each_role_gets_the_declared_answer(route, world, client_for, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    kwargs = route.kwargs(world) if route.kwargs else {}
    url = reverse(route.name, kwargs=kwargs) + route.query
    wrong = {}
    for key, expected in route.expect.items():
        client = client_for(world.user(key) if key != "anon" else None)
        got = client.get(url).status_code
        if got != expected:
            wrong[key] = f"expected {expected}, got {got}"
    assert not wrong, f"{url}: {wrong}"

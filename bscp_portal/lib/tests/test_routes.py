"""A kind of record's four routes, named and served as the app's views are."""

from types import SimpleNamespace

from bscp_portal.lib.routes import record_routes


def _a_view():
    def view(request, **kwargs):
        return None

    return view


def test_each_route_is_named_and_served_by_the_view_of_that_name():
    views = SimpleNamespace(**{f"thing_{page}": _a_view() for page in ("list", "create", "detail", "edit")})
    routes = record_routes("things", views, "thing")
    assert [(str(r.pattern), r.name, r.callback) for r in routes] == [
        ("things/", "thing_list", views.thing_list),
        ("things/new/", "thing_create", views.thing_create),
        ("things/<int:pk>/", "thing_detail", views.thing_detail),
        ("things/<int:pk>/edit/", "thing_edit", views.thing_edit),
    ]

"""The routes of a kind of record that has a list, a new-record page, its own page and an edit page.

    urlpatterns = [*record_routes("themed", themed, "themed"), ...]

gives `themed/` (`themed_list`), `themed/new/` (`themed_create`), `themed/<int:pk>/`
(`themed_detail`) and `themed/<int:pk>/edit/` (`themed_edit`), each served by the view of that
name in the module given.
"""

from types import ModuleType

from django.urls import URLPattern, path

PAGES = (("", "list"), ("new/", "create"), ("<int:pk>/", "detail"), ("<int:pk>/edit/", "edit"))


def record_routes(prefix: str, views: ModuleType, name: str) -> list[URLPattern]:
    """The four routes of one kind of record under `prefix/`, named and served `<name>_<page>`."""
    return [path(f"{prefix}/{route}", getattr(views, f"{name}_{page}"), name=f"{name}_{page}") for route, page in PAGES]

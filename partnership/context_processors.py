from django.urls import NoReverseMatch, reverse

from partnership.access import roles_of
from partnership.models import Role
from partnership.registry import registry


def portal(request):
    """Navigation for the current user: only what their roles can use."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = []
    for item in registry.nav:
        if not item.visible(user):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        items.append({"label": item.label, "url": url, "prefix": item.match or url, "current": False})
    # The item with the longest matching prefix is current (/partnership/performance/ is not /partnership/).
    matching = [i for i in items if i["prefix"] != "/" and request.path.startswith(i["prefix"])]
    if matching:
        max(matching, key=lambda i: len(i["prefix"]))["current"] = True
    return {"nav_items": items, "user_role_labels": _role_labels(roles_of(user))}


def _role_labels(roles) -> list[str]:
    labels = dict(Role.choices)
    return [labels.get(r, r) for r in sorted(roles)]

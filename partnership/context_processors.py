from django.urls import NoReverseMatch, reverse

from partnership.access import role_labels, roles_of
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
        prefix = item.match or url
        items.append({"label": item.label, "url": url, "current": request.path.startswith(prefix) and prefix != "/"})
    return {"nav_items": items, "user_role_labels": role_labels(roles_of(user))}

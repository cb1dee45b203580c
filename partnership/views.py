from django.shortcuts import render

from bscp_portal.lib.paging import render_paged
from partnership import exports, selectors
from partnership.access import BUSINESS_UNIT, get_visible_or_404, require_role, roles_of
from partnership.models import Agency, SecurityEvent
from partnership.registry import registry
from partnership.security import log_event


def home(request):
    """A person's home page: what needs them now, gathered from every strand's panel."""
    panels = []
    for panel in registry.home_panels:
        rendered = panel.render(request.user)
        if rendered is not None:
            template, context = rendered
            panels.append({"template": template, "context": context, "key": panel.key})
    return render(request, "partnership/home.html", {"panels": panels, "roles": roles_of(request.user)})


def index(request):
    """The partnership at a glance: agencies and sub-committees."""
    return render(
        request,
        "partnership/index.html",
        {"agencies": selectors.agency_list(user=request.user), "subcommittees": selectors.subcommittee_list()},
    )


def agency_list(request):
    return render(request, "partnership/agency_list.html", {"agencies": selectors.agency_list(user=request.user)})


def agency_detail(request, pk: int):
    agency = get_visible_or_404(Agency.objects.all(), request.user, request, pk=pk)
    return render(
        request,
        "partnership/agency_detail.html",
        {"agency": agency, "people": selectors.agency_people(agency=agency)},
    )


@require_role(BUSINESS_UNIT)
def security_log(request):
    """The business unit searches the security log (read-only)."""
    q, kind = request.GET.get("q", "").strip()[:200], request.GET.get("kind", "")
    kind = kind if kind in SecurityEvent.Kind.values else ""
    return render_paged(
        request,
        "partnership/security_log.html",
        selectors.security_events(q=q, kind=kind),
        100,
        {"q": q, "kind": kind, "kinds": SecurityEvent.Kind.choices},
    )


@require_role(BUSINESS_UNIT)
def security_log_export(request):
    """The same search as CSV; the export itself is logged."""
    q, kind = request.GET.get("q", "").strip()[:200], request.GET.get("kind", "")
    kind = kind if kind in SecurityEvent.Kind.values else ""
    log_event(request, SecurityEvent.Kind.EXPORT, detail=f"security log q={q!r} kind={kind!r}")
    return exports.security_log_response(request, selectors.security_events(q=q, kind=kind))

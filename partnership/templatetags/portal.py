"""Template helpers shared by every strand: record history, RAG badges, DfE number format."""

from django import template

from bscp_portal.lib.history import readable_changes
from partnership.access import is_business_unit

register = template.Library()


@register.inclusion_tag("includes/history.html", takes_context=True)
def record_history(context, obj, limit: int = 50):
    """The change history of a record (who, when, what), shown to the business unit only."""
    user = context["request"].user
    if not is_business_unit(user) or not hasattr(obj, "history"):
        return {"show": False}
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    rows = []
    names = {f.name for f in type(obj)._meta.concrete_fields}
    bookkeeping = [n for n in ("version", "updated_at", "modified_at", "updated") if n in names]
    for newer, older in zip(records, records[1:] + [None], strict=True):
        changes = []
        if older is not None:
            changes = readable_changes(newer, older, excluded=bookkeeping)
            if not changes:  # only the edit counter or a timestamp moved: nothing a person changed
                continue
        rows.append({"record": newer, "changes": changes})
    return {"show": True, "rows": rows[:limit]}


@register.filter
def symbol(value):
    """A figure, with a title on a DfE symbol (c, u, z, :, x) saying what it means."""
    from bscp_portal.lib.symbols import mark

    return mark(value)


@register.simple_tag
def symbol_meanings() -> dict[str, str]:
    """What each DfE symbol means, for the note beside figures (includes/symbols_note.html)."""
    from bscp_portal.lib.symbols import meanings

    return meanings()


@register.filter
def has_role(user, role: str) -> bool:
    from partnership.access import has_role as _has_role

    return _has_role(user, role)


@register.inclusion_tag("includes/chart.html")
def plotly_chart(figure: dict, chart_id: str, title: str = "", summary: str = ""):
    """A plotly figure drawn by static/js/charts.js from a JSON data block (CSP-safe)."""
    return {"figure": figure, "chart_id": chart_id, "title": title, "summary": summary}


@register.inclusion_tag("includes/send_to_paqa.html", takes_context=True)
def send_to_paqa(context, kind: str, ref="", prefix: str = ""):
    """A "Send to PAQA" link on a strand's own page, for those who may send that report
    (the strands' report sources in partnership.registry decide). No `ref`: the newest one."""
    from partnership.registry import registry

    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"candidate": None}
    if ref:
        return {"candidate": registry.report_candidate(user, kind, f"{prefix}{ref}")}
    return {"candidate": next(iter(registry.report_candidates_of(user, kind)), None)}


@register.simple_tag
def question_marker(markers: dict, ref: str, kind: str = "", can_ask: bool = False, what: str = ""):
    """PAQA's questions on one figure: a badge with how many (linking to them), and, when the
    reader may ask, an "Ask" link to raise one on the figure `kind`/`ref`. Empty otherwise."""
    from django.urls import reverse
    from django.utils.html import format_html

    marker = (markers or {}).get(ref) if ref else None
    what = what or "this figure"
    out = ""
    if marker:
        out = format_html(
            ' <a class="badge text-bg-{} question-marker" href="{}">{}<span class="visually-hidden"> on {}</span></a>',
            "warning" if marker["open"] else "secondary",
            marker["url"],
            marker["text"],
            what,
        )
    if can_ask and kind and ref:
        out = format_html(
            '{} <a class="small" href="{}">Ask<span class="visually-hidden"> PAQA\'s question on {}</span></a>',
            out,
            reverse("paqa:question_raise", args=[kind, ref]),
            what,
        )
    return out

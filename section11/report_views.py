"""The compliance matrix (chart, table, exports) and the business unit's progress page."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from partnership.access import BUSINESS_UNIT, PAQA, require_role
from partnership.registry import registry
from partnership.security import log_event
from section11 import charts, exports, scoring, selectors
from section11.models import Round


def _round_from(request) -> Round | None:
    """The round named by ?round=, else the current one; None when there are no rounds at all."""
    ref = request.GET.get("round", "")
    if ref:
        if not ref.isdigit():
            raise Http404("No such round")
        rnd = Round.objects.select_related("standard_set").filter(pk=int(ref)).first()
    else:
        rnd = selectors.current_round()
    if rnd is None and ref:
        raise Http404("No such round")
    return rnd


def _no_rounds(request, title: str):
    return render(request, "section11/no_rounds.html", {"title": title})


def _filters(request) -> tuple[selectors.ParticipationFilter, dict]:
    data = {k: request.GET.get(k, "") for k in ("kind", "duty")}
    return selectors.ParticipationFilter(data), data


def _round_page(request, *, title: str, template: str, context):
    """A page about one round (?round=, else the current one) filtered by kind and duty, or a note
    that there are no rounds yet; `context(rnd, data)` gives what the page shows."""
    rnd = _round_from(request)
    if rnd is None:
        return _no_rounds(request, title)
    filterset, data = _filters(request)
    return render(request, template, {**context(rnd, data), "filter": filterset, "rounds": selectors.round_list()})


def matrix(request):
    """Agencies × standards for a round, as a heatmap and an accessible table."""

    def context(rnd, data):
        m = selectors.compliance_matrix(user=request.user, round=rnd, filters=data)
        return {
            "matrix": m,
            "figure": charts.heatmap(m) if m.rows else None,
            "query": request.GET.urlencode(),
            "column_tallies": m.column_tallies(),
            # PAQA's questions on the ratings shown (one query).
            "questions": registry.question_markers(
                request.user, "s11_rating", [c.ref for r in m.rows for c in r.cells]
            ),
        }

    return _round_page(request, title="Compliance matrix", template="section11/matrix.html", context=context)


def matrix_export(request, fmt: str):
    rnd = _round_from(request)
    if rnd is None:
        raise Http404("No rounds yet")
    _, data = _filters(request)
    m = selectors.compliance_matrix(user=request.user, round=rnd, filters=data)
    response = exports.matrix_response(m, stem=f"section11-matrix-{rnd.period}", fmt=fmt)
    log_event(request, "export", detail=f"section 11 matrix {rnd.pk} {fmt} {len(m.rows)} agencies")
    return response


@require_role(BUSINESS_UNIT, PAQA)
def progress(request):
    """Which agencies have not started, are in draft, submitted, under challenge or accepted."""

    def context(rnd, data):
        rows = selectors.round_progress(user=request.user, round=rnd, filters=data)
        return {
            "round": rnd,
            "rows": rows,
            "counts": selectors.progress_counts(rows),
            "days_left": scoring.days_to_deadline(today=timezone.localdate(), deadline=rnd.deadline),
        }

    return _round_page(request, title="Progress", template="section11/progress.html", context=context)

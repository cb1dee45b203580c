"""Scorecard pages: each view resolves access, parses a form, calls one service, redirects."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from bscp_portal.lib.form_pages import FormPage
from bscp_portal.lib.forms import act_through_service, save_or_render, save_through_service
from bscp_portal.lib.paging import paged, render_paged
from partnership.access import PAQA, get_visible_or_404, has_role, refuse
from partnership.registry import registry
from scorecard import charts, display, exports, import_formats, permissions, selectors, services
from scorecard.forms import ChartNoteForm, DfeImportForm, ImportForm, MeasurementForm, TargetForm
from scorecard.models import ChartNote, ImportBatch, Indicator, Measurement, Series
from scorecard.summary import TILE_NAMES, current_tiles, tile_counts

TABLE_ROWS = 36
STALE_MESSAGE = (
    "Someone else saved this figure while you were working on it, so your change was not saved. "
    "The form now shows their figure; what you typed is listed below it — check and save again."
)


def indicator_or_404(request, code: str) -> Indicator:
    """The indicator of that code, if the user may see it (else 404), with what its pages show."""
    return get_visible_or_404(
        Indicator.objects.select_related("owning_agency", "outcome_area", "qa_quadrant"),
        request.user,
        request,
        code=code,
    )


# --- dashboard and export ----------------------------------------------------------------------


#: Indicators in one page of the scorecard table: a meeting's worth to read, quick to draw.
INDICATORS_PER_PAGE = 50


def index(request):
    """The scorecard table at a chosen month, with filters and summary tiles."""
    indicator_filter = selectors.indicator_filter(user=request.user, data=request.GET)
    as_of, rag = indicator_filter.as_of, indicator_filter.rag_wanted
    if as_of is None and not rag:
        # Today's scorecard, the page PAQA opens most: the tiles are counted in the database and
        # only the shown page of indicators is rated in full, whatever the number of indicators.
        indicators = selectors.in_year(indicator_filter.qs, timezone.localdate())
        page, page_query = paged(request, indicators, INDICATORS_PER_PAGE)
        shown = [i.pk for i in page.object_list]
        rows = selectors.scorecard_rows(indicators=indicator_filter.qs.filter(pk__in=shown))
        page.object_list = rows
        tiles = current_tiles(indicators)
    else:
        # Another month, or one rating: every indicator is rated at that date, then paged.
        rows = selectors.scorecard_rows(indicators=indicator_filter.qs, as_of=as_of, rag=rag)
        page, page_query = paged(request, rows, INDICATORS_PER_PAGE)
        tiles = tile_counts(rows)
        tiles["changed"], tiles["special"] = tiles["changed"][:TILE_NAMES], tiles["special"][:TILE_NAMES]
    # PAQA's questions on each shown row's latest figure (one query), marked in the table.
    markers = registry.question_markers(
        request.user, "indicator", [display.latest_ref(row) for row in page.object_list]
    )
    for row in page.object_list:
        row.cells = display.table_cells(row, markers)
    return render(
        request,
        "scorecard/index.html",
        {
            "filter": indicator_filter,
            "rows": page.object_list,
            "page": page,
            "page_query": page_query,
            "tiles": tiles,
            "query": request.GET.urlencode(),
            "can_import": permissions.can_import_measurements(request.user),
            "can_manage": permissions.can_manage_catalogue(request.user),
            "not_in_use": selectors.indicators_not_in_use(user=request.user),
        },
    )


def export(request, fmt: str):
    """The selection as CSV or XLSX, from the same access-checked indicators as the page."""
    if fmt not in ("csv", "xlsx"):
        raise Http404("Unknown export format")
    indicator_filter = selectors.indicator_filter(user=request.user, data=request.GET)
    indicators = selectors.in_year(indicator_filter.qs, indicator_filter.as_of or timezone.localdate())
    if indicator_filter.rag_wanted:
        rows = selectors.scorecard_rows(
            indicators=indicators, as_of=indicator_filter.as_of, rag=indicator_filter.rag_wanted
        )
        indicators = [r.indicator for r in rows]
    return exports.export_response(request, indicators=indicators, as_of=indicator_filter.as_of, fmt=fmt)


# --- one indicator -----------------------------------------------------------------------------


def indicator_detail(request, code: str):
    """SPC chart with limits, target and comparators; the data table; definition; history; actions."""
    indicator = indicator_or_404(request, code)
    points = selectors.series_points(indicator=indicator)
    targets = selectors._targets_by_indicator([indicator.pk])[indicator.pk]
    today = timezone.localdate()
    local = points.get(Series.LOCAL, [])
    notes = list(indicator.chart_notes.all())
    status = selectors.assess(
        [p for p in local if p.period_end <= today],
        targets,
        indicator.polarity,
        indicator.frequency,
        changes=[n.on for n in notes if n.kind == ChartNote.Kind.PROCESS_CHANGE],
    )
    comparators = {s: points.get(s, []) for s in (Series.ENGLAND, Series.STAT_NEIGHBOURS, Series.REGION)}
    table = selectors.data_table(
        status=status, comparators=comparators, running=[p for p in local if p.period_end > today]
    )
    show_all = request.GET.get("all") == "1"
    # PAQA's questions on this indicator's figures (the question log registers the reader).
    questions = registry.questions_on(request.user, "indicator", f"{indicator.code}:")
    for row in table:
        ref = f"{indicator.code}:{row.period_start.isoformat()}"
        row.ref, row.questions = ref, [q for q in questions if q.figure_ref == ref]
    context = {
        "indicator": indicator,
        "status": status,
        "table": table if show_all else table[:TABLE_ROWS],
        "table_total": len(table),
        "show_all": show_all,
        "chart": charts.spc_figure(indicator=indicator, status=status, comparators=comparators, notes=notes),
        "chart_notes": notes,
        "chart_summary": charts.spc_summary(indicator=indicator, status=status),
        "targets": indicator.targets.order_by("-effective_from"),
        "measurements": Paginator(selectors.indicator_measurements(indicator=indicator), 24).get_page(
            request.GET.get("page")
        ),
        "can_enter": permissions.can_enter_data(request.user, indicator),
        "can_manage": permissions.can_manage_catalogue(request.user),
        "action_plan": selectors.action_plan(indicator=indicator, user=request.user),
        "figure_history": selectors.figure_history(indicator=indicator, user=request.user),
        "breakdown": selectors.agency_breakdown(indicator=indicator, user=request.user, today=today),
        "questions": questions,
        "can_ask": has_role(request.user, PAQA),
    }
    return render(request, "scorecard/indicator_detail.html", context)


def measurement_enter(request, code: str):
    """Enter or correct one period's figure: the business unit, or the owning agency's people."""
    indicator = indicator_or_404(request, code)
    if not permissions.can_enter_data(request.user, indicator):
        refuse(request, f"may not enter data for {indicator.code}")
    may_choose_series = permissions.can_manage_catalogue(request.user)
    current = None
    if request.method == "GET" and request.GET.get("period_start"):
        current = (
            Measurement.objects.filter(
                indicator=indicator,
                period_start=request.GET.get("period_start"),
                series=request.GET.get("series", Series.LOCAL),
            ).first()
            if _is_iso_date(request.GET.get("period_start"))
            else None
        )
    initial = {}
    if current is not None:
        initial = {
            "period_start": current.period_start,
            "period_end": current.period_end,
            "series": current.series,
            "value": current.symbol if current.value is None else current.value,
            "numerator": current.numerator or "",
            "denominator": current.denominator or "",
            "note": current.note,
            "version": current.version,
        }
    form = MeasurementForm(request.POST or None, initial=initial, may_choose_series=may_choose_series)

    done = save_through_service(
        request,
        form,
        lambda: services.measurement_record(indicator=indicator, by=request.user, **form.cleaned_data),
        success_message=lambda _: (
            f"Saved the figure for {form.cleaned_data['period_start']:%d %b %Y} "
            f"to {form.cleaned_data['period_end']:%d %b %Y}."
        ),
        redirect_to=indicator,
        stale_message=STALE_MESSAGE,
    )
    if done:
        return done
    stale = getattr(form, "stale_edit", False)
    return render(
        request,
        "scorecard/measurement_form.html",
        {"indicator": indicator, "form": form, "editing": current, "stale": stale},
    )


def _is_iso_date(text) -> bool:
    from datetime import date

    try:
        date.fromisoformat(text or "")
    except ValueError:
        return False
    return True


TARGET = FormPage(
    TargetForm, services.target_set, "indicator", "Target saved.", {"template": "scorecard/target_form.html"}
)
CHART_NOTE = FormPage(
    ChartNoteForm,
    services.chart_note_add,
    "indicator",
    "Note added to the chart.",
    {"template": "scorecard/chart_note_form.html"},
)


def target_add(request, code: str):
    """Set a target from a date (business unit)."""
    indicator = indicator_or_404(request, code)
    if not permissions.can_manage_catalogue(request.user):
        refuse(request, "may not set targets")
    return TARGET.serve(
        request, indicator, page=save_or_render, data=request.POST or None, context={"indicator": indicator}
    )


def chart_note_add(request, code: str):
    """Mark an event or a process change on the chart (business unit)."""
    indicator = indicator_or_404(request, code)
    if not permissions.can_manage_catalogue(request.user):
        refuse(request, "may not add notes to charts")
    return CHART_NOTE.serve(
        request,
        indicator,
        page=save_or_render,
        data=request.POST or None,
        initial={"kind": "event"},
        context={"indicator": indicator},
    )


@require_POST
def chart_note_remove(request, code: str, pk: int):
    """Take a note off the chart (business unit)."""
    indicator = indicator_or_404(request, code)
    if not permissions.can_manage_catalogue(request.user):
        refuse(request, "may not remove notes from charts")
    note = get_object_or_404(indicator.chart_notes, pk=pk)
    services.chart_note_remove(note=note, by=request.user)
    messages.success(request, "Note taken off the chart.")
    return redirect(indicator)


# --- imports -----------------------------------------------------------------------------------


def import_upload(request):
    """Upload indicators or measurements; the next page shows every row's fate."""
    if not permissions.can_import_measurements(request.user):
        refuse(request, "may not import scorecard data")
    may_import_indicators = permissions.can_manage_catalogue(request.user)
    form = ImportForm(request.POST or None, request.FILES or None, may_import_indicators=may_import_indicators)

    def preview():
        upload = form.cleaned_data["file"]
        return services.import_preview(
            kind=form.cleaned_data["kind"], data=upload.read(), original_name=upload.name, user=request.user
        )

    done = save_through_service(request, form, preview, errors_to="file")
    if done:
        return done
    recent = ImportBatch.objects.for_user(request.user).select_related("uploaded_by")[:10]
    formats = [import_formats.MEASUREMENTS]
    if may_import_indicators:
        formats.append(import_formats.INDICATORS)
    return render(
        request,
        "scorecard/import_upload.html",
        {"form": form, "recent": recent, "formats": [(f.sheet, f) for f in formats]},
    )


def import_template(request, kind: str, fmt: str):
    """A template to fill in: the header, example rows and (XLSX) a sheet explaining each column."""
    if not permissions.can_import_measurements(request.user):
        refuse(request, "may not import scorecard data")
    if kind not in import_formats.FORMATS or (
        kind == "indicators" and not permissions.can_manage_catalogue(request.user)
    ):
        raise Http404("No such template")
    return import_formats.FORMATS[kind].template_response(fmt)


def import_dfe(request):
    """Upload a DfE children-in-need file as published; choose the LA, region and neighbours."""
    if not permissions.can_manage_catalogue(request.user):
        refuse(request, "may not upload DfE benchmarks")
    form = DfeImportForm(request.POST or None, request.FILES or None)

    def preview():
        upload = form.cleaned_data["file"]
        return services.import_preview(
            kind=ImportBatch.Kind.DFE,
            data=upload.read(),
            original_name=upload.name,
            user=request.user,
            options={k: form.cleaned_data[k] for k in ("local_authority", "region", "neighbours")},
        )

    return save_or_render(
        request,
        form,
        preview,
        errors_to="file",
        template="scorecard/import_dfe.html",
    )


FATE_FILTERS = ["refused", "new", "changed", "unchanged"]


def import_preview(request, pk: int):
    """Every row's fate; confirming writes the new and changed rows in one transaction."""
    batch = get_visible_or_404(ImportBatch.objects.select_related("uploaded_by"), request.user, request, pk=pk)
    if request.method == "POST":
        if batch.uploaded_by_id != request.user.pk and not permissions.can_manage_catalogue(request.user):
            refuse(request, "may not confirm another person's import")
        try:
            return act_through_service(
                request,
                lambda: services.import_confirm(
                    batch=batch, user=request.user, fingerprint=request.POST.get("fingerprint", "")
                ),
                success_message=lambda counts: (
                    f"Imported {batch.original_name}: {counts['new']} new, {counts['changed']} changed, "
                    f"{counts['unchanged']} unchanged, {counts['refused']} refused and left out."
                ),
                redirect_to=batch,
            )
        except services.PlanChanged:
            messages.warning(
                request,
                "The figures changed after this preview was made, so nothing was imported. "
                "The preview below is up to date: check it and confirm again.",
            )
            return redirect(batch)
    fates = services.import_fates(batch=batch)
    shown = request.GET.get("fate", "")
    if shown in FATE_FILTERS:
        fates = [f for f in fates if f[1] == shown]
    return render_paged(
        request,
        "scorecard/import_preview.html",
        fates,
        200,
        {
            "batch": batch,
            "fate": shown,
            "fate_filters": FATE_FILTERS,
            "writes": batch.counts.get("new", 0) + batch.counts.get("changed", 0),
        },
    )

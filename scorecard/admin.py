from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from bscp_portal.lib.record_admin import ReadOnlyHistoryAdmin, inline
from scorecard.models import ImportBatch, Indicator, Measurement, Target


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = [
        "code", "name", "category", "unit", "polarity", "frequency", "owning_agency", "key_indicator", "active",
    ]  # fmt: skip
    list_editable = ["key_indicator"]
    list_filter = [
        "category", "unit", "polarity", "frequency", "partnership_wide", "key_indicator", "active", "owning_agency",
    ]  # fmt: skip
    search_fields = ["code", "name", "definition"]
    filter_horizontal = ["risk_themes"]
    inlines = [inline(Target)]


@admin.register(Measurement)
class MeasurementAdmin(SimpleHistoryAdmin):
    """Figures are entered on the indicator page or imported; the admin is for looking them up."""

    list_display = ["indicator", "period_start", "period_end", "series", "value", "symbol", "origin", "entered_at"]
    list_filter = ["series", "origin"]
    search_fields = ["indicator__code"]
    list_select_related = ["indicator"]
    readonly_fields = ["entered_by", "entered_at", "origin", "version"]
    raw_id_fields = ["indicator"]


@admin.register(ImportBatch)
class ImportBatchAdmin(ReadOnlyHistoryAdmin):
    list_display = ["original_name", "kind", "uploaded_by", "uploaded_at", "status"]
    list_filter = ["kind", "status"]

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from audits.models import AgencyAudit, AuditStandard, Criterion, PracticeAudit


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(AuditStandard)
class AuditStandardAdmin(SimpleHistoryAdmin):
    list_display = ["title", "code", "source", "order", "active"]
    list_filter = ["active", "source"]
    inlines = [CriterionInline]


@admin.register(AgencyAudit)
class AgencyAuditAdmin(SimpleHistoryAdmin):
    list_display = ["title", "agency", "origin", "status", "due_date"]
    list_filter = ["status", "origin"]
    search_fields = ["title", "theme"]


@admin.register(PracticeAudit)
class PracticeAuditAdmin(SimpleHistoryAdmin):
    list_display = ["title", "theme", "status", "start_date"]
    list_filter = ["status"]

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from audits.models import AgencyAudit, AuditStandard, Criterion, PracticeAudit
from bscp_portal.lib.record_admin import inline


@admin.register(AuditStandard)
class AuditStandardAdmin(SimpleHistoryAdmin):
    list_display = ["title", "code", "source", "order", "active"]
    list_filter = ["active", "source"]
    inlines = [inline(Criterion)]


@admin.register(AgencyAudit)
class AgencyAuditAdmin(SimpleHistoryAdmin):
    list_display = ["title", "agency", "origin", "status", "due_date"]
    list_filter = ["status", "origin"]
    search_fields = ["title", "theme"]


@admin.register(PracticeAudit)
class PracticeAuditAdmin(SimpleHistoryAdmin):
    list_display = ["title", "theme", "status", "start_date"]
    list_filter = ["status"]

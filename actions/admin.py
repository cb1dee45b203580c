"""Actions in the admin: read-mostly, for the business unit to look things up. Sign-off,
reopening and progress go through the portal's pages, which apply the rules."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from actions.models import Action


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
    list_display = ["description", "agency", "owner", "subcommittee", "due_date", "status"]
    list_filter = ["status", "priority", "subcommittee", "agency"]
    search_fields = ["description", "measure", "source_label"]
    list_select_related = ["agency", "owner", "subcommittee"]
    raw_id_fields = ["owner", "created_by", "completed_by"]
    readonly_fields = [
        "status",
        "completed_at",
        "completed_by",
        "completion_evidence",
        "version",
        "source_type",
        "source_id",
    ]
    date_hierarchy = "due_date"

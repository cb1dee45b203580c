from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from bscp_portal.lib.record_admin import inline
from section11.models import Criterion, EscalationLetter, Round, Standard, StandardSet


@admin.register(StandardSet)
class StandardSetAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "adopted_on"]
    inlines = [inline(Standard, stacked=True)]


@admin.register(Standard)
class StandardAdmin(SimpleHistoryAdmin):
    list_display = ["number", "title", "standard_set", "fully_met_evidence"]
    list_editable = ["fully_met_evidence"]
    list_filter = ["standard_set"]
    inlines = [inline(Criterion)]


@admin.register(Round)
class RoundAdmin(SimpleHistoryAdmin):
    list_display = ["name", "period", "opens_on", "deadline", "standard_set"]


@admin.register(EscalationLetter)
class EscalationLetterAdmin(SimpleHistoryAdmin):
    list_display = ["name", "subject", "updated_at"]

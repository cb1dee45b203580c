"""Reviews in the admin: the methodology list is configured here; reviews themselves are
read-mostly (dates, decisions and closing go through the portal's pages, which apply the rules)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from bscp_portal.lib.lookup_admin import LookupAdmin
from reviews.models import CaseReview, Inspection, Methodology, Recommendation, ThemedReview

admin.site.register(Methodology, LookupAdmin)


@admin.register(CaseReview)
class CaseReviewAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "title", "kind", "status", "became_aware_on", "notified_on"]
    list_filter = ["kind", "status"]
    search_fields = ["reference", "title"]
    readonly_fields = [f.name for f in CaseReview._meta.fields]


@admin.register(ThemedReview)
class ThemedReviewAdmin(SimpleHistoryAdmin):
    list_display = ["theme", "status", "agreed_on", "completed_on"]
    list_filter = ["status"]
    readonly_fields = [f.name for f in ThemedReview._meta.fields]


@admin.register(Recommendation)
class RecommendationAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "agency", "status", "closed_on"]
    list_filter = ["status"]
    list_select_related = ["case_review", "themed_review", "inspection", "agency"]
    readonly_fields = [f.name for f in Recommendation._meta.fields]


@admin.register(Inspection)
class InspectionAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "inspectorate", "inspected_from", "judgement"]
    list_filter = ["kind", "inspectorate", "judgement"]
    readonly_fields = [f.name for f in Inspection._meta.fields]

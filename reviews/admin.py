"""Reviews in the admin: the methodology list is configured here; reviews themselves are
read-mostly (dates, decisions and closing go through the portal's pages, which apply the rules)."""

from django.contrib import admin

from bscp_portal.lib.lookup_admin import LookupAdmin
from bscp_portal.lib.record_admin import ReadOnlyHistoryAdmin
from reviews.models import CaseReview, Inspection, Methodology, Recommendation, ThemedReview

admin.site.register(Methodology, LookupAdmin)


@admin.register(CaseReview)
class CaseReviewAdmin(ReadOnlyHistoryAdmin):
    list_display = ["reference", "title", "kind", "status", "became_aware_on", "notified_on"]
    list_filter = ["kind", "status"]
    search_fields = ["reference", "title"]


@admin.register(ThemedReview)
class ThemedReviewAdmin(ReadOnlyHistoryAdmin):
    list_display = ["theme", "status", "agreed_on", "completed_on"]
    list_filter = ["status"]


@admin.register(Recommendation)
class RecommendationAdmin(ReadOnlyHistoryAdmin):
    list_display = ["__str__", "agency", "status", "closed_on"]
    list_filter = ["status"]
    list_select_related = ["case_review", "themed_review", "inspection", "agency"]


@admin.register(Inspection)
class InspectionAdmin(ReadOnlyHistoryAdmin):
    list_display = ["title", "kind", "inspectorate", "inspected_from", "judgement"]
    list_filter = ["kind", "inspectorate", "judgement"]

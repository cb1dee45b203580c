"""Configuration the business unit keeps in the admin: plans and objectives, quorum rules,
financial years, courses and sessions, survey and campaign questions. Day-to-day records
(attendance, contributions, evaluations, decisions) go through the portal's pages and services."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from bscp_portal.lib.record_admin import inline
from governance.models import (
    Course,
    FeedbackCampaign,
    FeedbackQuestion,
    FinancialYear,
    Meeting,
    Objective,
    Plan,
    Priority,
    QuorumRule,
    RatingSurvey,
    SurveyQuestion,
    TrainingSession,
)


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ["title", "starts_on", "ends_on"]
    inlines = [inline(Priority)]


@admin.register(Objective)
class ObjectiveAdmin(SimpleHistoryAdmin):
    list_display = ["title", "priority", "subcommittee", "rag"]
    list_filter = ["priority__plan", "subcommittee", "rag"]
    readonly_fields = ["rag", "rag_explanation", "rag_set_by", "rag_set_at", "version"]


@admin.register(QuorumRule)
class QuorumRuleAdmin(SimpleHistoryAdmin):
    list_display = ["code", "min_agencies", "min_percent", "statutory_partners_required"]


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["held_on", "body", "title"]
    list_filter = ["body"]
    date_hierarchy = "held_on"
    readonly_fields = ["version"]


@admin.register(FinancialYear)
class FinancialYearAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "start_year"]


@admin.register(Course)
class CourseAdmin(SimpleHistoryAdmin):
    list_display = ["title", "level", "multi_agency"]
    inlines = [inline(TrainingSession)]


@admin.register(RatingSurvey)
class RatingSurveyAdmin(SimpleHistoryAdmin):
    list_display = ["year", "title", "status"]
    inlines = [inline(SurveyQuestion)]


@admin.register(FeedbackCampaign)
class FeedbackCampaignAdmin(SimpleHistoryAdmin):
    list_display = ["title", "opened_on", "is_open"]
    inlines = [inline(FeedbackQuestion)]

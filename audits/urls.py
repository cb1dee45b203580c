from django.urls import path

from audits import disagreement_views as dv
from audits import governance_views as gv
from audits import practice_views as pv
from audits import process_views, theme_views, views

app_name = "audits"

urlpatterns = [
    path("", views.index, name="index"),
    path("export.<str:fmt>", views.export, name="export"),
    path("overview/", views.overview, name="overview"),
    path("new/", views.agency_audit_create, name="agency_audit_create"),
    path("request/", views.agency_audit_request, name="agency_audit_request"),
    path("<int:pk>/", views.agency_audit_detail, name="agency_audit_detail"),
    path("<int:pk>/edit/", views.agency_audit_edit, name="agency_audit_edit"),
    path("<int:pk>/start/", views.agency_audit_start, name="agency_audit_start"),
    path("<int:pk>/findings/new/", views.finding_add, name="finding_add"),
    path("<int:pk>/outcome/", views.outcome_submit, name="outcome_submit"),
    path("<int:pk>/report/", views.report_download, name="report_download"),
    path("<int:pk>/recommendations/new/", views.recommendation_add, name="recommendation_add"),
    path("<int:pk>/consider/", views.consider, name="consider"),
    path("<int:pk>/follow-up/new/", views.follow_up_request, name="follow_up_request"),
    path("<int:pk>/escalate/", views.escalate, name="escalate"),
    path("<int:pk>/close/", views.close, name="close"),
    path("<int:pk>/themes/", theme_views.agency_audit_themes, name="agency_audit_themes"),
    path("follow-ups/<int:pk>/", views.follow_up_submit, name="follow_up_submit"),
    path("escalations/<int:pk>/resolve/", views.escalation_resolve, name="escalation_resolve"),
    path("recommendations/<int:pk>/implemented/", views.recommendation_implemented, name="recommendation_implemented"),
    path("disagreements/", dv.disagreement_list, name="disagreement_list"),
    path("disagreements/new/", dv.disagreement_create, name="disagreement_create"),
    path("disagreements/<int:pk>/", dv.disagreement_detail, name="disagreement_detail"),
    path("disagreements/<int:pk>/edit/", dv.disagreement_edit, name="disagreement_edit"),
    path("process/", process_views.process_list, name="process_list"),
    path("process/new/", process_views.process_create, name="process_create"),
    path("process/<int:pk>/", process_views.process_detail, name="process_detail"),
    path("process/<int:pk>/findings/", process_views.process_findings, name="process_findings"),
    path("process/<int:pk>/recommendations/", process_views.process_recommendations, name="process_recommendations"),
    path("standards/", pv.standards, name="standards"),
    path("practice/", pv.practice_list, name="practice_list"),
    path("practice/new/", pv.practice_create, name="practice_create"),
    path("practice/governance/", gv.governance_overview, name="governance_overview"),
    path("practice/<int:pk>/steps/<slug:step>/", gv.step_record, name="governance_step"),
    path("practice/<int:pk>/team/new/", gv.team_member_add, name="team_member_add"),
    path("practice/<int:pk>/dissemination/new/", gv.dissemination_add, name="dissemination_add"),
    path("practice/<int:pk>/", pv.practice_detail, name="practice_detail"),
    path("practice/<int:pk>/edit/", pv.practice_edit, name="practice_edit"),
    path("practice/<int:pk>/themes/", theme_views.practice_audit_themes, name="practice_audit_themes"),
    path("practice/<int:pk>/candidates/", pv.practice_candidates, name="practice_candidates"),
    path("practice/<int:pk>/sample/", pv.practice_sample, name="practice_sample"),
    path("practice/<int:pk>/analysis/", pv.practice_analysis, name="practice_analysis"),
    path("practice/<int:pk>/report.pdf", pv.practice_report, name="practice_report"),
    path("practice/<int:pk>/recommendations/new/", pv.practice_recommendation_add, name="practice_recommendation_add"),
    path("practice/<int:pk>/cases/<int:case_pk>/", pv.case_detail, name="case_detail"),
    path("practice/<int:pk>/cases/<int:case_pk>/grade/", pv.case_grade, name="case_grade"),
    path("practice/<int:pk>/cases/<int:case_pk>/equality/", pv.case_characteristics, name="case_characteristics"),
    path("practice/<int:pk>/cases/<int:case_pk>/agencies/<int:review_pk>/", pv.case_agency, name="case_agency"),
]

from django.urls import path

from section11 import escalation_views, exchange_views, report_views, review_views, views

app_name = "section11"

urlpatterns = [
    path("", views.index, name="index"),
    path("rounds/new/", views.round_create, name="round_create"),
    path("rounds/<int:pk>/", views.round_detail, name="round_detail"),
    path("rounds/<int:pk>/participation/", views.participation_edit, name="participation_edit"),
    path("rounds/<int:pk>/start/", views.return_start, name="return_start"),
    path("rounds/<int:pk>/sessions/new/", review_views.session_create, name="session_create"),
    path("returns/<int:pk>/", views.return_detail, name="return_detail"),
    path("returns/<int:pk>/standards/<int:number>/", views.standard_edit, name="standard_edit"),
    path("returns/<int:pk>/standards/<int:number>/confirm/", views.standard_confirm, name="standard_confirm"),
    path("returns/<int:pk>/history/", views.return_history, name="return_history"),
    path("returns/<int:pk>/submit/", views.return_submit, name="return_submit"),
    path("returns/<int:pk>/exchange.json", exchange_views.return_exchange, name="return_exchange"),
    path("returns/<int:pk>/import/", exchange_views.return_import, name="return_import"),
    path("returns/<int:pk>/review/", review_views.return_review, name="return_review"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence_download"),
    path("evidence/<int:pk>/remove/", views.evidence_remove, name="evidence_remove"),
    path("sessions/<int:pk>/", review_views.session_detail, name="session_detail"),
    path("challenge/<int:pk>/", review_views.challenge_record, name="challenge_record"),
    path("challenge/<int:pk>/letter.pdf", review_views.feedback_letter, name="feedback_letter"),
    path("matrix/", report_views.matrix, name="matrix"),
    path("matrix/export.<str:fmt>", report_views.matrix_export, name="matrix_export"),
    path("progress/", report_views.progress, name="progress"),
    path("escalations/", escalation_views.escalation_list, name="escalation_list"),
    path("escalations/letter/", escalation_views.escalation_letter_edit, name="escalation_letter_edit"),
    path("escalations/<int:pk>/", escalation_views.escalation_detail, name="escalation_detail"),
    path("escalations/<int:pk>/letter.pdf", escalation_views.escalation_letter, name="escalation_letter"),
]

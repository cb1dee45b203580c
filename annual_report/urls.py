from django.urls import path

from annual_report import views

app_name = "annual_report"

urlpatterns = [
    path("", views.index, name="index"),
    path("quadrants/", views.quadrants, name="quadrants"),
    path("dashboard.xlsx", views.dashboard_export, name="dashboard_export"),
    path("annual/", views.annual, name="annual"),
    path("annual/generate/", views.generate, name="generate"),
    path("annual/<str:period>/narrative/", views.narratives, name="narratives"),
    path("annual/<str:period>/narrative/<slug:section>/", views.narrative_edit, name="narrative_edit"),
    path("annual/<str:period>/narrative/<slug:section>/read/", views.narrative_detail, name="narrative"),
    path("annual/<str:period>/narrative/<slug:section>/approve/", views.narrative_approve, name="narrative_approve"),
    path("annual/report/<int:pk>/", views.report_detail, name="report"),
    path("annual/report/<int:pk>/status.json", views.report_status, name="report_status"),
    path("annual/report/<int:pk>/download/", views.report_download, name="report_download"),
    path("annual/report/<int:pk>/children/", views.report_children_download, name="report_children_download"),
    path("annual/report/<int:pk>/sign-off/", views.report_sign_off, name="report_sign_off"),
    path("annual/report/<int:pk>/table-<int:n>.<str:fmt>", views.report_appendix, name="report_appendix"),
    path("published/<int:pk>/table-<int:n>.<str:fmt>", views.published_appendix, name="published_appendix"),
    path("published/", views.published, name="published"),
    path("published/<int:pk>/<str:which>.pdf", views.published_download, name="published_download"),
    path("annual/report/<int:pk>/approve/", views.report_approve, name="report_approve"),
    path("annual/report/<int:pk>/retry/", views.report_retry, name="report_retry"),
]

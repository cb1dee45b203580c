from django.urls import path, re_path

from conferences import views

app_name = "conferences"

urlpatterns = [
    path("", views.index, name="index"),
    re_path(r"^export\.(?P<fmt>csv|xlsx)$", views.export, name="export"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/agencies/", views.attendance, name="attendance"),
    path("<int:pk>/standards/", views.standards, name="standards"),
    path("<int:pk>/core-groups/", views.core_groups, name="core_groups"),
    path("<int:pk>/questionnaire/", views.questionnaire_enter, name="questionnaire_enter"),
    path("<int:pk>/links/", views.link_create, name="link_create"),
    path("q/<str:token>/", views.public_questionnaire, name="public_questionnaire"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("report/", views.monitoring_report, name="monitoring_report"),
    path("agencies/", views.agency, name="agency"),
    re_path(r"^agencies/export\.(?P<fmt>csv|xlsx)$", views.agency_export, name="agency_export"),
    path("recompute/", views.recompute, name="recompute"),
]

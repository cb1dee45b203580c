from django.urls import path

from cdop import request_views, views

app_name = "cdop"

urlpatterns = [
    path("", views.index, name="index"),
    path("statistics/export/", views.statistics_export, name="statistics_export"),
    path("analysis/", views.analysis, name="analysis"),
    path("analysis/export/", views.analysis_export, name="analysis_export"),
    path("cases/", views.case_list, name="case_list"),
    path("cases/export/", views.case_export, name="case_export"),
    path("cases/export/ncmd/", views.case_export_ncmd, name="case_export_ncmd"),
    path("cases/new/", views.case_create, name="case_create"),
    path("cases/<int:pk>/", views.case_detail, name="case_detail"),
    path("cases/<int:pk>/edit/", views.case_edit, name="case_edit"),
    path("cases/<int:pk>/rapid-response/", views.case_rapid_response, name="case_rapid_response"),
    path("cases/<int:pk>/status/", views.case_status, name="case_status"),
    path("cases/<int:pk>/review/", views.case_review, name="case_review"),
    path("cases/<int:pk>/recommendations/new/", views.recommendation_create, name="recommendation_create"),
    path("cases/<int:pk>/refer/", views.case_refer, name="case_refer"),
    path("cases/<int:pk>/requests/new/", request_views.request_create, name="request_create"),
    path("requests/", request_views.request_list, name="request_list"),
    path("requests/<int:pk>/", request_views.request_detail, name="request_detail"),
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("access-log/", views.access_log, name="access_log"),
]

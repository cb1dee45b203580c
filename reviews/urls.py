from django.urls import path

from reviews import views

app_name = "reviews"

urlpatterns = [
    path("", views.index, name="index"),
    path("cases/", views.case_list, name="case_list"),
    path("cases/export.<str:fmt>", views.case_export, name="case_export"),
    path("cases/new/", views.case_create, name="case_create"),
    path("cases/<int:pk>/", views.case_detail, name="case_detail"),
    path("cases/<int:pk>/edit/", views.case_edit, name="case_edit"),
    path("cases/<int:pk>/decision/", views.case_decide, name="case_decide"),
    path("cases/<int:pk>/recommendations/new/", views.case_recommendation_add, name="case_recommendation_add"),
    path("cases/<int:pk>/briefings/new/", views.briefing_add, name="briefing_add"),
    path("cases/<int:pk>/events/new/", views.event_add, name="event_add"),
    path("cases/<int:pk>/feedback/new/", views.feedback_add, name="feedback_add"),
    path("cases/<int:pk>/documents/new/", views.case_attachment_add, name="case_attachment_add"),
    path("themed/", views.themed_list, name="themed_list"),
    path("themed/new/", views.themed_create, name="themed_create"),
    path("themed/<int:pk>/", views.themed_detail, name="themed_detail"),
    path("themed/<int:pk>/edit/", views.themed_edit, name="themed_edit"),
    path("themed/<int:pk>/consultations/new/", views.consultation_add, name="consultation_add"),
    path("themed/<int:pk>/recommendations/new/", views.themed_recommendation_add, name="themed_recommendation_add"),
    path("themed/<int:pk>/documents/new/", views.themed_attachment_add, name="themed_attachment_add"),
    path("recommendations/", views.recommendation_list, name="recommendation_list"),
    path("recommendations/export.<str:fmt>", views.recommendation_export, name="recommendation_export"),
    path("recommendations/<int:pk>/", views.recommendation_detail, name="recommendation_detail"),
    path("recommendations/<int:pk>/close/", views.recommendation_close, name="recommendation_close"),
    path("recommendations/<int:pk>/reopen/", views.recommendation_reopen, name="recommendation_reopen"),
    path("learning/", views.learning, name="learning"),
    path("learning/export.<str:fmt>", views.learning_export, name="learning_export"),
    path("documents/<int:pk>/", views.attachment_download, name="attachment_download"),
]

from django.urls import path

from reviews.views import cases, documents, inspections, learning, recommendations, themed

app_name = "reviews"

urlpatterns = [
    path("", cases.index, name="index"),
    path("cases/", cases.case_list, name="case_list"),
    path("cases/export.<str:fmt>", cases.case_export, name="case_export"),
    path("cases/new/", cases.case_create, name="case_create"),
    path("cases/<int:pk>/", cases.case_detail, name="case_detail"),
    path("cases/<int:pk>/edit/", cases.case_edit, name="case_edit"),
    path("cases/<int:pk>/decision/", cases.case_decide, name="case_decide"),
    path(
        "cases/<int:pk>/recommendations/new/", recommendations.case_recommendation_add, name="case_recommendation_add"
    ),
    path("cases/<int:pk>/briefings/new/", learning.briefing_add, name="briefing_add"),
    path("cases/<int:pk>/events/new/", learning.event_add, name="event_add"),
    path("cases/<int:pk>/feedback/new/", learning.feedback_add, name="feedback_add"),
    path("cases/<int:pk>/documents/new/", documents.case_attachment_add, name="case_attachment_add"),
    path("themed/", themed.themed_list, name="themed_list"),
    path("themed/new/", themed.themed_create, name="themed_create"),
    path("themed/<int:pk>/", themed.themed_detail, name="themed_detail"),
    path("themed/<int:pk>/edit/", themed.themed_edit, name="themed_edit"),
    path("themed/<int:pk>/consultations/new/", themed.consultation_add, name="consultation_add"),
    path(
        "themed/<int:pk>/recommendations/new/",
        recommendations.themed_recommendation_add,
        name="themed_recommendation_add",
    ),
    path("themed/<int:pk>/documents/new/", documents.themed_attachment_add, name="themed_attachment_add"),
    path("inspections/", inspections.inspection_list, name="inspection_list"),
    path("inspections/new/", inspections.inspection_create, name="inspection_create"),
    path("inspections/<int:pk>/", inspections.inspection_detail, name="inspection_detail"),
    path("inspections/<int:pk>/edit/", inspections.inspection_edit, name="inspection_edit"),
    path(
        "inspections/<int:pk>/recommendations/new/",
        inspections.inspection_recommendation_add,
        name="inspection_recommendation_add",
    ),
    path("recommendations/", recommendations.recommendation_list, name="recommendation_list"),
    path("recommendations/export.<str:fmt>", recommendations.recommendation_export, name="recommendation_export"),
    path("recommendations/<int:pk>/", recommendations.recommendation_detail, name="recommendation_detail"),
    path("recommendations/<int:pk>/close/", recommendations.recommendation_close, name="recommendation_close"),
    path("recommendations/<int:pk>/reopen/", recommendations.recommendation_reopen, name="recommendation_reopen"),
    path("learning/", learning.learning, name="learning"),
    path("learning/export.<str:fmt>", learning.learning_export, name="learning_export"),
    path("documents/<int:pk>/", documents.attachment_download, name="attachment_download"),
]

from django.urls import path

from paqa import equality_views, pack_views, review_views, theme_views, views

app_name = "paqa"

urlpatterns = [
    path("", views.board, name="board"),
    path("themes/", theme_views.themes, name="themes"),
    path("equality/", equality_views.equality, name="equality"),
    path("questions/", views.question_list, name="question_list"),
    path("questions/raise/<str:kind>/<str:ref>/", views.question_raise, name="question_raise"),
    path("questions/<int:pk>/", views.question_detail, name="question_detail"),
    path("questions/<int:pk>/answer/", views.question_answer, name="question_answer"),
    path("questions/<int:pk>/review/", views.question_review, name="question_review"),
    path("dataset-review/", review_views.review_index, name="dataset_review_index"),
    path("dataset-review/<str:year>/", review_views.review_year, name="dataset_review"),
    path("dataset-review/<str:year>/<str:code>/", review_views.review_decide, name="dataset_review_decide"),
    path("pack/", pack_views.pack_list, name="pack_list"),
    path("pack/<int:pk>/", pack_views.pack_detail, name="pack_detail"),
    path("pack/<int:pk>/pdf/", pack_views.pack_pdf, name="pack_pdf"),
    path("pack/<int:pk>/appendix.xlsx", pack_views.pack_appendix, name="pack_appendix"),
]

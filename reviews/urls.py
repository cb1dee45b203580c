from django.urls import path

from reviews import views

app_name = "reviews"

urlpatterns = [
    path("", views.index, name="index"),
    path("cases/<int:pk>/", views.case_detail, name="case_detail"),
]

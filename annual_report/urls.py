from django.urls import path

from annual_report import views

app_name = "annual_report"

urlpatterns = [
    path("", views.index, name="index"),
]

from django.urls import path

from section11 import views

app_name = "section11"

urlpatterns = [
    path("", views.index, name="index"),
]

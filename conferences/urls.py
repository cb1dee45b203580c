from django.urls import path

from conferences import views

app_name = "conferences"

urlpatterns = [
    path("", views.index, name="index"),
]

from django.urls import path

from cdop import views

app_name = "cdop"

urlpatterns = [
    path("", views.index, name="index"),
]

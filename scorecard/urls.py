from django.urls import path

from scorecard import views

app_name = "scorecard"

urlpatterns = [
    path("", views.index, name="index"),
    path("indicators/<str:code>/", views.indicator_detail, name="indicator"),
]

from django.urls import path

from partnership import views

app_name = "partnership"

urlpatterns = [
    path("", views.index, name="index"),
    path("agencies/", views.agency_list, name="agency_list"),
    path("agencies/<int:pk>/", views.agency_detail, name="agency_detail"),
]

from django.urls import path

from partnership import two_factor, views

app_name = "partnership"

urlpatterns = [
    path("", views.index, name="index"),
    path("agencies/", views.agency_list, name="agency_list"),
    path("agencies/<int:pk>/", views.agency_detail, name="agency_detail"),
    path("people/<int:pk>/two-step-reset/", two_factor.reset, name="two_step_reset"),
    path("security-log/", views.security_log, name="security_log"),
    path("security-log.csv", views.security_log_export, name="security_log_export"),
]

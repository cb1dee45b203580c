from django.urls import path

from actions import views

app_name = "actions"

urlpatterns = [
    path("", views.index, name="index"),
    path("export.<str:fmt>", views.export, name="export"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("new/", views.create, name="create"),
    path("plan/<str:source_type>/<int:source_id>/", views.plan, name="plan"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/progress/", views.progress, name="progress"),
    path("<int:pk>/sign-off/", views.sign_off, name="sign_off"),
    path("<int:pk>/reopen/", views.reopen, name="reopen"),
    path("<int:pk>/evidence/<int:file_id>/", views.evidence_download, name="evidence"),
]

from django.urls import path

from partnership import export_views, lists, people_views, two_factor, views

app_name = "partnership"

urlpatterns = [
    path("", views.index, name="index"),
    path("agencies/", views.agency_list, name="agency_list"),
    path("agencies/new/", people_views.agency_create, name="agency_create"),
    path("agencies/<int:pk>/", views.agency_detail, name="agency_detail"),
    path("agencies/<int:pk>/edit/", people_views.agency_edit, name="agency_edit"),
    path("agencies/<int:pk>/access/", people_views.agency_access, name="agency_access"),
    path("sub-committees/new/", people_views.subcommittee_create, name="subcommittee_create"),
    path("sub-committees/<int:pk>/edit/", people_views.subcommittee_edit, name="subcommittee_edit"),
    path("people/", people_views.people_list, name="people_list"),
    path("people/invite/", people_views.person_invite, name="person_invite"),
    path("people/<int:pk>/", people_views.person_detail, name="person_detail"),
    path("people/<int:pk>/edit/", people_views.person_edit, name="person_edit"),
    path("people/<int:pk>/roles/", people_views.person_access, name="person_access"),
    path("people/<int:pk>/deactivate/", people_views.person_deactivate, name="person_deactivate"),
    path("people/<int:pk>/reactivate/", people_views.person_reactivate, name="person_reactivate"),
    path("people/<int:pk>/invite-again/", people_views.person_invite_again, name="person_invite_again"),
    path("people/<int:pk>/end-sessions/", people_views.person_end_sessions, name="person_end_sessions"),
    path("people/<int:pk>/two-step-reset/", two_factor.reset, name="two_step_reset"),
    path("security-log/", views.security_log, name="security_log"),
    path("security-log.csv", views.security_log_export, name="security_log_export"),
    path("exports/", export_views.job_list, name="background_files"),
    path("exports/<int:pk>/", export_views.job_detail, name="background_file"),
    path("exports/<int:pk>/download/", export_views.job_download, name="background_file_download"),
    path("lists/", lists.list_index, name="list_index"),
    path("lists/<slug:key>/", lists.list_values, name="list_values"),
    path("lists/<slug:key>/add/", lists.value_add, name="list_value_add"),
    path("lists/<slug:key>/<int:pk>/", lists.value_edit, name="list_value_edit"),
    path("lists/<slug:key>/<int:pk>/in-use/", lists.value_set_active, name="list_value_set_active"),
    path("lists/<slug:key>/<int:pk>/delete/", lists.value_delete, name="list_value_delete"),
]

from django.urls import path

from scorecard import returns_views, settings_views, views

app_name = "scorecard"

urlpatterns = [
    path("", views.index, name="index"),
    path("export.<str:fmt>", views.export, name="export"),
    path("new-indicator/", settings_views.indicator_new, name="indicator_new"),
    path("indicators/<str:code>/", views.indicator_detail, name="indicator"),
    path("indicators/<str:code>/settings/", settings_views.indicator_settings, name="indicator_settings"),
    path("indicators/<str:code>/submitters/", settings_views.submitters, name="submitters"),
    path(
        "indicators/<str:code>/submitters/<int:pk>/remove/",
        settings_views.submitter_remove,
        name="submitter_remove",
    ),
    path("indicators/<str:code>/enter/", views.measurement_enter, name="enter"),
    path("indicators/<str:code>/targets/new/", views.target_add, name="target_add"),
    path("returns/", returns_views.returns_due, name="returns_due"),
    path("returns/<str:code>/<str:period>/", returns_views.return_enter, name="return_enter"),
    path("indicators/<str:code>/notes/new/", views.chart_note_add, name="chart_note_add"),
    path("indicators/<str:code>/notes/<int:pk>/remove/", views.chart_note_remove, name="chart_note_remove"),
    path("import/", views.import_upload, name="import"),
    path("import/dfe/", views.import_dfe, name="import_dfe"),
    path("import/template/<str:kind>.<str:fmt>", views.import_template, name="import_template"),
    path("import/<int:pk>/", views.import_preview, name="import_preview"),
]

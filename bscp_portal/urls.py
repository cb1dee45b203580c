from django.contrib import admin
from django.urls import include, path

from bscp_portal import health, metrics
from partnership import people_views, two_factor
from partnership import views as partnership_views

admin.site.site_header = "Partnership portal administration"
admin.site.site_title = "Partnership portal"
# The business unit runs agencies, people and roles in the portal's own pages; the Django admin
# is kept for superusers (developers and the system's owner), never for staff alone.
admin.site.has_permission = lambda request: request.user.is_active and request.user.is_superuser

urlpatterns = [
    path("", partnership_views.home, name="home"),
    path("health/", health.health, name="health"),
    path("metrics/", metrics.metrics, name="metrics"),
    path("accounts/two-factor/", two_factor.verify, name="two_factor_verify"),
    path("accounts/two-factor/setup/", two_factor.setup, name="two_factor_setup"),
    path("accounts/two-factor/backup-codes/", two_factor.backup_codes, name="two_factor_backup_codes"),
    path("accounts/two-factor/devices/<int:pk>/remove/", two_factor.remove_device, name="two_factor_remove_device"),
    path("accounts/me/", people_views.my_account, name="my_account"),
    path("accounts/invitation/<str:token>/", people_views.invitation_accept, name="invitation_accept"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("partnership/", include("partnership.urls")),
    path("partnership/", include("governance.urls")),
    path("actions/", include("actions.urls")),
    path("scorecard/", include("scorecard.urls")),
    path("section11/", include("section11.urls")),
    path("audits/", include("audits.urls")),
    path("reviews/", include("reviews.urls")),
    path("conferences/", include("conferences.urls")),
    path("cdop/", include("cdop.urls")),
    path("paqa/", include("paqa.urls")),
    path("reports/", include("annual_report.urls")),
]

handler403 = "partnership.errors.permission_denied"
handler404 = "partnership.errors.page_not_found"
handler500 = "partnership.errors.server_error"

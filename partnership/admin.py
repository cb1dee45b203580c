from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from bscp_portal.lib.lookup_admin import LookupAdmin
from bscp_portal.lib.record_admin import inline
from partnership import services
from partnership.models import (
    Agency,
    LearningTheme,
    Membership,
    OutcomeArea,
    QAQuadrant,
    ReminderLog,
    RiskTheme,
    RoleAssignment,
    SecurityEvent,
    SubCommittee,
    User,
)


@admin.register(Agency)
class AgencyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "statutory_partner", "s11_duty", "active"]
    list_filter = ["kind", "statutory_partner", "s11_duty", "active"]
    search_fields = ["name", "short_name"]


@admin.register(SubCommittee)
class SubCommitteeAdmin(LookupAdmin, SimpleHistoryAdmin):
    pass


for model in (OutcomeArea, QAQuadrant, RiskTheme, LearningTheme):
    admin.site.register(model, LookupAdmin)


@admin.register(User)
class UserAdmin(BaseUserAdmin, SimpleHistoryAdmin):
    list_display = ["username", "first_name", "last_name", "agency", "is_active"]
    list_filter = ["is_active", "agency", "role_assignments__role"]
    fieldsets = BaseUserAdmin.fieldsets + (("Partnership", {"fields": ("agency", "job_title")}),)
    inlines = [inline(RoleAssignment, extra=1), inline(Membership, extra=1)]
    actions = ["end_sessions", "disable_accounts"]

    @admin.action(description="End all sessions of the selected people")
    def end_sessions(self, request, queryset):
        for user in queryset:
            services.user_end_sessions(user=user, by=request.user, request=request)
        self.message_user(request, f"Ended the sessions of {queryset.count()} people.")

    @admin.action(description="Disable the selected accounts (ends their sessions)")
    def disable_accounts(self, request, queryset):
        for user in queryset.exclude(pk=request.user.pk):
            services.user_disable(user=user, by=request.user, request=request)
        self.message_user(request, "Disabled the selected accounts (your own excepted).")


@admin.register(SecurityEvent)
class SecurityEventAdmin(admin.ModelAdmin):
    """Read-only: the security log cannot be edited through the portal."""

    list_display = ["at", "kind", "username", "ip_address", "path", "detail"]
    list_filter = ["kind"]
    search_fields = ["username", "detail", "path", "ip_address"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReminderLog)
class ReminderLogAdmin(admin.ModelAdmin):
    list_display = ["on_date", "recipient", "label", "step", "item_type", "item_id", "sent_at"]
    list_filter = ["item_type", "step", "on_date"]
    readonly_fields = ["recipient", "item_type", "item_id", "step", "label", "on_date", "sent_at"]

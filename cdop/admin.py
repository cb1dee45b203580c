"""Only the CDOP reference lists are in the admin. Case records, reviews and meetings are
deliberately not registered: the admin is for the business unit, who are not panel members,
and child death records are seen only through the panel's own pages."""

from django.contrib import admin

from bscp_portal.lib.lookup_admin import LookupAdmin
from cdop.models import Area, Category, Ethnicity, FactorDomain


@admin.register(Category)
class CategoryAdmin(LookupAdmin):
    list_display = ["number", *LookupAdmin.list_display]


admin.site.register((FactorDomain, Ethnicity, Area), LookupAdmin)

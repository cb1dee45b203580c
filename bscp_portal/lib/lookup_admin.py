"""The admin for every list the business unit keeps (a `Lookup`): one class, registered per list.

    admin.site.register(Ethnicity, LookupAdmin)

Values are edited in the list itself (order, in use); the business unit's own page for the
same lists is "Lists" in the portal (partnership/lists.py).
"""

from django.contrib import admin


class LookupAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "active"]
    list_editable = ["order", "active"]
    list_filter = ["active"]
    search_fields = ["name"]

"""The conference lists the business unit keeps; conference records go through the portal's pages."""

from django.contrib import admin

from bscp_portal.lib.lookup_admin import LookupAdmin
from conferences.models import LateReason, Standard

admin.site.register((LateReason, Standard), LookupAdmin)

"""Only the CDOP reference lists are in the admin. Case records, reviews and meetings are
deliberately not registered: the admin is for the business unit, who are not panel members,
and child death records are seen only through the panel's own pages."""

from django.contrib import admin

from cdop.models import Area, Category, Ethnicity, FactorDomain


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "code", "order"]


@admin.register(FactorDomain, Ethnicity, Area)
class ReferenceAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "order"]

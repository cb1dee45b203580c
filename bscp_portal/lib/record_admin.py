"""Admin pieces every strand's admin.py uses: rows edited on their parent's page, and records
the admin only shows (their changes go through the portal's pages, which apply the rules).

    @admin.register(Course)
    class CourseAdmin(SimpleHistoryAdmin):
        inlines = [inline(TrainingSession)]

    @admin.register(CaseReview)
    class CaseReviewAdmin(ReadOnlyHistoryAdmin):
        list_display = [...]
"""

from django.contrib import admin
from django.contrib.admin.options import InlineModelAdmin
from simple_history.admin import SimpleHistoryAdmin


def inline(model, *, extra: int = 0, stacked: bool = False) -> type[InlineModelAdmin]:
    """The rows of `model` edited on their parent's admin page: a table, or stacked forms."""
    base = admin.StackedInline if stacked else admin.TabularInline
    return type(f"{model.__name__}Inline", (base,), {"model": model, "extra": extra})


class ReadOnlyHistoryAdmin(SimpleHistoryAdmin):
    """A record with history that the admin shows but never changes: every field is read-only."""

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

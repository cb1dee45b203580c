"""One page of a long list, and the query string its pager's links keep."""

from django.core.paginator import Page, Paginator


def paged(request, rows, per_page: int) -> tuple[Page, str]:
    """The page `?page=` asks for (the last for a number past the end, the first for anything that
    is not a number) and the query string without `page`, so that the pager keeps the filters."""
    page = Paginator(rows, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()

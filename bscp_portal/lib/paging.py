"""One page of a long list, and the query string its pager's links keep; a page that shows one."""

from django.core.paginator import Page, Paginator
from django.shortcuts import render


def paged(request, rows, per_page: int) -> tuple[Page, str]:
    """The page `?page=` asks for (the last for a number past the end, the first for anything that
    is not a number) and the query string without `page`, so that the pager keeps the filters."""
    page = Paginator(rows, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


def render_paged(request, template: str, rows, per_page: int, context: dict):
    """`template` with the page of `rows` that `?page=` asks for (`page`), the query string its
    pager's links keep (`query`, as `paged` gives them) and the rest of the page's `context`."""
    page, query = paged(request, rows, per_page)
    return render(request, template, {**context, "page": page, "query": query})

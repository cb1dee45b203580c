"""A page that shows one long list a page at a time."""

from django.shortcuts import render

from bscp_portal.lib.paging import paged


def render_paged(request, template: str, rows, per_page: int, context: dict):
    """`template` with the page of `rows` that `?page=` asks for (`page`), the query string its
    pager's links keep (`query`, as `paged` gives them) and the rest of the page's `context`."""
    page, query = paged(request, rows, per_page)
    return render(request, template, {**context, "page": page, "query": query})

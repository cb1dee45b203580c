"""A paged list page: its template is given the page asked for, the pager's query and the rest."""

from unittest import mock

from django.test import RequestFactory

from bscp_portal.lib import list_pages

ROWS = list(range(1, 8))  # 7 rows, 3 to a page


def test_the_template_is_given_the_page_the_pagers_query_and_the_context():
    request = RequestFactory().get("/list/", {"status": "open", "page": "2"})
    with mock.patch.object(list_pages, "render", return_value="the page") as render:
        answer = list_pages.render_paged(request, "things/list.html", ROWS, 3, {"title": "Things"})
    assert answer == "the page"
    (given_request, template, context), _ = render.call_args
    assert (given_request, template) == (request, "things/list.html")
    assert context["title"] == "Things"
    assert (context["page"].number, list(context["page"])) == (2, [4, 5, 6])
    assert context["query"] == "status=open"

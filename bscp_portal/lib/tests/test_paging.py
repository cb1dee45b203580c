"""The pager: the page asked for, and the filters kept in its links."""

from unittest import mock

import pytest
from django.test import RequestFactory

from bscp_portal.lib import paging
from bscp_portal.lib.paging import paged

ROWS = list(range(1, 8))  # 7 rows, 3 to a page: pages of 3, 3 and 1


@pytest.mark.parametrize(
    ("page", "number", "rows"),
    [("2", 2, [4, 5, 6]), ("3", 3, [7]), ("99", 3, [7]), ("zz", 1, [1, 2, 3]), ("", 1, [1, 2, 3])],
)
def test_it_gives_the_page_asked_for_or_the_nearest_one(page, number, rows):
    found, _ = paged(RequestFactory().get("/list/", {"page": page}), ROWS, 3)
    assert (found.number, list(found)) == (number, rows)


def test_the_pagers_query_keeps_the_filters_and_drops_the_page():
    _, query = paged(RequestFactory().get("/list/", {"status": "open", "page": "2", "agency": "4"}), ROWS, 3)
    assert query == "status=open&agency=4"


def test_the_template_is_given_the_page_the_pagers_query_and_the_context():
    request = RequestFactory().get("/list/", {"status": "open", "page": "2"})
    with mock.patch.object(paging, "render", return_value="the page") as render:
        answer = paging.render_paged(request, "things/list.html", ROWS, 3, {"title": "Things"})
    assert answer == "the page"
    (given_request, template, context), _ = render.call_args
    assert (given_request, template) == (request, "things/list.html")
    assert context["title"] == "Things"
    assert (context["page"].number, list(context["page"])) == (2, [4, 5, 6])
    assert context["query"] == "status=open"

"""The case list and the statistics page: query counts that do not grow with the data."""

import datetime as dt

import pytest
from django.urls import reverse

from cdop.tests.factories import DeathFactory, PanelMeetingFactory, review_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(cdop_data, world):
    for i in range(30):
        death = DeathFactory(date_of_death=dt.date(2021 + i % 4, 6, 1) + dt.timedelta(days=i))
        death.agencies.set([world.home])
        if i % 2:
            review_for(death, category_code=["trauma", "sudi", "perinatal"][i % 3])
    PanelMeetingFactory()


def test_case_list_queries(many, world, client_for, django_assert_num_queries):
    client = client_for(world.user("cdop"))
    client.get(reverse("cdop:case_list"))  # warm the session
    # 1 session, 2 user, 3 roles, 4 count of cases, 5 access-log insert, 6 is the user the panel
    # chair, 7 the user's agency (page header), 8 categories (filter choices), 9 the page of
    # deaths with area, review and category joined, 10-12 session save (savepoint, update, release)
    with django_assert_num_queries(12):
        response = client.get(reverse("cdop:case_list"))
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 30


def test_statistics_page_queries(many, world, client_for, django_assert_num_queries):
    from django.core.cache import cache

    client = client_for(world.user("board"))
    client.get(reverse("cdop:index"))
    cache.clear()  # the tables counted afresh, as after a change to a child death record
    # 1 session, 2 user, 3 roles; 4-9 six GROUP BY aggregates (expectation, age band, category,
    # modifiable, domain, time from death to review) and 10-13 four more of reviews by age band,
    # sex, ethnicity and deprivation (suppressed together with the page's tables); 14 categories,
    # 15 domains (row labels); 16 population estimates; 17 the user's agency (page header);
    # 18-20 session save (savepoint, update, release)
    with django_assert_num_queries(20):
        response = client.get(reverse("cdop:index"))
    assert response.status_code == 200
    # Until a record changes the tables and charts come from the cache: 1 session, 2 user,
    # 3 roles, 4 the user's agency, 5-7 session save.
    with django_assert_num_queries(7):
        again = client.get(reverse("cdop:index"))
    assert again.context["tables"] == response.context["tables"]
    assert again.context["figures"] == response.context["figures"]

"""The compliance matrix, its exports and the progress page: right figures, nothing from the canary."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from partnership.models import AgencyKind, S11Duty
from partnership.tests.factories import AgencyFactory
from section11 import selectors
from section11.tests.factories import make_return, open_round

pytestmark = pytest.mark.django_db

SELF = ["fully_met"] * 6 + ["partially_met", "not_met", "not_applicable"]


def _two_rounds():
    old = open_round(name="Last year", opens_on=dt.date(2025, 10, 1), deadline=dt.date(2025, 12, 12))
    new = open_round(name="This year")
    return old, new


def test_agreed_ratings_win_and_self_ratings_are_marked(world):
    rnd = open_round()
    make_return(world.home, rnd=rnd, ratings=SELF, agreed=["partially_met"] + [""] * 8, status="accepted")
    m = selectors.compliance_matrix(user=world.user("paqa"), round=rnd)
    home = next(r for r in m.rows if r.agency_id == world.home.pk)
    assert (home.cells[0].rating, home.cells[0].agreed) == ("partially_met", True)
    assert (home.cells[1].rating, home.cells[1].agreed) == ("fully_met", False)
    # Only the agreed standard 1 (partially met) counts: 1 of 2 points; 8 self-ratings wait
    assert str(home.score) == "50.0"
    assert home.not_agreed == 8


def test_the_headline_counts_agreed_ratings_only_and_names_its_base(world):
    rnd = open_round()
    # Home agreed: 6 fully met, 1 partially, 1 not met, 1 N/A = 13 of 16 points over 8 standards
    make_return(world.home, rnd=rnd, ratings=SELF, agreed=SELF, status="accepted")
    make_return(world.other, rnd=rnd, ratings="fully_met", status="submitted")  # self-rated only
    m = selectors.compliance_matrix(user=world.user("paqa"), round=rnd)
    assert m.headline.text == "81.3% of 8 agreed standards, 1 agency; 1 return not yet reviewed"
    assert m.overall == m.headline.percent
    canary = next(r for r in m.rows if r.agency_id == world.other.pk)
    assert canary.score is None and canary.not_agreed == 9
    assert m.column_not_agreed() == [1] * 9


def test_the_matrix_page_shows_the_headline_and_the_waiting_column(world, client_for):
    rnd = open_round()
    make_return(world.home, rnd=rnd, ratings=SELF, agreed=SELF, status="accepted")
    make_return(world.other, rnd=rnd, ratings="fully_met", status="submitted")
    body = client_for(world.user("paqa")).get(reverse("section11:matrix")).content.decode()
    assert "81.3% of 8 agreed standards, 1 agency; 1 return not yet reviewed" in body
    assert "Self-rated, not yet agreed" in body


def test_change_since_the_previous_round_is_in_points(world):
    old, new = _two_rounds()
    make_return(world.home, rnd=old, ratings="partially_met", agreed="partially_met", status="accepted")
    make_return(world.home, rnd=new, ratings="fully_met", agreed="fully_met", status="under_challenge")
    m = selectors.compliance_matrix(user=world.user("paqa"), round=new)
    home = next(r for r in m.rows if r.agency_id == world.home.pk)
    assert (str(home.previous_score), str(home.score), str(home.change)) == ("50.0", "100.0", "50.0")
    assert m.previous == old


def test_an_agency_not_started_has_no_score_not_zero(world):
    rnd = open_round()
    m = selectors.compliance_matrix(user=world.user("paqa"), round=rnd)
    home = next(r for r in m.rows if r.agency_id == world.home.pk)
    assert home.score is None and home.status is None and home.change is None


def test_totals_per_standard(world):
    rnd = open_round()
    make_return(world.home, rnd=rnd, ratings=SELF, agreed=SELF)
    make_return(world.other, rnd=rnd, ratings="not_met", agreed="not_met")
    from section11 import services

    draft_only = AgencyFactory(name="Draft only")
    services.participation_set(round=rnd, agency=draft_only, mode="required")
    make_return(draft_only, rnd=rnd, ratings="not_met")  # not agreed: not in the totals
    tallies = dict(
        (s.number, t) for s, t in selectors.compliance_matrix(user=world.user("bu"), round=rnd).column_tallies()
    )
    assert (tallies[1].fully_met, tallies[1].not_met) == (1, 1)
    assert (tallies[9].not_applicable, tallies[9].not_met) == (1, 1)


def test_filters_by_agency_type_and_duty(world):
    rnd = open_round()
    school = AgencyFactory(name="A school", kind=AgencyKind.EDUCATION, s11_duty=S11Duty.COMMISSIONED)
    from section11 import services

    services.participation_set(round=rnd, agency=school, mode="required")
    user = world.user("paqa")
    by_kind = selectors.compliance_matrix(user=user, round=rnd, filters={"kind": "education"})
    assert [r.agency_id for r in by_kind.rows] == [school.pk]
    by_duty = selectors.compliance_matrix(user=user, round=rnd, filters={"duty": "statutory"})
    assert school.pk not in [r.agency_id for r in by_duty.rows]


def test_the_canary_never_appears_to_an_agency_user(world, client_for):
    rnd = open_round()
    make_return(world.home, rnd=rnd, ratings="fully_met")
    make_return(world.other, rnd=rnd, ratings="not_met")
    client = client_for(world.user("lead"))
    for url in (
        reverse("section11:matrix"),
        reverse("section11:matrix") + "?duty=statutory",
        reverse("section11:matrix_export", kwargs={"fmt": "csv"}),
        reverse("section11:round_detail", kwargs={"pk": rnd.pk}),
        reverse("section11:index"),
    ):
        body = client.get(url).getvalue().decode("utf-8-sig")
        assert "Canary" not in body, url
        assert "Home" in body or url.endswith("/section11/"), url
    xlsx = client.get(reverse("section11:matrix_export", kwargs={"fmt": "xlsx"})).getvalue()
    cells = [c.value for row in load_workbook(io.BytesIO(xlsx)).active.iter_rows() for c in row]
    assert "Canary" not in cells and "Home" in cells


def test_the_board_sees_every_agency_in_the_matrix(world, client_for):
    rnd = open_round()
    make_return(world.other, rnd=rnd, ratings="not_met")
    body = client_for(world.user("board")).get(reverse("section11:matrix")).content.decode()
    assert "Canary" in body


def test_the_csv_export_has_a_row_per_agency_and_is_logged(world, client_for):
    from partnership.models import SecurityEvent

    rnd = open_round()
    make_return(world.home, rnd=rnd, ratings=SELF, agreed="fully_met")
    response = client_for(world.user("paqa")).get(reverse("section11:matrix_export", kwargs={"fmt": "csv"}))
    assert response["Content-Disposition"].startswith("attachment")
    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    home = next(r for r in rows if r["Agency"] == "Home")
    assert home["S1 rating"] == "Fully met" and home["S1 agreed"] == "yes"
    assert home["Compliance %"] == "100.0"
    assert SecurityEvent.objects.filter(kind="export", user=world.user("paqa")).exists()


def _many(n_agencies: int, rnd, old):
    for i in range(n_agencies):
        agency = AgencyFactory(name=f"Agency {i:02d}")
        from section11 import services

        services.participation_set(round=rnd, agency=agency, mode="required")
        services.participation_set(round=old, agency=agency, mode="required")
        make_return(agency, rnd=old, ratings="partially_met", status="accepted")
        make_return(agency, rnd=rnd, ratings=SELF)


@pytest.mark.parametrize(
    ("page", "role", "agencies", "more", "queries"),
    [
        # 1 session, 2 user, 3 the round asked for, 4 the user's roles, 5 standards of the round,
        # 6 return statuses, 7 every rating this round, 8 the previous round, 9 its ratings,
        # 10 participations, 11 their agencies, 12 rounds for the filter, 13 PAQA's questions
        # on the ratings shown, 14-16 session save.
        pytest.param("section11:matrix", "paqa", 12, 6, 16, id="matrix"),
        # 1 session, 2 user, 3 roles, 4 the round, 5 standards counted, 6 returns with rated
        # standards counted, 7 participations, 8 their agencies, 9 rounds for the filter,
        # 10-12 session save.
        pytest.param("section11:progress", "bu", 8, 8, 12, id="progress"),
    ],
)
def test_the_page_query_count_does_not_grow_with_agencies(
    page, role, agencies, more, queries, world, client_for, django_assert_num_queries
):
    old, rnd = _two_rounds()
    _many(agencies, rnd, old)
    client = client_for(world.user(role))
    for added in (0, more):
        if added:
            _many(added, rnd, old)
        with django_assert_num_queries(queries):
            assert client.get(reverse(page) + f"?round={rnd.pk}").status_code == 200


def test_progress_shows_days_to_deadline_and_each_status(world, client_for):
    rnd = open_round()
    make_return(world.home, rnd=rnd, status="submitted")
    body = client_for(world.user("bu")).get(reverse("section11:progress")).content.decode()
    assert "40 days to go" in body
    assert "Submitted" in body and "Not started" in body


def test_return_detail_query_count_is_fixed(world, client_for, django_assert_max_num_queries):
    submission = make_return(world.home, ratings="fully_met")
    client = client_for(world.user("lead"))
    with django_assert_max_num_queries(30):
        assert client.get(submission.get_absolute_url()).status_code == 200


def test_the_heatmap_is_a_valid_plotly_figure_marking_self_ratings(world):
    import plotly.graph_objects as go

    from section11 import charts

    rnd = open_round()
    make_return(world.home, rnd=rnd, ratings=SELF, agreed=["fully_met"] + [""] * 8)
    figure = charts.heatmap(selectors.compliance_matrix(user=world.user("paqa"), round=rnd))
    go.Figure(figure)  # plotly's own validation: raises on any invalid property
    heat, marks = figure["data"]
    home = heat["y"].index("Home")
    assert heat["text"][home][0] == "Fully met" and heat["text"][home][1] == "Fully met (self)"
    assert heat["z"][home][:3] == [2, 2, 2] and heat["z"][home][7:] == [0, None]
    assert len(marks["x"]) == 8  # standards 2-9 are self-rated, standard 1 agreed

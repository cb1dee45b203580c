"""PAQA's recurring themes: counts per strand side by side, actions done, CDOP suppressed."""

import datetime as dt

import pytest
from django.urls import reverse

from actions.services import action_sign_off
from actions.tests.factories import action_on
from paqa.themes import ThemeCell, theme_rows
from partnership.framework import load as load_partnership_framework
from partnership.models import LearningTheme
from partnership.themes import tally

D = dt.date


def test_tally_counts_records_once_and_adds_actions_through_their_owner():
    counts = tally(
        record_themes=[(1, 10), (2, 10), (2, 11), (2, 10)],
        action_owner={100: 1, 101: 2, 102: 3},
        action_counts={100: (2, 1, 0), 101: (3, 3, 0), 102: (9, 9, 9)},
    )
    assert (counts[10].records, counts[10].actions, counts[10].done, counts[10].overdue) == (2, 5, 4, 0)
    assert (counts[11].records, counts[11].actions, counts[11].done) == (1, 3, 3)


def test_tally_suppresses_the_record_count_it_is_told_to():
    counts = tally(record_themes=[(1, 10)], action_owner={}, action_counts={}, suppress=lambda n: "c" if n <= 5 else n)
    assert counts[10].records == "c"


def test_rows_put_themes_found_in_most_strands_first_and_never_add_a_suppressed_count():
    cell = ThemeCell
    rows = theme_rows(
        [(1, "Neglect"), (2, "Safer sleep"), (3, "Escalation"), (4, "Unused")],
        [
            {1: cell(2, 2, 1, 1), 3: cell(9, 0, 0, 0)},
            {1: cell(1, 0, 0, 0), 2: cell("c", 1, 1, 0)},
        ],
    )
    assert [r.theme for r in rows] == ["Neglect", "Escalation", "Safer sleep"]
    neglect = rows[0]
    assert (neglect.strands, neglect.actions, neglect.done, neglect.overdue) == (2, 2, 1, 1)
    assert rows[2].cells[0] is None and rows[2].cells[1].records == "c"
    assert rows[2].all_done and not neglect.all_done


@pytest.mark.django_db
def test_the_page_shows_each_strand_side_by_side_with_actions_done(world, client_for):
    from audits.tests.factories import AgencyAuditFactory
    from cdop.tests.factories import DeathFactory, load_reference_data, review_for
    from reviews.tests.factories import CaseReviewFactory, InspectionFactory, RecommendationFactory

    load_partnership_framework()
    load_reference_data()
    neglect = LearningTheme.objects.get(code="neglect")
    sharing = LearningTheme.objects.get(code="information-sharing")
    chair = world.user("chair")

    def act(source, done=False, due=D(2030, 1, 1)):
        action = action_on(source, world, "Change the procedure.", "Audit shows the change.", by="chair", due=due)
        if done:
            action_sign_off(action=action, by=chair, evidence="Audit of 10 cases: 9 showed it.")

    for _ in range(2):
        review = CaseReviewFactory(agencies=[world.home])
        review.themes.set([neglect])
        rec = RecommendationFactory(case_review=review, agency=world.home)
        act(rec, done=True)
    inspection = InspectionFactory(agencies=[world.home])
    inspection.themes.set([neglect, sharing])
    act(RecommendationFactory(case_review=None, inspection=inspection, agency=world.home), due=D(2020, 1, 1))
    audit = AgencyAuditFactory(agency=world.home)
    audit.themes.set([sharing])
    death = DeathFactory()
    review_for(death).themes.set([neglect])

    body = client_for(world.user("paqa")).get(reverse("paqa:themes")).content.decode()
    neglect_row = body[body.index('<th scope="row">Neglect</th>') :].split("</tr>")[0]
    cells = [c.split("</td>")[0] for c in neglect_row.split("<td")[1:]]
    # Case reviews 2 (2 of 2 done), themed 0, inspections 1 (0 of 1), single 0, multi 0, CDOP "c".
    assert "<strong>2</strong>" in cells[0] and "2 of 2 done" in cells[0]
    assert "–" in cells[1]
    assert "<strong>1</strong>" in cells[2] and "0 of 1 done" in cells[2]
    assert '<abbr class="symbol" title="c means suppressed' in cells[5] and ">c</abbr></strong>" in cells[5]
    assert 'id="symbols-note"' in body
    assert "3 of 6" in cells[6]
    assert "2 of 3 signed off" in cells[7] and "1 overdue" in cells[7]
    assert body.index("Neglect</th>") < body.index("Information sharing</th>")


@pytest.mark.django_db
def test_the_page_is_refused_to_agency_roles(world, client_for):
    for key in ("lead", "contributor", "cdop", "chair", "ssm"):
        assert client_for(world.user(key)).get(reverse("paqa:themes")).status_code == 403

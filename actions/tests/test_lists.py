"""The all-actions list, its filters, exports and the dashboard: access, canary, query counts."""

import csv
import datetime as dt
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from actions.models import Action
from actions.tests.factories import ActionFactory
from partnership.models import SubCommittee
from partnership.tests.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db

CANARY = "CANARY-ACTION-do-not-leak"


@pytest.fixture
def plan(world):
    """Home actions in several states, and one canary action in the other agency."""
    today = timezone.localdate()
    paqa = SubCommittee.objects.get(code="paqa")
    owner = world.user("contributor")

    def completed(days_ago):
        """Due 30 days ago and completed `days_ago`: before the due date is on time, after it late."""
        return ActionFactory(
            agency=world.home,
            owner=owner,
            due_date=today - dt.timedelta(days=30),
            status=Action.Status.COMPLETE,
            completed_at=timezone.now() - dt.timedelta(days=days_ago),
        )

    made = {
        "overdue": ActionFactory(
            agency=world.home, owner=owner, due_date=today - dt.timedelta(days=3), subcommittee=paqa
        ),
        "soon": ActionFactory(agency=world.home, owner=world.user("lead"), due_date=today + dt.timedelta(days=10)),
        "later": ActionFactory(agency=world.home, owner=owner, due_date=today + dt.timedelta(days=200)),
        "done": completed(days_ago=40),
        "late": completed(days_ago=2),
    }
    made["from_source"] = ActionFactory(agency=world.home, owner=owner)
    Action.objects.filter(pk=made["from_source"].pk).update(
        source_type=ContentType.objects.get_for_model(Action), source_id=made["soon"].pk, source_label="Follow-up"
    )
    made["canary"] = ActionFactory(
        agency=world.other, owner=world.other_lead, description=CANARY, due_date=today - dt.timedelta(days=5)
    )
    return made


def _body(response) -> str:
    return response.getvalue().decode("utf-8-sig")


def _descriptions(response):
    return {a.description for a in response.context["page"]}


def test_an_agency_user_never_sees_the_canary(plan, world, client_for):
    for key in ["lead", "contributor", "chair", "ssm", "cdop"]:
        client = client_for(world.user(key))
        assert CANARY not in client.get(reverse("actions:index")).text, key
        assert CANARY not in client.get(reverse("actions:index") + "?overdue=true").text
        assert CANARY not in client.get(reverse("actions:index") + f"?agency={world.other.pk}").text
        assert CANARY not in _body(client.get(reverse("actions:export", kwargs={"fmt": "csv"})))
        book = load_workbook(io.BytesIO(client.get(reverse("actions:export", kwargs={"fmt": "xlsx"})).getvalue()))
        assert CANARY not in {c.value for row in book.active.iter_rows() for c in row}
        dashboard = client.get(reverse("actions:dashboard"))
        assert "Canary" not in dashboard.text
        assert "Canary" not in str(dashboard.context["chart"])


def test_partnership_roles_see_every_agency(plan, world, client_for):
    for key in ["bu", "paqa", "board"]:
        assert CANARY in client_for(world.user(key)).get(reverse("actions:index")).text


def test_filter_by_agency(plan, world, client_for):
    response = client_for(world.user("paqa")).get(reverse("actions:index") + f"?agency={world.other.pk}")
    assert _descriptions(response) == {CANARY}


def test_an_agency_filter_outside_your_scope_is_not_offered(plan, world, client_for):
    response = client_for(world.user("lead")).get(reverse("actions:index") + f"?agency={world.other.pk}")
    assert "Select a valid choice" in response.text
    assert CANARY not in response.text


def test_filter_overdue_and_due_window(plan, world, client_for):
    client = client_for(world.user("lead"))
    assert _descriptions(client.get(reverse("actions:index") + "?overdue=true")) == {plan["overdue"].description}
    assert _descriptions(client.get(reverse("actions:index") + "?due=14")) == {plan["soon"].description}
    assert _descriptions(client.get(reverse("actions:index") + "?due=later")) == {plan["later"].description}
    not_overdue = _descriptions(client.get(reverse("actions:index") + "?overdue=false"))
    assert plan["overdue"].description not in not_overdue and plan["late"].description in not_overdue


def test_filter_by_status_subcommittee_source_and_mine(plan, world, client_for):
    client = client_for(world.user("lead"))
    done = _descriptions(client.get(reverse("actions:index") + "?status=complete"))
    assert done == {plan["done"].description, plan["late"].description}
    paqa = SubCommittee.objects.get(code="paqa")
    assert _descriptions(client.get(reverse("actions:index") + f"?subcommittee={paqa.pk}")) == {
        plan["overdue"].description
    }
    ct = ContentType.objects.get_for_model(Action)
    assert _descriptions(client.get(reverse("actions:index") + f"?source_kind={ct.pk}")) == {
        plan["from_source"].description
    }
    assert _descriptions(client.get(reverse("actions:index") + "?mine=true")) == {plan["soon"].description}


def test_the_csv_export_uses_the_same_filters(plan, world, client_for):
    response = client_for(world.user("lead")).get(reverse("actions:export", kwargs={"fmt": "csv"}) + "?overdue=true")
    assert response["Content-Disposition"].startswith('attachment; filename="actions-')
    rows = list(csv.DictReader(io.StringIO(_body(response))))
    assert [r["What will be done"] for r in rows] == [plan["overdue"].description]
    assert rows[0]["Overdue"] == "yes" and rows[0]["Agency"] == "Home Agency"


def test_the_xlsx_export_marks_late_completion(plan, world, client_for):
    response = client_for(world.user("lead")).get(
        reverse("actions:export", kwargs={"fmt": "xlsx"}) + "?status=complete"
    )
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    header, *rows = [[c.value for c in row] for row in sheet.iter_rows()]
    by_desc = {r[header.index("What will be done")]: dict(zip(header, r, strict=True)) for r in rows}
    assert by_desc[plan["done"].description]["Completed on time"] == "yes"
    assert by_desc[plan["late"].description]["Completed on time"] == "no"


def test_each_export_is_logged(plan, world, client_for):
    from partnership.models import SecurityEvent

    client_for(world.user("lead")).get(reverse("actions:export", kwargs={"fmt": "csv"}) + "?status=complete")
    event = SecurityEvent.objects.get(kind="export")
    assert "actions csv: 2 rows" in event.detail and event.user == world.user("lead")


def test_the_dashboard_counts(plan, world, client_for):
    figures = client_for(world.user("lead")).get(reverse("actions:dashboard")).context["figures"]
    totals = figures["totals"]
    assert (totals["open"], totals["overdue"], totals["on_time"], totals["late"]) == (4, 1, 1, 1)
    assert [r["agency__name"] for r in figures["by_agency"]] == ["Home Agency"]
    labels = {r["label"]: r["total"] for r in figures["by_source"]}
    assert labels == {"No source": 5, "Action": 1}


def _bulk(world, n):
    agencies = [world.home, *[AgencyFactory() for _ in range(3)]]
    owners = [UserFactory(agency=a) for a in agencies]
    committees = list(SubCommittee.objects.all())
    today = timezone.localdate()
    Action.objects.bulk_create(
        Action(
            description=f"Bulk action {i}",
            measure="m",
            owner=owners[i % 4],
            agency=agencies[i % 4],
            subcommittee=committees[i % len(committees)],
            due_date=today + dt.timedelta(days=i % 60 - 30),
        )
        for i in range(n)
    )


@pytest.mark.parametrize("n", [10, 120])
@pytest.mark.parametrize(
    ("page", "queries"),
    [
        # session, user, roles, sub-committees the user chairs, count, the user's agency (page
        # header), agency / sub-committee / source-kind choices, the page of actions (owner,
        # agency, sub-committee joined), then the session save (savepoint, update, release)
        pytest.param("actions:index", 13, id="list"),
        # session, user, roles, sub-committees the user chairs, the counts grouped by agency and
        # source kind (one query), the user's agency (page header), agency / sub-committee /
        # source-kind choices, the session save (savepoint, update, release)
        pytest.param("actions:dashboard", 12, id="dashboard"),
    ],
)
def test_the_page_query_count_does_not_grow(page, queries, world, client_for, django_assert_num_queries, n):
    _bulk(world, n)
    client = client_for(world.user("paqa"))
    client.get(reverse(page))  # warm the content-type cache
    with django_assert_num_queries(queries):
        client.get(reverse(page))


@pytest.mark.parametrize("n", [10, 120])
def test_the_export_query_count_does_not_grow(world, client_for, django_assert_num_queries, n):
    _bulk(world, n)
    client = client_for(world.user("paqa"))
    _body(client.get(reverse("actions:export", kwargs={"fmt": "csv"})))
    # session, user, roles, sub-committees the user chairs, the row count (for the security
    # log), the security-log insert, the session save (3), then the rows as they stream (one)
    with django_assert_num_queries(10):
        body = _body(client.get(reverse("actions:export", kwargs={"fmt": "csv"})))
    assert body.count("\n") == n + 1


def test_filter_open_and_chaired(plan, world, client_for):
    open_ = _descriptions(client_for(world.user("lead")).get(reverse("actions:index") + "?status=open"))
    assert open_ == {plan[k].description for k in ["overdue", "soon", "later", "from_source"]}
    chaired = _descriptions(client_for(world.user("chair")).get(reverse("actions:index") + "?chaired=true&status=open"))
    assert chaired == {plan["overdue"].description}
    # The filter is offered only to chairs.
    assert "chaired" not in client_for(world.user("lead")).get(reverse("actions:index")).context["filter"].filters


def test_the_chart_sums_agencies_beyond_the_first_twenty():
    from actions.charts import chart_rows

    rows = [
        {"agency__name": f"A{i:02d}", "agency__short_name": "", "open": i, "overdue": 1, "on_time": 2, "late": 0}
        for i in range(25)
    ]
    drawn = chart_rows(rows)
    assert [r["label"] for r in drawn[:2]] == ["A24", "A23"]
    assert drawn[-1]["label"] == "5 other agencies"
    assert drawn[-1]["open"] == sum(range(5)) and drawn[-1]["on_time"] == 10
    assert len(drawn) == 21


def test_exported_text_cannot_become_a_formula(world, client_for):
    ActionFactory(
        agency=world.home, owner=world.user("lead"), description='=HYPERLINK("http://x","click")', measure="+1"
    )
    for fmt in ["csv", "xlsx"]:
        response = client_for(world.user("lead")).get(reverse("actions:export", kwargs={"fmt": fmt}))
        if fmt == "csv":
            row = next(csv.DictReader(io.StringIO(_body(response))))
        else:
            header, values = [
                [c.value for c in r] for r in load_workbook(io.BytesIO(response.getvalue())).active.iter_rows()
            ]
            row = dict(zip(header, values, strict=True))
        assert row["What will be done"] == "'" + '=HYPERLINK("http://x","click")'
        assert row["How success will be measured"] == "'+1"

"""seed_demo: one user per role, the demo password signs in, and a second run changes nothing.

The demo is seeded once for this module's tests (conftest.demo_seeded); every test here uses it."""

from io import StringIO

import pytest
from django.core.management import call_command

from partnership.models import Agency, Membership, RoleAssignment, User
from partnership.tests.test_commands import counts

pytestmark = pytest.mark.xdist_group("seed-demo")


def test_seed_demo_creates_one_user_per_role(demo):
    assert Agency.objects.count() >= 20
    expected = {
        "bu": "business_unit",
        "paqa": "paqa",
        "chair": "chair",
        "board": "board",
        "police-lead": "agency_lead",
        "health-lead": "agency_lead",
        "school-contributor": "agency_contributor",
        "cdop": "cdop",
        "ssm": "safeguarding_manager",
    }
    for username, role in expected.items():
        assert RoleAssignment.objects.filter(user__username=username, role=role).exists(), username
    assert User.objects.get(username="police-lead").agency.kind == "police"
    assert Membership.objects.get(user__username="cdop", subcommittee__code="cdop").is_chair


def test_seed_demo_twice_changes_nothing(demo):
    before = counts()
    call_command("seed_demo", stdout=StringIO())
    assert counts() == before


def test_demo_users_sign_in_with_the_demo_password(demo, client, settings):
    response = client.post("/accounts/login/", {"username": "police-lead", "password": settings.DEMO_PASSWORD})
    assert response.status_code == 302


def test_seed_demo_has_a_multi_agency_audit_at_each_governance_step_and_equality_figures(demo, client):
    from audits import governance_rules
    from audits.models import Dissemination, PracticeAudit

    waiting = {governance_rules.current_step(a.step_dates()) for a in PracticeAudit.objects.all()}
    assert waiting >= {*governance_rules.STEP_CODES, None}
    assert set(Dissemination.objects.values_list("kind", flat=True)) == {"good_practice", "shortfall"}
    client.force_login(User.objects.get(username="paqa"))
    page = client.get("/paqa/equality/").content.decode()
    assert "Initial child protection conferences" in page and "Child deaths (CDOP)" in page
    assert client.get("/audits/practice/governance/").status_code == 200

"""load_framework and seed_demo are idempotent: a second run changes nothing."""

from io import StringIO

from django.apps import apps
from django.core.management import call_command

from partnership.models import Agency, Membership, OutcomeArea, QAQuadrant, RoleAssignment, SubCommittee, User


def counts() -> dict[str, int]:
    return {
        m._meta.label: m.objects.count()
        for m in apps.get_models()
        if not m._meta.label.startswith(("sessions.", "admin."))
    }


def test_load_framework_loads_the_reference_data(db):
    call_command("load_framework", stdout=StringIO())
    assert OutcomeArea.objects.count() == 5
    assert QAQuadrant.objects.count() == 4
    assert SubCommittee.objects.filter(code="paqa").exists()


def test_load_framework_twice_changes_nothing(db):
    call_command("load_framework", stdout=StringIO())
    before = counts()
    call_command("load_framework", stdout=StringIO())
    assert counts() == before


def test_seed_demo_creates_one_user_per_role(db):
    call_command("seed_demo", stdout=StringIO())
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


def test_seed_demo_twice_changes_nothing(db):
    call_command("seed_demo", stdout=StringIO())
    before = counts()
    call_command("seed_demo", stdout=StringIO())
    assert counts() == before


def test_demo_users_sign_in_with_the_demo_password(db, client, settings):
    call_command("seed_demo", stdout=StringIO())
    response = client.post("/accounts/login/", {"username": "police-lead", "password": settings.DEMO_PASSWORD})
    assert response.status_code == 302

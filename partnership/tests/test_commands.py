"""load_framework is idempotent: a second run changes nothing (seed_demo: test_seed_demo.py)."""

from io import StringIO

from django.apps import apps
from django.core.management import call_command

from partnership.models import OutcomeArea, QAQuadrant, SubCommittee


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

"""The demo seeder: believable, idempotent."""

import pytest
from django.utils import timezone

from actions import demo
from actions.models import Action, ActionEvent, EvidenceFile
from partnership import demo as partnership_demo
from partnership import framework

pytestmark = pytest.mark.django_db


def test_it_seeds_believable_actions_once(media):
    framework.load()
    partnership_demo.seed()
    demo.seed()
    counts = (Action.objects.count(), ActionEvent.objects.count(), EvidenceFile.objects.count())
    assert counts[0] >= 25
    today = timezone.localdate()
    assert Action.objects.overdue(today).exists()
    assert Action.objects.filter(status="complete").count() >= 10
    assert all(a.completion_evidence for a in Action.objects.filter(status="complete"))
    assert EvidenceFile.objects.exists()
    assert Action.objects.values("agency").distinct().count() >= 10
    assert Action.objects.filter(source_type__isnull=False).exists()
    for action in Action.objects.select_related("owner"):
        assert action.owner.agency_id == action.agency_id
    demo.seed()
    assert (Action.objects.count(), ActionEvent.objects.count(), EvidenceFile.objects.count()) == counts

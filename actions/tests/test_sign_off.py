"""Signing an action off (with evidence of outcome) and reopening it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actions.models import Action, ActionEvent, EvidenceFile

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _url(action, name="sign_off"):
    return reverse(f"actions:{name}", kwargs={"pk": action.pk})


def test_it_refuses_sign_off_without_evidence_and_keeps_nothing(paqa_action, world, client_for):
    response = client_for(world.user("chair")).post(
        _url(paqa_action), {"evidence": "  ", "version": paqa_action.version}
    )
    assert response.status_code == 200
    assert "only with evidence of its outcome" in response.text
    paqa_action.refresh_from_db()
    assert paqa_action.status == Action.Status.NOT_STARTED
    assert not ActionEvent.objects.exists()


def test_it_says_files_must_be_chosen_again_after_an_error(paqa_action, world, client_for):
    response = client_for(world.user("chair")).post(_url(paqa_action), {"evidence": "", "version": paqa_action.version})
    assert "choose the files again" in response.text


def test_the_chair_signs_off_with_evidence_and_a_file(paqa_action, world, client_for, media):
    upload = SimpleUploadedFile("re-audit results.pdf", PDF, content_type="text/plain")
    response = client_for(world.user("chair")).post(
        _url(paqa_action),
        {
            "evidence": "Re-audit: 19 of 20 neglect referrals used the toolkit",
            "version": paqa_action.version,
            "files": [upload],
        },
    )
    assert response.status_code == 302
    paqa_action.refresh_from_db()
    assert paqa_action.status == Action.Status.COMPLETE
    assert paqa_action.completed_by == world.user("chair")
    assert paqa_action.completion_evidence.startswith("Re-audit")
    event = ActionEvent.objects.get()
    assert event.kind == ActionEvent.Kind.SIGNED_OFF and event.by == world.user("chair")
    stored = EvidenceFile.objects.get()
    assert stored.original_name == "re-audit results.pdf"
    assert stored.content_type == "application/pdf"  # by content, not the declared type
    assert "re-audit" not in stored.file.name  # stored under an internal name
    download = client_for(world.user("lead")).get(
        reverse("actions:evidence", kwargs={"pk": paqa_action.pk, "file_id": stored.pk})
    )
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content) == PDF


def test_a_file_that_is_not_a_document_is_refused(paqa_action, world, client_for, media):
    upload = SimpleUploadedFile("evidence.pdf", b"#!/bin/sh\necho not a pdf\n", content_type="application/pdf")
    response = client_for(world.user("chair")).post(
        _url(paqa_action), {"evidence": "Re-audit shows improvement", "version": paqa_action.version, "files": [upload]}
    )
    assert response.status_code == 200
    assert "is not a PDF, Word, Excel, PowerPoint, OpenDocument or image file" in response.text
    assert "Re-audit shows improvement" in response.text
    paqa_action.refresh_from_db()
    assert paqa_action.status == Action.Status.NOT_STARTED


def test_a_file_over_the_limit_is_refused(paqa_action, world, client_for, media, settings):
    settings.UPLOAD_LIMIT_BYTES = {**settings.UPLOAD_LIMIT_BYTES, "document": 20}
    upload = SimpleUploadedFile("big.pdf", PDF, content_type="application/pdf")
    response = client_for(world.user("chair")).post(
        _url(paqa_action), {"evidence": "Re-audit", "version": paqa_action.version, "files": [upload]}
    )
    assert "the limit is" in response.text
    assert not EvidenceFile.objects.exists()


def test_only_the_monitoring_chair_or_business_unit_signs_off(paqa_action, world, client_for):
    data = {"evidence": "Re-audit shows improvement", "version": paqa_action.version}
    for key in ["lead", "contributor", "paqa", "board", "cdop"]:
        assert client_for(world.user(key)).post(_url(paqa_action), data).status_code == 403, key
    paqa_action.subcommittee = None
    paqa_action.save()
    assert client_for(world.user("chair")).post(_url(paqa_action), data).status_code == 403
    assert client_for(world.user("bu")).post(_url(paqa_action), data).status_code == 302


def test_a_stale_sign_off_is_refused(paqa_action, world, client_for):
    stale = paqa_action.version
    Action.objects.filter(pk=paqa_action.pk).update(version=stale + 1)
    response = client_for(world.user("chair")).post(_url(paqa_action), {"evidence": "Re-audit", "version": stale})
    assert response.status_code == 200
    assert "Someone else saved this action" in response.text
    assert "Re-audit" in response.text
    assert not ActionEvent.objects.exists()


def test_reopen_needs_a_reason(paqa_action, world, client_for):
    client = client_for(world.user("chair"))
    client.post(_url(paqa_action), {"evidence": "Re-audit", "version": paqa_action.version})
    paqa_action.refresh_from_db()
    response = client.post(_url(paqa_action, "reopen"), {"reason": "", "version": paqa_action.version})
    assert response.status_code == 200
    assert "Say why the action is being reopened." in response.text
    response = client.post(
        _url(paqa_action, "reopen"), {"reason": "Re-audit sample was too small", "version": paqa_action.version}
    )
    assert response.status_code == 302
    paqa_action.refresh_from_db()
    assert paqa_action.status == Action.Status.IN_PROGRESS
    assert paqa_action.completed_at is None
    assert [e.kind for e in ActionEvent.objects.order_by("at")] == ["signed_off", "reopened"]
    page = client.get(reverse("actions:detail", kwargs={"pk": paqa_action.pk}))
    assert "Re-audit sample was too small" in page.text
    assert "Evidence of outcome: Re-audit" in page.text


def test_a_withdrawn_action_cannot_be_signed_off(paqa_action, world, client_for):
    Action.objects.filter(pk=paqa_action.pk).update(status=Action.Status.WITHDRAWN)
    response = client_for(world.user("chair")).post(
        _url(paqa_action), {"evidence": "x", "version": paqa_action.version}
    )
    assert response.status_code == 200
    assert "withdrawn action cannot be signed off" in response.text

"""Writes: dates out of order refused, closing rules, concurrency, uploads."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from actions.models import Action
from actions.services import action_sign_off
from actions.tests.factories import action_on
from bscp_portal.lib.concurrency import StaleEdit
from reviews import services
from reviews.models import CaseReview, Recommendation
from reviews.tests.factories import CaseReviewFactory, DisseminationEventFactory, RecommendationFactory

pytestmark = pytest.mark.django_db
D = dt.date
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _case(world, **fields):
    defaults = {
        "title": "Incident",
        "kind": CaseReview.Kind.RAPID,
        "status": "notified",
        "became_aware_on": D(2025, 3, 3),
    }
    return services.case_review_create(by=world.user("bu"), reference="RR-2025-01", **(defaults | fields))


def _decide(world, review, *, by="bu", version=None, **decision):
    """The decision recorded through the service by the role `by`, at the review's version unless told."""
    version = review.version if version is None else version
    return services.case_review_decide(review=review, by=world.user(by), version=version, **decision)


def _update(world, review, *, by="bu", **fields):
    """The review changed through the service by the role `by`, at its current version."""
    return services.case_review_update(review=review, by=world.user(by), version=review.version, **fields)


def test_it_refuses_a_decision_before_the_notification(world):
    review = _case(world, notified_on=D(2025, 3, 5))
    with pytest.raises(ValidationError) as exc:
        _decide(
            world,
            review,
            decision=CaseReview.Decision.PRACTICE_REVIEW,
            decided_by="Partners",
            decided_on=D(2025, 3, 4),
            decision_reason="Serious harm and learning about joint working.",
        )
    assert "before the notification" in exc.value.message_dict["decided_on"][0]
    review.refresh_from_db()
    assert review.decision == ""


def test_it_refuses_publication_before_completion(world):
    with pytest.raises(ValidationError) as exc:
        _case(
            world, kind="local_cspr", started_on=D(2025, 4, 1), completed_on=D(2025, 9, 1), published_on=D(2025, 8, 1)
        )
    assert "published_on" in exc.value.message_dict


def test_it_refuses_a_notification_before_becoming_aware(world):
    with pytest.raises(ValidationError) as exc:
        _case(world, notified_on=D(2025, 3, 1))
    assert "notified_on" in exc.value.message_dict


def test_it_refuses_a_duplicate_reference_whatever_its_case(world):
    _case(world)
    with pytest.raises(ValidationError) as exc:
        services.case_review_create(
            by=world.user("bu"), reference="rr-2025-01", title="x", kind="rapid", status="notified"
        )
    assert "already a review" in exc.value.message_dict["reference"][0]


def test_an_approach_is_for_learning_reviews_only(world):
    with pytest.raises(ValidationError) as exc:
        _case(world, approach=CaseReview.Approach.SYSTEMS)
    assert "approach" in exc.value.message_dict
    assert _case(world, kind="learning", approach="systems").approach == "systems"


def test_a_decision_for_a_practice_review_turns_a_rapid_review_into_a_local_review(world):
    review = _case(world, notified_on=D(2025, 3, 5), rapid_review_on=D(2025, 3, 20))
    review = _decide(
        world,
        review,
        by="chair",
        decision=CaseReview.Decision.PRACTICE_REVIEW,
        decided_by="The three partners",
        decided_on=D(2025, 3, 21),
        decision_reason="Meets the criteria.",
    )
    assert review.kind == CaseReview.Kind.LOCAL_CSPR
    assert review.status == CaseReview.Status.IN_PROGRESS
    assert review.history.count() == 2


def test_a_decision_needs_a_reason(world):
    review = _case(world)
    with pytest.raises(ValidationError) as exc:
        _decide(
            world,
            review,
            version=1,
            decision="no_further",
            decided_by="P",
            decided_on=D(2025, 3, 4),
            decision_reason=" ",
        )
    assert "decision_reason" in exc.value.message_dict


def test_the_second_of_two_concurrent_edits_is_refused(world):
    review = _case(world)
    first = CaseReview.objects.get(pk=review.pk)
    second = CaseReview.objects.get(pk=review.pk)
    services.case_review_update(review=first, by=world.user("bu"), version=first.version, title="First")
    with pytest.raises(StaleEdit):
        services.case_review_update(review=second, by=world.user("chair"), version=second.version, title="Second")
    review.refresh_from_db()
    assert review.title == "First"


def _action(world, rec):
    return action_on(
        rec, world, "Brief every health visitor", "Audit shows use in 8 of 10 cases", by="bu", due=D(2026, 1, 31)
    )


def test_a_recommendation_with_no_action_cannot_be_closed(world):
    rec = RecommendationFactory(agency=world.home)
    with pytest.raises(ValidationError) as exc:
        services.recommendation_close(recommendation=rec, by=world.user("chair"))
    assert "at least one action" in exc.value.messages[0]
    rec.refresh_from_db()
    assert rec.status == Recommendation.Status.OPEN


def test_a_recommendation_with_an_open_action_cannot_be_closed(world):
    rec = RecommendationFactory(agency=world.home)
    _action(world, rec)
    with pytest.raises(ValidationError) as exc:
        services.recommendation_close(recommendation=rec, by=world.user("chair"))
    assert "still open" in exc.value.messages[0]


def test_a_recommendation_closes_when_its_actions_are_signed_off_with_evidence(world):
    rec = RecommendationFactory(agency=world.home)
    action = _action(world, rec)
    action_sign_off(action=action, by=world.user("bu"), evidence="Audit in March: 9 of 10 cases.")
    services.recommendation_close(recommendation=rec, by=world.user("chair"), note="Done")
    rec.refresh_from_db()
    assert rec.status == Recommendation.Status.CLOSED
    assert rec.closed_by == world.user("chair")
    services.recommendation_reopen(recommendation=rec, by=world.user("chair"))
    rec.refresh_from_db()
    assert rec.status == Recommendation.Status.OPEN


def test_recommendations_are_numbered_per_review(world):
    review = CaseReviewFactory()
    other = CaseReviewFactory()
    a = services.recommendation_add(by=world.user("bu"), text="One", agency=world.home, case_review=review)
    b = services.recommendation_add(by=world.user("bu"), text="Two", agency=world.home, case_review=review)
    c = services.recommendation_add(by=world.user("bu"), text="One", agency=world.home, case_review=other)
    assert (a.number, b.number, c.number) == (1, 2, 1)


def test_the_recommendation_defaults_its_actions_to_the_case_review_committee(world):
    rec = RecommendationFactory(agency=world.home)
    defaults = rec.action_defaults()
    assert defaults["agency_id"] == world.home.pk
    assert defaults["subcommittee_id"] is not None  # the chair's case-review seat created it


def test_an_event_needs_an_agency_reached_and_attendance(world):
    review = CaseReviewFactory()
    with pytest.raises(ValidationError) as exc:
        services.event_add(
            review=review,
            by=world.user("bu"),
            held_on=D(2025, 6, 1),
            audience="DSLs",
            attendance=0,
            agencies_reached=[],
        )
    assert {"agencies_reached", "attendance"} <= set(exc.value.message_dict)


def test_feedback_cannot_precede_its_event(world):
    event = DisseminationEventFactory(held_on=D(2025, 6, 20), agencies_reached=[world.home])
    with pytest.raises(ValidationError) as exc:
        services.feedback_add(
            review=event.case_review,
            by=world.user("lead"),
            event=event,
            received_on=D(2025, 6, 19),
            changed_practice="yes",
        )
    assert "received_on" in exc.value.message_dict


def test_an_upload_is_checked_by_content_not_name(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    review = CaseReviewFactory()
    fake = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 this is not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError) as exc:
        services.attachment_add(by=world.user("bu"), upload=fake, case_review=review)
    assert "upload" in exc.value.message_dict
    real = SimpleUploadedFile("Final report (v3).pdf", PDF, content_type="application/octet-stream")
    doc = services.attachment_add(by=world.user("bu"), upload=real, case_review=review)
    assert doc.content_type == "application/pdf"
    assert doc.original_name == "Final report (v3).pdf"
    assert "Final report" not in doc.file.name  # stored under an internal name


def test_an_upload_over_the_limit_is_refused(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.UPLOAD_LIMIT_BYTES = {**settings.UPLOAD_LIMIT_BYTES, "document": 10}
    with pytest.raises(ValidationError) as exc:
        services.attachment_add(
            by=world.user("bu"), upload=SimpleUploadedFile("r.pdf", PDF), case_review=CaseReviewFactory()
        )
    assert "too large" in exc.value.message_dict["upload"][0]


def test_no_action_was_created_by_a_refused_close(world):
    rec = RecommendationFactory(agency=world.home)
    with pytest.raises(ValidationError):
        services.recommendation_close(recommendation=rec, by=world.user("chair"))
    assert not Action.objects.exists()


def test_it_refuses_publishing_a_notified_review_and_says_why(world):
    review = _case(world, notified_on=D(2025, 3, 5))
    with pytest.raises(ValidationError) as exc:
        _update(
            world,
            review,
            status="published",
            started_on=D(2025, 4, 1),
            completed_on=D(2025, 9, 1),
            published_on=D(2025, 10, 1),
        )
    assert exc.value.message_dict["status"] == [
        "A review cannot go from notified straight to published: mark it as a review in progress first."
    ]
    review.refresh_from_db()
    assert review.status == "notified"


def test_it_refuses_completed_without_the_date_then_accepts_it_with_the_date(world):
    review = _case(world, notified_on=D(2025, 3, 5))
    review = _update(world, review, status="in_progress")
    with pytest.raises(ValidationError) as exc:
        _update(world, review, status="completed")
    assert "completion date" in exc.value.message_dict["completed_on"][0]
    review = _update(world, review, status="completed", completed_on=D(2025, 9, 1))
    assert review.status == "completed"

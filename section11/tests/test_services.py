"""Writes: rounds, carry forward, per-standard saving with a version check, submission, review."""

import datetime as dt
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from actions.tests.factories import action_on
from bscp_portal.lib.concurrency import StaleEdit
from partnership.models import S11Duty
from partnership.tests.factories import AgencyFactory
from section11 import services
from section11.models import EvidenceFile, Participation, Return, ReturnEvent
from section11.tests.factories import PDF_BYTES, add_evidence, agree, challenged, make_return, open_round

pytestmark = pytest.mark.django_db


def _save(response, user, **kw):
    version = kw.pop("version", response.version)
    fields = {"rating": "", "na_reason": "", "narrative": "", "no_action_reason": ""}
    fields.update(kw)
    return services.standard_save(response=response, by=user, version=version, **fields)


def test_a_new_round_requires_statutory_and_commissioned_agencies_and_invites_voluntary(world):
    vcs = AgencyFactory(name="Voluntary group", s11_duty=S11Duty.VOLUNTARY)
    commissioned = AgencyFactory(name="Commissioned service", s11_duty=S11Duty.COMMISSIONED)
    rnd = open_round(by=world.user("bu"))
    required = dict(Participation.objects.filter(round=rnd).values_list("agency_id", "required"))
    assert required[world.home.pk] is True
    assert required[commissioned.pk] is True
    assert required[vcs.pk] is False


def test_a_round_refuses_a_deadline_before_it_opens(world):
    from section11.tests.factories import standards

    with pytest.raises(ValidationError, match="after the opening date"):
        services.round_create(
            created_by=world.user("bu"),
            name="Bad",
            period="x",
            standard_set=standards(),
            opens_on=dt.date(2026, 5, 1),
            deadline=dt.date(2026, 5, 1),
        )


def test_starting_a_return_creates_every_standard_and_criterion(world):
    submission = make_return(world.home)
    assert submission.responses.count() == 9
    assert all(r.criteria.count() == 3 for r in submission.responses.all())
    assert submission.events.get().kind == ReturnEvent.Kind.STARTED


def test_a_new_return_carries_forward_ratings_narrative_and_evidence_marked_as_such(world):
    old_round = open_round(name="Last year", opens_on=dt.date(2025, 10, 1), deadline=dt.date(2025, 12, 12))
    old = make_return(world.home, rnd=old_round, ratings="partially_met", status="accepted")
    first = old.responses.get(standard__number=1)
    first.narrative = "Board minutes show it."
    first.save()
    add_evidence(old, 1, "minutes.pdf")
    new = make_return(world.home)
    assert new.carried_from == old
    carried = new.responses.get(standard__number=1)
    assert (carried.rating, carried.narrative, carried.carried_forward) == (
        "partially_met",
        "Board minutes show it.",
        True,
    )
    assert carried.evidence.get().original_name == "minutes.pdf"
    assert carried.evidence.get().carried_forward is True
    assert carried.evidence.get().file.name == first.evidence.get().file.name


def test_saving_a_standard_confirms_it_and_clears_the_carried_forward_mark(world):
    old_round = open_round(name="Last year", opens_on=dt.date(2025, 10, 1), deadline=dt.date(2025, 12, 12))
    make_return(world.home, rnd=old_round, ratings="fully_met", status="accepted")
    response = make_return(world.home).responses.get(standard__number=2)
    _save(response, world.user("lead"), rating="fully_met", narrative="Still true.")
    response.refresh_from_db()
    assert response.carried_forward is False
    assert response.version == 2


def test_a_stale_save_is_refused_so_nobody_overwrites_a_colleague(world):
    response = make_return(world.home).responses.get(standard__number=1)
    _save(response, world.user("lead"), rating="fully_met", narrative="Lead's text", version=1)
    with pytest.raises(StaleEdit):
        _save(response, world.user("contributor"), rating="not_met", narrative="Contributor's text", version=1)
    response.refresh_from_db()
    assert response.narrative == "Lead's text"


def test_two_contributors_can_save_different_standards_at_once(world):
    submission = make_return(world.home)
    one = submission.responses.get(standard__number=1)
    two = submission.responses.get(standard__number=2)
    _save(one, world.user("lead"), rating="fully_met", version=1)
    _save(two, world.user("contributor"), rating="not_met", version=1)
    assert {r.standard.number: r.rating for r in submission.responses.filter(standard__number__lte=2)} == {
        1: "fully_met",
        2: "not_met",
    }


def test_a_submitted_return_cannot_be_saved(world):
    response = make_return(world.home, status="submitted").responses.first()
    with pytest.raises(ValidationError, match="cannot be changed"):
        _save(response, world.user("lead"), rating="fully_met")


def test_evidence_is_stored_under_an_internal_name(world):
    response = make_return(world.home).responses.first()
    upload = SimpleUploadedFile("../../etc/Board minutes.pdf", PDF_BYTES, content_type="text/plain")
    _save(response, world.user("lead"), rating="fully_met", files=[upload])
    evidence = EvidenceFile.objects.get()
    assert evidence.original_name == "Board minutes.pdf"
    assert evidence.content_type == "application/pdf"
    assert "Board" not in evidence.file.name and evidence.file.name.endswith(".pdf")


def test_evidence_type_is_read_from_the_content_not_the_name(world):
    response = make_return(world.home).responses.first()
    fake = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 this is really a program", content_type="application/pdf")
    with pytest.raises(ValidationError, match="checked by its content"):
        _save(response, world.user("lead"), rating="fully_met", files=[fake])
    assert not EvidenceFile.objects.exists()


def test_a_word_document_is_recognised_inside_its_zip(world):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    response = make_return(world.home).responses.first()
    _save(response, world.user("lead"), files=[SimpleUploadedFile("policy.docx", buffer.getvalue())])
    assert EvidenceFile.objects.get().content_type.endswith("wordprocessingml.document")


def test_a_plain_zip_is_refused(world):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("anything.txt", "x")
    response = make_return(world.home).responses.first()
    with pytest.raises(ValidationError):
        _save(response, world.user("lead"), files=[SimpleUploadedFile("policy.docx", buffer.getvalue())])


def test_evidence_over_the_size_limit_is_refused(world, settings):
    settings.UPLOAD_LIMIT_BYTES = {**settings.UPLOAD_LIMIT_BYTES, "document": 100}
    response = make_return(world.home).responses.first()
    with pytest.raises(ValidationError, match="the limit is"):
        _save(response, world.user("lead"), files=[SimpleUploadedFile("big.pdf", PDF_BYTES + b" " * 200)])


def test_submission_is_refused_while_standards_are_unrated(world):
    submission = make_return(world.home, ratings=["fully_met"] * 7)
    with pytest.raises(ValidationError, match="standard 8 is not rated yet; standard 9 is not rated yet"):
        services.return_submit(submission=submission, by=world.user("lead"), senior_manager="Chief", declaration=True)


def test_not_met_without_an_action_needs_a_reason_and_an_action_is_enough(world):
    submission = make_return(world.home, ratings="fully_met")
    response = submission.responses.get(standard__number=4)
    response.rating, response.no_action_reason = "not_met", ""
    response.save()
    with pytest.raises(ValidationError, match="standard 4 is rated not met with no improvement action"):
        services.return_submit(submission=submission, by=world.user("lead"), senior_manager="Chief", declaration=True)
    action_on(response, world, "Write the policy", "Policy approved by the board", by="lead", due=dt.date(2027, 3, 1))
    services.return_submit(submission=submission, by=world.user("lead"), senior_manager="Chief", declaration=True)
    assert Return.objects.get(pk=submission.pk).status == "submitted"


def test_only_the_lead_signs_the_declaration(world):
    submission = make_return(world.home, ratings="fully_met")
    with pytest.raises(ValidationError, match="Only the agency's lead"):
        services.return_submit(
            submission=submission, by=world.user("contributor"), senior_manager="C", declaration=True
        )


def test_submission_records_the_declaration_who_and_when(world):
    submission = make_return(world.home, ratings="fully_met")
    services.return_submit(
        submission=submission, by=world.user("lead"), senior_manager="Chief Constable", declaration=True
    )
    submission.refresh_from_db()
    assert (submission.status, submission.senior_manager, submission.declared_by) == (
        "submitted",
        "Chief Constable",
        world.user("lead"),
    )
    assert submission.declared_at is not None
    assert submission.events.filter(kind="submitted", by=world.user("lead")).exists()


def test_returning_for_revision_needs_a_comment_and_reopens_the_return(world):
    submission = make_return(world.home, ratings="fully_met", status="submitted")
    with pytest.raises(ValidationError, match="Write a comment"):
        services.return_send_back(submission=submission, by=world.user("paqa"))
    services.review_save(
        submission=submission, by=world.user("paqa"), reviews={3: ("partially_met", "Show the chart.")}
    )
    services.return_send_back(submission=submission, by=world.user("paqa"))
    submission.refresh_from_db()
    assert submission.status == "returned" and submission.is_editable
    r3 = submission.responses.get(standard__number=3)
    assert (r3.rating, r3.reviewer_rating, r3.reviewer_comment) == ("fully_met", "partially_met", "Show the chart.")


def test_an_agency_user_cannot_review(world):
    submission = make_return(world.home, ratings="fully_met", status="submitted")
    with pytest.raises(ValidationError, match="Only PAQA"):
        services.return_send_back(submission=submission, by=world.user("lead"), note="x")


def test_a_session_moves_returns_under_challenge_and_acceptance_needs_every_agreed_rating(world):
    record = challenged(
        world.home, by=world.user("paqa"), held_on=dt.date(2027, 1, 20), panel=[world.user("paqa"), world.user("chair")]
    )
    submission = record.submission
    assert submission.status == "under_challenge"
    with pytest.raises(ValidationError, match="missing: 9"):
        agree(record, by=world.user("paqa"), agreed={n: "fully_met" for n in range(1, 9)})
    record.refresh_from_db()
    agree(
        record,
        by=world.user("paqa"),
        attendees="DI Leach",
        discussion="Good.",
        agreed={**{n: "fully_met" for n in range(1, 9)}, 9: "partially_met"},
    )
    submission.refresh_from_db()
    assert submission.status == "accepted"
    assert submission.responses.get(standard__number=9).agreed_rating == "partially_met"
    assert submission.responses.get(standard__number=9).rating == "fully_met"  # the self-rating is kept


def test_a_draft_cannot_be_taken_to_a_challenge_session(world):
    submission = make_return(world.home)
    with pytest.raises(ValidationError, match="Only submitted returns"):
        services.session_create(
            round=submission.round, by=world.user("paqa"), held_on=dt.date(2027, 1, 2), submissions=[submission]
        )


def test_an_agency_that_has_started_cannot_be_left_out_of_the_round(world):
    submission = make_return(world.home)
    with pytest.raises(ValidationError, match="already started"):
        services.participation_set(round=submission.round, agency=world.home, mode="none")
    services.participation_set(round=submission.round, agency=world.other, mode="invited")
    assert Participation.objects.get(round=submission.round, agency=world.other).required is False


# --- figures that can be trusted ---------------------------------------------------------------


def _carried(world):
    old_round = open_round(name="Round 2025", opens_on=dt.date(2025, 10, 1), deadline=dt.date(2025, 12, 12))
    make_return(world.home, rnd=old_round, ratings="fully_met", agreed="fully_met", status="accepted")
    return services.return_start(round=open_round(), agency=world.home, by=world.user("lead"))


def test_a_carried_forward_answer_blocks_submission_until_confirmed(world):
    submission = _carried(world)
    with pytest.raises(ValidationError, match="standard 1 is carried forward from Round 2025, not yet confirmed"):
        services.return_submit(submission=submission, by=world.user("lead"), senior_manager="Chief", declaration=True)
    for response in submission.responses.all():
        services.standard_confirm(response=response, by=world.user("contributor"), version=response.version)
    services.return_submit(submission=submission, by=world.user("lead"), senior_manager="Chief", declaration=True)
    assert Return.objects.get(pk=submission.pk).status == "submitted"


def test_confirming_keeps_the_answer_and_is_recorded(world):
    submission = _carried(world)
    response = submission.responses.get(standard__number=3)
    before = (response.rating, response.narrative)
    services.standard_confirm(response=response, by=world.user("lead"), version=response.version)
    response.refresh_from_db()
    assert (response.rating, response.narrative, response.carried_forward) == (*before, False)
    assert response.updated_by == world.user("lead")
    assert response.history.count() >= 2  # the confirmation is a change in the record's history


def test_a_stale_confirmation_is_refused(world):
    response = _carried(world).responses.get(standard__number=2)
    with pytest.raises(StaleEdit):
        services.standard_confirm(response=response, by=world.user("lead"), version=response.version + 5)


def test_nobody_outside_the_agency_confirms(world):
    response = _carried(world).responses.get(standard__number=2)
    with pytest.raises(ValidationError, match="cannot be changed"):
        services.standard_confirm(response=response, by=world.user("paqa"), version=response.version)


def test_fully_met_without_evidence_blocks_submission_and_a_document_is_enough(world):
    submission = make_return(world.home, ratings="fully_met")
    response = submission.responses.get(standard__number=5)
    response.narrative = ""
    response.save()
    with pytest.raises(ValidationError, match="standard 5 is rated fully met without evidence"):
        services.return_submit(submission=submission, by=world.user("lead"), senior_manager="Chief", declaration=True)
    add_evidence(submission, 5, "training-matrix.pdf")
    services.return_submit(submission=submission, by=world.user("lead"), senior_manager="Chief", declaration=True)


def test_a_standard_set_to_need_a_document_refuses_a_description_alone(world):
    submission = make_return(world.home, ratings="fully_met")
    standard = submission.responses.get(standard__number=6).standard
    standard.fully_met_evidence = "document"
    standard.save()
    with pytest.raises(ValidationError, match=r"standard 6 is rated fully met without evidence \(it needs an evidence"):
        services.return_submit(submission=submission, by=world.user("lead"), senior_manager="Chief", declaration=True)


def test_not_applicable_without_a_reason_is_refused_when_saved(world):
    response = make_return(world.home).responses.get(standard__number=9)
    with pytest.raises(ValidationError, match="Say why this standard does not apply"):
        _save(response, world.user("lead"), rating="not_applicable", na_reason="  ")
    response.refresh_from_db()
    assert response.rating == "" and response.version == 1

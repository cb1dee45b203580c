"""Pages: forms keep what was typed, clear messages, 403 once submitted, evidence by access."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partnership.models import SecurityEvent
from section11.models import Return
from section11.tests.factories import PDF_BYTES, add_evidence, challenged, make_return, open_round
from tests.html import find_all, parse, shown_again, text

pytestmark = pytest.mark.django_db


def _url(submission, number):
    return reverse("section11:standard_edit", kwargs={"pk": submission.pk, "number": number})


def test_it_saves_a_standard_and_goes_back_to_the_return(world, client_for):
    submission = make_return(world.home)
    client = client_for(world.user("lead"))
    response = client.post(_url(submission, 1), {"version": 1, "rating": "fully_met", "narrative": "Board owns it."})
    assert response.status_code == 302 and response["Location"] == submission.get_absolute_url()
    saved = submission.responses.get(standard__number=1)
    assert (saved.rating, saved.narrative, saved.updated_by) == ("fully_met", "Board owns it.", world.user("lead"))


def test_save_and_next_goes_to_the_next_standard(world, client_for):
    submission = make_return(world.home)
    response = client_for(world.user("lead")).post(_url(submission, 4), {"version": 1, "rating": "", "next": "1"})
    assert response["Location"] == _url(submission, 5)


def test_a_wrong_file_type_is_refused_and_the_typed_text_is_kept(world, client_for):
    submission = make_return(world.home)
    fake = SimpleUploadedFile("minutes.pdf", b"MZ\x90\x00 a program, not really a pdf at all")
    response = client_for(world.user("lead")).post(
        _url(submission, 2), {"version": 1, "rating": "partially_met", "narrative": "Typed with care", "files": [fake]}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "checked by its content" in body
    assert "Typed with care" in body
    assert 'value="partially_met" selected' in body
    assert "choose them again" in body
    assert submission.responses.get(standard__number=2).narrative == ""


def test_a_criterion_marked_not_applicable_needs_a_reason_and_the_form_keeps_everything(world, client_for):
    submission = make_return(world.home)
    response = client_for(world.user("lead")).post(
        _url(submission, 3), {"version": 1, "rating": "fully_met", "narrative": "Kept", "criterion_2": "not_applicable"}
    )
    assert response.status_code == 200
    assert "Say why this criterion does not apply." in response.content.decode()
    assert "Kept" in response.content.decode()


def test_a_conflicting_save_shows_a_message_and_keeps_both_versions(world, client_for):
    submission = make_return(world.home)
    client_for(world.user("contributor")).post(
        _url(submission, 1), {"version": 1, "rating": "fully_met", "narrative": "Theirs"}
    )
    response = client_for(world.user("lead")).post(
        _url(submission, 1), {"version": 1, "rating": "not_met", "narrative": "Mine"}
    )
    shown_again(response, "saved this standard while you were editing it", "Mine", "Theirs", 'name="version" value="2"')
    assert submission.responses.get(standard__number=1).narrative == "Theirs"


def test_an_uploaded_file_is_listed_and_downloads_as_an_attachment(world, client_for):
    submission = make_return(world.home)
    client = client_for(world.user("lead"))
    client.post(
        _url(submission, 1),
        {"version": 1, "rating": "fully_met", "files": [SimpleUploadedFile("Board minutes.pdf", PDF_BYTES)]},
    )
    evidence = submission.responses.get(standard__number=1).evidence.get()
    response = client.get(reverse("section11:evidence_download", kwargs={"pk": evidence.pk}))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_board_members_see_the_return_but_not_its_evidence_files(world, client_for):
    submission = make_return(world.other)
    evidence = add_evidence(submission, 1, "secret-minutes.pdf")
    client = client_for(world.user("board"))
    page = client.get(submission.get_absolute_url()).content.decode()
    assert "secret-minutes.pdf" not in page and "1 file" in page
    assert client.get(reverse("section11:evidence_download", kwargs={"pk": evidence.pk})).status_code == 403


def test_an_agency_user_gets_404_for_another_agencys_return_and_it_is_logged(world, client_for):
    submission = make_return(world.other)
    assert client_for(world.user("lead")).get(submission.get_absolute_url()).status_code == 404
    assert SecurityEvent.objects.filter(kind="refused", user=world.user("lead")).exists()


def test_editing_a_submitted_return_answers_403(world, client_for):
    submission = make_return(world.home, status="submitted")
    response = client_for(world.user("lead")).post(_url(submission, 1), {"version": 1, "rating": "not_met"})
    assert response.status_code == 403
    assert submission.responses.get(standard__number=1).rating == ""


def test_removing_evidence_from_a_draft(world, client_for):
    submission = make_return(world.home)
    evidence = add_evidence(submission, 2)
    response = client_for(world.user("contributor")).post(
        reverse("section11:evidence_remove", kwargs={"pk": evidence.pk})
    )
    assert response["Location"] == _url(submission, 2)
    assert not submission.responses.get(standard__number=2).evidence.exists()


def test_submit_lists_each_missing_standard_with_a_link(world, client_for):
    submission = make_return(world.home, ratings=["fully_met"] * 7)
    response = client_for(world.user("lead")).post(
        reverse("section11:return_submit", kwargs={"pk": submission.pk}),
        {"senior_manager": "Chief", "declaration": "on"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "cannot be submitted yet" in body
    assert f'href="{_url(submission, 8)}"' in body and f'href="{_url(submission, 9)}"' in body
    assert Return.objects.get(pk=submission.pk).status == "draft"


def test_submit_without_the_declaration_says_so_and_keeps_the_name(world, client_for):
    submission = make_return(world.home, ratings="fully_met")
    response = client_for(world.user("lead")).post(
        reverse("section11:return_submit", kwargs={"pk": submission.pk}), {"senior_manager": "Chief Constable"}
    )
    body = response.content.decode()
    assert "Tick the declaration to submit." in body and 'value="Chief Constable"' in body


def test_submit_with_the_declaration_submits(world, client_for):
    submission = make_return(world.home, ratings="fully_met")
    response = client_for(world.user("lead")).post(
        reverse("section11:return_submit", kwargs={"pk": submission.pk}),
        {"senior_manager": "Chief Constable", "declaration": "on"},
    )
    assert response.status_code == 302
    assert Return.objects.get(pk=submission.pk).status == "submitted"


def test_return_for_revision_without_a_comment_is_refused_with_a_message(world, client_for):
    submission = make_return(world.home, ratings="fully_met", status="submitted")
    response = client_for(world.user("paqa")).post(
        reverse("section11:return_review", kwargs={"pk": submission.pk}), {"step": "return", "rating_1": "not_met"}
    )
    assert "Write a comment on at least one standard" in response.content.decode()
    assert Return.objects.get(pk=submission.pk).status == "submitted"


def test_return_for_revision_with_a_comment(world, client_for):
    submission = make_return(world.home, ratings="fully_met", status="submitted")
    client_for(world.user("paqa")).post(
        reverse("section11:return_review", kwargs={"pk": submission.pk}),
        {"step": "return", "rating_2": "partially_met", "comment_2": "Where is the statement published?"},
    )
    submission.refresh_from_db()
    assert submission.status == "returned"
    page = client_for(world.user("lead")).get(submission.get_absolute_url()).content.decode()
    assert "Where is the statement published?" in page


def test_round_form_errors_keep_the_values(world, client_for):
    open_round(name="Existing")
    response = client_for(world.user("bu")).post(
        reverse("section11:round_create"),
        {"name": "Existing", "period": "2027-28", "opens_on": "2027-10-01", "deadline": "2027-09-01"},
    )
    body = response.content.decode()
    assert "A round with this name already exists." in body
    assert "The deadline must be after the opening date." in body
    assert 'value="2027-28"' in body


def test_the_outcome_form_refuses_acceptance_without_every_agreed_rating(world, client_for):
    record = challenged(world.home, by=world.user("paqa"), held_on=open_round().deadline)
    data = {"version": record.version, "discussion": "Talked it through", "accept": "on"}
    data.update({f"agreed_{n}": "fully_met" for n in range(1, 9)})
    data["agreed_9"] = ""
    response = client_for(world.user("paqa")).post(
        reverse("section11:challenge_record", kwargs={"pk": record.pk}), data
    )
    body = response.content.decode()
    assert "missing: 9" in body and "Talked it through" in body


def test_a_bad_round_in_the_query_answers_404_not_500(world, client_for):
    client = client_for(world.user("paqa"))
    assert client.get(reverse("section11:matrix") + "?round=abc").status_code == 404
    assert client.get(reverse("section11:matrix") + "?round=99999").status_code == 404
    open_round()
    assert client.get(reverse("section11:matrix_export", kwargs={"fmt": "pdf"})).status_code == 404
    assert client.get(reverse("section11:matrix") + "?kind=nonsense").status_code == 200


def test_the_business_unit_sees_who_changed_each_standard(world, client_for):
    submission = make_return(world.home)
    client_for(world.user("lead")).post(
        _url(submission, 6), {"version": 1, "rating": "not_met", "narrative": "Gap in DBS checks"}
    )
    body = (
        client_for(world.user("bu"))
        .get(reverse("section11:return_history", kwargs={"pk": submission.pk}))
        .content.decode()
    )
    assert "Gap in DBS checks" in body and world.user("lead").get_full_name() in body
    assert "6. Recruitment, vetting procedures and allegations against staff" in body
    # Each change by the field's label and the value as the form offers it, never the stored code.
    changes = [text(div) for div in find_all(parse(body), "div") if find_all(div, "strong")]
    assert any("Self-rating" in c and "Not met" in c for c in changes), changes
    assert any("Narrative evidence" in c and "Gap in DBS checks" in c for c in changes), changes
    assert "not_met" not in body and "narrative</strong>" not in body


def _carried_return(world):
    from section11 import services

    old = open_round(name="Round 2025", opens_on=dt.date(2025, 10, 1), deadline=dt.date(2025, 12, 12))
    make_return(world.home, rnd=old, ratings="fully_met", agreed="fully_met", status="accepted")
    return services.return_start(round=open_round(), agency=world.home, by=world.user("lead"))


def test_the_return_shows_each_carried_forward_answer_and_confirms_it(world, client_for):
    submission = _carried_return(world)
    client = client_for(world.user("lead"))
    body = client.get(submission.get_absolute_url()).content.decode()
    assert body.count("carried forward from Round 2025, not yet confirmed") == 9
    response = submission.responses.get(standard__number=4)
    url = reverse("section11:standard_confirm", kwargs={"pk": submission.pk, "number": 4})
    answer = client.post(url, {"version": response.version})
    assert answer.status_code == 302
    response.refresh_from_db()
    assert response.carried_forward is False
    assert client.get(submission.get_absolute_url()).content.decode().count("not yet confirmed") == 8


def test_submit_lists_carried_forward_answers_still_to_confirm(world, client_for):
    submission = _carried_return(world)
    body = client_for(world.user("lead")).get(reverse("section11:return_submit", kwargs={"pk": submission.pk}))
    assert "Standard 1: " in body.content.decode()
    assert "carried forward from Round 2025, not yet confirmed" in body.content.decode()


def test_the_canary_cannot_confirm_a_home_answer(world, client_for):
    submission = _carried_return(world)
    url = reverse("section11:standard_confirm", kwargs={"pk": submission.pk, "number": 1})
    assert client_for(world.other_lead).post(url, {"version": 1}).status_code == 404
    assert client_for(world.user("paqa")).post(url, {"version": 1}).status_code == 403
    assert submission.responses.get(standard__number=1).carried_forward is True


def test_not_applicable_without_a_reason_is_refused_and_the_form_keeps_the_text(world, client_for):
    submission = make_return(world.home)
    response = client_for(world.user("lead")).post(
        _url(submission, 9), {"version": 1, "rating": "not_applicable", "narrative": "We have no premises"}
    )
    shown_again(
        response,
        "Say why this standard does not apply to your agency",
        "We have no premises",
        'value="not_applicable" selected',
    )
    assert submission.responses.get(standard__number=9).rating == ""


def test_the_reviewer_sees_evidence_carried_markers_and_last_rounds_agreed_rating(world, client_for):
    old = open_round(name="Round 2025", opens_on=dt.date(2025, 10, 1), deadline=dt.date(2025, 12, 12))
    make_return(world.home, rnd=old, ratings="partially_met", agreed="not_met", status="accepted")
    submission = make_return(world.home, ratings="fully_met", status="submitted")
    evidence = add_evidence(submission, 2, "supervision-policy.pdf")
    response = submission.responses.get(standard__number=3)
    response.carried_forward = True
    response.save()
    body = client_for(world.user("paqa")).get(reverse("section11:return_review", kwargs={"pk": submission.pk}))
    text = body.content.decode()
    assert reverse("section11:evidence_download", kwargs={"pk": evidence.pk}) in text
    assert "supervision-policy.pdf" in text
    assert "Described in our safeguarding policy, section 2." in text
    assert text.count("carried forward from Round 2025, not yet confirmed") == 1
    assert text.count("Agreed last round") == 9 and "Not met" in text

"""Shared returns: export an agency's return to an exchange file and import it into another
round as a draft to confirm (services.return_import, exports.exchange_document, exchange views)."""

import datetime as dt
import hashlib
import json

import jsonschema
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partnership.models import SecurityEvent
from section11 import exchange, exports, scoring, services
from section11.models import ListedEvidence, Return, ReturnEvent
from section11.tests.factories import PDF_BYTES, add_evidence, make_return, open_round

pytestmark = pytest.mark.django_db

ANSWERS = ["fully_met", "partially_met", "not_met", "not_applicable", "fully_met", "", "fully_met", "partially_met", ""]


def _answered(agency):
    """A return answered every way a return can be: each rating, N/A with a reason, reasons for no
    action, narratives, criteria with notes, and an evidence file."""
    submission = make_return(agency, rnd=open_round(name="Exporting round"), ratings=ANSWERS, status="submitted")
    response = submission.responses.get(standard__number=9)
    response.narrative = "Drafting: 'quotes', ünïcödé and\nline breaks."
    response.save()
    answer = submission.responses.get(standard__number=1).criteria.get(criterion__number=2)
    answer.rating, answer.note = "not_applicable", "No board: the force reports to the PCC."
    answer.save()
    add_evidence(submission, 1, name="Board minutes March.pdf")
    return submission


def _fresh(agency, name="Importing round"):
    rnd = open_round(name=name, opens_on=dt.date(2020, 4, 1), deadline=dt.date(2020, 6, 1))
    return services.return_start(round=rnd, agency=agency, by=None)


def _answers(document) -> list[dict]:
    return document["standards"]


def test_export_then_import_gives_identical_answers(world):
    exported = exports.exchange_document(_answered(world.home))
    jsonschema.Draft202012Validator(exchange.schema()).validate(exported)
    target = _fresh(world.other)
    outcome = services.return_import(
        submission=target, by=world.other_lead, document=exchange.parse(json.dumps(exported).encode())
    )
    assert outcome.imported == list(range(1, 10)) and outcome.unmatched == []
    assert _answers(exports.exchange_document(target)) == _answers(exported)


def test_the_evidence_is_listed_by_name_size_and_sha256_never_the_bytes(world):
    exported = exports.exchange_document(_answered(world.home))
    [listed] = exported["standards"][0]["evidence"]
    assert listed == {
        "name": "Board minutes March.pdf",
        "size": len(PDF_BYTES),
        "sha256": hashlib.sha256(PDF_BYTES).hexdigest(),
        "content_type": "application/pdf",
        "description": "",
    }
    assert "JVBER" not in json.dumps(exported) and "%PDF" not in json.dumps(exported)


def test_every_imported_answer_needs_confirmation_and_stops_submission(world):
    target = _fresh(world.other)
    services.return_import(
        submission=target, by=world.other_lead, document=exports.exchange_document(_answered(world.home))
    )
    problems = dict((s.number, p) for s, p in scoring.submission_problems(services.standard_states(target)))
    source = f"{exchange.source_label(exports.exchange_document(target))}"
    assert problems[1] == "imported from Barnsley Safeguarding Children Partnership, Exporting round, not yet confirmed"
    assert source.endswith("Importing round")
    assert problems[6] == "not rated yet"  # nothing to confirm where nothing was answered
    with pytest.raises(ValidationError, match="standard 1 is imported from"):
        services.return_submit(submission=target, by=world.other_lead, senior_manager="CEO", declaration=True)


def test_confirming_an_imported_answer_makes_it_this_rounds(world):
    target = _fresh(world.other)
    services.return_import(
        submission=target, by=world.other_lead, document=exports.exchange_document(_answered(world.home))
    )
    response = target.responses.get(standard__number=1)
    services.standard_confirm(response=response, by=world.other_lead, version=response.version)
    states = {s.number: s for s in services.standard_states(target)}
    assert scoring.standard_problem(states[1]) == ""
    response.refresh_from_db()
    assert response.imported_from.startswith("Barnsley")  # where the confirmed answer came from is kept


def test_changing_an_imported_answer_drops_its_import_marker(world):
    target = _fresh(world.other)
    services.return_import(
        submission=target, by=world.other_lead, document=exports.exchange_document(_answered(world.home))
    )
    response = target.responses.get(standard__number=2)
    services.standard_save(
        response=response, by=world.other_lead, version=response.version, rating="fully_met", narrative="Ours now."
    )
    response.refresh_from_db()
    assert (response.carried_forward, response.imported_from) == (False, "")


def test_standards_with_no_match_are_reported_not_dropped(world):
    document = exports.exchange_document(_answered(world.home))
    document["standards"].append(
        {
            "number": 10,
            "title": "Online safety",
            "rating": "fully_met",
            "na_reason": "",
            "narrative": "x",
            "evidence": [],
        }
    )
    document["standards"][2]["code"], document["standards"][2]["title"] = "elsewhere-3", "Accountability (revised)"
    target = _fresh(world.other)
    outcome = services.return_import(submission=target, by=world.other_lead, document=document)
    assert outcome.unmatched == ['standard 3, "Accountability (revised)"', 'standard 10, "Online safety"']
    assert 3 not in outcome.imported
    event = target.events.get(kind=ReturnEvent.Kind.IMPORTED)
    assert 'Not in this round\'s standards, so not imported: standard 3, "Accountability (revised)"; standard 10' in (
        event.note
    )


def test_a_file_matching_nothing_is_refused_and_changes_nothing(world):
    document = exports.exchange_document(_answered(world.home))
    for s in document["standards"]:
        s["code"], s["title"] = f"other-{s['number']}", f"Another standard {s['number']}"
    target = _fresh(world.other)
    with pytest.raises(ValidationError, match="None of the standards in this file match"):
        services.return_import(submission=target, by=world.other_lead, document=document)
    assert not target.responses.exclude(rating="").exists()
    assert not target.events.filter(kind=ReturnEvent.Kind.IMPORTED).exists()


def test_answers_already_given_in_this_return_are_kept(world):
    target = _fresh(world.other)
    response = target.responses.get(standard__number=1)
    services.standard_save(
        response=response, by=world.other_lead, version=response.version, rating="partially_met", narrative="Mine."
    )
    outcome = services.return_import(
        submission=target, by=world.other_lead, document=exports.exchange_document(_answered(world.home))
    )
    assert outcome.kept == [1] and 1 not in outcome.imported
    response.refresh_from_db()
    assert (response.rating, response.narrative, response.imported_from) == ("partially_met", "Mine.", "")


def test_a_second_import_replaces_the_first_lists_evidence(world):
    document = exports.exchange_document(_answered(world.home))
    target = _fresh(world.other)
    services.return_import(submission=target, by=world.other_lead, document=document)
    services.return_import(submission=target, by=world.other_lead, document=document)
    assert ListedEvidence.objects.filter(response__submission=target).count() == 1


def test_criteria_whose_wording_differs_are_reported(world):
    document = exports.exchange_document(_answered(world.home))
    document["standards"][0]["criteria"][1]["text"] = "Something else entirely."
    outcome = services.return_import(submission=_fresh(world.other), by=world.other_lead, document=document)
    assert outcome.unmatched_criteria == ["1.2"]


# --- who may export and import ------------------------------------------------------------------


def test_another_agencys_lead_cannot_import_into_someone_elses_return(world):
    document = exports.exchange_document(_answered(world.other))
    target = _fresh(world.home)
    with pytest.raises(ValidationError, match="Only the agency's lead"):
        services.return_import(submission=target, by=world.other_lead, document=document)
    assert not target.responses.exclude(rating="").exists()


def test_a_contributor_or_the_business_unit_cannot_import(world):
    document = exports.exchange_document(_answered(world.other))
    target = _fresh(world.home)
    for key in ("contributor", "bu", "paqa"):
        with pytest.raises(ValidationError):
            services.return_import(submission=target, by=world.user(key), document=document)


def test_nothing_is_imported_into_a_submitted_return(world):
    target = _fresh(world.home)
    Return.objects.filter(pk=target.pk).update(status=Return.Status.SUBMITTED)
    with pytest.raises(ValidationError):
        services.return_import(
            submission=target, by=world.user("lead"), document=exports.exchange_document(_answered(world.other))
        )


def test_the_pages_refuse_another_agencys_lead(world, client_for):
    submission = _answered(world.home)
    client = client_for(world.other_lead)
    assert client.get(reverse("section11:return_exchange", args=[submission.pk])).status_code == 404
    draft = _fresh(world.home)
    upload = SimpleUploadedFile("x.json", json.dumps(exports.exchange_document(_answered(world.other))).encode())
    assert client.post(reverse("section11:return_import", args=[draft.pk]), {"file": upload}).status_code == 404
    assert not draft.responses.exclude(rating="").exists()
    assert SecurityEvent.objects.filter(kind="refused", user=world.other_lead).count() == 2


def test_only_the_agencys_lead_or_the_business_unit_export(world):
    submission = _answered(world.home)
    assert services.can_export_return(world.user("lead"), submission)
    assert services.can_export_return(world.user("bu"), submission)
    assert not services.can_export_return(world.other_lead, submission)
    assert not services.can_export_return(world.user("contributor"), submission)
    assert not services.can_export_return(world.user("paqa"), submission)


# --- the pages ------------------------------------------------------------------------------------


def test_the_export_downloads_a_json_file_and_is_logged(world, client_for):
    submission = _answered(world.home)
    response = client_for(world.user("lead")).get(reverse("section11:return_exchange", args=[submission.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="section11-exchange-home-2026-27.json"'
    assert exchange.parse(response.content)["agency"]["name"] == "Home Agency"
    assert SecurityEvent.objects.filter(kind="export", user=world.user("lead"), detail__contains="exchange").exists()


def test_a_missing_evidence_file_is_explained_not_a_500(world, client_for):
    submission = _answered(world.home)
    evidence = submission.responses.get(standard__number=1).evidence.get()
    evidence.file.storage.delete(evidence.file.name)
    response = client_for(world.user("lead")).get(
        reverse("section11:return_exchange", args=[submission.pk]), follow=True
    )
    assert "the evidence file Board minutes March.pdf is missing from storage" in response.content.decode()


def test_importing_a_good_file_shows_what_came_across_and_what_did_not(world, client_for):
    document = exports.exchange_document(_answered(world.other))
    document["standards"].append(
        {"number": 10, "title": "Online safety", "rating": "", "na_reason": "", "narrative": "", "evidence": []}
    )
    draft = _fresh(world.home)
    upload = SimpleUploadedFile("police.json", json.dumps(document).encode(), content_type="application/json")
    response = client_for(world.user("lead")).post(
        reverse("section11:return_import", args=[draft.pk]), {"file": upload}, follow=True
    )
    body = response.content.decode()
    assert response.redirect_chain[-1][0] == draft.get_absolute_url()
    assert "Imported 9 standards from Barnsley Safeguarding Children Partnership, Exporting round." in body
    assert "standard 10, &quot;Online safety&quot;" in body
    marker = "imported from Barnsley Safeguarding Children Partnership, Exporting round, not yet confirmed"
    assert body.count(marker) == 8  # every answered standard; standard 6 was left unrated
    assert "Board minutes March.pdf" in body and "held by Barnsley" in body


def test_a_bad_file_gets_a_clear_message_and_the_return_is_unchanged(world, client_for):
    draft = _fresh(world.home)
    upload = SimpleUploadedFile("indicators.json", b'{"indicators": [1, 2, 3]}', content_type="application/json")
    response = client_for(world.user("lead")).post(
        reverse("section11:return_import", args=[draft.pk]), {"file": upload}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "This file is not a Section 11 exchange file: it does not say" in body
    assert "Nothing was imported and your return is unchanged" in body
    assert not draft.responses.exclude(rating="").exists()


def test_no_file_chosen_says_so(world, client_for):
    draft = _fresh(world.home)
    response = client_for(world.user("lead")).post(reverse("section11:return_import", args=[draft.pk]), {})
    assert response.status_code == 200
    assert "Choose the exchange file to import." in response.content.decode()


def test_the_return_page_offers_import_and_export_to_the_lead_only(world, client_for):
    draft = _fresh(world.home)
    url = draft.get_absolute_url()
    lead = client_for(world.user("lead")).get(url).content.decode()
    assert "Import answers from another partnership" in lead and "Download the exchange file" in lead
    contributor = client_for(world.user("contributor")).get(url).content.decode()
    assert "Import answers from another partnership" not in contributor
    assert "Download the exchange file" not in contributor

"""Multi-agency practice audits: candidate list, random draw, answers, analysis and the PDF report."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from audits import practice_services, services
from audits.models import Answer, AuditCase, CaseAgency, PracticeAudit
from audits.tests.factories import PracticeAuditFactory

pytestmark = pytest.mark.django_db

CSV = (
    "reference,agencies,age_band\n"
    "MA-001,Home;Canary,0-4\n"
    "MA-002,Home;Third,5-9\n"
    "MA-003,Home,0-4\n"
    "MA-002,Home;Canary,5-9\n"
    "MA-004,Canary;Third,10-15\n"
    "MA-005,Home;Nowhere,0-4\n"
    "MA-006,Home;Canary;Third,\n"
)


@pytest.fixture
def audit(world, standards, third):
    return PracticeAuditFactory(lead=world.user("paqa"), standards=standards, agencies=[world.home, world.other, third])


def upload(client, audit, content=CSV, name="candidates.csv"):
    return client.post(
        reverse("audits:practice_candidates", args=[audit.pk]),
        {"file": SimpleUploadedFile(name, content.encode(), content_type="text/csv"), "text": ""},
    )


def test_loading_a_list_keeps_multi_agency_cases_and_shows_exclusions_with_reasons(world, client_for, audit):
    client = client_for(world.user("paqa"))
    response = upload(client, audit)
    assert response.status_code == 302
    page = client.get(reverse("audits:practice_sample", args=[audit.pk])).content.decode()
    assert "4 eligible candidate cases" in page
    assert "Only one agency involved" in page
    assert "Duplicate of row 2." in page
    assert "Unknown agency: Nowhere." in page
    audit.refresh_from_db()
    assert audit.status == PracticeAudit.Status.SAMPLING
    assert [c["reference"] for c in audit.sample.candidates] == ["MA-001", "MA-002", "MA-004", "MA-006"]


def test_a_list_can_be_typed_by_hand(world, client_for, audit):
    client = client_for(world.user("paqa"))
    response = client.post(
        reverse("audits:practice_candidates", args=[audit.pk]),
        {"text": "reference,agencies\nH-1,Home;Canary\nH-2,Home;Third\n"},
    )
    assert response.status_code == 302
    assert audit.__class__.objects.get(pk=audit.pk).sample.source == "Entered by hand"


def test_a_file_with_a_names_column_is_refused_outright(world, client_for, audit):
    client = client_for(world.user("paqa"))
    response = upload(client, audit, "reference,agencies,child_name\nX-1,Home;Canary,Jo Bloggs\n")
    assert "references only" in response.content.decode()
    assert not hasattr(PracticeAudit.objects.get(pk=audit.pk), "sample")


def test_a_typed_list_with_a_names_column_is_refused_beside_it_and_kept(world, client_for, audit):
    client = client_for(world.user("paqa"))
    typed = "reference,agencies,child_name\nX-1,Home;Canary,Jo Bloggs\n"
    response = client.post(reverse("audits:practice_candidates", args=[audit.pk]), {"text": typed})
    form = response.context["form"]
    assert response.status_code == 200
    assert "references only" in " ".join(form.errors["text"])
    assert "X-1,Home;Canary" in response.content.decode()
    assert not hasattr(PracticeAudit.objects.get(pk=audit.pk), "sample")


def test_a_sample_larger_than_the_eligible_cases_is_refused_with_the_number_eligible(world, client_for, audit):
    client = client_for(world.user("paqa"))
    upload(client, audit)
    response = client.post(reverse("audits:practice_sample", args=[audit.pk]), {"size": "5", "stratify_by": ""})
    html = response.content.decode()
    assert response.status_code == 400
    assert "4 eligible" in html
    assert 'value="5"' in html  # what was typed is still there
    assert not AuditCase.objects.exists()


def test_the_draw_is_stored_and_reproduces_from_its_seed(world, client_for, audit):
    client = client_for(world.user("paqa"))
    upload(client, audit)
    client.post(
        reverse("audits:practice_sample", args=[audit.pk]), {"size": "3", "stratify_by": "age_band", "seed": "42"}
    )
    sample = PracticeAudit.objects.get(pk=audit.pk).sample
    assert sample.seed == 42 and sample.sample_size == 3 and sample.stratify_by == "age_band"
    assert "Stratified random sample of 3 of the 4 eligible" in sample.rule
    assert practice_services.sample_reproduces(sample)
    assert list(AuditCase.objects.filter(audit=audit).values_list("reference", flat=True)) == sample.selected
    # Every agency involved in a drawn case gets its own review row.
    case = AuditCase.objects.get(audit=audit, reference=sample.selected[0])
    assert case.agency_reviews.count() >= 2
    page = client.get(reverse("audits:practice_sample", args=[audit.pk])).content.decode()
    assert "<code>42</code>" in page and "gives the same cases" in page


def test_a_seed_is_generated_when_none_is_given(world, audit):
    practice_services.candidates_load(
        audit=audit, by=world.user("paqa"), rows=[{"reference": "A-1", "agencies": "Home;Canary"}], source="x"
    )
    sample = practice_services.sample_draw(audit=audit, by=world.user("paqa"), size=1)
    assert sample.seed is not None


def test_the_sample_cannot_be_redrawn_once_answers_are_recorded(world, audit, standards):
    practice_services.candidates_load(
        audit=audit, by=world.user("paqa"), rows=[{"reference": "A-1", "agencies": "Home;Canary"}], source="x"
    )
    practice_services.sample_draw(audit=audit, by=world.user("paqa"), size=1, seed=1)
    review = CaseAgency.objects.first()
    criterion = standards[0].criteria.first()
    practice_services.case_agency_record(review=review, by=world.user("paqa"), version=1, answers={criterion.pk: "met"})
    with pytest.raises(ValidationError, match="cannot be redrawn"):
        practice_services.sample_draw(audit=audit, by=world.user("paqa"), size=1, seed=2)
    with pytest.raises(ValidationError, match="can no longer change"):
        practice_services.candidates_load(audit=audit, by=world.user("paqa"), rows=[], source="x")


def _drawn(world, audit):
    practice_services.candidates_load(
        audit=audit,
        by=world.user("paqa"),
        rows=[{"reference": "MA-1", "agencies": "Home;Canary"}, {"reference": "MA-2", "agencies": "Canary;Third"}],
        source="x",
    )
    practice_services.sample_draw(audit=audit, by=world.user("paqa"), size=2, seed=7)
    return AuditCase.objects.get(audit=audit, reference="MA-1"), AuditCase.objects.get(audit=audit, reference="MA-2")


def test_answers_for_two_agencies_on_one_case(world, client_for, audit, standards):
    case, _ = _drawn(world, audit)
    client = client_for(world.user("paqa"))
    criteria = [c for s in standards for c in s.criteria.all()]
    for review, value in zip(case.agency_reviews.order_by("agency__name"), ["met", "not_met"], strict=True):
        data = {f"c{c.pk}": value for c in criteria}
        data.update(strengths=f"Strength of {review.agency}", learning="", version=review.version)
        url = reverse("audits:case_agency", args=[audit.pk, case.pk, review.pk])
        assert client.post(url, data).status_code == 302
    assert Answer.objects.filter(case_agency__case=case).count() == 2 * len(criteria)
    assert set(case.agency_reviews.values_list("completed", flat=True)) == {True}
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Strength of Canary" in page and "Strength of Home" in page


def test_an_answer_outside_the_scale_is_refused_and_the_rest_kept(world, client_for, audit, standards):
    case, _ = _drawn(world, audit)
    review = case.agency_reviews.first()
    criteria = [c for s in standards for c in s.criteria.all()]
    data = {f"c{criteria[0].pk}": "yes", f"c{criteria[1].pk}": "partly", "strengths": "Kept text", "version": 1}
    response = client_for(world.user("paqa")).post(
        reverse("audits:case_agency", args=[audit.pk, case.pk, review.pk]), data
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Select a valid choice" in html and "Kept text" in html
    assert not Answer.objects.exists()
    with pytest.raises(ValidationError, match="met, partly met"):
        practice_services.case_agency_record(
            review=review, by=world.user("paqa"), version=1, answers={criteria[0].pk: "yes"}
        )


def test_a_grade_outside_the_scale_is_refused(world, client_for, audit):
    case, _ = _drawn(world, audit)
    response = client_for(world.user("paqa")).post(
        reverse("audits:case_grade", args=[audit.pk, case.pk]), {"grade": "excellent", "summary": "typed"}
    )
    assert "Select a valid choice" in response.content.decode() and "typed" in response.content.decode()
    with pytest.raises(ValidationError):
        practice_services.case_grade(case=case, by=world.user("paqa"), grade="excellent")
    practice_services.case_grade(case=case, by=world.user("paqa"), grade="good")


def _answer_all(world, audit, standards, values):
    """Record `values[agency short name]` for every criterion of every review."""
    criteria = [c for s in standards for c in s.criteria.all()]
    for review in CaseAgency.objects.filter(case__audit=audit).select_related("agency"):
        practice_services.case_agency_record(
            review=review,
            by=world.user("paqa"),
            version=review.version,
            answers={c.pk: values[review.agency.short_name] for c in criteria},
            strengths=f"{review.agency.short_name} strength on {review.case.reference}",
            learning=f"{review.agency.short_name} learning on {review.case.reference}",
        )


def test_the_analysis_gives_percentages_per_standard_and_per_agency(world, client_for, audit, standards):
    _drawn(world, audit)
    _answer_all(world, audit, standards, {"Home": "met", "Canary": "partly", "Third": "not_met"})
    from audits.selectors import analysis

    data = analysis(audit=audit, user=world.user("paqa"))
    by_agency = {str(a): s for a, s in data["agencies"]}
    assert by_agency["Home"].pct_met == 100 and by_agency["Canary"].compliance == 50
    assert by_agency["Third"].compliance == 0
    # 4 reviews (Home, Canary on MA-1; Canary, Third on MA-2): met 1, partly 2, not met 1 per criterion.
    first = data["standards"][0][1]
    assert (first.met, first.partly, first.not_met) == (2, 4, 2)
    assert first.compliance == 50
    page = client_for(world.user("paqa")).get(reverse("audits:practice_analysis", args=[audit.pk])).content.decode()
    assert "chart-standards-data" in page and "Information sharing" in page
    assert "Good practice to share" in page and "Shortfalls and learning" in page


def test_the_report_pdf_reads_back_with_the_findings(world, client_for, audit, standards):
    _drawn(world, audit)
    _answer_all(world, audit, standards, {"Home": "met", "Canary": "partly", "Third": "not_met"})
    services.recommendation_add(by=world.user("paqa"), text="Share chronologies within a week", practice_audit=audit)
    response = client_for(world.user("paqa")).get(reverse("audits:practice_report", args=[audit.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert audit.title in text
    assert "Information sharing" in text
    assert "Seed 7" in text
    assert "Share chronologies within a week" in text
    assert "Home strength on MA-1" in text

"""Bad input is refused with a clear message beside the field, and what was typed is kept."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from cdop.models import Area, Category, Death, Ethnicity, FactorDomain, PanelReview
from cdop.tests.factories import DeathFactory

pytestmark = pytest.mark.django_db


def notification(**overrides):
    data = {
        "case_number": "CD-2025-101",
        "date_of_death": "2025-03-04",
        "date_notified": "2025-03-05",
        "age_years": "0",
        "age_days": "12",
        "sex": "male",
        "ethnicity": str(Ethnicity.objects.get(code="not-stated").pk),
        "area": str(Area.objects.get(code="north").pk),
        "deprivation_quintile": "2",
        "place_of_death": "hospital",
        "expectation": "unexpected",
    }
    data.update(overrides)
    return data


def review_data(death, **overrides):
    data = {
        "reviewed_on": (death.date_notified + dt.timedelta(days=90)).isoformat(),
        "meeting": "",
        "category": str(Category.objects.get(code="sudi").pk),
        "modifiable": "yes",
        "learning_points": "Safer sleep advice was not repeated after the move.",
        "version": str(death.version),
    }
    for domain in FactorDomain.objects.all():
        data[f"score_{domain.code}"] = "1"
        data[f"factors_{domain.code}"] = ""
    data["score_physical"] = "2"
    data["factors_physical"] = "Co-sleeping on a sofa."
    data.update(overrides)
    return data


@pytest.fixture
def panel(world, client_for, cdop_data):
    return client_for(world.user("cdop"))


def test_it_records_a_notification_and_derives_the_age_band(panel):
    response = panel.post(reverse("cdop:case_create"), notification())
    death = Death.objects.get(case_number="CD-2025-101")
    assert response.status_code == 302 and response["Location"] == death.get_absolute_url()
    assert death.age_band == "neonatal" and death.status == "notified"


def test_a_death_after_notification_is_refused_and_the_form_keeps_what_was_typed(panel):
    response = panel.post(reverse("cdop:case_create"), notification(date_of_death="2025-03-09"))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["date_of_death"] == ["The date of death cannot be after the date the panel was notified."]
    body = response.content.decode()
    assert 'value="CD-2025-101"' in body and 'value="2025-03-09"' in body and 'value="12"' in body
    assert not Death.objects.exists()


def test_a_death_in_the_future_is_refused(panel):
    future = (timezone.localdate() + dt.timedelta(days=2)).isoformat()
    response = panel.post(reverse("cdop:case_create"), notification(date_of_death=future, date_notified=future))
    assert "cannot be in the future" in response.context["form"].errors["date_of_death"][0]
    assert "cannot be in the future" in response.context["form"].errors["date_notified"][0]


def test_a_baby_needs_the_age_in_days(panel):
    response = panel.post(reverse("cdop:case_create"), notification(age_days=""))
    assert response.context["form"].errors["age_days"] == ["For a baby under one year, give the age in completed days."]


def test_an_age_over_17_is_refused_by_the_form(panel):
    response = panel.post(reverse("cdop:case_create"), notification(age_years="18", age_days=""))
    assert response.status_code == 200 and "age_years" in response.context["form"].errors


def test_a_duplicate_case_number_is_refused(panel):
    DeathFactory(case_number="CD-2025-101")
    response = panel.post(reverse("cdop:case_create"), notification())
    assert response.context["form"].errors["case_number"] == ["There is already a case numbered CD-2025-101."]


def test_garbage_gets_messages_not_a_500(panel):
    response = panel.post(reverse("cdop:case_create"), {"date_of_death": "31/31/2025", "age_years": "many"})
    assert response.status_code == 200
    assert response.context["form"].errors


def test_it_records_the_rapid_response(panel):
    death = DeathFactory()
    response = panel.post(
        reverse("cdop:case_rapid_response", args=[death.pk]),
        {"jar_held": "yes", "jar_date": "2025-01-10", "version": death.version},
    )
    assert response.status_code == 302
    death.refresh_from_db()
    assert death.jar_held and death.jar_date == dt.date(2025, 1, 10) and death.status == "gathering"


def test_a_rapid_response_before_the_death_is_refused(panel):
    death = DeathFactory()
    response = panel.post(
        reverse("cdop:case_rapid_response", args=[death.pk]),
        {"jar_held": "yes", "jar_date": "2025-01-01", "version": death.version},
    )
    assert "cannot be before the date of death" in response.context["form"].errors["jar_date"][0]
    assert 'value="2025-01-01"' in response.content.decode()


def test_a_rapid_response_for_an_expected_death_is_refused(panel):
    death = DeathFactory(expectation="expected")
    response = panel.post(
        reverse("cdop:case_rapid_response", args=[death.pk]),
        {"jar_held": "yes", "jar_date": "2025-01-11", "version": death.version},
    )
    assert "unexpected deaths only" in response.context["form"].errors["jar_held"][0]


def test_the_notification_asks_every_answer_and_chooses_none_for_the_person(panel):
    body = panel.get(reverse("cdop:case_create")).content.decode()
    for name in ("sex", "ethnicity", "area", "deprivation_quintile", "place_of_death"):
        select = body[body.index(f'name="{name}"') :].split("</select>")[0]
        assert "selected" not in select.split("</option>")[0] or 'value="" selected' in select, name
        assert '<option value="" selected>Choose</option>' in select, name
    assert "checked" not in body[body.index('name="expectation"') :].split("</div>")[0]
    response = panel.post(
        reverse("cdop:case_create"),
        notification(sex="", place_of_death="", ethnicity="", deprivation_quintile="", expectation=""),
    )
    errors = response.context["form"].errors
    assert {"sex", "place_of_death", "ethnicity", "deprivation_quintile", "expectation"} <= set(errors)
    assert not Death.objects.exists()


def test_not_known_is_an_answer(panel):
    not_known = notification(sex="not_known", place_of_death="not_known", deprivation_quintile="not_known")
    response = panel.post(reverse("cdop:case_create"), not_known)
    death = Death.objects.get(case_number="CD-2025-101")
    assert response.status_code == 302
    shown = (death.get_sex_display(), death.get_place_of_death_display(), str(death.ethnicity))
    assert shown == ("Not known", "Not known", "Not stated")
    assert death.get_deprivation_quintile_display() == "Not known"
    assert "Not known" in panel.get(death.get_absolute_url()).content.decode().split("Deprivation of the home")[1][:80]


def test_the_service_refuses_a_notification_without_the_deprivation_answer(cdop_data, world):
    from cdop.services import death_notify

    fields = {
        "date_of_death": dt.date(2025, 3, 4),
        "date_notified": dt.date(2025, 3, 5),
        "age_years": 2,
        "age_days": None,
        "sex": "male",
        "ethnicity": Ethnicity.objects.get(code="not-stated"),
        "area": Area.objects.get(code="north"),
        "place_of_death": "hospital",
        "expectation": "expected",
    }
    with pytest.raises(ValidationError) as refused:
        death_notify(by=world.user("cdop"), case_number="CD-2025-102", **fields)
    assert refused.value.message_dict["deprivation_quintile"] == [
        "Choose the deprivation quintile of the child's home; choose “Not known” if it is not known."
    ]
    death = death_notify(by=world.user("cdop"), case_number="CD-2025-102", deprivation_quintile="4", **fields)
    assert death.get_deprivation_quintile_display() == "Quintile 4"


def test_a_late_or_missing_joint_agency_response_needs_its_reason(panel):
    death = DeathFactory(date_of_death=dt.date(2025, 1, 10))
    url = reverse("cdop:case_rapid_response", args=[death.pk])
    late = panel.post(url, {"jar_held": "yes", "jar_date": "2025-01-13", "version": death.version})
    assert late.context["form"].errors["jar_reason"] == [
        "The response was more than 1 day after the death, outside the statutory timescale: say why."
    ]
    unanswered = panel.post(url, {"jar_date": "", "version": death.version})
    assert unanswered.context["form"].errors["jar_held"] == ["Say whether a joint agency response was held."]
    not_held = panel.post(url, {"jar_held": "no", "version": death.version})
    assert not_held.context["form"].errors["jar_reason"] == ["Say why no joint agency response was held."]
    response = panel.post(
        url, {"jar_held": "no", "jar_reason": "Death abroad; local agencies told later.", "version": death.version}
    )
    assert response.status_code == 302
    death.refresh_from_db()
    assert not death.jar_held and death.jar_reason.startswith("Death abroad")


def test_the_panel_list_flags_an_unexpected_infant_death_without_a_joint_agency_response(panel):
    flagged = DeathFactory(case_number="CD-FLAG-1", age_years=0, age_days=40, expectation="unexpected")
    DeathFactory(
        case_number="CD-OK-1",
        age_years=0,
        age_days=40,
        expectation="unexpected",
        jar_held=True,
        jar_date=dt.date(2025, 1, 10),
    )
    DeathFactory(case_number="CD-OLDER-1", age_years=3, expectation="unexpected")
    DeathFactory(case_number="CD-EXP-1", age_years=0, age_days=40, expectation="expected")
    body = panel.get(reverse("cdop:case_list")).content.decode()
    rows = {row.split("</a>")[0].rsplit(">", 1)[-1]: row for row in body.split("<tr>")[1:] if "CD-" in row}
    assert "Infant, no joint agency response" in rows["CD-FLAG-1"]
    assert all("Infant, no joint agency response" not in rows[k] for k in ("CD-OK-1", "CD-OLDER-1", "CD-EXP-1"))
    filtered = panel.get(reverse("cdop:case_list") + "?jar_missing=true").content.decode()
    assert "CD-FLAG-1" in filtered and "CD-OK-1" not in filtered and "CD-OLDER-1" not in filtered
    assert flagged.jar_missing


def test_it_records_the_panel_review_with_one_star(panel):
    death = DeathFactory()
    data = review_data(death, score_child="1*", factors_child="Reflux; unlikely to have contributed.")
    response = panel.post(reverse("cdop:case_review", args=[death.pk]), data)
    assert response.status_code == 302
    review = PanelReview.objects.get(death=death)
    assert {f.domain.code: f.score for f in review.factors.all()} == {
        "child": "1*",
        "social": "1",
        "physical": "2",
        "service": "1",
    }
    death.refresh_from_db()
    assert death.status == "reviewed"


def test_a_review_before_the_death_is_refused(panel):
    death = DeathFactory()
    response = panel.post(reverse("cdop:case_review", args=[death.pk]), review_data(death, reviewed_on="2024-12-31"))
    assert "cannot be before the date of death" in response.context["form"].errors["reviewed_on"][0]
    assert not PanelReview.objects.exists()


def test_a_reviewed_case_must_have_a_category(panel):
    death = DeathFactory()
    response = panel.post(reverse("cdop:case_review", args=[death.pk]), review_data(death, category=""))
    assert response.context["form"].errors["category"] == [
        "Choose the category of death: a reviewed case must have one."
    ]
    body = response.content.decode()
    assert "Safer sleep advice was not repeated after the move." in body  # kept
    assert "Co-sleeping on a sofa." in body


@pytest.mark.parametrize("bad", ["4", "-1", "2*", "x"])
def test_a_score_off_the_scale_is_refused(panel, bad):
    death = DeathFactory()
    response = panel.post(reverse("cdop:case_review", args=[death.pk]), review_data(death, score_service=bad))
    assert response.status_code == 200
    assert "not on the scale" in response.context["form"].errors["score_service"][0]
    assert not PanelReview.objects.exists()


def test_every_domain_must_be_scored(panel):
    death = DeathFactory()
    response = panel.post(reverse("cdop:case_review", args=[death.pk]), review_data(death, score_social=""))
    assert response.context["form"].errors["score_social"] == ["Choose a score for this domain."]


def test_modifiable_yes_without_an_identified_factor_is_refused(panel):
    death = DeathFactory()
    response = panel.post(
        reverse("cdop:case_review", args=[death.pk]), review_data(death, score_physical="1", factors_physical="")
    )
    assert "score the domain" in response.context["form"].errors["modifiable"][0]


def test_a_stale_review_is_refused_and_the_person_told(panel):
    death = DeathFactory()
    data = review_data(death)
    Death.objects.filter(pk=death.pk).update(version=5)
    response = panel.post(reverse("cdop:case_review", args=[death.pk]), data, follow=True)
    assert "Someone else saved this case" in response.content.decode()
    assert not PanelReview.objects.exists()


def test_a_meeting_needs_attendance_that_makes_sense(panel, world):
    cdop = world.user("cdop")
    response = panel.post(
        reverse("cdop:meeting_create"),
        {"date": "2025-05-08", "location": "Room 2", "attendees": [cdop.pk], "apologies": [cdop.pk], "notes": ""},
    )
    assert "cannot both attend and send apologies" in response.context["form"].errors["apologies"][0]
    assert 'value="Room 2"' in response.content.decode()


def test_a_meeting_with_its_agenda_and_attendance(panel, world):
    death = DeathFactory()
    response = panel.post(
        reverse("cdop:meeting_create"),
        {"date": "2025-05-08", "location": "Room 2", "agenda": [death.pk], "attendees": [world.user("cdop").pk]},
    )
    assert response.status_code == 302
    page = panel.get(response["Location"]).content.decode()
    assert death.case_number in page and "Room 2" in page


def test_a_recommendation_becomes_an_action(panel, world):
    from actions.models import Action
    from cdop.tests.factories import review_for

    death = DeathFactory()
    review = review_for(death)
    lead = world.user("lead")
    response = panel.post(
        reverse("cdop:recommendation_create", args=[death.pk]),
        {
            "description": "Reissue safer sleep guidance.",
            "measure": "Audit shows advice given at 18 of 20 visits.",
            "agency": world.home.pk,
            "owner": lead.pk,
            "due_date": "2026-03-31",
            "priority": "high",
        },
    )
    assert response.status_code == 302
    action = Action.objects.for_source(review).get()
    assert action.owner == lead and action.source_label == "Child Death Overview Panel recommendation"
    assert death.case_number not in action.source_label


def test_a_recommendation_owner_from_another_agency_is_refused(panel, world):
    from cdop.tests.factories import review_for

    death = DeathFactory()
    review_for(death)
    response = panel.post(
        reverse("cdop:recommendation_create", args=[death.pk]),
        {
            "description": "Reissue safer sleep guidance.",
            "measure": "Audit.",
            "agency": world.home.pk,
            "owner": world.other_lead.pk,
            "due_date": "2026-03-31",
            "priority": "high",
        },
    )
    assert response.status_code == 200
    assert "owner" in response.context["form"].errors


def test_a_contradictory_category_is_explained_beside_it_and_nothing_is_saved(panel):
    death = DeathFactory()
    data = review_data(death, score_physical="3", factors_physical="Overlay on a sofa.")
    response = panel.post(reverse("cdop:case_review", args=[death.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].errors["category"] == [
        "An unexplained death cannot have a domain scored 3 (a complete and sufficient explanation): "
        "choose the category that explains it, or change the score."
    ]
    assert "Overlay on a sofa." in response.content.decode()
    assert not PanelReview.objects.filter(death=death).exists()


def test_a_review_without_a_category_is_refused(panel):
    death = DeathFactory()
    response = panel.post(reverse("cdop:case_review", args=[death.pk]), review_data(death, category=""))
    assert response.context["form"].errors["category"] == [
        "Choose the category of death: a reviewed case must have one."
    ]
    assert not PanelReview.objects.filter(death=death).exists()


def test_the_ncmd_export_gives_the_national_fields_for_a_reviewed_death(panel, world):
    import csv
    import io

    from cdop.tests.factories import review_for

    death = DeathFactory(
        case_number="CD-NCMD-1", age_years=0, age_days=40, jar_held=True, jar_date=dt.date(2025, 1, 13)
    )
    review_for(death, category_code="sudi", modifiable="no", scores={"physical": "2"}, reviewed_on=dt.date(2025, 5, 1))
    response = panel.get(reverse("cdop:case_export_ncmd") + "?format=csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    row = next(r for r in rows if r["Case number"] == "CD-NCMD-1")
    assert row["Age at death (completed days, under one year)"] == "40"
    assert row["Age band"] == "28 days to under 1 year"
    assert row["Joint agency response within 24 hours"] == "no"
    assert row["Days from death to panel review"] == "111"
    assert row["Category of death (number)"] == "10"
    assert row["Factors score: Physical environment"] == "2"
    assert row["Factors score: Service provision"] == "1"

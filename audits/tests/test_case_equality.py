"""The child's characteristics on an audited case: every question answered, “Not known” allowed."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audits.models import AuditCase
from audits.tests.factories import PracticeAuditFactory, record_characteristics

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(world, standards):
    audit = PracticeAuditFactory(lead=world.user("paqa"), standards=standards, agencies=[world.home, world.other])
    return AuditCase.objects.create(audit=audit, reference="EQ-001", position=1)


def test_every_question_needs_an_answer(world, case):
    with pytest.raises(ValidationError) as exc:
        record_characteristics(case, world.user("paqa"), sex="not_known", age_band="", ethnicity="", disability="no")
    assert exc.value.message_dict == {
        "child_age_band": ["Answer the child's age band: choose “Not known” if it is not known."],
        "child_ethnicity": ["Answer the child's ethnicity: choose “Not known” if it is not known."],
    }
    case.refresh_from_db()
    assert case.child_sex == ""


def test_the_page_keeps_what_was_typed_and_saves_a_full_answer(world, client_for, case):
    client = client_for(world.user("paqa"))
    url = reverse("audits:case_characteristics", args=[case.audit_id, case.pk])
    page = client.get(url).content.decode()
    assert "Choose an answer" in page and "---------" not in page
    response = client.post(
        url, {"child_sex": "female", "child_age_band": "1_4", "child_ethnicity": "", "child_disability": "no"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Answer the child&#x27;s ethnicity" in body
    assert '<option value="1_4" selected>' in body
    response = client.post(
        url, {"child_sex": "female", "child_age_band": "1_4", "child_ethnicity": "not_known", "child_disability": "no"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.child_sex, case.child_ethnicity) == ("female", "not_known")
    assert "ethnicity Not known (refused or not yet obtained)" in client.get(case.get_absolute_url()).content.decode()


@pytest.mark.parametrize("key", ["lead", "contributor", "cdop", "ssm", "board"])
def test_people_outside_the_audit_team_may_not_record_them(world, client_for, case, key):
    url = reverse("audits:case_characteristics", args=[case.audit_id, case.pk])
    data = {"child_sex": "female", "child_age_band": "1_4", "child_ethnicity": "white", "child_disability": "no"}
    assert client_for(world.user(key)).post(url, data).status_code in (403, 404)
    case.refresh_from_db()
    assert case.child_sex == ""

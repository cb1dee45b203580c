import pytest
from django.core.cache import cache
from django.urls import reverse

from governance import voice_services
from governance.models import FeedbackAnswer, FeedbackResponse
from governance.tests.factories import feedback_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def test_a_practitioner_answers_without_login_and_no_name_is_kept(client):
    campaign = voice_services.campaign_open(title="Voices")
    page = client.get(reverse("governance:feedback_public"))
    assert page.status_code == 200 and "Voices" in page.content.decode()
    response = client.post(reverse("governance:feedback_public"), feedback_data(campaign))
    assert response.status_code == 302 and response["Location"] == reverse("governance:feedback_thanks")
    saved = FeedbackResponse.objects.get()
    assert (saved.agency_kind, saved.role) == ("education", "teacher")
    assert {f.name for f in FeedbackResponse._meta.get_fields()} & {"name", "email", "ip_address"} == set()
    assert FeedbackAnswer.objects.filter(response=saved).count() == campaign.questions.count()


def test_only_one_campaign_is_open_at_a_time():
    first = voice_services.campaign_open(title="First")
    second = voice_services.campaign_open(title="Second")
    first.refresh_from_db()
    assert (first.is_open, second.is_open) == (False, True)


def test_a_filled_honeypot_stores_nothing_but_looks_like_success(client):
    campaign = voice_services.campaign_open(title="Voices")
    response = client.post(
        reverse("governance:feedback_public"), feedback_data(campaign, website="http://spam.example")
    )
    assert response.status_code == 302
    assert not FeedbackResponse.objects.exists()


def test_a_form_sent_back_too_fast_stores_nothing(client):
    campaign = voice_services.campaign_open(title="Voices")
    client.post(reverse("governance:feedback_public"), feedback_data(campaign, started_ago=0.5))
    assert not FeedbackResponse.objects.exists()


def test_a_forged_or_missing_start_time_stores_nothing(client):
    campaign = voice_services.campaign_open(title="Voices")
    client.post(reverse("governance:feedback_public"), feedback_data(campaign, started="forged"))
    client.post(reverse("governance:feedback_public"), feedback_data(campaign, started=""))
    assert not FeedbackResponse.objects.exists()


def test_flooding_is_rate_limited_without_a_500(client, settings):
    settings.GOVERNANCE_FEEDBACK_RATE_LIMIT = 3
    campaign = voice_services.campaign_open(title="Voices")
    statuses = [
        client.post(reverse("governance:feedback_public"), feedback_data(campaign)).status_code for _ in range(10)
    ]
    assert statuses[:3] == [302, 302, 302]
    assert set(statuses[3:]) == {429}
    assert FeedbackResponse.objects.count() == 3


def test_garbage_posts_never_answer_500(client):
    campaign = voice_services.campaign_open(title="Voices")
    for data in (
        {},
        {"agency_kind": "x" * 5000},
        {"started": "a:b:c", "role": "nonsense"},
        feedback_data(campaign, agency_kind="martian"),
    ):
        assert client.post(reverse("governance:feedback_public"), data).status_code in (302, 400, 429)


def test_missing_answers_are_refused_and_the_rest_kept(client):
    campaign = voice_services.campaign_open(title="Voices")
    first_scale = campaign.questions.filter(kind="scale").first()
    text_q = campaign.questions.filter(kind="text").first()
    response = client.post(
        reverse("governance:feedback_public"),
        feedback_data(campaign, **{f"q{first_scale.pk}": "", f"q{text_q.pk}": "typed idea"}),
    )
    assert response.status_code == 400
    assert "typed idea" in response.content.decode()
    assert not FeedbackResponse.objects.exists()


def test_with_no_campaign_open_the_page_says_so(client):
    assert (
        "no practitioner feedback campaign open" in client.get(reverse("governance:feedback_public")).content.decode()
    )


def test_results_by_theme_and_agency_type(world, client_for):
    campaign = voice_services.campaign_open(title="Voices")
    questions = list(campaign.questions.all())
    for kind, score in (("education", 5), ("police", 3)):
        voice_services.feedback_submit(
            campaign=campaign,
            agency_kind=kind,
            role="other",
            answers={q.pk: (score, "") if q.kind == "scale" else (None, f"said by {kind}") for q in questions},
        )
    body = (
        client_for(world.user("paqa")).get(reverse("governance:feedback_results", args=[campaign.pk])).content.decode()
    )
    assert "Multi-agency working" in body and "4.00" in body and "said by police" in body


def test_a_campaign_title_too_long_is_refused_with_the_reason(world, client_for):
    from governance.models import FeedbackCampaign

    client = client_for(world.user("bu"))
    response = client.post(reverse("governance:campaign_open"), {"title": "Feedback " * 30}, follow=True)
    assert response.status_code == 200
    assert (
        "The campaign was not opened: Keep the campaign title to 200 characters or fewer." in response.content.decode()
    )
    assert not FeedbackCampaign.objects.exists()
    response = client.post(reverse("governance:campaign_open"), {"title": "Spring\x00voices"}, follow=True)
    assert "The campaign was not opened: Null characters are not allowed." in response.content.decode()
    assert not FeedbackCampaign.objects.exists()
    response = client.post(reverse("governance:campaign_open"), {"title": "Spring voices"}, follow=True)
    assert "Campaign “Spring voices” is open" in response.content.decode()
    assert FeedbackCampaign.objects.get().title == "Spring voices"

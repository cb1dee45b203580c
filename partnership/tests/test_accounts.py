"""The account lifecycle run by the business unit in the portal: invite, accept, roles and seats
with a reason, deactivate a leaver; every change in the security log (who, what, for whom)."""

import datetime as dt
import re

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from partnership import invitations, services
from partnership.models import Membership, RoleAssignment, SecurityEvent, User
from partnership.tests.factories import PASSWORD, AgencyFactory, SubCommitteeFactory, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "plum-orchard-lantern-42"


def _invite(client, to_agency, **overrides):
    data = {
        "agency": to_agency.pk,
        "first_name": "Nadia",
        "last_name": "Osei",
        "email": "Nadia.Osei@agency.example",
        "job_title": "Named nurse",
        "roles": ["agency_lead"],
        **overrides,
    }
    return client.post(reverse("partnership:person_invite"), data)


def _link(mail) -> str:
    return re.search(r"https?://\S+/accounts/invitation/\S+/", mail.body).group(0)


def _path(link: str) -> str:
    return link.split("testserver", 1)[1]


def _sign_in(client, person):
    """Through the real sign-in form, so the session lands in the configured store."""
    response = client.post(reverse("login"), {"username": person.username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]


# --- invite ---------------------------------------------------------------------------------------


def test_the_invite_page_asks_for_the_agency_first(world, client_for):
    client = client_for(world.user("bu"))
    page = client.get(reverse("partnership:person_invite")).content.decode()
    assert "Which agency does the person work for?" in page
    assert 'name="email"' not in page
    page = client.get(reverse("partnership:person_invite"), {"agency": world.other.pk}).content.decode()
    assert "Canary Agency" in page and 'name="email"' in page


def test_an_invitation_without_an_agency_goes_back_to_choosing_one(world, client_for):
    response = _invite(client_for(world.user("bu")), world.other, agency="")
    assert response.status_code == 200
    assert "Which agency does the person work for?" in response.content.decode()
    assert not User.objects.filter(email="nadia.osei@agency.example").exists()


def test_it_invites_a_person_by_email(world, client_for, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(client_for(world.user("bu")), world.other)
    person = User.objects.get(email="nadia.osei@agency.example")
    assert response.status_code == 302 and response["Location"] == reverse(
        "partnership:person_detail", args=[person.pk]
    )
    assert person.username == "nadia.osei@agency.example"
    assert person.agency == world.other
    assert not person.has_usable_password()
    assert not person.is_staff and not person.is_superuser
    assert list(person.role_assignments.values_list("role", flat=True)) == ["agency_lead"]
    assert invitations.is_pending(person)
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["nadia.osei@agency.example"]
    assert "works once, for 7 days" in mailoutbox[0].body
    assert "Your username is nadia.osei@agency.example" in mailoutbox[0].body
    invited = SecurityEvent.objects.get(kind="invited")
    assert (invited.user, invited.subject, invited.subject_username) == (world.user("bu"), person, person.username)
    assert "Canary Agency" in invited.detail
    role = SecurityEvent.objects.get(kind="role_added")
    assert role.subject == person and role.user == world.user("bu") and "Agency lead" in role.detail


def test_an_invitation_with_mistakes_keeps_what_was_typed(world, client_for):
    response = _invite(client_for(world.user("bu")), world.other, email="not-an-address", last_name="")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter an e-mail address like name@agency.org.uk." in page
    assert "Enter a last name." in page
    assert 'value="Nadia"' in page and 'value="not-an-address"' in page and 'value="Named nurse"' in page
    assert re.search(r'value="agency_lead"[^>]*checked', page)
    assert not User.objects.filter(first_name="Nadia").exists()


def test_it_refuses_an_email_address_someone_already_has(world, client_for):
    UserFactory(username="someone", email="nadia.osei@agency.example", agency=world.home)
    response = _invite(client_for(world.user("bu")), world.other)
    assert response.status_code == 200
    assert "Someone already has an account with nadia.osei@agency.example" in response.content.decode()
    assert User.objects.filter(email__iexact="nadia.osei@agency.example").count() == 1


def test_only_the_business_unit_invites(world):
    with pytest.raises(services.PermissionDenied):
        services.person_invite(
            by=world.user("lead"), agency=world.home, first_name="A", last_name="B", email="a@b.example"
        )


# --- accept -----------------------------------------------------------------------------------------


@pytest.fixture
def invited(world, client_for, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _invite(client_for(world.user("bu")), world.other)
    return User.objects.get(email="nadia.osei@agency.example"), _path(_link(mailoutbox[-1]))


def test_the_invited_person_sets_a_password_and_is_signed_in(invited, client):
    person, path = invited
    client.logout()
    page = client.get(path)
    assert page.status_code == 200 and "Choose your password" in page.content.decode()
    response = client.post(path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert client.get(reverse("home")).context["user"] == person
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)
    accepted = SecurityEvent.objects.get(kind="invitation_accepted")
    assert accepted.user == person and accepted.subject == person


def test_a_used_link_is_refused_clearly(invited, client):
    person, path = invited
    client.logout()
    client.post(path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    client.logout()
    response = client.get(path)
    assert response.status_code == 410
    assert "This invitation link has already been used" in response.content.decode()
    response = client.post(path, {"new_password1": "another-long-pass-99", "new_password2": "another-long-pass-99"})
    assert response.status_code == 410
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)
    assert SecurityEvent.objects.filter(kind="invitation_refused", subject=person).exists()


def test_an_expired_link_is_refused_clearly(invited, client, settings):
    person, path = invited
    client.logout()
    with time_machine.travel(timezone.now() + dt.timedelta(days=settings.INVITATION_DAYS, minutes=1)):
        response = client.get(path)
    assert response.status_code == 410
    assert "This invitation link has expired: links work for 7 days." in response.content.decode()
    with time_machine.travel(timezone.now() + dt.timedelta(days=settings.INVITATION_DAYS, minutes=-1)):
        assert client.get(path).status_code == 200


def test_a_link_that_was_tampered_with_is_refused(invited, client):
    _, path = invited
    client.logout()
    response = client.get(path.replace("/invitation/", "/invitation/x"))
    assert response.status_code == 400
    assert "This invitation link is not valid" in response.content.decode()


def test_a_new_link_replaces_the_old_one(invited, world, client_for, mailoutbox, django_capture_on_commit_callbacks):
    person, old = invited
    client = client_for(world.user("bu"))
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=5)):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("partnership:person_invite_again", args=[person.pk]))
    new = _path(_link(mailoutbox[-1]))
    client.logout()
    assert new != old
    assert client.get(old).status_code == 410
    assert client.get(new).status_code == 200


def test_a_password_that_breaks_the_rules_is_refused_with_the_reason(invited, client):
    person, path = invited
    client.logout()
    response = client.post(path, {"new_password1": "short", "new_password2": "short"})
    assert response.status_code == 200
    assert "This password is too short" in response.content.decode()
    person.refresh_from_db()
    assert not person.has_usable_password()


def test_a_deactivated_persons_link_stops_working(invited, world, client):
    person, path = invited
    services.person_deactivate(person=person, by=world.user("bu"), reason="invited by mistake")
    client.logout()
    assert client.get(path).status_code == 410


# --- roles and seats --------------------------------------------------------------------------------


def test_roles_are_given_and_taken_away_with_a_reason(world, client_for):
    person = world.other_lead
    paqa = SubCommitteeFactory(code="paqa-test", name="PAQA test")
    response = client_for(world.user("bu")).post(
        reverse("partnership:person_access", args=[person.pk]),
        {"roles": ["paqa"], f"seat_{paqa.pk}": "chair", "reason": "Joined PAQA in April"},
    )
    assert response.status_code == 302
    assert set(person.role_assignments.values_list("role", flat=True)) == {"paqa"}
    assert Membership.objects.get(user=person, subcommittee=paqa).is_chair
    events = {e.kind: e for e in SecurityEvent.objects.filter(subject=person)}
    assert events["role_added"].detail == "PAQA member: Joined PAQA in April"
    assert events["role_removed"].detail == "Agency lead: Joined PAQA in April"
    assert events["seat_added"].detail == "chair of PAQA test: Joined PAQA in April"
    assert {e.user for e in events.values()} == {world.user("bu")}
    removed = RoleAssignment.history.filter(user_id=person.pk, history_type="-").get()
    assert removed.history_change_reason == "Joined PAQA in April"


def test_a_role_change_without_a_reason_keeps_what_was_ticked(world, client_for):
    person = world.other_lead
    response = client_for(world.user("bu")).post(
        reverse("partnership:person_access", args=[person.pk]), {"roles": ["agency_lead", "cdop"], "reason": ""}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Say why" in page
    assert re.search(r'value="cdop"[^>]*checked', page)
    assert not person.role_assignments.filter(role="cdop").exists()
    assert not SecurityEvent.objects.filter(kind="role_added").exists()


def test_a_change_that_changes_nothing_says_so(world, client_for):
    response = client_for(world.user("bu")).post(
        reverse("partnership:person_access", args=[world.other_lead.pk]), {"roles": ["agency_lead"], "reason": "x"}
    )
    assert "Nothing was changed" in response.content.decode()


def test_the_business_unit_cannot_take_away_its_own_role(world, client_for):
    bu = world.user("bu")
    response = client_for(bu).post(reverse("partnership:person_access", args=[bu.pk]), {"roles": [], "reason": "oops"})
    assert "You cannot take away your own business unit role" in response.content.decode()
    assert bu.role_assignments.filter(role="business_unit").exists()


# --- deactivate a leaver ---------------------------------------------------------------------------


def test_deactivating_a_leaver_ends_their_sessions_and_keeps_their_records(world, client, client_for):
    from actions.tests.factories import ActionFactory

    leaver = world.user("lead")
    action = ActionFactory(owner=leaver, agency=world.home)
    _sign_in(client, leaver)
    session_key = client.session.session_key
    assert Session.objects.filter(session_key=session_key).exists()

    from django.test import Client

    bu = Client()
    bu.force_login(world.user("bu"))
    response = bu.post(
        reverse("partnership:person_deactivate", args=[leaver.pk]), {"reason": "Left the police on 31 March"}
    )
    assert response.status_code == 302

    assert not Session.objects.filter(session_key=session_key).exists()
    follow = client.get(reverse("home"))
    assert follow.status_code == 302 and follow["Location"].startswith(reverse("login"))
    refused = client.post(reverse("login"), {"username": leaver.username, "password": PASSWORD})
    assert refused.status_code == 200 and "was not recognised" in refused.content.decode()
    leaver.refresh_from_db()
    assert not leaver.is_active
    action.refresh_from_db()
    assert action.owner == leaver
    assert leaver.role_assignments.filter(role="agency_lead").exists()
    event = SecurityEvent.objects.get(kind="account_disabled")
    assert event.user == world.user("bu") and event.subject == leaver
    assert "Left the police on 31 March" in event.detail and "(1 sessions ended)" in event.detail


def test_sessions_end_in_a_cache_session_store_too(world, settings, client):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    leaver = world.user("lead")
    _sign_in(client, leaver)
    from django.contrib.sessions.backends.cache import SessionStore

    key = client.session.session_key
    assert SessionStore(session_key=key).exists(key)
    services.person_deactivate(person=leaver, by=world.user("bu"), reason="left")
    assert not SessionStore(session_key=key).exists(key)


def test_deactivating_needs_a_reason(world, client_for):
    response = client_for(world.user("bu")).post(
        reverse("partnership:person_deactivate", args=[world.user("lead").pk]), {"reason": "  "}
    )
    assert response.status_code == 200 and "Say why" in response.content.decode()
    world.user("lead").refresh_from_db()
    assert world.user("lead").is_active


def test_the_business_unit_cannot_deactivate_itself(world):
    with pytest.raises(services.ValidationError, match="your own account"):
        services.person_deactivate(person=world.user("bu"), by=world.user("bu"), reason="test")


def test_a_deactivated_account_can_be_reactivated_with_a_reason(world, client_for):
    leaver = world.user("lead")
    services.person_deactivate(person=leaver, by=world.user("bu"), reason="left")
    response = client_for(world.user("bu")).post(
        reverse("partnership:person_reactivate", args=[leaver.pk]), {"reason": "Came back from secondment"}
    )
    assert response.status_code == 302
    leaver.refresh_from_db()
    assert leaver.is_active
    assert SecurityEvent.objects.get(kind="account_enabled").detail.endswith("Came back from secondment")


# --- details: the business unit's and a person's own ------------------------------------------------


def test_a_person_updates_their_own_details(world, client_for):
    lead = world.user("lead")
    client = client_for(lead)
    page = client.get(reverse("my_account")).content.decode()
    assert "Agency lead" in page and "Home Agency" in page
    response = client.post(
        reverse("my_account"),
        {"first_name": "Lee", "last_name": "Ng", "email": "lee.ng@home.example", "job_title": "Head of safeguarding"},
    )
    assert response.status_code == 302
    lead.refresh_from_db()
    assert (lead.first_name, lead.email, lead.job_title) == ("Lee", "lee.ng@home.example", "Head of safeguarding")
    event = SecurityEvent.objects.get(kind="details_changed")
    assert event.user == lead and event.subject == lead
    assert "own details" in event.detail and "e-mail address" in event.detail


def test_own_details_with_a_mistake_keep_what_was_typed(world, client_for):
    response = client_for(world.user("lead")).post(
        reverse("my_account"), {"first_name": "Lee", "last_name": "", "email": "nope", "job_title": "Head"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter a last name." in page and 'value="nope"' in page and 'value="Head"' in page


def test_a_person_cannot_move_themselves_to_another_agency(world):
    with pytest.raises(services.PermissionDenied):
        services.person_update(
            person=world.user("lead"),
            by=world.user("lead"),
            first_name="A",
            last_name="B",
            email="a@b.example",
            agency=world.other,
        )


def test_the_business_unit_moves_a_person_to_another_agency(world, client_for):
    lead = world.user("lead")
    response = client_for(world.user("bu")).post(
        reverse("partnership:person_edit", args=[lead.pk]),
        {"first_name": lead.first_name, "last_name": lead.last_name, "email": lead.email, "agency": world.other.pk},
    )
    assert response.status_code == 302
    lead.refresh_from_db()
    assert lead.agency == world.other
    assert "agency Home to Canary" in SecurityEvent.objects.get(kind="details_changed").detail


# --- who has access at an agency ------------------------------------------------------------------


def test_a_lead_sees_who_has_access_at_their_agency(world, client_for):
    UserFactory(username="gone", first_name="Gone", last_name="Person", agency=world.home, is_active=False)
    page = client_for(world.user("lead")).get(reverse("partnership:agency_access", args=[world.home.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert world.user("contributor").get_full_name() in text and "Agency contributor" in text
    assert "Gone Person" not in text
    assert "w-other-lead" not in text and world.other_lead.get_full_name() not in text
    assert "<form" not in text.split('id="main"')[1]  # read-only


# --- agencies and sub-committees ------------------------------------------------------------------


def test_the_business_unit_adds_an_agency(world, client_for):
    response = client_for(world.user("bu")).post(
        reverse("partnership:agency_create"),
        {
            "name": "Oakwell Academy",
            "short_name": "Oakwell",
            "kind": "education",
            "s11_duty": "voluntary",
            "active": "on",
        },
    )
    assert response.status_code == 302
    assert SecurityEvent.objects.get(kind="agency_changed").detail == "added agency Oakwell Academy"


def test_an_agency_with_a_taken_name_keeps_what_was_typed(world, client_for):
    response = client_for(world.user("bu")).post(
        reverse("partnership:agency_create"),
        {"name": "canary agency", "short_name": "Dup", "kind": "education", "s11_duty": "voluntary"},
    )
    page = response.content.decode()
    assert "There is already an agency called canary agency." in page
    assert 'value="Dup"' in page and re.search(r'value="voluntary"[^>]*selected', page)


def test_an_agency_with_active_people_cannot_be_closed(world):
    with pytest.raises(services.ValidationError, match="still have active accounts"):
        services.agency_save(
            by=world.user("bu"),
            agency=world.other,
            **{**{f: getattr(world.other, f) for f in services.AGENCY_FIELDS}, "active": False},
        )


def test_the_business_unit_adds_and_renames_a_sub_committee(world, client_for):
    client = client_for(world.user("bu"))
    client.post(reverse("partnership:subcommittee_create"), {"name": "Education safeguarding", "description": ""})
    committee = SubCommitteeFactory._meta.model.objects.get(name="Education safeguarding")
    assert committee.code == "education-safeguarding"
    client.post(reverse("partnership:subcommittee_edit", args=[committee.pk]), {"name": "Education group"})
    assert [e.detail for e in SecurityEvent.objects.filter(kind="subcommittee_changed").order_by("at", "pk")] == [
        "added sub-committee Education safeguarding",
        "changed sub-committee Education group",
    ]


def test_a_sub_committees_own_page_sets_its_position_and_takes_it_out_of_use(world, client_for):
    committee = SubCommitteeFactory(code="order-test", name="Order test", order=0)
    client = client_for(world.user("bu"))
    url = reverse("partnership:subcommittee_edit", args=[committee.pk])
    assert 'name="order" value="0"' in client.get(url).content.decode()
    client.post(url, {"name": "Order test", "order": "4"})
    committee.refresh_from_db()
    assert (committee.order, committee.active) == (4, False)
    assert "not in use" in client.get(reverse("partnership:index")).content.decode()


def test_a_sub_committee_with_a_bad_position_keeps_what_was_typed(world, client_for):
    committee = SubCommitteeFactory(code="order-bad", name="Order bad", order=2)
    response = client_for(world.user("bu")).post(
        reverse("partnership:subcommittee_edit", args=[committee.pk]),
        {"name": "Renamed group", "description": "Kept words", "order": "-1", "active": "on"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Give a position of 0 or more." in body
    assert 'value="Renamed group"' in body and "Kept words" in body
    committee.refresh_from_db()
    assert (committee.name, committee.order) == ("Order bad", 2)


# --- the Django admin -----------------------------------------------------------------------------


def test_the_admin_refuses_staff_who_are_not_superusers(world, client_for):
    staff = UserFactory(username="staff-only", agency=world.home, roles=["business_unit"])
    staff.is_staff = True
    staff.save()
    response = client_for(staff).get(reverse("admin:index"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert client_for(world.user("bu")).get(reverse("admin:index")).status_code == 200


def test_the_people_list_finds_invited_people(invited, world, client_for):
    person, _ = invited
    page = client_for(world.user("bu")).get(reverse("partnership:people_list"), {"status": "invited"})
    text = page.content.decode()
    assert person.email in text and "password not set yet" in text
    assert world.other_lead.email not in text
    agency = AgencyFactory(name="Empty agency")
    page = client_for(world.user("bu")).get(reverse("partnership:people_list"), {"agency": agency.pk})
    assert "No one matches." in page.content.decode()

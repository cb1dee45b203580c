"""Every change is kept (who, when, what) and shown to the business unit on the record."""

from django.urls import reverse

from partnership.models import Agency


def test_it_records_who_changed_what(world, client_for):
    client = client_for(world.user("bu"))
    agency = world.home
    agency.name = "Home Agency (renamed)"
    agency._history_user = world.user("bu")
    agency.save()
    latest = agency.history.first()
    assert latest.history_user == world.user("bu")
    delta = latest.diff_against(latest.prev_record)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [("name", "Home Agency", "Home Agency (renamed)")]
    page = client.get(reverse("partnership:agency_detail", args=[agency.pk])).content.decode()
    assert "History of changes" in page
    assert "Home Agency (renamed)" in page


def test_it_hides_history_from_other_roles(world, client_for):
    page = client_for(world.user("lead")).get(reverse("partnership:agency_detail", args=[world.home.pk]))
    assert page.status_code == 200
    assert "History of changes" not in page.content.decode()


def test_changes_through_the_web_record_the_request_user(world, client_for):
    client = client_for(world.user("bu"))
    response = client.post(
        reverse("admin:partnership_agency_change", args=[world.other.pk]),
        {"name": "Canary Agency", "short_name": "Canary", "kind": "police", "s11_duty": "statutory", "active": "on"},
    )
    assert response.status_code == 302
    assert Agency.objects.get(pk=world.other.pk).history.first().history_user == world.user("bu")


def test_the_history_speaks_in_the_forms_words_not_the_databases(world, client_for):
    """Field labels, choice labels and linked records' names; never a field code or an id."""
    from partnership.models import AgencyKind

    agency = world.home
    agency.kind = AgencyKind.HEALTH_PROVIDER
    agency.active = False
    agency._history_user = world.user("bu")
    agency.save()
    page = client_for(world.user("bu")).get(reverse("partnership:agency_detail", args=[agency.pk])).content.decode()
    history = page.split("History of changes")[1]
    kind = Agency._meta.get_field("kind")
    active = Agency._meta.get_field("active")
    assert (
        f"{str(kind.verbose_name).capitalize()}</strong>: {AgencyKind.POLICE.label} → {AgencyKind.HEALTH_PROVIDER.label}"
        in history
    )
    assert f"{str(active.verbose_name).capitalize()}</strong>: Yes → No" in history
    assert "health_provider" not in history
    assert "s11_duty" not in history

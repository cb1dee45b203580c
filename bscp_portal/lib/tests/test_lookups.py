"""The lists the business unit keeps: one base model, its queryset, its services, and every
list in the project built on it."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from bscp_portal.lib import lookups
from bscp_portal.lib.lookups import Lookup
from bscp_portal.schedule import STRAND_APPS
from partnership.models import RiskTheme
from partnership.registry import registry

pytestmark = pytest.mark.django_db

#: A model whose fields are only these is a list of values, and must be a Lookup.
LIST_SHAPE = {"id", "code", "name", "text", "title", "order", "active", "description", "help_text", "number"}


def _theme(name, order=0, active=True):
    return RiskTheme.objects.create(code=name.lower().replace(" ", "-"), name=name, order=order, active=active)


def test_it_shows_its_name():
    assert str(_theme("Neglect")) == "Neglect"


def test_it_orders_by_order_then_name():
    _theme("Neglect", order=2)
    _theme("Exploitation", order=1)
    _theme("Domestic abuse", order=2)
    assert [t.name for t in RiskTheme.objects.all()] == ["Exploitation", "Domestic abuse", "Neglect"]


def test_it_is_in_use_with_no_help_text_by_default():
    theme = RiskTheme.objects.create(code="x", name="X")
    assert (theme.active, theme.order, theme.help_text) == (True, 0, "")


def test_active_leaves_out_values_out_of_use():
    _theme("Neglect")
    _theme("Old theme", active=False)
    assert [t.name for t in RiskTheme.objects.active()] == ["Neglect"]


def test_offered_adds_back_the_values_a_record_already_holds():
    neglect, old, older = _theme("Neglect"), _theme("Old theme", active=False), _theme("Older", active=False)
    assert set(RiskTheme.objects.offered()) == {neglect}
    assert set(RiskTheme.objects.offered(old)) == {neglect, old}
    assert set(RiskTheme.objects.offered(old.pk)) == {neglect, old}
    assert set(RiskTheme.objects.offered([old, older.pk])) == {neglect, old, older}
    assert set(RiskTheme.objects.offered(None, "")) == {neglect}


def test_a_value_is_in_use_once_a_record_refers_to_it():
    from scorecard.tests.factories import IndicatorFactory

    used, unused = _theme("Neglect"), _theme("Unused")
    IndicatorFactory().risk_themes.add(used)
    assert lookups.in_use(used) and not lookups.in_use(unused)
    assert lookups.used_ids(RiskTheme) == {used.pk}


def test_create_makes_a_framework_key_from_the_name():
    _theme("Child neglect")
    value = lookups.lookup_create(
        model=RiskTheme, by=None, name="  Child neglect!  ", help_text="", order=3, active=True
    )
    assert (value.name, value.code, value.order) == ("Child neglect!", "child-neglect-2", 3)


def test_a_name_already_in_the_list_is_refused_whatever_its_capitals():
    _theme("Neglect")
    with pytest.raises(ValidationError) as exc:
        lookups.lookup_create(model=RiskTheme, by=None, name="NEGLECT", help_text="", order=0, active=True)
    assert exc.value.message_dict == {"name": ["This list already has \u201cNeglect\u201d."]}


def test_a_value_in_use_cannot_be_deleted_only_taken_out_of_use():
    from scorecard.tests.factories import IndicatorFactory

    used = _theme("Neglect")
    IndicatorFactory().risk_themes.add(used)
    with pytest.raises(ValidationError, match="cannot be deleted. Take it out of use instead"):
        lookups.lookup_delete(value=used, by=None)
    lookups.lookup_update(value=used, by=None, active=False)
    used.refresh_from_db()
    assert used.active is False


def test_a_value_nobody_uses_can_be_deleted():
    unused = _theme("Unused")
    lookups.lookup_delete(value=unused, by=None)
    assert not RiskTheme.objects.filter(pk=unused.pk).exists()


def test_every_list_of_values_in_the_project_is_a_lookup_and_is_on_the_lists_page():
    ours = [apps.get_app_config(name) for name in STRAND_APPS]
    shaped = [
        m
        for app in ours
        for m in app.get_models()
        if getattr(m, "instance_type", None) is None
        and {f.attname for f in m._meta.concrete_fields} <= LIST_SHAPE
        and {f.attname for f in m._meta.concrete_fields} & {"name", "text", "title"}
    ]
    assert shaped, "the shape test found no lists at all"
    assert [m._meta.label for m in shaped if not issubclass(m, Lookup)] == []
    registered = {entry.model for entry in registry.lookups.values()}
    assert [m._meta.label for m in lookups.lookup_models() if m not in registered] == []
    assert {m._meta.label for m in lookups.lookup_models()} == {
        "partnership.SubCommittee",
        "partnership.OutcomeArea",
        "partnership.QAQuadrant",
        "partnership.RiskTheme",
        "partnership.LearningTheme",
        "cdop.Category",
        "cdop.FactorDomain",
        "cdop.Ethnicity",
        "cdop.Area",
        "conferences.LateReason",
        "conferences.Standard",
        "reviews.Methodology",
    }

"""Reading `Model.history` builds its manager class once, and history is recorded as before."""

from simple_history.manager import HistoryDescriptor

from bscp_portal.lib import history
from partnership.models import Agency


def test_the_history_manager_class_is_built_once_per_model():
    assert HistoryDescriptor.__get__ is history._get
    first, second = Agency.history, Agency.history
    assert type(first) is type(second)
    assert first.model is Agency.history.model


def test_a_saved_record_still_keeps_its_history_and_each_instance_its_own(db):
    one = Agency.objects.create(name="First", short_name="First", kind="police", s11_duty="statutory")
    two = Agency.objects.create(name="Second", short_name="Second", kind="police", s11_duty="statutory")
    one.name = "First, renamed"
    one.save()
    assert [h.name for h in one.history.order_by("history_id")] == ["First", "First, renamed"]
    assert [h.name for h in two.history.all()] == ["Second"]
    assert one.history.instance is one and two.history.instance is two

"""The bases records share: their fields follow the record's own, history is kept per record,
the edit counter stays out of a tracked record's history, and a record's page is its URL name."""

import pytest
from django.apps import apps

from bscp_portal.lib.record_models import DetailPage, FileDetails, Recorded, TrackedRecord, UploadedFile, Versioned
from reviews.models import Attachment, CaseReview, Inspection, ThemedReview

BASE_FIELDS = {f.name for base in (TrackedRecord, UploadedFile, Versioned) for f in base._meta.fields}


def _names(model) -> list[str]:
    return [f.name for f in model._meta.fields]


def _built_on(base) -> list[type]:
    return [m for m in apps.get_models() if issubclass(m, base) and not m._meta.abstract]


@pytest.mark.parametrize("base", [TrackedRecord, FileDetails, UploadedFile, Versioned])
def test_a_base_s_fields_come_after_the_record_s_own_in_the_base_s_order(base):
    own = [f.name for f in base._meta.fields]
    assert own
    for model in _built_on(base):
        names = _names(model)
        start = names.index(own[0])
        assert names[start : start + len(own)] == own, model
        assert all(n in BASE_FIELDS for n in names[start:]), model
        assert names[0] == "id", model


def test_every_record_on_a_base_keeps_its_own_history():
    for base in (TrackedRecord, UploadedFile, Recorded, Versioned):
        for model in _built_on(base):
            history = model.history.model
            assert history.__name__ == f"Historical{model.__name__}"
            assert history._meta.app_label == model._meta.app_label


def test_a_tracked_record_s_history_leaves_out_the_edit_counter():
    for model in _built_on(TrackedRecord):
        assert "version" in _names(model)
        assert "version" not in _names(model.history.model)
        assert {"created_by", "created_at"} <= set(_names(model.history.model))


def test_the_inspection_s_fields_read_as_written():
    assert _names(Inspection)[:3] == ["id", "title", "kind"]
    assert _names(Inspection)[-3:] == ["created_by", "created_at", "version"]
    assert _names(Attachment)[-5:] == ["original_name", "content_type", "size", "uploaded_by", "uploaded_at"]


def test_a_record_s_page_is_its_url_name_with_its_key():
    review = CaseReview(pk=7, reference="RR-1", title="A")
    assert isinstance(review, DetailPage)
    assert review.get_absolute_url() == "/reviews/cases/7/"
    assert ThemedReview(pk=3).get_absolute_url().endswith("/3/")


def test_an_uploaded_file_is_known_by_its_original_name():
    assert str(Attachment(original_name="report.pdf")) == "report.pdf"


def test_a_partnership_wide_record_keeps_its_queryset_and_history():
    from governance.models.base import PartnershipWideQuerySet, PartnershipWideRecord

    built = _built_on(PartnershipWideRecord)
    assert len(built) > 10
    for model in built:
        assert isinstance(model.objects.all(), PartnershipWideQuerySet), model
        assert model._default_manager.name == "objects", model
        assert model.history.model.__name__ == f"Historical{model.__name__}"

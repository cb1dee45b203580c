"""After a save refused as stale, the form moves to the version stored for the record now."""

import pytest
from django import forms
from django.contrib.messages.storage.fallback import FallbackStorage
from django.http import QueryDict
from django.test import RequestFactory

from bscp_portal.lib.concurrency import StaleEdit, claim_version, stored_version
from bscp_portal.lib.forms import save_through_service
from reviews.models import ThemedReview
from reviews.tests.factories import ThemedReviewFactory

pytestmark = pytest.mark.django_db


class Form(forms.Form):
    theme = forms.CharField()
    version = forms.IntegerField(widget=forms.HiddenInput)


def test_it_reads_the_version_saved_since_the_record_was_loaded():
    review = ThemedReviewFactory()
    opened_at = review.version
    claim_version(ThemedReview, review.pk, opened_at)
    assert stored_version(review) == opened_at + 1


def test_a_record_that_is_gone_has_version_0():
    review = ThemedReviewFactory()
    ThemedReview.objects.filter(pk=review.pk).delete()
    assert stored_version(review) == 0


def test_given_the_record_a_stale_save_moves_the_form_to_its_stored_version():
    review = ThemedReviewFactory()
    claim_version(ThemedReview, review.pk, review.version)
    request = RequestFactory().post("/", QueryDict(f"theme=Mine&version={review.version}"))
    request.session = {}
    request._messages = FallbackStorage(request)
    form = Form(request.POST)

    def save():
        raise StaleEdit()

    assert save_through_service(request, form, save, redirect_to="/x/", current_version=review) is None
    html = form.as_p()
    assert 'value="Mine"' in html and f'value="{review.version + 1}"' in html

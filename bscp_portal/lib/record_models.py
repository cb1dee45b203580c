"""What many strands' records have in common, given one home: their history, the edit counter
that `concurrency.claim_version` checks, who created them and when, the details of an uploaded
file, and the page a record opens on.

    class Inspection(DetailPage, TrackedRecord):
        detail_url = "reviews:inspection_detail"
        title = models.CharField(max_length=200)
        ...

A base's fields come after the record's own fields, in the order the base declares them, as if
they had been written at the end of the model: admin pages, forms and history list a record's
own fields first, whichever module the base lives in, and a record moved onto a base keeps the
order its backups' checksums were taken in (partnership/backup.py).
"""

from django.conf import settings
from django.db import models
from django.db.models.base import ModelBase
from django.urls import reverse
from simple_history.models import HistoricalRecords


class _TrailingFields(ModelBase):
    """Gives the fields of a concrete model's abstract bases (of this kind) a later place than
    the model's own fields. Django copies an abstract base's fields into each model and orders
    every model's fields by when each field was made, so a base defined in another module would
    otherwise put its fields first."""

    def __new__(mcs, name, bases, attrs, **kwargs):
        if not getattr(attrs.get("Meta"), "abstract", False):
            for base in bases:
                if isinstance(base, _TrailingFields) and base._meta.abstract:
                    for field in sorted(base._meta.local_fields + base._meta.local_many_to_many):
                        field.creation_counter = models.Field.creation_counter
                        models.Field.creation_counter += 1
        return super().__new__(mcs, name, bases, attrs, **kwargs)


class DetailPage:
    """`get_absolute_url` for a record whose page is a URL name taking the record's key."""

    #: The name of the record's page, e.g. "reviews:inspection_detail".
    detail_url: str

    def get_absolute_url(self) -> str:
        return reverse(self.detail_url, args=[self.pk])


class Recorded(models.Model, metaclass=_TrailingFields):
    """A record whose every change is kept in its history."""

    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True


class Versioned(Recorded):
    """A record edited by several people at once: the edit counter is bumped on every save and
    refuses a save made from an older copy (`bscp_portal.lib.concurrency`)."""

    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True


class TrackedRecord(models.Model, metaclass=_TrailingFields):
    """A record created by someone through the portal, edited with the edit counter; its history
    leaves the counter out (it changes on every save and means nothing to a reader)."""

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords(inherit=True, excluded_fields=["version"])

    class Meta:
        abstract = True


class FileDetails(models.Model, metaclass=_TrailingFields):
    """What is kept of an uploaded file beside the stored file itself (the model's own `file`,
    stored under `uploads.stored_name`): the name it had, its type and its size. It is known by
    its original name."""

    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.original_name


class UploadedFile(FileDetails):
    """A file someone uploaded, with who uploaded it and when, and its history."""

    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True

"""Lists of values the business unit keeps (themes, categories, reasons, areas...): one base.

A strand's list is a model on `Lookup`:

    class LateReason(Lookup):
        code = models.SlugField(max_length=40, unique=True)   # the framework's key, if it has one

        class Meta(Lookup.Meta):
            verbose_name = "late reason"

It has a name, an order (lower first, then by name), an `active` flag and help text, and
`__str__` is the name. Forms for a new record offer only active values; a form that edits an
old record offers the active values and the ones the record already holds, so an old record
still shows (and keeps) a value that has since been withdrawn:

    field.queryset = LateReason.objects.offered(conference.late_reason_id)

or, for every list field of a form at once, `offer_in_use(form)` at the end of its __init__.

The strand names the list in its app config (`lookups = ("LateReason",)` on its StrandConfig) and the
business unit manages it from "Lists" (partnership/lists.py), never by deleting a value in use.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils.text import slugify


class LookupQuerySet(models.QuerySet):
    def active(self) -> "LookupQuerySet":
        """The values offered for new records."""
        return self.filter(active=True)

    def offered(self, *keep) -> "LookupQuerySet":
        """Active values, plus the ones named in `keep` (instances, ids, or lists of either):
        what a form offers when it edits a record that already holds a withdrawn value."""
        ids = set()
        for item in keep:
            for value in item if isinstance(item, Iterable) and not isinstance(item, str) else [item]:
                pk = getattr(value, "pk", value)
                if pk not in (None, ""):
                    ids.add(pk)
        return self.filter(Q(active=True) | Q(pk__in=ids))


def offer_in_use(form, **current) -> None:
    """Narrow every list field of `form` (a choice of `Lookup` values) to the values in use plus
    the ones the record already holds: `current[name]` when given, else the form's initial value."""
    for name, field in form.fields.items():
        queryset = getattr(field, "queryset", None)
        if queryset is None or not issubclass(queryset.model, Lookup):
            continue
        keep = current[name] if name in current else form.initial.get(name)
        field.queryset = queryset.model.objects.offered(keep if keep is not None else [])


class Lookup(models.Model):
    """One value of a list the business unit keeps."""

    name = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first in lists.")
    active = models.BooleanField(
        "In use",
        default=True,
        help_text="Values not in use are not offered for new records but still show on old ones.",
    )
    help_text = models.TextField(blank=True, help_text="What the value means, in a sentence or two.")

    objects = LookupQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


def lookup_models() -> list[type[Lookup]]:
    """Every concrete lookup model in the project."""
    from django.apps import apps

    return [m for m in apps.get_models() if issubclass(m, Lookup)]


def used_ids(model: type[Lookup], ids: Iterable[int] | None = None) -> set[int]:
    """The values of a list that some record refers to (history rows aside): one query per
    relation, whatever the number of values."""
    used: set[int] = set()
    for rel in model._meta.get_fields(include_hidden=True):
        if not (rel.auto_created and not rel.concrete and (rel.one_to_many or rel.many_to_many)):
            continue
        related = rel.related_model
        if getattr(related, "instance_type", None) is not None:  # django-simple-history's copy
            continue
        refs = related._base_manager.exclude(**{f"{rel.field.name}__isnull": True})
        if ids is not None:
            refs = refs.filter(**{f"{rel.field.name}__in": list(ids)})
        used.update(refs.values_list(rel.field.name, flat=True).distinct())
    return used


def in_use(value: Lookup) -> bool:
    """Whether any record refers to this value."""
    return bool(used_ids(type(value), [value.pk]))


def _check(value: Lookup) -> None:
    """The model's own checks, and one name once per list (whatever its capitals)."""
    value.full_clean(exclude=["code"] if _has_code(type(value)) else None)
    same = type(value)._base_manager.filter(name__iexact=value.name.strip()).exclude(pk=value.pk).first()
    if same is not None:
        raise ValidationError({"name": f"This list already has \u201c{same.name}\u201d."})


def _has_code(model: type[Lookup]) -> bool:
    return any(f.name == "code" for f in model._meta.concrete_fields)


def _free_code(model: type[Lookup], name: str) -> str:
    """A framework key for a value the business unit adds: its name as a slug, made unique."""
    base = slugify(name)[:34] or "value"
    code, n = base, 1
    while model._base_manager.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return code


@transaction.atomic
def lookup_create(*, model: type[Lookup], by, **data) -> Lookup:
    """Add a value to a list."""
    value = model(**data)
    value.name = value.name.strip()
    _check(value)
    if _has_code(model):
        value.code = _free_code(model, value.name)
    value.save()
    return value


@transaction.atomic
def lookup_update(*, value: Lookup, by, **data) -> Lookup:
    """Change a value's wording, order, help text or whether it is in use; old records keep it."""
    value = type(value)._base_manager.select_for_update().get(pk=value.pk)
    for name, given in data.items():
        setattr(value, name, given.strip() if isinstance(given, str) else given)
    _check(value)
    value.save()
    return value


@transaction.atomic
def lookup_delete(*, value: Lookup, by) -> None:
    """Delete a value no record uses; one in use can only be taken out of use."""
    if in_use(value):
        raise ValidationError(
            f"\u201c{value.name}\u201d is used by existing records, so it cannot be deleted. "
            "Take it out of use instead: it will no longer be offered, and old records keep it."
        )
    value.delete()

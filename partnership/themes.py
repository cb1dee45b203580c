"""Themes of learning from the national panel's list, carried by reviews, inspections, audits and
child death reviews. A strand's record has a `themes` many-to-many to LearningTheme; this module
gives the one form field, the one write and the one small page every strand uses to set them."""

from django import forms
from django.db import transaction

from bscp_portal.lib.forms import save_or_render
from bscp_portal.lib.lookups import offer_in_use
from partnership.models import LearningTheme


class ThemeChoices(forms.ModelMultipleChoiceField):
    """Themes from the national panel's list, as loaded with the framework."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", "The themes of learning it raises, from the national panel's list.")
        # Themes out of use are offered only where a record already has them (offer_in_use).
        super().__init__(queryset=LearningTheme.objects.active(), **kwargs)


class ThemesForm(forms.Form):
    themes = ThemeChoices(label="Themes")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offer_in_use(self)


@transaction.atomic
def themes_set(*, record, themes, by) -> None:
    """Replace the themes a record carries; every theme must be one of the loaded list."""
    themes = list(themes)
    known = set(LearningTheme.objects.filter(pk__in=[t.pk for t in themes]).values_list("pk", flat=True))
    if len(known) != len({t.pk for t in themes}):
        raise ValueError("a theme that is not on the list")
    record.themes.set(themes)


def themes_page(request, *, record, back, title: str):
    """The page that sets a record's themes; the caller has checked the user may."""
    form = ThemesForm(request.POST or None, initial={"themes": list(record.themes.all())})
    return save_or_render(
        request,
        form,
        lambda: themes_set(record=record, themes=form.cleaned_data["themes"], by=request.user),
        success_message="The themes were saved.",
        redirect_to=back,
        template="partnership/themes_form.html",
        context={"title": title, "back": back},
    )


def tally(
    *,
    record_themes,
    action_owner: dict[int, int],
    action_counts: dict[int, tuple[int, int, int]],
    suppress=None,
):
    """Per theme: how many records carry it and where the actions on them stand (pure).

    `record_themes` is pairs (record id, theme id); `action_owner` maps each action source id
    to the record it belongs to (a recommendation to its review; an audit to itself);
    `action_counts` maps a source id to (actions, signed off, overdue). `suppress`, if given,
    turns each record count into what may be published. Returns {theme id: ThemeCount}.
    """
    from partnership.registry import ThemeCount

    records: dict[int, set[int]] = {}
    for record_id, theme_id in record_themes:
        records.setdefault(theme_id, set()).add(record_id)
    per_record: dict[int, list[int]] = {}
    for source_id, (total, done, overdue) in action_counts.items():
        owner = action_owner.get(source_id)
        if owner is None:
            continue
        row = per_record.setdefault(owner, [0, 0, 0])
        row[0], row[1], row[2] = row[0] + total, row[1] + done, row[2] + overdue
    out = {}
    for theme_id, ids in records.items():
        sums = [sum(per_record.get(r, [0, 0, 0])[i] for r in ids) for i in range(3)]
        count = suppress(len(ids)) if suppress else len(ids)
        out[theme_id] = ThemeCount(records=count, actions=sums[0], done=sums[1], overdue=sums[2])
    return out

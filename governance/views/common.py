"""What the partnership-performance pages share."""

from django.shortcuts import render

from bscp_portal.lib.forms import save_through_service


def form_page(request, form, *, title: str, back: str):
    """The single-purpose form page; 400 when the form has errors (what was typed is kept)."""
    return render(
        request,
        "governance/form_page.html",
        {"form": form, "title": title, "back": back},
        status=400 if form.errors else 200,
    )


def save_or_form_page(request, form, save, *, title: str, back: str | None = None, **options):
    """Save the form through its service (`options` as for save_through_service) and go on; else
    the form page again, its Back link to `back` or else to the record saving goes to."""
    done = save_through_service(request, form, save, **options)
    if done:
        return done
    return form_page(request, form, title=title, back=back or options["redirect_to"].get_absolute_url())

"""What the partnership-performance pages share."""

from django.shortcuts import render


def form_page(request, form, *, title: str, back: str):
    """The single-purpose form page; 400 when the form has errors (what was typed is kept)."""
    return render(
        request,
        "governance/form_page.html",
        {"form": form, "title": title, "back": back},
        status=400 if form.errors else 200,
    )

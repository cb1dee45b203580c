"""The partnership's arrangements, for the annual report and the dashboard."""

import datetime as dt

from django.db.models import Count
from django.urls import reverse

from partnership.models import Agency, SubCommittee


def annual_summary(*, start: dt.date, end: dt.date, user) -> dict:
    """Keys: agencies (count), statutory_partners (names), agencies_by_kind (kind, agencies),
    subcommittees (name, members)."""
    agencies = Agency.objects.filter(active=True)
    by_kind = agencies.values("kind").annotate(n=Count("pk")).order_by("kind")
    labels = dict(Agency._meta.get_field("kind").choices)
    return {
        "agencies": agencies.count(),
        "statutory_partners": ", ".join(a.name for a in agencies.filter(statutory_partner=True)) or None,
        "agencies_by_kind": [{"kind": labels.get(r["kind"], r["kind"]), "agencies": r["n"]} for r in by_kind],
        "subcommittees": [
            {"sub_committee": s.name, "members": s.n}
            for s in SubCommittee.objects.annotate(n=Count("memberships")).order_by("name")
        ],
    }


def dashboard_tile(*, user) -> dict:
    return {
        "title": "Partnership",
        "figures": {"Agencies": Agency.objects.filter(active=True).count()},
        "url": reverse("partnership:index"),
    }

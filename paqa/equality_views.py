"""Equality monitoring: the children the portal records, by protected characteristic, with small
numbers suppressed. For PAQA and the business unit."""

from django.shortcuts import render

from paqa import equality_selectors
from paqa.access import may_see_equality
from partnership.access import refuse


def equality(request):
    if not may_see_equality(request.user):
        refuse(request, "equality monitoring is for PAQA and the business unit")
    return render(
        request,
        "paqa/equality.html",
        {
            "sources": [
                (
                    "conferences",
                    "Initial child protection conferences",
                    "Children at their initial conference, by whether a plan was made.",
                    equality_selectors.conference_tables(user=request.user),
                ),
                (
                    "audits",
                    "Cases in multi-agency audits",
                    "Cases sampled for multi-agency practice audits, by the grade the audit gave.",
                    equality_selectors.audited_case_tables(user=request.user),
                ),
                (
                    "cdop",
                    "Child deaths (CDOP)",
                    "Counts only, always with small numbers suppressed. The child death record held here does not "
                    "record disability, so it is not analysed.",
                    equality_selectors.death_tables(),
                ),
            ],
            "max_small": equality_selectors.max_small(),
        },
    )

from django.shortcuts import render


def index(request):
    return render(
        request,
        "includes/coming.html",
        {"strand": "Audits", "coming": "Single-agency and multi-agency practice audits, from commission to follow-up."},
    )

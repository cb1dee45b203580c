from django.shortcuts import render


def index(request):
    return render(
        request,
        "includes/coming.html",
        {
            "strand": "Section 11",
            "coming": "Agencies' Section 11 self-audits against the nine standards, challenge sessions and the compliance matrix.",
        },
    )

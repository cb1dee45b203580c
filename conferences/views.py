from django.shortcuts import render


def index(request):
    return render(
        request,
        "includes/coming.html",
        {
            "strand": "Conferences",
            "coming": "Child protection conference monitoring: timeliness, attendance, participation and questionnaires from families.",
        },
    )

from django.shortcuts import render


def index(request):
    return render(
        request,
        "includes/coming.html",
        {
            "strand": "Actions",
            "coming": "SMART action plans from every strand, progress updates, sign-off with evidence of outcome, and reminders.",
        },
    )

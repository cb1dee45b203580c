from django.shortcuts import render


def index(request):
    return render(
        request,
        "includes/coming.html",
        {
            "strand": "Child deaths",
            "coming": "The Child Death Overview Panel's restricted case records, and statistics with small numbers suppressed.",
        },
    )

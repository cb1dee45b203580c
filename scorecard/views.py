from django.shortcuts import render


def index(request):
    return render(
        request,
        "includes/coming.html",
        {
            "strand": "Scorecard",
            "coming": "Performance indicators with targets, RAG ratings, SPC charts, benchmarks against England and statistical neighbours, and data import.",
        },
    )

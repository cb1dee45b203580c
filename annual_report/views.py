from django.shortcuts import render


def index(request):
    return render(
        request,
        "includes/coming.html",
        {"strand": "Reports", "coming": "The cross-strand dashboard and the annual report, generated as a PDF."},
    )

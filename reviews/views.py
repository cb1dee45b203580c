from django.shortcuts import render


def index(request):
    return render(
        request,
        "includes/coming.html",
        {
            "strand": "Reviews",
            "coming": "Themed reviews, rapid reviews, child safeguarding practice reviews and learning reviews, with their recommendations and learning.",
        },
    )


def case_detail(request, pk: int):
    from partnership.access import get_visible_or_404
    from reviews.models import CaseReview

    review = get_visible_or_404(CaseReview.objects.all(), request.user, request, pk=pk)
    return render(request, "reviews/case_detail.html", {"review": review})

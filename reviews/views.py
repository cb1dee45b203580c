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

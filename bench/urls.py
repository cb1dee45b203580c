"""The project's URLs plus the benchmark baseline: a bare view doing one trivial query."""

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponse
from django.urls import path

from bscp_portal.urls import handler403, handler404, handler500  # noqa: F401
from bscp_portal.urls import urlpatterns as project_urlpatterns


@login_not_required
def baseline(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return HttpResponse("ok")


urlpatterns = [path("__bench__/baseline/", baseline, name="bench-baseline"), *project_urlpatterns]

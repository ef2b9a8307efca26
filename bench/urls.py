"""The site's own urls, plus /bench-bare/: the same server and middleware, no work."""

from django.http import HttpResponse
from django.urls import include, path


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench-bare/", bare),
    path("", include("clinic.urls")),
]

handler404 = "clinic.views.not_found"
handler500 = "clinic.views.server_error"

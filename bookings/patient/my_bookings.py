"""'My bookings': a patient asks for a sign-in link by email, follows it once, and sees all
their bookings for a while in that browser.

The link is opaque (a random secret; only its digest is stored), works once and for
15 minutes, and carries no email address. The request form answers the same, after the
same work, whether or not the address has booked here. Following the link only shows a
button: the sign-in happens on the POST, so a mail scanner that opens links cannot use it
up. Nothing here logs the link or the address.
"""

import json

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from bookings import services
from bookings.patient.common import sign_in, sign_out, signed_in_email
from bookings.patient.forms import SignInLinkForm
from bookings.privacy import personal_data
from bookings.selectors import bookings_for_email


def signin_rate(group, request) -> str:
    return settings.SIGNIN_LINK_RATE_LIMIT


@never_cache
@ratelimit(key="ip", rate=signin_rate, method="POST", block=True)
def my_bookings_request(request: HttpRequest) -> HttpResponse:
    """Ask for a sign-in link. Every address gets one, so the answer (and the time it
    takes) cannot be used to find out who is a patient here."""
    form = SignInLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].strip().lower()
        services.send_sign_in_link(email=email)
        return render(request, "bookings/my_bookings/sent.html", {"email": email})
    return render(request, "bookings/my_bookings/request.html", {"form": form})


@never_cache
def my_bookings_sign_in(request: HttpRequest) -> HttpResponse:
    secret = request.POST.get("token") or request.GET.get("token") or ""
    if request.method != "POST":
        if not services.sign_in_link_is_usable(secret):
            return render(request, "bookings/my_bookings/expired.html", status=400)
        return render(request, "bookings/my_bookings/sign_in.html", {"token": secret})
    link = services.use_sign_in_link(secret=secret)
    if link is None:
        return render(request, "bookings/my_bookings/expired.html", status=400)
    sign_in(request, link)
    return redirect("bookings:my_bookings")


@never_cache
def my_bookings(request: HttpRequest) -> HttpResponse:
    email = signed_in_email(request)
    if email is None:
        return _signed_out(request)
    bookings = list(bookings_for_email(email))
    now = timezone.now()
    return render(
        request,
        "bookings/my_bookings/list.html",
        {
            "upcoming": sorted(
                [b for b in bookings if b.start >= now and b.is_active], key=lambda b: b.start
            ),
            "past": [b for b in bookings if b.start < now or not b.is_active],
        },
    )


def _signed_out(request: HttpRequest) -> HttpResponse:
    messages.info(request, "Your sign-in has ended. Ask for a new link to see your bookings.")
    return redirect("bookings:my_bookings_request")


@never_cache
def my_data(request: HttpRequest) -> HttpResponse:
    """Everything held about the signed-in address, as a JSON file to keep."""
    email = signed_in_email(request)
    if email is None:
        return _signed_out(request)
    body = json.dumps(personal_data(email), indent=2, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return response


@never_cache
def my_erasure(request: HttpRequest) -> HttpResponse:
    """Ask for erasure. Staff confirm it (the clinic must check what it is required to keep);
    the patient is told what will and will not go."""
    email = signed_in_email(request)
    if email is None:
        return _signed_out(request)
    if request.method == "POST":
        services.request_erasure(email=email)
        return render(request, "bookings/my_bookings/erasure_requested.html")
    return render(request, "bookings/my_bookings/erasure.html")


@require_POST
def my_bookings_sign_out(request: HttpRequest) -> HttpResponse:
    sign_out(request)
    messages.success(request, "You have signed out of your bookings.")
    return redirect("bookings:my_bookings_request")

"""'My bookings': a patient asks for a sign-in link by email and sees all their bookings."""

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django_ratelimit.decorators import ratelimit

from bookings import emails
from bookings.courses.selectors import patient_progress_by_email
from bookings.models import Booking, Patient
from bookings.patient.forms import SignInLinkForm

SIGN_IN_SALT = "bookings.my-bookings-link"
SIGN_IN_MAX_AGE = 30 * 60


def signin_rate(group, request) -> str:
    return settings.SIGNIN_LINK_RATE_LIMIT


@never_cache
@ratelimit(key="ip", rate=signin_rate, method="POST", block=True)
def my_bookings_request(request: HttpRequest) -> HttpResponse:
    """Ask for a sign-in link. The answer is the same whether or not the address is known,
    so the form cannot be used to find out who is a patient here."""
    form = SignInLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].strip().lower()
        if Patient.objects.filter(email=email).exists():
            token = signing.dumps({"email": email}, salt=SIGN_IN_SALT)
            emails.sign_in_link(
                to=email, link=settings.SITE_URL + reverse("bookings:my_bookings", args=[token])
            )
        return render(request, "bookings/my_bookings/sent.html", {"email": email})
    return render(request, "bookings/my_bookings/request.html", {"form": form})


@never_cache
def my_bookings(request: HttpRequest, token: str) -> HttpResponse:
    try:
        email = signing.loads(token, salt=SIGN_IN_SALT, max_age=SIGN_IN_MAX_AGE)["email"]
    except (signing.BadSignature, KeyError, TypeError):
        return render(request, "bookings/my_bookings/expired.html", status=400)
    bookings = (
        Booking.objects.filter(patient__email=email)
        .select_related("practitioner", "treatment")
        .order_by("-start")
    )
    now = timezone.now()
    return render(
        request,
        "bookings/my_bookings/list.html",
        {
            "upcoming": sorted(
                [b for b in bookings if b.start >= now and b.is_active], key=lambda b: b.start
            ),
            "past": [b for b in bookings if b.start < now or not b.is_active],
            "progress": patient_progress_by_email(email),
        },
    )

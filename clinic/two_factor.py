"""Two-step sign-in (django-otp, TOTP) for the admin.

Who needs it: superusers, members of settings.TWO_FACTOR_REQUIRED_GROUPS (the clinic
manager), and anyone who has set up an authenticator app (reception may opt in). Someone
who needs it and has no app yet sets one up at their next sign-in; after that each
sign-in asks for the current code. A lost phone is reset with
`manage.py reset_second_factor <username>`.
"""

from base64 import b32encode, b64encode
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from clinic.forms import OneTimeCodeForm

DEVICE_NAME = "Authenticator app"


def second_factor_required(user) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    needs = Q(groups__name__in=settings.TWO_FACTOR_REQUIRED_GROUPS) | Q(totpdevice__confirmed=True)
    return get_user_model().objects.filter(needs, pk=user.pk).exists()


def second_factor_satisfied(request) -> bool:
    """True when the signed-in user has given a code this session or needs none."""
    user = request.user
    # Remembered per user, not per request: the admin asks before and after a sign-in.
    cached = getattr(request, "_second_factor", None)
    if cached is None or cached[0] != user.pk:
        # OTPMiddleware adds is_verified(); a user signed in during this request has not
        # been through it and has given no code yet.
        verified = getattr(user, "is_verified", lambda: False)()
        cached = (user.pk, verified or not second_factor_required(user))
        request._second_factor = cached
    return cached[1]


def acts_as_staff(request) -> bool:
    """Staff powers outside the admin (anyone's schedule, say) need the second factor too."""
    return request.user.is_staff and second_factor_satisfied(request)


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def redirect_to_second_factor(request, next_url: str):
    return redirect(f"{reverse('two_factor_verify')}?{urlencode({'next': next_url})}")


def qr_code_data_url(text: str) -> str:
    """An SVG QR code as a data: URL, for an <img> (no inline script or style needed)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathFillImage, border=2)
    return "data:image/svg+xml;base64," + b64encode(image.to_string()).decode()


def readable_key(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing into an app by hand."""
    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return candidate if safe else reverse("admin:index")


def _verified(request, device: TOTPDevice, next_url: str):
    # A new session key at the moment the session gains the power the code grants.
    request.session.cycle_key()
    otp_login(request, device)
    return redirect(next_url)


def _staff_only(request):
    if not request.user.is_staff:
        raise Http404("Two-step sign-in is for the clinic's staff accounts.")


@never_cache
@login_required
def verify(request):
    _staff_only(request)
    next_url = _next_url(request)
    device = confirmed_device(request.user)
    if device is None:
        return redirect(f"{reverse('two_factor_setup')}?{urlencode({'next': next_url})}")
    if request.user.is_verified():
        return redirect(next_url)
    form = OneTimeCodeForm(request.POST or None, user=request.user, device=device)
    if request.method == "POST" and form.is_valid():
        return _verified(request, device, next_url)
    return render(request, "registration/two_factor_verify.html", {"form": form, "next": next_url})


@never_cache
@login_required
def setup(request):
    _staff_only(request)
    next_url = _next_url(request)
    if confirmed_device(request.user) is not None:
        if request.user.is_verified():
            messages.info(request, "Two-step sign-in is already on for your account.")
            return redirect(next_url)
        return redirect_to_second_factor(request, next_url)
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).order_by(
        "pk"
    ).first() or TOTPDevice.objects.create(user=request.user, name=DEVICE_NAME, confirmed=False)
    form = OneTimeCodeForm(request.POST or None, user=request.user, device=device)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        messages.success(request, "Two-step sign-in is on. We will ask for a code at each sign-in.")
        return _verified(request, device, next_url)
    context = {
        "form": form,
        "next": next_url,
        "key": readable_key(device),
        "qr_code": qr_code_data_url(device.config_url),
        "required": second_factor_required(request.user),
    }
    return render(request, "registration/two_factor_setup.html", context)

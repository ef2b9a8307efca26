"""Sign-in forms: the password step on both login pages, and the second factor."""

import re

import django_otp
from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm

SIX_DIGITS = re.compile(r"^[0-9]{6}$")


class BoundedUsernameMixin:
    """A username longer than the column that holds usernames cannot be anyone's.

    Django's AuthenticationForm shows the username's max_length to browsers but does not
    enforce it, so any length reached authenticate() and then django-axes, whose record of
    failures holds 255 characters (a 500 on PostgreSQL). Refuse it with the form's own
    message, before any lookup or record.
    """

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        if len(username) > self.username_field.max_length:
            raise self.get_invalid_login_error()
        return super().clean()


class LoginForm(BoundedUsernameMixin, AuthenticationForm):
    pass


class AdminLoginForm(BoundedUsernameMixin, AdminAuthenticationForm):
    pass


class OneTimeCodeForm(forms.Form):
    """The 6-digit code from the user's authenticator app, checked against one device.

    django-otp refuses a code already used and slows down guessing: after each wrong code
    the device waits twice as long as before.
    """

    code = forms.CharField(
        label="6-digit code from your app",
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def __init__(self, *args, user, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.device = user, device

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not SIX_DIGITS.match(code):
            raise forms.ValidationError("Please enter the 6 digits your app shows now.")
        allowed, _ = self.device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError(
                "Too many wrong codes in a row. Please wait a minute, then enter the newest code."
            )
        if django_otp.verify_token(self.user, self.device.persistent_id, code) is None:
            raise forms.ValidationError(
                "That code did not match. Enter the code your app shows now; if it keeps "
                "failing, check that your phone's clock is set automatically."
            )
        return code

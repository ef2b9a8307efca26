"""Password reset for staff and practitioner accounts, in the site's own terms.

- Throttled per client (PASSWORD_RESET_RATE_LIMIT, a friendly 429 page) and per account
  (PASSWORD_RESET_ACCOUNT_RATE_LIMIT: beyond it, nothing more is sent and the answer is
  unchanged, so the limit tells nothing either).
- The same answer after the same work for any address: one lookup and one queued message,
  a reset link for an account, a short "no account here" note otherwise. Nothing is sent
  from the request; the mail worker delivers it.
"""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.utils.decorators import method_decorator
from django_ratelimit.core import is_ratelimited
from django_ratelimit.decorators import ratelimit

from bookings import emails


def client_rate(group, request) -> str:
    return settings.PASSWORD_RESET_RATE_LIMIT


def account_rate(group, request) -> str:
    return settings.PASSWORD_RESET_ACCOUNT_RATE_LIMIT


def account_key(group, request) -> str:
    return request.POST.get("email", "").strip().lower()


class QueuedPasswordResetForm(PasswordResetForm):
    def save(self, **kwargs):
        self.queued = 0
        super().save(**kwargs)
        if not self.queued:
            emails.no_account(to=self.cleaned_data["email"].strip().lower())

    def send_mail(self, subject_template, email_template, context, from_email, to_email, **kw):
        self.queued += 1
        emails.password_reset(to=to_email, context=context)


@method_decorator(ratelimit(key="ip", rate=client_rate, method="POST", block=True), name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    form_class = QueuedPasswordResetForm

    def form_valid(self, form):
        over = is_ratelimited(
            self.request,
            group="password-reset-account",
            key=account_key,
            rate=account_rate,
            method="POST",
            increment=True,
        )
        if over:
            return super(auth_views.PasswordResetView, self).form_valid(form)  # send nothing
        return super().form_valid(form)

import logging

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView, TemplateView

from clinic.models import Condition, FAQEntry, InfoPage

logger = logging.getLogger(__name__)


class HomeView(TemplateView):
    template_name = "clinic/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            conditions=Condition.objects.published(),
            pages=InfoPage.objects.published()[:6],
            **kwargs,
        )


class TreatmentIndexView(ListView):
    template_name = "clinic/treatment_index.html"
    context_object_name = "pages"

    def get_queryset(self):
        return InfoPage.objects.published()


class InfoPageView(DetailView):
    template_name = "clinic/info_page.html"
    context_object_name = "page"

    def get_queryset(self):
        return InfoPage.objects.published()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            other_pages=InfoPage.objects.published().exclude(pk=self.object.pk), **kwargs
        )


class ConditionIndexView(ListView):
    template_name = "clinic/condition_index.html"
    context_object_name = "conditions"

    def get_queryset(self):
        return Condition.objects.published()


class ConditionDetailView(DetailView):
    template_name = "clinic/condition_detail.html"
    context_object_name = "condition"

    def get_queryset(self):
        return Condition.objects.published()

    def get_context_data(self, **kwargs):
        # Practitioners reach this page through the relation, so clinic never imports them.
        specialists = self.object.practitioners.listed().prefetch_related("languages")
        return super().get_context_data(specialists=specialists, **kwargs)


class FAQView(ListView):
    template_name = "clinic/faq.html"
    context_object_name = "entries"

    def get_queryset(self):
        return FAQEntry.objects.published()


def privacy(request):
    return render(request, "clinic/privacy.html")


def contact(request):
    return render(request, "clinic/contact.html")


@never_cache
def healthz(request):
    """200 when the database answers a query, 503 when it does not (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: database unreachable")
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


class SignOutView(auth_views.LogoutView):
    """POST signs out, as Django requires. A GET (a bookmark, a typed address) gets a page
    with the button, not an empty 405."""

    http_method_names = ["get", "post", "options"]

    def get(self, request, *args, **kwargs):
        return render(request, "registration/logout_confirm.html")


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset, with the clinic's own email (templates/registration/)."""

    email_template_name = "registration/password_reset_email.txt"

    @property
    def extra_email_context(self):
        return {"clinic_name": settings.CLINIC_NAME, "clinic_phone": settings.CLINIC_PHONE}


def rate_limited(request, exception=None):
    """django-ratelimit sends blocked requests here: a friendly page, status 429."""
    return render(request, "429.html", status=429)


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No database queries or context processors here: the error may be the database.
    return HttpResponse(loader.get_template("500.html").render(), status=500)


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says (the admin's pages, say)."""
    return redirect(static("img/favicon.svg"), permanent=True)

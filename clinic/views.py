import logging
import sys

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.templatetags.static import static
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView, TemplateView

from clinic.context_processors import clinic_details
from clinic.models import Condition, FAQEntry, InfoPage
from clinic.page_cache import cached_for_visitors

logger = logging.getLogger(__name__)


@method_decorator(cached_for_visitors, name="dispatch")
class HomeView(TemplateView):
    template_name = "clinic/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            conditions=Condition.objects.listing(),
            pages=InfoPage.objects.listing()[:6],
            **kwargs,
        )


@method_decorator(cached_for_visitors, name="dispatch")
class TreatmentIndexView(ListView):
    template_name = "clinic/treatment_index.html"
    context_object_name = "pages"

    def get_queryset(self):
        return InfoPage.objects.listing()


@method_decorator(cached_for_visitors, name="dispatch")
class InfoPageView(DetailView):
    template_name = "clinic/info_page.html"
    context_object_name = "page"

    def get_queryset(self):
        return InfoPage.objects.published()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            other_pages=InfoPage.objects.listing().exclude(pk=self.object.pk), **kwargs
        )


@method_decorator(cached_for_visitors, name="dispatch")
class ConditionIndexView(ListView):
    template_name = "clinic/condition_index.html"
    context_object_name = "conditions"

    def get_queryset(self):
        return Condition.objects.listing()


@method_decorator(cached_for_visitors, name="dispatch")
class ConditionDetailView(DetailView):
    template_name = "clinic/condition_detail.html"
    context_object_name = "condition"

    def get_queryset(self):
        return Condition.objects.published()

    def get_context_data(self, **kwargs):
        # Practitioners reach this page through the relation, so clinic never imports them.
        specialists = self.object.practitioners.listed().prefetch_related("languages")
        return super().get_context_data(specialists=specialists, **kwargs)


@method_decorator(cached_for_visitors, name="dispatch")
class FAQView(ListView):
    template_name = "clinic/faq.html"
    context_object_name = "entries"

    def get_queryset(self):
        return FAQEntry.objects.published()


@cached_for_visitors
def privacy(request):
    # The periods come from the settings `manage.py apply_retention` applies, so the
    # notice and what the clinic does cannot drift apart.
    return render(
        request,
        "clinic/privacy.html",
        {
            "retention_years": settings.RECORD_RETENTION_YEARS,
            "link_email_days": settings.LINK_EMAIL_RETENTION_DAYS,
        },
    )


@cached_for_visitors
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


def rate_limited(request, exception=None):
    """django-ratelimit sends blocked requests here: a friendly page, status 429."""
    return render(request, "429.html", status=429)


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


def _standalone(template_name: str, status: int, **context) -> HttpResponse:
    """An error page rendered from settings alone: no session, user or query, since the
    trouble may be the database itself or a value that must not reach it."""
    context["clinic"] = clinic_details()
    return HttpResponse(loader.get_template(template_name).render(context), status=status)


def refused_request(request, reason: str = "") -> HttpResponse:
    return _standalone("400.html", 400, reason=reason)


def bad_request(request, exception=None):
    return refused_request(request)


def server_error(request):
    # Django calls this while handling the exception, so it is still at hand. A database
    # that cannot be reached is an outage, not a bug: say so, and that it is worth a retry.
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return database_unavailable(request)
    return _standalone("500.html", 500)


def database_unavailable(request):
    response = _standalone("503.html", 503)
    response["Retry-After"] = "60"
    return response


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says (the admin's pages, say)."""
    return redirect(static("img/favicon.svg"), permanent=True)

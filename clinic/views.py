import logging

from django.conf import settings
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

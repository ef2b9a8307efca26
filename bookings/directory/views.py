"""The practitioner directory and profiles with their next free times and a Book button.

The pages' queries and filters belong to `practitioners`; free times belong to `bookings`,
which may import `practitioners` but not the reverse, so the mounted views live here.
"""

from django.utils import timezone
from django.utils.decorators import method_decorator

from bookings.selectors import next_free_by_practitioner
from clinic.page_cache import cached_for_visitors
from practitioners.views import PractitionerDetailView, PractitionerListView


@method_decorator(cached_for_visitors, name="dispatch")
class BookablePractitionerListView(PractitionerListView):
    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        practitioners = list(context["practitioners"])
        context["next_free"] = next_free_by_practitioner(practitioners, timezone.now())
        return context


@method_decorator(cached_for_visitors, name="dispatch")
class BookablePractitionerDetailView(PractitionerDetailView):
    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        found = next_free_by_practitioner([self.object], timezone.now(), limit=6)
        context["bookable_treatment"], context["free_times"] = found.get(self.object.pk, (None, []))
        return context

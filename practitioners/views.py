"""The directory's queries and filters, without free times. The mounted views, which add
each practitioner's next free times, are bookings/directory/views.py (bookings may import
practitioners, not the reverse)."""

from django.views.generic import DetailView, ListView

from practitioners.forms import DirectoryFilterForm
from practitioners.models import Practitioner


class PractitionerListView(ListView):
    template_name = "practitioners/list.html"
    context_object_name = "practitioners"

    def get_queryset(self):
        self.filter_form = DirectoryFilterForm(self.request.GET or None)
        return self.filter_form.filter(Practitioner.objects.listed().with_profile())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(filter_form=self.filter_form, **kwargs)
        context["has_fictional"] = any(p.is_fictional for p in context["practitioners"])
        return context


class PractitionerDetailView(DetailView):
    template_name = "practitioners/detail.html"
    context_object_name = "practitioner"

    def get_queryset(self):
        return Practitioner.objects.listed().with_profile()

"""The directory's queries, filters and pages, without free times. The mounted views, which
add each practitioner's next free times, are bookings/directory/views.py (bookings may
import practitioners, not the reverse)."""

from django.conf import settings
from django.core.paginator import InvalidPage
from django.shortcuts import render
from django.views.generic import DetailView, ListView

from clinic.pagination import page_links, page_url
from practitioners.forms import DirectoryFilterForm
from practitioners.models import Practitioner


class PractitionerListView(ListView):
    """DIRECTORY_PAGE_SIZE practitioners a page. A page that does not exist (not a whole
    number, below 1 or past the last) is a 404 that says so and links to the first and
    last pages of the same search."""

    template_name = "practitioners/list.html"
    context_object_name = "practitioners"

    def get_paginate_by(self, queryset) -> int:
        return settings.DIRECTORY_PAGE_SIZE

    def get_queryset(self):
        self.filter_form = DirectoryFilterForm(self.request.GET or None)
        listed = self.filter_form.filter(Practitioner.objects.listed().with_profile())
        # The clinic's own order, then names; the pk breaks ties, so nobody is on two
        # pages, or on none.
        return listed.order_by("order", "name", "pk")

    def paginate_queryset(self, queryset, page_size):
        # Django's, except that an unknown page raises InvalidPage for get() to answer.
        self.paginator = self.get_paginator(queryset, page_size)
        page = self.paginator.page(self.request.GET.get("page") or 1)
        return self.paginator, page, page.object_list, page.has_other_pages()

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except InvalidPage:
            return self.no_such_page()

    def no_such_page(self):
        query = self.filter_form.query_string()
        context = {
            "paginator": self.paginator,
            "searched": bool(query),
            "first_url": page_url(self.request.path, query, 1),
            "last_url": page_url(self.request.path, query, self.paginator.num_pages),
        }
        return render(self.request, "practitioners/no_such_page.html", context, status=404)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(filter_form=self.filter_form, **kwargs)
        context["has_fictional"] = any(p.is_fictional for p in context["practitioners"])
        if context["is_paginated"]:
            query = self.filter_form.query_string()
            context["page_links"] = page_links(context["page_obj"], self.request.path, query)
        return context


class PractitionerDetailView(DetailView):
    template_name = "practitioners/detail.html"
    context_object_name = "practitioner"

    def get_queryset(self):
        return Practitioner.objects.listed().with_profile()

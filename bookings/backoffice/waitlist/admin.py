"""The waiting list in the admin: entries with their offers, the offers on their own, and
a page to offer an entry a time by hand (through the same service as the worker)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from bookings import services
from bookings.backoffice.waitlist.forms import OfferByHandForm
from bookings.models import WaitlistEntry, WaitlistOffer
from bookings.waitlist.selectors import free_times_for
from practitioners.models import Practitioner

DAYS_LISTED = 14


class ForPractitionerFilter(admin.SimpleListFilter):
    """Who could see them: named, or anyone who offers their treatment (as the day
    sheet counts them)."""

    title = "could see"
    parameter_name = "for_practitioner"

    def lookups(self, request, model_admin):
        return [(str(p.pk), p.name) for p in Practitioner.objects.all()]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        return queryset.filter(
            Q(practitioner_id=self.value())
            | Q(practitioner__isnull=True, treatment__practitioners=self.value())
        ).distinct()


class OfferInline(admin.TabularInline):
    model = WaitlistOffer
    fields = ["start", "practitioner", "status", "expires_at", "made_by", "booking", "decided_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(WaitlistEntry)
class WaitlistEntryAdmin(admin.ModelAdmin):
    list_display = ["__str__", "treatment", "who", "times_wanted", "until", "status", "joined_at"]
    list_filter = ["status", "treatment", ForPractitionerFilter, "condition"]
    search_fields = ["first_name", "last_name", "email", "reference"]
    list_select_related = ["treatment", "practitioner"]
    fields = [
        "reference",
        ("first_name", "last_name"),
        "email",
        "treatment",
        "practitioner",
        "condition",
        "times_wanted",
        "until",
        "status",
        "joined_at",
        "offer_a_time",
    ]
    readonly_fields = ["reference", "times_wanted", "status", "joined_at", "offer_a_time"]
    inlines = [OfferInline]

    def has_add_permission(self, request):
        return False  # patients join online, where they get their private link

    @admin.display(description="Who")
    def who(self, entry):
        return entry.practitioner or "Anyone"

    @admin.display(description="Days and times")
    def times_wanted(self, entry):
        return "; ".join(r.describe() for r in entry.ranges)

    @admin.display(description="Offer a time by hand")
    def offer_a_time(self, entry):
        if entry.pk is None or entry.status != WaitlistEntry.Status.WAITING:
            return "-"
        url = reverse("admin:bookings_waitlistentry_offer", args=[entry.pk])
        return format_html('<a class="button" href="{}">Choose a time to offer</a>', url)

    def get_urls(self):
        view = self.admin_site.admin_view(self.offer_view)
        return [
            path("<int:pk>/offer/", view, name="bookings_waitlistentry_offer"),
            *super().get_urls(),
        ]

    def offer_view(self, request, pk):
        entry = get_object_or_404(
            WaitlistEntry.objects.select_related("treatment", "practitioner", "condition"), pk=pk
        )
        if not self.has_change_permission(request, entry):
            raise PermissionDenied
        now = timezone.now()
        times = free_times_for(entry, now, DAYS_LISTED)
        form = OfferByHandForm(request.POST or None, times=times)
        if request.method == "POST" and form.is_valid():
            practitioner, start = form.cleaned_data["time"]
            try:
                offer = services.make_offer(
                    entry=entry, practitioner=practitioner, start=start, made_by=request.user
                )
            except services.BookingError as error:
                form.add_error(None, str(error))
            else:
                held = timezone.localtime(offer.expires_at)
                self.message_user(
                    request,
                    f"Offered and emailed; held for them until {held:%H:%M}.",
                    messages.SUCCESS,
                )
                return redirect("admin:bookings_waitlistentry_change", entry.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": entry,
            "title": f"Offer {entry} a time",
            "form": form,
            "times": times,
            "days": DAYS_LISTED,
        }
        return TemplateResponse(request, "admin/bookings/waitlist_offer.html", context)


@admin.register(WaitlistOffer)
class WaitlistOfferAdmin(admin.ModelAdmin):
    list_display = ["reference", "entry", "start", "practitioner", "status", "how", "expires_at"]
    list_filter = ["status", "practitioner", ("made_by", admin.EmptyFieldListFilter)]
    search_fields = ["reference", "entry__first_name", "entry__last_name", "entry__email"]
    list_select_related = ["entry", "practitioner", "made_by"]
    date_hierarchy = "created_at"
    exclude = ["token_hash"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in WaitlistOffer._meta.fields if f.name != "token_hash"]

    def has_add_permission(self, request):
        return False  # offers are made by the worker, or by hand from the person's entry

    def has_delete_permission(self, request, obj=None):
        return False  # the outcome stays until the entry is dropped

    @admin.display(description="Offered")
    def how(self, offer):
        return f"by {offer.made_by}" if offer.made_by else "automatically"

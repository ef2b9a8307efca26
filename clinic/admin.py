from django.contrib import admin

from clinic.clock import local_today
from clinic.models import Condition, FAQEntry, InfoPage, Source


class ReviewDueFilter(admin.SimpleListFilter):
    title = "clinical review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("overdue", "Overdue"), ("never", "Never reviewed")]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return queryset.filter(next_review_due__lt=local_today())
        if self.value() == "never":
            return queryset.filter(reviewed_on__isnull=True)
        return queryset


REVIEW_FIELDSET = (
    "Clinical review and sources",
    {
        "description": "Shown on the page. Record a review only when a clinician has "
        "checked every claim against the sources listed.",
        "fields": ["reviewed_on", "reviewed_by", "next_review_due", "sources"],
    },
)


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["title", "publisher", "year"]
    list_filter = ["publisher"]
    search_fields = ["title", "publisher"]


@admin.register(Condition)
class ConditionAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "is_published", "reviewed_on", "next_review_due"]
    list_editable = ["order", "is_published"]
    list_filter = ["is_published", ReviewDueFilter]
    search_fields = ["name", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["sources"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "summary", "order", "is_published"]}),
        ("Text", {"fields": ["body", "how_acupuncture_may_help"]}),
        REVIEW_FIELDSET,
    ]


@admin.register(InfoPage)
class InfoPageAdmin(admin.ModelAdmin):
    list_display = ["title", "order", "is_published", "reviewed_on", "next_review_due"]
    list_editable = ["order", "is_published"]
    list_filter = ["is_published", ReviewDueFilter]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["sources"]
    readonly_fields = ["updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "order", "is_published"]}),
        ("Text", {"fields": ["body", "updated_at"]}),
        REVIEW_FIELDSET,
    ]


@admin.register(FAQEntry)
class FAQEntryAdmin(admin.ModelAdmin):
    list_display = ["question", "order", "is_published"]
    list_editable = ["order", "is_published"]
    list_filter = ["is_published"]
    search_fields = ["question", "answer"]

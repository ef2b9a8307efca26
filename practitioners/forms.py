from urllib.parse import urlencode

from django import forms

from clinic.models import Condition
from practitioners.models import Language


class DirectoryFilterForm(forms.Form):
    """The directory's search box and filters; unknown choices are simply ignored."""

    q = forms.CharField(label="Name", required=False, max_length=100)
    condition = forms.ModelChoiceField(
        queryset=Condition.objects.listing(),
        to_field_name="slug",
        required=False,
        empty_label="Any condition",
    )
    language = forms.ModelChoiceField(
        queryset=Language.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="Any language",
    )

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["q"]:
            queryset = queryset.filter(name__icontains=data["q"])
        if data["condition"]:
            queryset = queryset.filter(specialties=data["condition"])
        if data["language"]:
            queryset = queryset.filter(languages=data["language"])
        return queryset.distinct()

    def query_string(self) -> str:
        """The search as it was asked, encoded, for links to other pages of its results."""
        if not self.is_bound:
            return ""
        return urlencode([(name, self.data[name]) for name in self.fields if self.data.get(name)])

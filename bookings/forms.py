"""Parsing of request parameters that several rooms share. Each bad value is refused here,
with a clear message, before it reaches a selector or a service."""

from datetime import datetime

from django import forms
from django.utils import timezone


def parse_start(value: str) -> datetime | None:
    """An ISO 8601 start time with its offset, as the pages and the API write them."""
    try:
        moment = datetime.fromisoformat(value.replace(" ", "+"))
    except (TypeError, ValueError):
        return None
    return moment if timezone.is_aware(moment) else None


class DateQueryForm(forms.Form):
    """A ?date=YYYY-MM-DD parameter; a bad one is ignored in favour of the default day."""

    date = forms.DateField(required=False, input_formats=["%Y-%m-%d"])

    @classmethod
    def parse(cls, query, default=None):
        form = cls(query)
        return (form.cleaned_data.get("date") if form.is_valid() else None) or default

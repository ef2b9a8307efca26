"""Parsing of request parameters that several rooms share. Each bad value is refused here,
with a clear message, before it reaches a selector or a service."""

from django import forms

from clinic.fields import BoundedDateField, parse_start

__all__ = ["DateQueryForm", "parse_start"]


class DateQueryForm(forms.Form):
    """A ?date=YYYY-MM-DD parameter; a bad one is ignored in favour of the default day."""

    date = BoundedDateField(required=False, input_formats=["%Y-%m-%d"])

    @classmethod
    def parse(cls, query, default=None):
        form = cls(query)
        return (form.cleaned_data.get("date") if form.is_valid() else None) or default

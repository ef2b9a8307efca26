from django import template
from django.utils.safestring import mark_safe

from clinic import markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """Render staff-written Markdown; safe because clinic.markdown sanitises it."""
    return mark_safe(markdown.render(text))  # noqa: S308 - sanitised by nh3


@register.filter
def get_item(mapping, key):
    """Look a key up in a dict from a template: {{ next_free|get_item:practitioner.pk }}."""
    return mapping.get(key) if mapping else None

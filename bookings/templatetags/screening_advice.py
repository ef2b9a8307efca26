"""The screening's advice for pages and emails, read from bookings.screening at render
time, so the footer, the home page, the stop page and the emails say the same thing."""

from django import template
from django.conf import settings

from bookings import screening, triage

register = template.Library()


def _with_phone(text: str) -> str:
    return text.format(phone=settings.CLINIC_PHONE)


@register.simple_tag
def safety_net() -> list[dict]:
    """The signs that need 999 or A&E, then those that need NHS 111 or a GP today."""
    return [
        {"heading": advice.heading, "intro": advice.safety_net, "signs": signs}
        for advice, signs in triage.safety_net()
    ]


@register.simple_tag
def before_your_visit() -> str:
    return _with_phone(screening.BEFORE_YOUR_VISIT)


@register.simple_tag
def advice_for(result: triage.Assessment) -> list[dict]:
    """What this person should do, most urgent first, with the answers that led to it."""
    return [
        {
            "level": level.name.lower(),
            "heading": advice.heading,
            "text": _with_phone(advice.text),
            "reasons": reasons,
        }
        for level, advice, reasons in result.advice()
    ]

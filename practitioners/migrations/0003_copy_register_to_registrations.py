"""Copy each practitioner's single register, number and link into a Registration row.

The kind is read from the body's name: the UK's statutory health regulators are few and
known, and the British Acupuncture Council is the accredited register for acupuncture.
Anything else becomes a membership, the weakest claim, until staff say otherwise. Links
copied from the old field often point at a home page; the admin asks for a search page
the next time the practitioner is saved.
"""

from django.db import migrations

STATUTORY = 1
ACCREDITED = 2
MEMBERSHIP = 3

STATUTORY_NAMES = (
    "health and care professions council",
    "hcpc",
    "general medical council",
    "gmc",
    "nursing and midwifery council",
    "nmc",
    "general osteopathic council",
    "general chiropractic council",
    "general dental council",
    "general pharmaceutical council",
)
ACCREDITED_NAMES = ("british acupuncture council", "bacc")


def kind_of(body):
    name = body.lower()
    if any(known in name for known in STATUTORY_NAMES):
        return STATUTORY
    if any(known in name for known in ACCREDITED_NAMES):
        return ACCREDITED
    return MEMBERSHIP


def forwards(apps, schema_editor):
    Practitioner = apps.get_model("practitioners", "Practitioner")
    Registration = apps.get_model("practitioners", "Registration")
    rows = [
        Registration(
            practitioner=p,
            body=p.register.strip(),
            kind=kind_of(p.register),
            number=p.registration_number.strip(),
            check_url=p.register_url,
        )
        for p in Practitioner.objects.exclude(register="")
    ]
    Registration.objects.bulk_create(rows)


def backwards(apps, schema_editor):
    Practitioner = apps.get_model("practitioners", "Practitioner")
    Registration = apps.get_model("practitioners", "Registration")
    for practitioner in Practitioner.objects.all():
        first = Registration.objects.filter(practitioner=practitioner).order_by("kind").first()
        if first:
            practitioner.register = first.body
            practitioner.registration_number = first.number
            practitioner.register_url = first.check_url
            practitioner.save(update_fields=["register", "registration_number", "register_url"])


class Migration(migrations.Migration):
    dependencies = [
        ("practitioners", "0002_registrations"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]

"""Fill in what 0004 added, for the bookings that already exist.

- Each booking's manage token becomes an AccessToken holding only its digest, so every
  manage link already sent by email keeps working; 0006 then drops the plaintext column.
- Each booking (and its history) gets the details it was made with: its patient's.
- The staff roles are applied again, for the new erasure requests.
"""

from django.db import migrations

from bookings.backoffice.roles import apply_roles
from clinic.tokens import digest

GIVEN = ("first_name", "last_name", "email", "phone", "date_of_birth")


def digest_manage_tokens(apps, schema_editor):
    Booking = apps.get_model("bookings", "Booking")
    AccessToken = apps.get_model("bookings", "AccessToken")
    AccessToken.objects.bulk_create(
        AccessToken(purpose="manage", digest=digest(token), booking_id=pk)
        for pk, token in Booking.objects.values_list("pk", "manage_token").iterator()
        if token
    )


def copy_given_details(apps, schema_editor):
    Patient = apps.get_model("bookings", "Patient")
    for model in ("Booking", "HistoricalBooking"):
        bookings = apps.get_model("bookings", model).objects
        for patient in Patient.objects.iterator():
            bookings.filter(patient_id=patient.pk).update(
                **{f"given_{field}": getattr(patient, field) for field in GIVEN}
            )


def refresh_roles(apps, schema_editor):
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, apps=apps, verbosity=0)
    apply_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def forward(apps, schema_editor):
    digest_manage_tokens(apps, schema_editor)
    copy_given_details(apps, schema_editor)
    refresh_roles(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("bookings", "0007_records_and_secrets")]

    # No way back for the tokens: a digest cannot be turned into its secret.
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]

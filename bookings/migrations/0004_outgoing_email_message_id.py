# Each message gets its Message-ID when it is queued. Rows already there get one each
# before the column becomes unique (a callable default would give them all the same).

from django.db import migrations, models

import bookings.models


def give_each_message_an_id(apps, schema_editor):
    OutgoingEmail = apps.get_model("bookings", "OutgoingEmail")
    for email in OutgoingEmail.objects.filter(message_id__isnull=True).only("pk"):
        email.message_id = bookings.models.new_message_id()
        email.save(update_fields=["message_id"])


class Migration(migrations.Migration):
    dependencies = [
        ("bookings", "0003_staff_roles"),
    ]

    operations = [
        migrations.AddField(
            model_name="outgoingemail",
            name="message_id",
            field=models.CharField(max_length=255, null=True),
        ),
        migrations.RunPython(give_each_message_an_id, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="outgoingemail",
            name="message_id",
            field=models.CharField(
                default=bookings.models.new_message_id, max_length=255, unique=True
            ),
        ),
    ]

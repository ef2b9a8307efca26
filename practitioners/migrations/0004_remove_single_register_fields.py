"""The single register columns, now copied into Registration rows by 0003."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("practitioners", "0003_copy_register_to_registrations"),
    ]

    operations = [
        # A default first, so that migrating backwards can add the columns to full tables.
        migrations.AlterField(
            model_name="practitioner",
            name="register",
            field=models.CharField(default="", max_length=120),
        ),
        migrations.AlterField(
            model_name="practitioner",
            name="registration_number",
            field=models.CharField(default="", max_length=50),
        ),
        migrations.RemoveField(
            model_name="practitioner",
            name="register",
        ),
        migrations.RemoveField(
            model_name="practitioner",
            name="register_url",
        ),
        migrations.RemoveField(
            model_name="practitioner",
            name="registration_number",
        ),
    ]

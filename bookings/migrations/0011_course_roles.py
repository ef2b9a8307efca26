from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

from bookings.backoffice.roles import apply_roles


def refresh_roles(apps, schema_editor):
    # The course models' permissions must exist before the groups can be given them.
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, apps=apps, verbosity=0)
    apply_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


class Migration(migrations.Migration):
    dependencies = [("bookings", "0010_courses_outcomes_and_notes")]

    operations = [migrations.RunPython(refresh_roles, migrations.RunPython.noop)]

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

from bookings.backoffice.roles import apply_roles


def refresh_roles(apps, schema_editor):
    # The waiting list's permissions exist only after its models: make them, then give
    # Reception and the Clinic manager theirs (bookings/backoffice/roles.py).
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, apps=apps, verbosity=0)
    apply_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


class Migration(migrations.Migration):
    dependencies = [("bookings", "0012_holds_and_waitlist")]

    operations = [migrations.RunPython(refresh_roles, migrations.RunPython.noop)]

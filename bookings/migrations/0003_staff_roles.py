from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

from bookings.backoffice.roles import apply_roles


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; make them exist now.
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, apps=apps, verbosity=0)
    apply_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


class Migration(migrations.Migration):
    dependencies = [
        ("bookings", "0002_booking_no_overlap_on_postgresql"),
        ("clinic", "0001_initial"),
        ("practitioners", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]

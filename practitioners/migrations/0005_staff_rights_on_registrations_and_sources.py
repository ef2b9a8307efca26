"""Give staff groups rights on the two new models, following rights they already hold.

Whoever may change practitioners may manage their registrations; whoever may only view
practitioners may view them. Sources follow information pages the same way. Following
existing rights, rather than naming groups, keeps the roles defined in one place.
Permissions are normally created after all migrations, so they are made here first.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

ACTIONS = ("add", "change", "delete", "view")
# new model -> (app of the new model, app and model whose rights it follows)
FOLLOWS = {
    "registration": ("practitioners", "practitioners", "practitioner"),
    "source": ("clinic", "clinic", "infopage"),
}


def grant(apps, schema_editor):
    for label in ("clinic", "practitioners"):
        create_permissions(global_apps.get_app_config(label), apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for model, (app_label, leader_app, leader) in FOLLOWS.items():
        own = {
            p.codename.split("_", 1)[0]: p
            for p in Permission.objects.filter(
                content_type__app_label=app_label, codename__in=[f"{a}_{model}" for a in ACTIONS]
            )
        }
        for group in Group.objects.all():
            held = set(
                group.permissions.filter(content_type__app_label=leader_app).values_list(
                    "codename", flat=True
                )
            )
            if f"change_{leader}" in held:
                group.permissions.add(*own.values())
            elif f"view_{leader}" in held:
                group.permissions.add(own["view"])


class Migration(migrations.Migration):
    dependencies = [
        ("practitioners", "0004_remove_single_register_fields"),
        ("clinic", "0002_source_and_clinical_review"),
        # The staff groups exist from here on; granting before it would grant nobody.
        ("bookings", "0003_staff_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

"""The data migration moves each practitioner's single register into a Registration row."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("practitioners", "0001_initial")]
AFTER = [("practitioners", "0004_remove_single_register_fields")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture(autouse=True)
def latest_schema_afterwards():
    # Later tests expect the current schema, whatever state a test left the database in.
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def old_practitioner(apps, slug, register, number, url=""):
    return apps.get_model("practitioners", "Practitioner").objects.create(
        name=slug.title(),
        slug=slug,
        title="Acupuncturist",
        biography="Bio.",
        qualifications="BSc",
        register=register,
        register_url=url,
        registration_number=number,
        practising_since=2010,
        feed_token=f"token-{slug}",
    )


def test_single_register_becomes_a_registration_with_its_kind():
    old_apps = migrate(BEFORE)
    old_practitioner(
        old_apps, "ana", "British Acupuncture Council", "BAC-1", "https://acupuncture.org.uk/"
    )
    old_practitioner(old_apps, "ben", "Health and Care Professions Council", "PH1")
    old_practitioner(old_apps, "cy", "Acupuncture Association of Chartered Physiotherapists", "7")
    old_practitioner(old_apps, "dee", "", "")

    new_apps = migrate(AFTER)

    Registration = new_apps.get_model("practitioners", "Registration")
    rows = sorted(
        Registration.objects.values_list(
            "practitioner__slug", "body", "kind", "number", "check_url"
        )
    )
    assert rows == [
        ("ana", "British Acupuncture Council", 2, "BAC-1", "https://acupuncture.org.uk/"),
        ("ben", "Health and Care Professions Council", 1, "PH1", ""),
        ("cy", "Acupuncture Association of Chartered Physiotherapists", 3, "7", ""),
    ]


def test_migrating_back_restores_the_single_register():
    new_apps = migrate(AFTER)
    Practitioner = new_apps.get_model("practitioners", "Practitioner")
    Registration = new_apps.get_model("practitioners", "Registration")
    practitioner = Practitioner.objects.create(
        name="Eve",
        slug="eve",
        title="Physio",
        biography="B",
        qualifications="Q",
        practising_since=2010,
        feed_token="token-eve",
    )
    Registration.objects.create(practitioner=practitioner, body="BAcC", kind=2, number="B2")
    Registration.objects.create(practitioner=practitioner, body="HCPC", kind=1, number="PH9")

    old_apps = migrate(BEFORE)

    restored = old_apps.get_model("practitioners", "Practitioner").objects.get(slug="eve")
    assert (restored.register, restored.registration_number) == ("HCPC", "PH9")


def test_staff_rights_on_new_models_follow_the_rights_they_hold():
    apps = migrate([("practitioners", "0004_remove_single_register_fields")])
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    desk = Group.objects.create(name="Front desk")
    desk.permissions.add(Permission.objects.get(codename="view_practitioner"))
    boss = Group.objects.create(name="Boss")
    boss.permissions.add(
        Permission.objects.get(codename="change_practitioner"),
        Permission.objects.get(codename="change_infopage"),
    )
    Group.objects.create(name="Nobody")

    apps = migrate([("practitioners", "0005_staff_rights_on_registrations_and_sources")])

    def rights(name):
        group = apps.get_model("auth", "Group").objects.get(name=name)
        return sorted(
            group.permissions.filter(codename__regex="registration|source").values_list(
                "codename", flat=True
            )
        )

    assert rights("Front desk") == ["view_registration"]
    assert rights("Boss") == [
        "add_registration",
        "add_source",
        "change_registration",
        "change_source",
        "delete_registration",
        "delete_source",
        "view_registration",
        "view_source",
    ]
    assert rights("Nobody") == []

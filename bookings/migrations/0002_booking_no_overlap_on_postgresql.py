"""On PostgreSQL, the database itself refuses overlapping active bookings.

The services lock the practitioner row and re-check first (the constraint alone was seen
to deadlock under concurrent overlapping inserts); this constraint is the last word if
anything ever writes around them. SQLite has no exclusion constraints, so there the
migration does nothing and the services' IMMEDIATE transactions carry the rule.
"""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE bookings_booking ADD CONSTRAINT booking_no_overlap
    EXCLUDE USING gist (practitioner_id WITH =, tstzrange(start, blocked_until, '[)') WITH &&)
    WHERE (status <> 'cancelled');
"""
DROP = "ALTER TABLE bookings_booking DROP CONSTRAINT IF EXISTS booking_no_overlap;"


def add_constraint(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_constraint(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("bookings", "0001_initial")]

    operations = [migrations.RunPython(add_constraint, drop_constraint)]

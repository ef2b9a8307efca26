"""Calendar feed tokens are kept only as their SHA-256 digest (clinic.tokens).

Each stored token is replaced by its digest, so every address a practitioner has already
subscribed to keeps working; from now on the secret exists only in the address.
"""

from django.db import migrations, models

import clinic.tokens
import practitioners.models


def digest_existing_tokens(apps, schema_editor):
    Practitioner = apps.get_model("practitioners", "Practitioner")
    for practitioner in Practitioner.objects.only("pk", "feed_token_digest"):
        practitioner.feed_token_digest = clinic.tokens.digest(practitioner.feed_token_digest)
        practitioner.save(update_fields=["feed_token_digest"])


class Migration(migrations.Migration):
    dependencies = [("practitioners", "0005_staff_rights_on_registrations_and_sources")]

    operations = [
        migrations.RenameField("practitioner", "feed_token", "feed_token_digest"),
        migrations.AlterField(
            model_name="practitioner",
            name="feed_token_digest",
            field=models.CharField(
                default=practitioners.models.unknown_feed_digest,
                editable=False,
                max_length=64,
                unique=True,
            ),
        ),
        # There is no way back: a digest cannot be turned into its secret.
        migrations.RunPython(digest_existing_tokens, migrations.RunPython.noop),
    ]

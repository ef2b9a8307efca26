"""The plaintext manage tokens go; 0005 kept each one's digest as an AccessToken."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("bookings", "0008_copy_details_and_digest_tokens")]

    operations = [migrations.RemoveField(model_name="booking", name="manage_token")]

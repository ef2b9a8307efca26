"""The diary version: a number per practitioner that changes, in the same transaction, with
every write that changes when they are free (bookings/diary_versions.py makes the change).

What the free-time pages read from a diary may be cached under this number
(bookings/diaries.py): a cached copy is found only while the number is the one it was
read with, so none is ever served after a change.

Imported at the bottom of `bookings.models`, so this is a model of the `bookings` app.
"""

from django.db import models


class DiaryVersion(models.Model):
    practitioner = models.OneToOneField(
        "practitioners.Practitioner",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="diary_version",
    )
    # A fresh random number on each change, not a count: a change can then write it with
    # one insert-or-update, whether or not the row exists yet.
    version = models.BigIntegerField()

    def __str__(self):
        return f"Diary version {self.version}"

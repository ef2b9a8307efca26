"""Diary versions: numbers that change, in the same transaction, with every write that
changes when someone is free (bookings/diary_versions.py makes the changes).

There is one per practitioner, for what is theirs (bookings, holds, hours, time off), and
one for the whole clinic, for what is everyone's (closures, treatments). What the
free-time pages read from a diary may be cached under both (bookings/diaries.py): a
cached copy is found only while both are the ones it was read with, so none is ever
served after a change.

Imported at the bottom of `bookings.models`, so this is a model of the `bookings` app.
"""

from django.db import models

CLINIC = "clinic"


def practitioner_key(practitioner_id: int) -> str:
    return f"practitioner:{practitioner_id}"


class DiaryVersion(models.Model):
    # CLINIC, or practitioner_key(id). Not a foreign key: a clinic-wide change then takes
    # one row, never a lock on every practitioner's, so it cannot deadlock with bookings.
    key = models.CharField(max_length=40, primary_key=True)
    # A fresh random number on each change, not a count: a change can then write it with
    # one insert-or-update, whether or not the row exists yet.
    version = models.BigIntegerField()

    def __str__(self):
        return f"{self.key}: version {self.version}"

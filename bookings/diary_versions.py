"""Marking a practitioner's diary changed, inside the transaction that changes it.

Every write that changes when someone is free is a model save or delete (the services, the
admin, the workers), so the model signals below cover them all, and they run inside the
writer's transaction:

- a booking, a hold, time off or working hours: the diary of its practitioner, and of the
  practitioner it had before when it moved from one to another;
- a clinic closure, a treatment or who gives it: the clinic's version, which every diary
  depends on.

A queryset `update()` or `bulk_create()` sends no signal: code that changes a diary that
way must call `mark_changed` itself (none does; tests/bookings/test_diary_cache.py makes
each kind of write and checks that no cached copy outlives it).
"""

import secrets
from collections.abc import Iterable

from django.db.models.signals import m2m_changed, post_delete, post_save

from bookings.models import Booking, ClinicClosure, DiaryVersion, Hold, Treatment
from bookings.models_diary import CLINIC, practitioner_key
from practitioners.models import Practitioner, TimeOff, WorkingHours


def _write_new_versions(keys: Iterable[str]) -> None:
    """One insert-or-update giving each key a new version (sorted: rows are locked in the
    same order by every writer)."""
    version = secrets.randbits(62)
    DiaryVersion.objects.bulk_create(
        [DiaryVersion(key=key, version=version) for key in sorted(set(keys))],
        update_conflicts=True,
        update_fields=["version"],
        unique_fields=["key"],
    )


def mark_changed(practitioner_ids: Iterable[int]) -> None:
    """These practitioners' diaries have changed."""
    if keys := [practitioner_key(pk) for pk in practitioner_ids]:
        _write_new_versions(keys)


def mark_clinic_changed() -> None:
    """Something every diary depends on has changed (a closure, a treatment)."""
    _write_new_versions([CLINIC])


def current(practitioner_ids: Iterable[int]) -> dict[int, str]:
    """For each of these practitioners, the versions their diary depends on (the clinic's
    and their own), in one query. A diary with no version yet (a practitioner made by
    `bulk_create`, say) gets one now and is left out this once: nothing read before its
    version existed may be cached under it."""
    keys = {practitioner_key(pk): pk for pk in practitioner_ids}
    found = dict(DiaryVersion.objects.filter(key__in=[CLINIC, *keys]).values_list("key", "version"))
    if missing := [key for key in [CLINIC, *keys] if key not in found]:
        version = secrets.randbits(62)
        DiaryVersion.objects.bulk_create(
            [DiaryVersion(key=key, version=version) for key in missing], ignore_conflicts=True
        )
    if CLINIC not in found:
        return {}
    clinic = found[CLINIC]
    return {pk: f"{clinic}.{found[key]}" for key, pk in keys.items() if key in found}


def _entry_written(sender, instance, **kwargs) -> None:
    mark_changed(instance.diary_owners())


def _clinic_wide_written(sender, instance, **kwargs) -> None:
    mark_clinic_changed()


def _givers_changed(sender, action, **kwargs) -> None:
    if action.startswith("post_"):
        mark_clinic_changed()


def _practitioner_saved(sender, instance, created, **kwargs) -> None:
    if created:
        mark_changed([instance.pk])


def connect() -> None:
    """Called once from the app's ready()."""
    for model in (Booking, Hold, TimeOff, WorkingHours):
        post_save.connect(_entry_written, sender=model, dispatch_uid=f"diary-{model.__name__}")
        post_delete.connect(_entry_written, sender=model, dispatch_uid=f"diary-{model.__name__}-")
    for model in (ClinicClosure, Treatment):
        post_save.connect(
            _clinic_wide_written, sender=model, dispatch_uid=f"diary-{model.__name__}"
        )
        post_delete.connect(
            _clinic_wide_written, sender=model, dispatch_uid=f"diary-{model.__name__}-"
        )
    m2m_changed.connect(
        _givers_changed, sender=Treatment.practitioners.through, dispatch_uid="diary-givers"
    )
    post_save.connect(_practitioner_saved, sender=Practitioner, dispatch_uid="diary-practitioner")

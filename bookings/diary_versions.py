"""Marking a practitioner's diary changed, inside the transaction that changes it.

Every write that changes when someone is free is a model save or delete (the services, the
admin, the workers), so the model signals below cover them all, and they run inside the
writer's transaction:

- a booking, a hold, time off or working hours: the diary of its practitioner, and of the
  practitioner it had before when it moved from one to another;
- a clinic closure or a treatment: every diary.

A queryset `update()` or `bulk_create()` sends no signal: code that changes a diary that
way must call `mark_changed` itself (none does; tests/bookings/test_diary_cache.py makes
each kind of write and checks that no cached copy outlives it).
"""

import secrets
from collections.abc import Iterable

from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save

from bookings.models import Booking, ClinicClosure, DiaryVersion, Hold, Treatment
from practitioners.models import Practitioner, TimeOff, WorkingHours


def mark_changed(practitioner_ids: Iterable[int]) -> None:
    """Give these practitioners' diaries a new version, in one insert-or-update."""
    ids = sorted(set(practitioner_ids))
    if not ids:
        return
    version = secrets.randbits(62)
    DiaryVersion.objects.bulk_create(
        [DiaryVersion(practitioner_id=pk, version=version) for pk in ids],
        update_conflicts=True,
        update_fields=["version"],
        unique_fields=["practitioner"],
    )


def mark_all_changed() -> None:
    mark_changed(Practitioner.objects.values_list("pk", flat=True))


def current(practitioner_ids: Iterable[int]) -> dict[int, int]:
    """The diary version of each of these practitioners. One without a version yet (made
    by `bulk_create`, say) gets one now and is left out this once: nothing read before its
    version existed may be cached under it."""
    ids = set(practitioner_ids)
    versions = dict(
        DiaryVersion.objects.filter(practitioner_id__in=ids).values_list(
            "practitioner_id", "version"
        )
    )
    if missing := ids - versions.keys():
        version = secrets.randbits(62)
        DiaryVersion.objects.bulk_create(
            [DiaryVersion(practitioner_id=pk, version=version) for pk in missing],
            ignore_conflicts=True,
        )
    return versions


def _deleting_practitioner(origin) -> bool:
    """Whether a delete comes from deleting practitioners, whose versions go with them."""
    if isinstance(origin, QuerySet):
        return origin.model is Practitioner
    return isinstance(origin, Practitioner)


def _entry_written(sender, instance, origin=None, **kwargs) -> None:
    if not _deleting_practitioner(origin):
        mark_changed(instance.diary_owners())


def _clinic_wide_written(sender, instance, **kwargs) -> None:
    mark_all_changed()


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
    post_save.connect(_practitioner_saved, sender=Practitioner, dispatch_uid="diary-practitioner")

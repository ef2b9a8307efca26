"""Offers of freed times to people on the waiting list.

An offer is a hold for one person on the list: made under the practitioner's lock with
the same re-check as a booking, so one time is never offered to two people at once, and
kept until it is answered or expires. Accepting books through `book`, the same service
as the website. Each step that closes an offer claims it with a conditional UPDATE, so it
is closed once, however many workers or browsers try at the same moment.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from bookings.availability import Problem
from bookings.models import Booking, Hold, Patient, WaitlistEntry, WaitlistOffer
from bookings.services.booking import PatientDetails, book, check_time
from bookings.services.errors import NotBookable, OfferClosed, OfferNotMade, SlotUnavailable
from bookings.services.holds import new_hold
from bookings.services.slot_guard import lock
from bookings.waitlist import emails as waitlist_emails
from bookings.waitlist import matching
from clinic import tokens
from practitioners.models import Practitioner

ALREADY_BOOKED = "You have already booked this time. Your confirmation is in your email."
DECLINED = "You turned this time down, so it has gone to someone else. You are still on the list."


def offer_expiry(start: datetime, now: datetime) -> datetime | None:
    """OFFER_MINUTES, or OFFER_SOON_MINUTES for a session within OFFER_SOON_HOURS; never
    past the last moment the session can be booked online."""
    keep = matching.offer_keep(
        now=now,
        start=start,
        keep=timedelta(minutes=settings.OFFER_MINUTES),
        keep_soon=timedelta(minutes=settings.OFFER_SOON_MINUTES),
        soon=timedelta(hours=settings.OFFER_SOON_HOURS),
    )
    notice = timedelta(hours=settings.BOOKING_MIN_NOTICE_HOURS)
    return matching.hold_expiry(now=now, start=start, keep=keep, notice=notice)


def make_offer(
    *,
    entry: WaitlistEntry,
    practitioner: Practitioner,
    start: datetime,
    made_by: AbstractBaseUser | None = None,
    now: datetime | None = None,
) -> WaitlistOffer:
    """Offer a free time to a person on the list, hold it for them and email them.

    Raises SlotUnavailable or NotBookable when the time cannot be booked online now, and
    OfferNotMade when they have an offer open or are no longer waiting."""
    now = now or timezone.now()
    expires = offer_expiry(start, now)
    if expires is None:
        raise SlotUnavailable(Problem.TOO_SOON)
    if not practitioner.is_listed:
        raise NotBookable(f"{practitioner.name} cannot be booked online.")
    with transaction.atomic():
        # Always the practitioner first, then the entry: the order every path takes.
        practitioner = lock(practitioner)
        entry = _locked_waiting_entry(entry)
        if not entry.treatment.is_active:
            raise NotBookable(f"{entry.treatment.name} cannot be booked online.")
        check_time(
            practitioner=practitioner,
            treatment=entry.treatment,
            start=start,
            by_staff=False,
            now=now,
        )
        secret = tokens.new_secret()
        offer = WaitlistOffer(
            entry=entry,
            practitioner=practitioner,
            treatment=entry.treatment,
            start=start,
            expires_at=expires,
            token_hash=tokens.digest(secret),
            made_by=made_by,
        )
        try:
            with transaction.atomic():
                offer.save()
        except IntegrityError as error:  # another worker offered them a time just now
            raise OfferNotMade("They already have an offer waiting for an answer.") from error
        new_hold(
            holder=offer.holder,
            practitioner=practitioner,
            treatment=entry.treatment,
            start=start,
            expires_at=expires,
            offer=offer,
        ).save()
        waitlist_emails.offer_made(offer, secret)
    return offer


def _locked_waiting_entry(entry: WaitlistEntry) -> WaitlistEntry:
    entry = (
        WaitlistEntry.objects.select_for_update(of=("self",))
        .select_related("treatment")
        .filter(pk=entry.pk)
        .first()
    )
    if entry is None or entry.status != WaitlistEntry.Status.WAITING:
        raise OfferNotMade("They are no longer on the waiting list.")
    open_offer = entry.offers.filter(status=WaitlistOffer.Status.PENDING).first()
    if open_offer is not None:
        raise OfferNotMade(
            "They already have an offer waiting for an answer "
            f"(until {timezone.localtime(open_offer.expires_at):%H:%M})."
        )
    return entry


def accept_offer(
    *,
    offer: WaitlistOffer,
    patient: PatientDetails | Patient,
    screening_answers: dict[str, bool],
    consented: bool,
    patient_note: str = "",
    idempotency_key: str | None = None,
    now: datetime | None = None,
) -> Booking:
    """Book the offered time through `book`, with its own hold out of the way.

    An offer past its time is still accepted if nobody else has the time yet (kinder
    than a refusal, and nobody loses by it); if someone has, `book` raises
    SlotUnavailable. OfferClosed when it was turned down or already booked."""
    now = now or timezone.now()
    with transaction.atomic():
        lock(offer.practitioner)
        offer = (
            WaitlistOffer.objects.select_for_update(of=("self",))
            .select_related("practitioner", "treatment", "booking")
            .get(pk=offer.pk)
        )
        if offer.status == WaitlistOffer.Status.ACCEPTED:
            if (
                idempotency_key
                and offer.booking
                and offer.booking.idempotency_key == idempotency_key
            ):
                return offer.booking  # the same form sent twice
            raise OfferClosed(ALREADY_BOOKED)
        if offer.status == WaitlistOffer.Status.DECLINED:
            raise OfferClosed(DECLINED)
        booking = book(
            practitioner=offer.practitioner,
            treatment=offer.treatment,
            start=offer.start,
            patient=patient,
            screening_answers=screening_answers,
            consented=consented,
            patient_note=patient_note,
            idempotency_key=idempotency_key,
            holder=offer.holder,
            now=now,
        )
        WaitlistOffer.objects.filter(pk=offer.pk).update(
            status=WaitlistOffer.Status.ACCEPTED, booking=booking, decided_at=now
        )
        WaitlistEntry.objects.filter(pk=offer.entry_id).update(
            status=WaitlistEntry.Status.BOOKED, updated_at=now
        )
    return booking


def decline_offer(*, offer: WaitlistOffer, now: datetime | None = None) -> WaitlistOffer:
    """Turn the time down and free it for the next person; they stay on the list."""
    now = now or timezone.now()
    with transaction.atomic():
        lock(offer.practitioner)
        closed = WaitlistOffer.objects.filter(
            pk=offer.pk, status=WaitlistOffer.Status.PENDING
        ).update(status=WaitlistOffer.Status.DECLINED, decided_at=now)
        if closed:
            Hold.objects.filter(offer_id=offer.pk).delete()
    offer.refresh_from_db()
    if not closed and offer.status == WaitlistOffer.Status.ACCEPTED:
        raise OfferClosed(ALREADY_BOOKED)
    return offer


def expire_due_offers(*, now: datetime | None = None) -> int:
    """Close every open offer past its time. Each is claimed with a conditional UPDATE
    under its practitioner's lock, so with any number of workers each offer expires once
    (and so is passed on once, by the next pass of `offer_free_times`)."""
    now = now or timezone.now()
    due = WaitlistOffer.objects.filter(
        status=WaitlistOffer.Status.PENDING, expires_at__lte=now
    ).values_list("pk", "practitioner_id")
    expired = 0
    for pk, practitioner_id in list(due):
        with transaction.atomic():
            lock(Practitioner(pk=practitioner_id))
            claimed = WaitlistOffer.objects.filter(
                pk=pk, status=WaitlistOffer.Status.PENDING, expires_at__lte=now
            ).update(status=WaitlistOffer.Status.EXPIRED, decided_at=now)
            if claimed:
                Hold.objects.filter(offer_id=pk).delete()
                expired += 1
    return expired

"""Whole public pages kept for visitors who carry no session, for as long as they are true.

Most people who read about back pain, browse the practitioners or look for a free time
carry no session, and nothing they are shown depends on who they are. Such a page is the
same for all of them until something on it changes, so it is made once and kept in the
"pages" cache (settings.CACHES), under:

- its address, query included;
- the site's state: every diary version (bookings/models_diary.py) and the content version
  (`ContentVersion`), read in one query before the page is made. Every write that changes
  a diary or what the pages say changes one of them in its own transaction (the model
  signals, here and in bookings/diary_versions.py), so no page kept before a write is
  found after it;
- the minute. Free times also change with the clock alone: the notice period passes a
  start, a day begins, a hold expires. The first two happen on whole minutes, so a page is
  only served within the minute it was made (and one made on the very turn of a minute is
  not kept: `_same_all_minute`). A hold that expires within the minute shows its time as
  taken until the minute ends, never a taken time as free.

Made afresh every time instead:

- pages for a request with any cookie but the CSRF one: a session means staff, a patient
  part-way through booking (their own held time is free to them), or a message waiting;
- anything but a 200 answer to GET, and answers that wrote to the session or left a
  message.

A page with a form carries a CSRF token: it is kept with a mark in the token's place, and
each visitor is given their own token, as Django would have given them.

A queryset `update()` or `bulk_create()` sends no signal. Code that changes content that
way must call `mark_content_changed()` (none does). Otherwise the page is up to a minute
out of date: the minute bounds whatever a version misses.
"""

import hashlib
import re
import secrets
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone

from clinic.models import ContentVersion

CONTENT = "content"
# The apps whose every model is content (bookings' content, the treatments and who gives
# them, changes the clinic's diary version instead).
CONTENT_APPS = ("clinic", "practitioners")
TOKEN_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
# Where each visitor's CSRF token goes in a kept page.
TOKEN_MARK = b"csrf-token-of-this-visitor"


def pages():
    return caches["pages"]


def mark_content_changed() -> None:
    """What the public pages say has changed."""
    ContentVersion.objects.bulk_create(
        [ContentVersion(key=CONTENT, version=secrets.randbits(62))],
        update_conflicts=True,
        update_fields=["version"],
        unique_fields=["key"],
    )


# The other versions kept pages depend on, as querysets of (key, version) rows: apps that
# build on this one add theirs from their ready() (bookings adds the diary versions).
_other_versions = []


def also_depends_on(rows) -> None:
    _other_versions.append(rows)


def site_state() -> str | None:
    """A digest of every version, in one query. None, with a content version made, when
    there is none yet: nothing read before a version existed may be kept under it (as in
    `diary_versions.current`)."""
    rows = ContentVersion.objects.values_list("key", "version")
    rows = sorted(rows.union(*_other_versions) if _other_versions else rows)
    if any(key == CONTENT for key, _ in rows):
        return hashlib.blake2b(repr(rows).encode(), digest_size=16).hexdigest()
    mark_content_changed()
    return None


def cached_for_visitors(view):
    """Serve `view`'s page from the cache to visitors without a session (module docstring)."""

    @wraps(view)
    def page(request, *args, **kwargs):
        if not _shareable(request) or (state := site_state()) is None:
            return view(request, *args, **kwargs)
        now = timezone.now().timestamp()
        minute = int(now // 60)
        address = hashlib.blake2b(
            f"{request.get_host()}{request.get_full_path()}".encode(), digest_size=16
        ).hexdigest()
        key = f"page:{minute}:{state}:{address}"
        if (kept := pages().get(key)) is not None:
            return _served(request, *kept, now=now)
        response = view(request, *args, **kwargs)
        if (kept := _keepable(request, response)) and _same_all_minute(now):
            pages().set(key, (*kept, now), timeout=60)
        return response

    return page


def _shareable(request) -> bool:
    return request.method == "GET" and set(request.COOKIES) <= {settings.CSRF_COOKIE_NAME}


def _same_all_minute(made_at: float) -> bool:
    """Whether a page made from `made_at` on is what the rest of its minute would make.

    A start can be booked until exactly its notice before it ("start >= now + notice"), so
    at a whole minute a page may show a time that is gone a moment later: a page made then
    is not kept. Nor is one finished in the next minute, which may show that minute's."""
    return made_at % 60 != 0 and int(timezone.now().timestamp() // 60) == int(made_at // 60)


def _keepable(request, response) -> tuple[bytes, dict, bool] | None:
    """What to keep of `response`, or None when it is not the same for every visitor."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return None
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    session = getattr(request, "session", None)
    messages = getattr(request, "_messages", None)
    if (session is not None and session.modified) or (messages and messages.added_new):
        return None
    content = response.content
    with_token = bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))
    if TOKEN_MARK in content:
        return None
    if with_token:
        content, placed = TOKEN_FIELD.subn(rb"\1" + TOKEN_MARK + rb"\2", content)
        if not placed:  # the token is used some other way, which this cannot place
            return None
    return content, dict(response.headers), with_token


def _served(request, content, headers, with_token, made_at, *, now: float) -> HttpResponse:
    """The kept page, with this visitor's CSRF token, and its age in seconds (as an HTTP
    cache in front of the site would say it: it tells a page served whole apart)."""
    if with_token:
        content = content.replace(TOKEN_MARK, get_token(request).encode())
    return HttpResponse(content, headers={**headers, "Age": str(int(now - made_at))})


def _content_written(sender, **kwargs) -> None:
    mark_content_changed()


def _relation_written(sender, action, **kwargs) -> None:
    if action.startswith("post_"):
        mark_content_changed()


def connect() -> None:
    """Called once from the clinic app's ready()."""
    relations = []
    for label in CONTENT_APPS:
        for model in apps.get_app_config(label).get_models():
            if model is ContentVersion:
                continue
            uid = f"content-{model._meta.label}"
            post_save.connect(_content_written, sender=model, dispatch_uid=uid)
            post_delete.connect(_content_written, sender=model, dispatch_uid=f"{uid}-")
            relations += [field.remote_field.through for field in model._meta.local_many_to_many]
    for through in relations:
        m2m_changed.connect(
            _relation_written, sender=through, dispatch_uid=f"content-{through._meta.label}"
        )

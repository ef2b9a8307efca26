"""Simulated patients going through the real booking flow, up to the last step: "choose a
time" (GET), the hold (POST), the details form (GET). What is left is the details POST,
with the health screening answered so that the booking goes through: the request the
"completed bookings" row measures, through gunicorn under load or in-process.

A patient is a browser: over HTTP to the benchmark's gunicorn (`HttpBrowser`), or Django's
test Client in this process (`ClientBrowser`); both keep cookies and never follow a
redirect, and both check CSRF as production does. Each patient comes from an address of
their own, as a trusted proxy would report it (X-Forwarded-For; the benchmark sets
TRUSTED_PROXY_COUNT=1), so the rate limits count each patient apart, as in production,
instead of counting every patient of the benchmark as one client at 127.0.0.1.
"""

import html
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import date, timedelta
from html.parser import HTMLParser
from http.cookiejar import CookieJar
from urllib.parse import urlencode

from django.test import Client

from bookings import screening

DETAILS_PATH = "/book/details/"
# Every patient the benchmark books has an email address of their own, starting so.
EMAIL_PREFIX = "bench-post-"
FORM_ENCODED = "application/x-www-form-urlencoded"
HOLD_BUTTON = re.compile(r'formaction="(/book/hold/\?[^"]+)"')


@dataclass(frozen=True)
class Page:
    status: int
    location: str
    text: str


@dataclass(frozen=True)
class Prepared:
    """A patient at the last step: their browser's cookies, and the details form as they
    would post it (the hidden fields the page gave them, their details, their answers)."""

    cookies: dict[str, str]
    body: dict[str, str]
    address: str

    def cookie_header(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def address(n: int) -> str:
    """Patient `n`'s own address (in 10.0.0.0/8, which no real client behind the proxy
    could share)."""
    return f"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}"


class HttpBrowser:
    def __init__(self, base_url: str, address: str):
        self.base_url, self.address, self.jar = base_url, address, CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )
        self.opener.addheaders = [("X-Forwarded-For", address)]

    def _open(self, path: str, data: dict | None) -> Page:
        body = urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(self.base_url + path, data=body, timeout=60) as response:
                return Page(response.status, "", response.read().decode())
        except urllib.error.HTTPError as error:
            return Page(error.code, error.headers.get("Location", ""), error.read().decode())

    def get(self, path: str) -> Page:
        return self._open(path, None)

    def post(self, path: str, data: dict) -> Page:
        return self._open(path, data)

    def cookies(self) -> dict[str, str]:
        return {c.name: c.value for c in self.jar}


class ClientBrowser:
    def __init__(self, address: str):
        self.address = address
        self.client = Client(
            HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_FOR=address, enforce_csrf_checks=True
        )

    @staticmethod
    def _page(response) -> Page:
        return Page(response.status_code, response.get("Location", ""), response.content.decode())

    def get(self, path: str) -> Page:
        return self._page(self.client.get(path))

    def post(self, path: str, data: dict) -> Page:
        # Encoded as a browser sends a form (the test Client would send multipart).
        form = urlencode(data)
        return self._page(self.client.post(path, form, content_type=FORM_ENCODED))

    def cookies(self) -> dict[str, str]:
        return {name: morsel.value for name, morsel in self.client.cookies.items()}


class _Inputs(HTMLParser):
    """The hidden inputs of a page: what the details form carries from step to step."""

    def __init__(self):
        super().__init__()
        self.hidden: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("type") == "hidden" and a.get("name"):
            self.hidden[a["name"]] = a.get("value") or ""


def hidden_inputs(text: str) -> dict[str, str]:
    parser = _Inputs()
    parser.feed(text)
    return parser.hidden


def hold_paths(text: str) -> list[str]:
    """The times a "choose a time" page offers, as the hold addresses of its buttons."""
    return [html.unescape(path) for path in HOLD_BUTTON.findall(text)]


def answered_form(hidden: dict[str, str], n: int) -> dict[str, str]:
    """The details form as patient `n` posts it: a new patient of 45 with an email address
    of their own, who answers "no" to every health question, consents and books."""
    answers = {f"q_{q.key}": "no" for q in screening.WARNING_SIGNS + screening.CAUTIONS}
    answers[f"q_{screening.NEW_EPISODE.key}"] = "no"
    return {
        **hidden,
        "first_name": "Bench",
        "last_name": f"Poster {n}",
        "email": f"{EMAIL_PREFIX}{n}@example.org",
        "phone": "07700 900123",
        "date_of_birth": "1980-05-17",
        "patient_note": "",
        "consent": "on",
        "privacy": "on",
        **answers,
    }


def time_path(treatment: str, practitioner: str, day: date) -> str:
    return "/book/time/?" + urlencode(
        {"treatment": treatment, "practitioner": practitioner, "date": day.isoformat()}
    )


def prepare(browser, *, treatment: str, practitioner: str, day: date, n: int) -> Prepared | None:
    """Patient `n` chooses the first time offered on `day` (or the first day after it with
    one), holds it and opens the details form. None if no time could be held."""
    for attempt in range(3):
        page = browser.get(time_path(treatment, practitioner, day + timedelta(days=7 * attempt)))
        if page.status != 200:
            raise SystemExit(f"The time page answered {page.status} while preparing bookings.")
        token = hidden_inputs(page.text).get("csrfmiddlewaretoken", "")
        for path in hold_paths(page.text)[:3]:
            held = browser.post(path, {"csrfmiddlewaretoken": token})
            if held.status == 302 and held.location.startswith(DETAILS_PATH):
                details = browser.get(held.location)
                if details.status != 200:
                    raise SystemExit(f"The details form answered {details.status}.")
                body = answered_form(hidden_inputs(details.text), n)
                return Prepared(browser.cookies(), body, browser.address)
            if held.status != 409:  # 409: just held by someone else; try the next time
                raise SystemExit(f"The hold answered {held.status} while preparing bookings.")
    return None

"""Headless Chromium for the browser tests, at a phone's width and a desktop's.

Every page a test opens through `open_page` is watched: JavaScript errors are collected,
and when the test fails its screenshot and HTML are kept in test-artifacts/failures/.
Journeys write their screenshots to test-artifacts/browser/ (see README, "Tests").
"""

import io
import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from playwright.sync_api import sync_playwright

from bookings.backoffice.roles import apply_roles

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Flags for a closed network and a root user (see the machine notes in README).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
WIDTHS = {"phone": PHONE, "desktop": DESKTOP}
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SHOTS = ARTIFACTS / "browser"
FAILURES = ARTIFACTS / "failures"
PASSWORD = "pass-word-123"

# Playwright's sync API runs an event loop in this thread; the test's own ORM calls are
# ordinary synchronous code, which Django would otherwise refuse next to a running loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name).strip("_")[:120]


def keep_evidence(request, pages) -> None:
    """Screenshot and HTML of every page the failed test had open."""
    folder = FAILURES / _safe(request.node.nodeid)
    folder.mkdir(parents=True, exist_ok=True)
    for n, page in enumerate(pages):
        if page.is_closed():
            continue
        try:
            page.screenshot(path=str(folder / f"page-{n}.png"), full_page=True)
            (folder / f"page-{n}.html").write_text(page.content())
            (folder / f"page-{n}.url").write_text(page.url + "\n")
        except Exception as error:  # a crashed page must not hide the test's own failure
            (folder / f"page-{n}.error").write_text(repr(error))
    print(f"\nBrowser evidence kept in {folder}")


@pytest.fixture
def open_page(browser, request):
    """open_page(width="phone"|"desktop", javascript=True) -> a new page in its own context
    (its own cookies), watched for JavaScript errors and kept as evidence on failure."""
    pages = []

    def _open(width: str = "phone", *, javascript: bool = True):
        context = browser.new_context(
            viewport=WIDTHS[width],
            java_script_enabled=javascript,
            is_mobile=width == "phone",
            has_touch=width == "phone",
            accept_downloads=True,
        )
        page = context.new_page()
        # Generous for a live server on 2 busy cores (CI); a real failure still ends in 30 s.
        page.set_default_timeout(30_000)
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.js_errors = errors
        page.width_name = width
        pages.append(page)
        return page

    yield _open
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        keep_evidence(request, pages)
    for page in pages:
        page.context.close()


@pytest.fixture
def demo_clinic(transactional_db):
    """The demo clinic (seed_demo), with the staff roles a flushed database has lost."""
    apply_roles(Group, Permission)
    call_command("seed_demo", stdout=io.StringIO())


@pytest.fixture
def phone(open_page):
    return open_page("phone")


@pytest.fixture
def phone_without_js(open_page):
    return open_page("phone", javascript=False)


def shot(page, name):
    """A journey's screenshot, for people to look at (test-artifacts/browser/)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    suffix = getattr(page, "width_name", "")
    page.screenshot(path=str(SHOTS / f"{name}{'-' + suffix if suffix else ''}.png"), full_page=True)


# --- accessibility --------------------------------------------------------------------

AXE = Axe()
BLOCKING = {"serious", "critical"}


def axe_findings(page, label: str) -> list[str]:
    """Run axe-core on the page as it is now; print every violation found (any impact)
    and return the serious and critical ones as readable lines."""
    results = AXE.run(page)
    found = []
    for violation in results.response["violations"]:
        targets = [", ".join(node["target"]) for node in violation["nodes"]][:5]
        line = f"{label} [{page.width_name}] {violation['impact']} {violation['id']}: {targets}"
        print(line)
        if violation["impact"] in BLOCKING:
            found.append(line)
    if not results.response["violations"]:
        print(f"{label} [{page.width_name}] no violations")
    return found


def sign_in(page, base: str, username: str, *, admin: bool = False) -> None:
    page.goto(base + ("/admin/login/" if admin else "/accounts/login/"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("form [type=submit]").first.click()
    page.wait_for_load_state()

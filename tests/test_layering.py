"""The import rules of CONTRIBUTING.md, checked on every module of the project.

Apps: clinic <- practitioners <- bookings. Inside bookings, the core at the root serves
four rooms (patient, schedule, backoffice, directory); a room imports the core, never
another room, and the core imports no room. Inside any app, layers point down:
pure rules and foundation helpers (the wall clock) <- models <- selectors, services and other logic <- forms <- views and admin.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ("clinic", "practitioners", "bookings")
APP_ORDER = {"clinic": 0, "practitioners": 1, "bookings": 2}
ROOMS = ("patient", "schedule", "backoffice", "directory")

# Modules that hold pure rules: no Django, no database, tested without either.
PURE = {"bookings.availability", "bookings.screening", "bookings.triage"}
# Helpers below the models: they use Django's settings or exceptions, never a model.
FOUNDATION = {"clinic.clock", "clinic.validation"}
VIEW_NAMES = {
    "views",
    "admin",
    "booking_admin",
    "actions",
    "urls",
    "site",
    "api",
    "flow",
    "manage",
    "my_bookings",
    "admin_site",
    "two_factor",
    "middleware",
    "accounts",
    "account_urls",
}
LAYER = {"pure": 0, "foundation": 0, "models": 1, "logic": 2, "forms": 3, "views": 4}
# The one file Django's admin autodiscovery needs at the app root: it only imports the room.
SHIMS = {"bookings.admin"}


def layer_of(module: str) -> str:
    if module in PURE:
        return "pure"
    if module in FOUNDATION:
        return "foundation"
    parts = module.split(".")
    if "models" in parts or parts[-1].startswith("models_"):
        return "models"
    if "forms" in parts:
        return "forms"
    if parts[-1] in VIEW_NAMES:
        return "views"
    return "logic"


def room_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "bookings" and len(parts) > 2 and parts[1] in ROOMS else None


def project_modules() -> dict[str, Path]:
    modules = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            modules[name.removesuffix(".__init__")] = path
    return modules


def imports_of(source: str) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def _pure_or_its_package(target: str) -> bool:
    """Pure rules may read other pure rules (`from bookings import screening`)."""
    return any(
        target == p or target.startswith(p + ".") or p.startswith(target + ".") for p in PURE
    )


def wrong_arrows(module: str, imported: set[str], known: set[str]) -> list[str]:
    """Every import of `module` that breaks a rule, as 'a -> b: why'."""
    problems = []
    app = module.split(".")[0]
    for target in sorted(imported):
        if module in PURE and _pure_or_its_package(target):
            continue
        if module in PURE and target.split(".")[0] in (*APPS, "django"):
            problems.append(f"{module} -> {target}: pure rules import no Django or app code")
            continue
        if target not in known:
            continue
        target_app = target.split(".")[0]
        if APP_ORDER[target_app] > APP_ORDER[app]:
            problems.append(f"{module} -> {target}: {app} may not import {target_app}")
        elif module not in SHIMS and room_of(target) and room_of(target) != room_of(module):
            where = room_of(module) or "the core"
            problems.append(f"{module} -> {target}: {where} may not import room {room_of(target)}")
        elif LAYER[layer_of(target)] > LAYER[layer_of(module)] and target_app == app:
            problems.append(
                f"{module} -> {target}: {layer_of(module)} may not import {layer_of(target)}"
            )
    return problems


def test_every_import_points_the_allowed_way():
    modules = project_modules()
    known = set(modules)
    problems = []
    for module, path in modules.items():
        problems += wrong_arrows(module, imports_of(path.read_text()), known)
    assert problems == []


@pytest.mark.parametrize(
    ("module", "line", "why"),
    [
        ("practitioners.views", "from bookings.models import Booking", "may not import bookings"),
        ("clinic.views", "from practitioners.models import Practitioner", "may not import"),
        (
            "bookings.schedule.views",
            "from bookings.patient.forms import ANY",
            "may not import room",
        ),
        ("bookings.selectors", "from bookings.backoffice import selectors", "the core may not"),
        ("bookings.models", "from bookings.services import book", "models may not import logic"),
        ("bookings.services.booking", "from bookings.patient.forms import X", "may not import"),
        ("bookings.selectors", "from bookings.forms import DateQueryForm", "logic may not import"),
        ("bookings.availability", "from django.utils import timezone", "pure rules import no"),
        ("bookings.triage", "from bookings import models", "pure rules import no"),
    ],
)
def test_a_wrong_arrow_is_reported(module, line, why):
    known = set(project_modules()) | {"bookings.services.book", "bookings.patient.forms.X"}
    problems = wrong_arrows(module, imports_of(line), known)
    assert len(problems) >= 1 and why in problems[0]


def test_allowed_arrows_are_not_reported():
    known = set(project_modules())
    allowed = [
        ("bookings.patient.flow", "from bookings import services"),
        ("bookings.backoffice.admin", "from bookings.backoffice import booking_admin"),
        ("bookings.services.booking", "from practitioners.models import Practitioner"),
        ("bookings.admin", "from bookings.backoffice import admin"),
        ("bookings.triage", "from bookings import screening"),
    ]
    for module, line in allowed:
        assert wrong_arrows(module, imports_of(line), known) == []

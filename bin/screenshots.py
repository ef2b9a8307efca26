"""Screenshot pages of a running site at phone and desktop widths, for a human to look at.

    .venv/bin/python bin/screenshots.py http://127.0.0.1:8000 / /practitioners/ ...

Writes test-artifacts/screenshots/<name>-<width>.png. Uses the system Chromium.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}


def main(base: str, paths: list[str]) -> None:
    out = Path("test-artifacts/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for label, (width, height) in WIDTHS.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            for path in paths:
                page.goto(base + path)
                name = (
                    path.strip("/").replace("/", "_").replace("?", "_").replace("&", "_") or "home"
                )
                target = out / f"{name}-{label}.png"
                page.screenshot(path=str(target), full_page=True)
                print(target)
            page.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])

"""Headless Chromium for the kg.viz browser tests.

Uses Debian's chromium (/usr/bin/chromium, or $KG_CHROMIUM) driven by Playwright's Python
package; no browser is ever downloaded.  The tests skip with a reason when either is
missing.  Screenshots go to test-artifacts/ (gitignored).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path(os.environ.get("KG_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"needs Debian's chromium at {CHROMIUM} (apt-get install chromium); absent on this machine")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("needs the playwright Python package (pip install playwright; no browser download needed)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


class PageLog:
    """What a page did: console errors, uncaught errors, dialogs and every request."""

    def __init__(self, url: str):
        self.url = url
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.blocked: list[str] = []

    def check_clean(self):
        assert self.errors == [], self.errors
        assert self.dialogs == [], self.dialogs
        assert self.blocked == [], self.blocked
        assert all(r == self.url for r in self.requests), self.requests


@pytest.fixture
def open_page(browser):
    """``open_page(path) -> (page, log)``: load a local page, fail any other request."""
    pages = []

    def _open(path, viewport=(1400, 850)):
        path = Path(path).resolve()
        url = path.as_uri()
        log = PageLog(url)
        ctx = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, locale="ar")
        page = ctx.new_page()
        pages.append(ctx)

        def route(r):
            if r.request.url == url:
                r.continue_()
            else:
                log.blocked.append(r.request.url)
                r.abort()

        ctx.route("**/*", route)
        page.on("request", lambda r: log.requests.append(r.url))
        page.on("console", lambda m: log.errors.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: log.errors.append(f"pageerror: {e}"))

        def dialog(d):
            log.dialogs.append(f"{d.type}: {d.message}")
            d.dismiss()

        page.on("dialog", dialog)
        page.goto(url)
        page.wait_for_function("window.kgView && window.kgView.ready === true", timeout=30000)
        return page, log

    yield _open
    for ctx in pages:
        ctx.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS

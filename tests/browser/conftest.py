"""Browser fixtures: one built site (the seeds), served on 127.0.0.1, one headless Debian chromium.

Needs the `chromium` Debian package (/usr/bin/chromium); without it every browser test is skipped with a
message saying so. Playwright's own browser downloads are never used (`playwright install` is not run).
Screenshots go to tests/artifacts/screenshots/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tools.search_rank import serve

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "tests" / "artifacts" / "screenshots"
CHROMIUM = os.environ.get("BRIEFING_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


def _chromium() -> str:
    path = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.skip(f"BROWSER TESTS SKIPPED: no chromium at {CHROMIUM} or on PATH. "
                    "Install it with `apt-get install -y chromium` (Debian) to run them.")
    return path


@pytest.fixture(scope="session")
def site_dir(seed_build) -> Path:
    root, _ = seed_build
    return root / "site"


@pytest.fixture(scope="session")
def base_url(site_dir):
    """The built site over http on a free port of 127.0.0.1, in a thread."""
    yield from serve(site_dir)


@pytest.fixture(scope="module")
def browser():
    """Module-scoped: Playwright's sync API allows one instance per thread, and other modules start their own."""
    executable = _chromium()
    sync_api = pytest.importorskip("playwright.sync_api", reason="BROWSER TESTS SKIPPED: playwright is not "
                                   "installed in this environment (it is in requirements.lock: `make setup`)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, headless=True, args=FLAGS)
        yield b
        b.close()


class Reader:
    """A page plus everything that went wrong on it: console errors, page errors, failed requests."""

    def __init__(self, page, base_url: str):
        self.page, self.base = page, base_url
        self.problems: list[str] = []
        # the browser's own /favicon.ico request for the stand-alone graph.svg is not the site's doing
        page.on("console", lambda m: m.type == "error" and "favicon.ico" not in (m.location or {}).get("url", "")
                and self.problems.append(f"console: {m.text} ({(m.location or {}).get('url', '')})"))
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        # ERR_ABORTED: a request cut short because the reader moved on to the next page (e.g. the search worker)
        page.on("requestfailed", lambda r: "ERR_ABORTED" not in (r.failure or "")
                and self.problems.append(f"request failed: {r.url} {r.failure}"))
        page.on("response", lambda r: r.status >= 400 and not r.url.endswith("/favicon.ico")
                and self.problems.append(f"HTTP {r.status}: {r.url}"))

    def open(self, path: str):
        self.page.goto(self.base + path)  # returns once the page has loaded
        return self.page

    def shot(self, name: str, full_page: bool = True):
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)


@pytest.fixture(scope="module")
def light_context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    yield context
    context.close()


def open_reader(context, url: str):
    """A fresh page of `context` on the site at `url`; fails the test on any problem it saw. A fixture yields
    from it."""
    r = Reader(context.new_page(), url)
    yield r
    r.page.close()
    assert not r.problems, "\n".join(r.problems)


@pytest.fixture
def reader(light_context, base_url):
    """A fresh page (in one shared browser context, for speed)."""
    yield from open_reader(light_context, base_url)

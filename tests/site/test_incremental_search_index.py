"""The search index rebuilt in the background (generator/site/indexer.py): the site keeps one whole index
at every moment, the old or the new; an indexer that is superseded or killed leaves the old one, and the
index is made again later. A stand-in for Pagefind keeps these tests to seconds."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from pathlib import Path

import pytest

from generator.site import indexer

# writes an "index" of the site's pages into OUT, file by file, pausing after the first when asked
FAKE = r"""
import os, sys, time
site, out, pause = sys.argv[1], sys.argv[2], float(sys.argv[3])
os.makedirs(out)
pages = sorted(n for n in os.listdir(site) if n.endswith(".html"))
for i, name in enumerate(pages):
    with open(os.path.join(out, f"fragment-{i}"), "w") as fh:
        fh.write(open(os.path.join(site, name)).read())
    if i == 0:
        time.sleep(pause)
with open(os.path.join(out, "pagefind-entry.json"), "w") as fh:
    fh.write(str(len(pages)))
"""


def fake_command(site: Path, pause: float = 0.0) -> list[str]:
    return [sys.executable, "-c", FAKE, str(site), indexer.OUT, str(pause)]


@pytest.fixture
def project(tmp_path: Path):
    """A published site with an old index of two pages; the site now has three, its index is pending."""
    root = tmp_path / "proj"
    site, state = root / "site", root / ".cache" / "state"
    (site / "pagefind").mkdir(parents=True)
    state.mkdir(parents=True)
    for name, text in (("index.html", "home"), ("a.html", "alpha"), ("b.html", "beta")):
        (site / name).write_text(text)
    (site / "pagefind" / "pagefind-entry.json").write_text("2")
    (site / "pagefind" / "fragment-0").write_text("old")
    (site / "pagefind" / "fragment-1").write_text("old")
    indexer.pending_file(state).write_text("pending\n")
    return root, site, state


OLD = {"pagefind-entry.json": "2", "fragment-0": "old", "fragment-1": "old"}
NEW = {"pagefind-entry.json": "3", "fragment-0": "alpha", "fragment-1": "beta", "fragment-2": "home"}


def index_of(site: Path) -> dict[str, str]:
    """The index site/pagefind/ holds, read through one open directory. A read that overlapped a swap read the
    old index while it was being deleted, not what the name holds: it is read again."""
    while True:
        try:
            fd = os.open(site / "pagefind", os.O_RDONLY | os.O_DIRECTORY)
        except FileNotFoundError:
            return {}
        try:
            out = {}
            for name in sorted(os.listdir(fd)):
                with open(os.open(name, os.O_RDONLY, dir_fd=fd)) as fh:
                    out[name] = fh.read()
            if os.fstat(fd).st_ino == os.stat(site / "pagefind").st_ino:
                return out
        except FileNotFoundError:  # a file of the old index removed between listing and reading
            pass
        finally:
            os.close(fd)


def asides(site: Path) -> list[str]:
    return sorted(p.name for p in site.parent.iterdir() if p.name.startswith("site.building.search-"))


def wait_until(cond, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not cond():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_background_index_is_swapped_in_whole(project):
    root, site, state = project
    seen: list[dict] = []
    stop = threading.Event()

    def watch():  # what a web server reading site/pagefind/ could see during the swap
        while not stop.is_set():
            seen.append(index_of(site))

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        indexer.start(root, site, state, fake_command(site))
        wait_until(lambda: not indexer.running(root) and index_of(site) == NEW)
    finally:
        stop.set()
        watcher.join()
    assert all(s in (OLD, NEW) for s in seen), [s for s in seen if s not in (OLD, NEW)][:3]
    assert not indexer.pending_file(state).exists() and asides(site) == []


def test_superseded_indexer_leaves_the_old_index_whole(project):
    root, site, state = project
    indexer.start(root, site, state, fake_command(site, pause=60))
    wait_until(lambda: any((site.parent / a / "fragment-0").exists() for a in asides(site)))  # half written
    assert indexer.running(root)
    t0 = time.monotonic()
    assert indexer.supersede(root, site) is True
    assert time.monotonic() - t0 < 5
    assert not indexer.running(root)
    assert index_of(site) == OLD and asides(site) == []
    assert indexer.pending_file(state).exists()  # the index is still to be made
    assert indexer.wait(root, site, state, fake_command(site)) is True  # made now, in the foreground
    assert index_of(site) == NEW and not indexer.pending_file(state).exists()
    assert indexer.wait(root, site, state, fake_command(site)) is False  # nothing left to do


def test_killed_indexer_leaves_a_valid_site_and_is_resumed(project):
    root, site, state = project
    pid = indexer.start(root, site, state, fake_command(site, pause=60))
    wait_until(lambda: bool(asides(site)))
    os.killpg(pid, signal.SIGKILL)  # kill -9: no clean-up of its own
    wait_until(lambda: not indexer.running(root))
    assert index_of(site) == OLD and indexer.pending_file(state).exists()
    indexer.resume(root, site, state, fake_command(site), "background")  # the next build, nothing else to do
    wait_until(lambda: not indexer.running(root) and index_of(site) == NEW)
    assert asides(site) == [] and not indexer.pending_file(state).exists()


def test_failed_indexing_keeps_the_old_index(project):
    root, site, state = project
    with pytest.raises(RuntimeError):
        indexer.wait(root, site, state, [sys.executable, "-c", "raise SystemExit(3)", indexer.OUT])
    assert index_of(site) == OLD and asides(site) == [] and indexer.pending_file(state).exists()


def test_supersede_without_an_indexer_is_a_no_op(project):
    root, site, _ = project
    assert indexer.supersede(root, site) is False and index_of(site) == OLD


@pytest.mark.parametrize("setting, ci, tty, want", [
    ("wait", "", True, "wait"),
    ("background", "true", False, "background"),
    ("auto", "", True, "background"),
    ("auto", "true", True, "wait"),  # CI: make site ends with the final index
    ("auto", "", False, "wait"),  # a script: whatever copies site/ next gets the final index
])
def test_policy(monkeypatch, setting, ci, tty, want):
    monkeypatch.setenv("CI", ci)

    class Out:
        def isatty(self):
            return tty

    monkeypatch.setattr(sys, "stdout", Out())
    assert indexer.policy(setting) == want

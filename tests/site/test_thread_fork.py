"""The story threads made in a forked child while the render goes on (thread_memo.Pending, forked.py): the
same threads and the same pages as made in-process, and a child that fails, is killed, hangs or leaves a
memo that does not load is replaced by the in-process path, with the same result."""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import pytest

from generator.site import forked, thread_memo
from generator.site import threads as story_threads
from generator.site.render import render_pages
from generator.site.views import build_views
from tests.synthetic import big_briefing, many_stories

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")


def shape(threads) -> list:
    """Everything a thread is, its records, quotes and events by identity in the Views."""
    return [(t.id, t.title, t.summary, [r.id for r in t.articles], t.actors, t.names, t.topic,
             [(q.article.id, q.quote.start) for q in t.quotes],
             (t.key_quote.article.id, t.key_quote.quote.start) if t.key_quote else None,
             [(e.article.id, e.sort) for e in t.events]) for t in threads]


def digest_of(b):
    return lambda r: r.id + r.title + b.bodies[r.id]


@pytest.fixture(autouse=True)
def fork_small(monkeypatch):
    monkeypatch.setattr(thread_memo, "FORK_FROM", 1)  # the synthetic briefings are small: fork all the same


def in_child_only(parent: int, action):
    """made_threads, except that in a process other than `parent` it first does `action`."""
    def make(*args):
        if os.getpid() != parent:
            action()
        return story_threads.made_threads(*args)
    return make


@pytest.mark.parametrize("briefing", [lambda: big_briefing(60, 80), lambda: many_stories(6, 4, extra=5)])
def test_threads_from_the_child_are_those_made_in_process(briefing, tmp_path):
    b = briefing()
    v = build_views(b, 1, 1)
    previous = {"an-older-thread": [b.articles[0].id, b.articles[1].id]}
    calls = []

    def make(*args):
        calls.append(os.getpid())  # in the child: the parent's list stays empty
        return story_threads.made_threads(*args)

    pending = thread_memo.Pending(v, previous, make, tmp_path / "fork", digest_of(b), "code")
    assert pending._child is not None and pending._child.pid is not None
    got = pending.result()
    pending.close()
    assert calls == [], "the threads should have been made in the child"
    want = thread_memo.threads(v, previous, story_threads.made_threads, tmp_path / "here", digest_of(b), "code")
    assert got and shape(got) == shape(want) == shape(story_threads.build_threads(v, previous))
    # the child kept the memo and the parts as the in-process path does
    for name in (thread_memo.FILE, "thread-parts.json"):
        assert json.loads((tmp_path / "fork" / name).read_text(encoding="utf-8")) == \
            json.loads((tmp_path / "here" / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("failure", ["raises", "killed", "exits", "hangs", "bad memo"])
def test_a_failed_child_falls_back_to_the_threads_made_here(failure, tmp_path, monkeypatch):
    b = big_briefing(60, 80)
    v = build_views(b, 1, 1)
    monkeypatch.setattr(thread_memo, "TIMEOUT", 2.0)
    memo = tmp_path / "memo"

    def bad_memo():
        real = thread_memo.save
        thread_memo.save = lambda file, k, made, v: (real(file, k, made, v),
                                                     file.write_text("{", encoding="utf-8"))
    actions = {"raises": lambda: 1 / 0, "killed": lambda: os.kill(os.getpid(), signal.SIGKILL),
               "exits": lambda: os._exit(0), "hangs": lambda: time.sleep(60), "bad memo": bad_memo}
    t0 = time.monotonic()
    pending = thread_memo.Pending(v, None, in_child_only(os.getpid(), actions[failure]), memo, digest_of(b), "code")
    got = pending.result()
    pid = pending._child.pid if pending._child is not None else None
    pending.close()
    assert time.monotonic() - t0 < 30
    assert pid is None, "a failed child is reaped before the threads are made here"
    want = story_threads.build_threads(v, None)
    assert got and shape(got) == shape(want)
    assert thread_memo.load(memo / thread_memo.FILE, thread_memo.key(v, digest_of(b), "code"), v) is not None


def test_no_fork_makes_the_threads_here(tmp_path, monkeypatch):
    b = big_briefing(60, 80)
    v = build_views(b, 1, 1)

    def no_fork():
        raise OSError("no fork")
    monkeypatch.setattr(forked.os, "fork", no_fork)
    pending = thread_memo.Pending(v, None, story_threads.made_threads, tmp_path, digest_of(b), "code")
    assert shape(pending.result()) == shape(story_threads.build_threads(v, None))
    pending.close()


def test_pages_rendered_while_the_child_makes_the_threads_are_the_same(tmp_path, monkeypatch):
    """The whole render, forking (pages without threads first, the thread ones after the join) and not."""
    b = big_briefing(60, 80)
    forking = render_pages(b, ROOT / "templates", 1, 1, 10, memo_dir=tmp_path / "fork")
    monkeypatch.setattr(thread_memo, "FORK_FROM", 10 ** 9)
    here = render_pages(b, ROOT / "templates", 1, 1, 10, memo_dir=tmp_path / "here")
    assert list(forking) == list(here) and forking == here == render_pages(b, ROOT / "templates", 1, 1, 10)
    assert any(p.startswith("threads/") and p != "threads/index.md" for p in forking)


def test_an_error_while_rendering_reaps_the_child(tmp_path, monkeypatch):
    b = big_briefing(60, 80)
    seen = []
    real = thread_memo.Pending.close

    def close(self, kill=False):
        seen.append(self._child.pid if self._child is not None else None)
        real(self, kill)
    monkeypatch.setattr(thread_memo.Pending, "close", close)
    monkeypatch.setattr("generator.site.render.field_tables", lambda: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        render_pages(b, ROOT / "templates", 1, 1, 10, memo_dir=tmp_path)
    assert seen and seen[0] is not None
    with pytest.raises(ChildProcessError):
        os.waitpid(seen[0], os.WNOHANG)  # reaped

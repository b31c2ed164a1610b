"""The render memos (threads, data export) kept in .cache/state between builds: every page and the export
are the same bytes as a render without them, after an edit of a description, a changed, an added and a
removed article, and a memo that is stale, corrupt or of another format is ignored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.records import Entity
from generator.site import export_memo, feeds, thread_memo
from generator.site import threads as story_threads
from generator.site.render import render_pages
from generator.site.views import build_views
from tests.synthetic import big_briefing, many_stories

ROOT = Path(__file__).resolve().parents[2]


def render(b, memo_dir=None):
    return render_pages(b, ROOT / "templates", 1, 1, 10, memo_dir=memo_dir)


def describe(b, eid: str, text: str) -> None:
    ent = b.entities[eid]
    b.entities[eid] = Entity(**{**ent.model_dump(), "description": text, "links": ["https://example.org/x"]})


def retitle(b, i: int, title: str) -> None:
    rec = b.articles[i]
    b.articles[i] = rec.model_copy(update={"title": title})


def remove(b, i: int) -> None:
    rec = b.articles.pop(i)
    del b.bodies[rec.id]


def add(b, donor) -> None:
    """One article more, taken from another synthetic briefing under a new id."""
    rec = donor.articles[0].model_copy(update={"id": "article-new"})
    b.bodies["article-new"] = donor.bodies[donor.articles[0].id]
    b.articles.insert(0, rec)


EDITS = {
    "description": lambda b: describe(b, "e000", "An invented company <b>edited</b>."),
    "changed article": lambda b: retitle(b, 3, "A changed title & more"),
    "removed article": lambda b: remove(b, 5),
    "added article": lambda b: add(b, big_briefing(60, 10, seed=3)),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_pages_with_memos_are_those_without(edit, tmp_path):
    b = big_briefing(60, 80)
    assert render(b, tmp_path) == render(b)  # the first render writes the memos
    assert (tmp_path / thread_memo.FILE).is_file() and (tmp_path / export_memo.FILE).is_file()
    EDITS[edit](b)
    assert render(b, tmp_path) == render(b)  # the memos of the render before the edit
    assert render(b, tmp_path) == render(b)  # the memos of this very render


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_export_from_kept_parts_is_the_same_bytes(edit, tmp_path):
    b = big_briefing(40, 30)
    code = "code-1"
    first = export_memo.briefing_json(b, build_views(b, 1, 1), tmp_path, lambda r: r.model_dump_json() +
                                      b.bodies[r.id], code)
    assert first == feeds.briefing_json(b, build_views(b, 1, 1))
    EDITS[edit](b)
    v = build_views(b, 1, 1)
    again = export_memo.briefing_json(b, v, tmp_path, lambda r: r.model_dump_json() + b.bodies[r.id], code)
    assert again == feeds.briefing_json(b, v)
    assert json.loads(again)["counts"]["articles"] == len(b.articles)


@pytest.mark.parametrize("garbage", ["", "{", "[]", '{"format": 1, "code": "code-1", "articles": {"article-000": '
                                     '[1, 2]}}', '{"format": 99, "key": "x", "threads": []}'])
def test_corrupt_memos_are_ignored(garbage, tmp_path):
    b = big_briefing(60, 80)
    want = render(b)
    for name in (thread_memo.FILE, export_memo.FILE):
        (tmp_path / name).write_text(garbage, encoding="utf-8")
    assert render(b, tmp_path) == want
    assert json.loads((tmp_path / thread_memo.FILE).read_text(encoding="utf-8"))["format"] == thread_memo.FORMAT


def test_a_stale_thread_memo_is_not_used(tmp_path, monkeypatch):
    """A memo made from other records (an article renamed since) is rebuilt, not reused."""
    b = big_briefing(60, 80)
    render(b, tmp_path)
    calls = []
    real = story_threads.made_threads
    monkeypatch.setattr(story_threads, "made_threads", lambda *a: calls.append(1) or real(*a))
    render(b, tmp_path)
    assert calls == []  # same inputs: the memo's threads
    retitle(b, 0, "Renamed")
    assert render(b, tmp_path) == render(b) and calls  # other inputs: built again


def test_the_build_after_the_threads_changed_reuses_the_memo(tmp_path):
    """The memo keeps the threads without their ids, which come from the last published build's threads: the
    build after one that changed the threads (so `previous` is new) reuses the memo, and names the threads as
    a build without it does."""
    b = many_stories(6, 4)

    def digest(r):
        return r.id + b.bodies[r.id]

    first = thread_memo.threads(build_views(b, 1, 1), None, story_threads.made_threads, tmp_path, digest, "code")
    auto = [t for t in first if t.topic is None]
    assert auto, "the synthetic briefing should have automatic threads"
    previous = {"an-older-name": sorted(auto[0].ids)}
    calls = []
    again = thread_memo.threads(build_views(b, 1, 1), previous,
                                lambda *a: calls.append(1) or story_threads.made_threads(*a), tmp_path, digest, "code")
    assert calls == []
    fresh = story_threads.build_threads(build_views(b, 1, 1), previous)
    assert [(t.id, t.title, sorted(t.ids)) for t in again] == [(t.id, t.title, sorted(t.ids)) for t in fresh]
    assert "an-older-name" in {t.id for t in again} and "an-older-name" not in {t.id for t in first}


def test_memo_with_an_unknown_reference_is_ignored(tmp_path):
    b = big_briefing(60, 80)
    render(b, tmp_path)
    file = tmp_path / thread_memo.FILE
    data = json.loads(file.read_text(encoding="utf-8"))
    assert data["threads"], "the synthetic briefing should have threads"
    data["threads"][0]["articles"] = ["no-such-article"]
    file.write_text(json.dumps(data), encoding="utf-8")
    assert thread_memo.load(file, data["key"], build_views(b, 1, 1)) is None
    assert render(b, tmp_path) == render(b)


def test_threads_do_not_read_descriptions_or_links():
    """The thread memo's key leaves out descriptions and links: threads must not depend on them. If this
    fails, add what threads read to thread_memo.key."""
    b = big_briefing(60, 80)
    before = story_threads.build_threads(build_views(b, 1, 1))
    for eid in sorted(b.entities):
        describe(b, eid, f"Invented description of {eid}.")
    after = story_threads.build_threads(build_views(b, 1, 1))
    assert [(t.id, t.title, t.summary, sorted(t.ids), t.actors) for t in before] == \
        [(t.id, t.title, t.summary, sorted(t.ids), t.actors) for t in after]

"""`check` names the file a problem is in as it is on disk: a .yaml file, a content_dir other than content/;
and it takes who owns a record from the memo that read it, without hashing the record again."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.content import ownership
from generator.content.check import check_content
from generator.content.memo import RecordMemo
from generator.records import Config

HAND_WRITTEN = ("id: {id}\ntitle: A note from the desk\npublished: 2021-05-04\n"
                "source: {{name: Desk, url: 'mailto:desk@example.org'}}\n"
                "body: |\n  The harbour board met on Tuesday and agreed nothing.\n"
                "topics: [no-such-topic]\nreview: {{status: reviewed}}\n")
TOPIC = ("id: {id}\ntitle: Harbour affairs\nsummary: What the harbour board does.\n"
         "match: {{entities: [{entities}], keywords: []}}\n")


def _project(tmp: Path, content_dir: str) -> tuple[Path, Path]:
    root = tmp / "proj"
    content = root / content_dir
    for sub in ("articles", "entities", "topics"):
        (content / sub).mkdir(parents=True)
    return root, content


def _problems(root: Path, cfg: Config, memo=None) -> list:
    problems, _, _ = check_content(root, cfg, memo, seeds=True)
    return problems.items


@pytest.mark.parametrize("content_dir", ["content", "data/briefing-content"])
@pytest.mark.parametrize("ext", [".yml", ".yaml"])
def test_an_articles_problems_name_its_own_file(tmp_path, content_dir, ext):
    root, content = _project(tmp_path, content_dir)
    (content / "articles" / f"desk-note{ext}").write_text(HAND_WRITTEN.format(id="desk-note"), encoding="utf-8")
    items = _problems(root, Config(content_dir=content_dir))
    rel = f"{content_dir}/articles/desk-note{ext}"
    topic = next(p for p in items if p.key == "topics")
    assert topic.file == rel and topic.line == 7
    assert f"create {content_dir}/topics/no-such-topic.yml" in topic.fix
    assert any(p.file == rel and p.key == "source.url" for p in items)  # the editor's mailto: link
    assert all(p.file.startswith(f"{content_dir}/") for p in items), items


@pytest.mark.parametrize("content_dir", ["content", "data/briefing-content"])
def test_a_topics_problems_name_its_file_and_the_broken_entity_file(tmp_path, content_dir):
    root, content = _project(tmp_path, content_dir)
    (content / "topics" / "harbour.yaml").write_text(TOPIC.format(id="harbour", entities="quay-board, nobody"),
                                                     encoding="utf-8")
    (content / "entities" / "quay-board.yaml").write_text("id: quay-board\nname: Quay Board\ntype: NOT_A_TYPE\n",
                                                          encoding="utf-8")
    items = _problems(root, Config(content_dir=content_dir))
    refs = {p.message.split("'")[1]: p for p in items if p.key == "match.entities"}
    assert {p.file for p in refs.values()} == {f"{content_dir}/topics/harbour.yaml"}
    assert "not loaded" in refs["quay-board"].message
    assert refs["quay-board"].fix == f"correct {content_dir}/entities/quay-board.yaml first"
    assert refs["quay-board"].line == 4
    assert refs["nobody"].fix == f"use an id from {content_dir}/entities/"


def test_reserved_ids_name_the_yaml_files(tmp_path):
    root, content = _project(tmp_path, "data/c")
    (content / "articles" / "index.yaml").write_text(HAND_WRITTEN.format(id="index"), encoding="utf-8")
    (content / "topics" / "index.yaml").write_text(TOPIC.format(id="index", entities=""), encoding="utf-8")
    reserved = sorted(p.file for p in _problems(root, Config(content_dir="data/c")) if "reserved" in p.message)
    assert reserved == ["data/c/articles/index.yaml", "data/c/topics/index.yaml"]


def test_ownership_is_taken_from_the_memo_not_hashed_again(tmp_path, monkeypatch):
    root, content = _project(tmp_path, "content")
    text = HAND_WRITTEN.format(id="desk-note").replace("review: {status: reviewed}\n",
                                                       "review: {status: extracted, fingerprint: j0}\n")
    (content / "articles" / "desk-note.yml").write_text(text, encoding="utf-8")
    memo = RecordMemo()
    first = _problems(root, Config(), memo)  # the memo reads the file and learns its owner once
    calls = []
    real = ownership.fingerprint
    monkeypatch.setattr(ownership, "fingerprint", lambda rec: calls.append(rec.id) or real(rec))
    again = _problems(root, Config(), memo)
    assert again == first and any(p.key == "topics" for p in again)  # an editor's record: its topic is checked
    assert calls == []

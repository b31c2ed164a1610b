"""Store: machine records are replaced, an editor's are never touched; entity files are created once."""

from __future__ import annotations

from pathlib import Path

import yaml

from generator.errors import Problems
from generator.grow import new_entities, write_entities
from generator.records import Actor, ArticleRecord, Source
from generator.registry import Registry
from generator.store import owned_by_editor, record_text, store_records


def rec(summary: str = "First.", source: str = "seeds/a.txt") -> ArticleRecord:
    return ArticleRecord(id="a", title="A", source=Source(file=source), summary=summary,
                         actors=[Actor(id="acme", name="Acme", type="ORG", mentions=1, spans=[(0, 4)])])


def test_machine_record_is_rewritten(tmp_path: Path):
    d = tmp_path / "content" / "articles"
    store_records({"a": rec("First.")}, d, tmp_path, Problems(), {"seeds/a.txt"})
    stats = store_records({"a": rec("Second.")}, d, tmp_path, Problems(), {"seeds/a.txt"})
    assert stats.written == 1
    assert yaml.safe_load((d / "a.yml").read_text())["summary"] == "Second."


def test_edited_record_is_kept(tmp_path: Path):
    d = tmp_path / "content" / "articles"
    store_records({"a": rec("First.")}, d, tmp_path, Problems(), {"seeds/a.txt"})
    path = d / "a.yml"
    path.write_text(path.read_text().replace("summary: First.", "summary: An editor's summary."))
    stats = store_records({"a": rec("Machine again.")}, d, tmp_path, Problems(), {"seeds/a.txt"})
    assert stats.kept == ["content/articles/a.yml"]
    assert "An editor's summary." in path.read_text()


def test_reviewed_record_is_kept_even_if_unchanged(tmp_path: Path):
    d = tmp_path / "content" / "articles"
    store_records({"a": rec("First.")}, d, tmp_path, Problems(), {"seeds/a.txt"})
    path = d / "a.yml"
    path.write_text(path.read_text().replace("status: extracted", "status: reviewed"))
    store_records({"a": rec("Machine again.")}, d, tmp_path, Problems(), {"seeds/a.txt"})
    assert "summary: First." in path.read_text()


def test_invalid_hand_edit_is_never_overwritten(tmp_path: Path):
    d = tmp_path / "content" / "articles"
    d.mkdir(parents=True)
    (d / "a.yml").write_text("id: a\ntitle: [unclosed\n")
    store_records({"a": rec()}, d, tmp_path, Problems(), {"seeds/a.txt"})
    assert (d / "a.yml").read_text() == "id: a\ntitle: [unclosed\n"


def test_fingerprint_detects_any_edit():
    text = record_text(rec())
    loaded = ArticleRecord.model_validate(yaml.safe_load(text))
    assert not owned_by_editor(loaded)
    edited = ArticleRecord.model_validate(yaml.safe_load(text.replace("mentions: 1", "mentions: 2")))
    assert owned_by_editor(edited)


def test_orphaned_machine_record_removed_edited_one_kept(tmp_path: Path):
    d = tmp_path / "content" / "articles"
    store_records({"a": rec()}, d, tmp_path, Problems(), {"seeds/a.txt"})
    stats = store_records({}, d, tmp_path, Problems(), set())
    assert stats.removed == ["content/articles/a.yml"] and not (d / "a.yml").exists()
    store_records({"a": rec()}, d, tmp_path, Problems(), {"seeds/a.txt"})
    (d / "a.yml").write_text((d / "a.yml").read_text().replace("status: extracted", "status: reviewed"))
    problems = Problems()
    store_records({}, d, tmp_path, problems, set())
    assert (d / "a.yml").exists() and problems.warnings


def test_entity_files_created_once(tmp_path: Path):
    reg = Registry()
    d = tmp_path / "entities"
    d.mkdir()
    made = new_entities([rec()], {"a": "Acme makes things"}, reg)
    assert [e.id for e in made] == ["acme"]
    assert write_entities(made, d) == 1
    (d / "acme.yml").write_text((d / "acme.yml").read_text().replace("description: ''", "description: Mine"))
    assert write_entities(made, d) == 0
    assert "description: Mine" in (d / "acme.yml").read_text()


def test_files_with_the_first_fingerprint_format_stay_machine_owned():
    from generator.store import _legacy_fingerprint

    plain = rec()
    legacy = plain.model_copy(update={"review": plain.review.model_copy(update={"fingerprint": _legacy_fingerprint(plain)})})
    assert not owned_by_editor(legacy)
    edited = legacy.model_copy(update={"summary": "An editor's words."})
    assert owned_by_editor(edited)

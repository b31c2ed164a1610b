"""Store: machine records are replaced, an editor's are never touched; entity files are created once."""

from __future__ import annotations

from pathlib import Path

import yaml

from generator.errors import Problems
from generator.content.grow import new_entities, write_entities
from generator.records import Actor, ArticleRecord, Source
from generator.content.registry import Registry
from generator.content.store import owned_by_editor, record_text, store_records


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
    from generator.content.ownership import _legacy_fingerprint

    plain = rec()
    legacy = plain.model_copy(update={"review": plain.review.model_copy(update={"fingerprint": _legacy_fingerprint(plain)})})
    assert not owned_by_editor(legacy)
    edited = legacy.model_copy(update={"summary": "An editor's words."})
    assert owned_by_editor(edited)


def test_memo_holds_what_the_written_file_says(tmp_path: Path):
    """store remembers each record it writes instead of parsing the file back: what it remembers must be
    exactly what a fresh read of the file gives (the repo's real records: quotes, dates, offsets, topics)."""
    from generator.content.memo import RecordMemo
    from generator.validate import validate_file

    repo_articles = Path(__file__).resolve().parents[2] / "content" / "articles"
    originals = [validate_file(p, ArticleRecord, p.name, Problems()) for p in sorted(repo_articles.glob("*.yml"))]
    assert len(originals) >= 2 and all(originals)
    records = {r.id: r.model_copy(update={"summary": r.summary + " (changed)"}) for r in originals}
    d = tmp_path / "content" / "articles"
    memo = RecordMemo()
    stats = store_records(records, d, tmp_path, Problems(), {r.source.file for r in originals}, memo)
    assert stats.written == len(records)
    for art_id in records:
        path = d / f"{art_id}.yml"
        held = memo.read(path, f"content/articles/{art_id}.yml", Problems())
        fresh = validate_file(path, ArticleRecord, path.name, Problems())
        assert held == fresh
        assert not owned_by_editor(fresh) and not memo.owned(f"content/articles/{art_id}.yml", held)


def test_an_edit_after_store_is_read_from_the_file(tmp_path: Path):
    from generator.content.memo import RecordMemo

    d = tmp_path / "content" / "articles"
    memo = RecordMemo()
    store_records({"a": rec("First.")}, d, tmp_path, Problems(), {"seeds/a.txt"})
    store_records({"a": rec("Second.")}, d, tmp_path, Problems(), {"seeds/a.txt"}, memo)
    path = d / "a.yml"
    path.write_text(path.read_text().replace("summary: Second.", "summary: An editor's longer summary."))
    held = memo.read(path, "content/articles/a.yml", Problems())
    assert held.summary == "An editor's longer summary." and memo.owned("content/articles/a.yml", held)


def test_a_record_over_the_loader_limits_is_read_back_and_reported(tmp_path: Path):
    """The memo never stands in for a file that a fresh read would reject: the problem is reported."""
    from generator.content.memo import RecordMemo

    spans = [(i, i + 1) for i in range(0, 80_000, 2)]  # 40,000 spans: over 100,000 YAML values
    big = ArticleRecord(id="a", title="A", source=Source(file="seeds/a.txt"), summary="S.",
                        actors=[Actor(id="acme", name="Acme", type="ORG", mentions=len(spans), spans=spans)])
    d = tmp_path / "content" / "articles"
    memo = RecordMemo()
    store_records({"a": big}, d, tmp_path, Problems(), {"seeds/a.txt"}, memo)
    problems = Problems()
    assert memo.read(d / "a.yml", "content/articles/a.yml", problems) is None
    assert any("values in one file" in p.message for p in problems.items)


def test_a_seed_name_with_a_line_break_still_gives_a_valid_record_file(tmp_path: Path):
    from generator.validate import validate_file

    d = tmp_path / "content" / "articles"
    name = "seeds/a\nid: injected\u2028b.txt"
    store_records({"a": rec(source=name)}, d, tmp_path, Problems(), {name})
    problems = Problems()
    back = validate_file(d / "a.yml", ArticleRecord, "a.yml", problems)
    assert back is not None and back.source.file == name and not problems.items

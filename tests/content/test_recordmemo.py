"""The stat memo of validated content files: entities and topics are remembered across builds, not only records."""

from __future__ import annotations

from pathlib import Path

import pytest

import generator.content.memo as recordmemo
from generator.errors import Problems
from generator.records import Entity
from generator.content.memo import RecordMemo


def test_entity_files_are_not_parsed_again_by_the_next_build(tmp_path: Path, monkeypatch):
    ent = tmp_path / "content" / "entities" / "acme.yml"
    ent.parent.mkdir(parents=True)
    ent.write_text("id: acme\nname: Acme\ntype: ORG\n", encoding="utf-8")
    state = tmp_path / "records.json"
    first = RecordMemo(state)
    assert first.read(ent, "content/entities/acme.yml", Problems(), Entity).name == "Acme"
    first.save()

    calls = []
    real = recordmemo.validate_file
    monkeypatch.setattr(recordmemo, "validate_file", lambda *a, **k: calls.append(a[0]) or real(*a, **k))
    second = RecordMemo(state)
    assert second.read(ent, "content/entities/acme.yml", Problems(), Entity).name == "Acme"
    assert calls == []  # answered from the memo
    ent.write_text("id: acme\nname: Acme Corporation\ntype: ORG\n", encoding="utf-8")
    assert second.read(ent, "content/entities/acme.yml", Problems(), Entity).name == "Acme Corporation"
    assert calls == [ent]  # an edited file is read again


def test_files_not_read_by_this_build_are_forgotten(tmp_path: Path):
    a, b = tmp_path / "a.yml", tmp_path / "b.yml"
    for path in (a, b):
        path.write_text(f"id: {path.stem}\nname: N {path.stem}\ntype: ORG\n", encoding="utf-8")
    state = tmp_path / "records.json"
    memo = RecordMemo(state)
    memo.read(a, "a.yml", Problems(), Entity)
    memo.read(b, "b.yml", Problems(), Entity)
    memo.save()
    b.unlink()
    again = RecordMemo(state)
    again.read(a, "a.yml", Problems(), Entity)
    again.save()
    assert RecordMemo(state).files() == ["a.yml"]


def test_a_build_that_read_the_same_files_writes_no_memo(tmp_path: Path):
    a = tmp_path / "a.yml"
    a.write_text("id: a\nname: N a\ntype: ORG\n", encoding="utf-8")
    state = tmp_path / "records.json"
    memo = RecordMemo(state)
    memo.read(a, "a.yml", Problems(), Entity)
    memo.save()
    before = state.stat().st_mtime_ns, state.read_bytes()
    again = RecordMemo(state)
    assert again.read(a, "a.yml", Problems(), Entity).name == "N a"
    state.write_bytes(before[1])  # same bytes, so that a write would show only in the stat
    marker = state.stat().st_mtime_ns
    again.save()
    assert state.stat().st_mtime_ns == marker


@pytest.mark.parametrize("garbage", ["", "not json\n", '{"format": 3}\n"a.yml"\t[1, 2\n', '{"format": 2, "records": {}}'])
def test_a_corrupt_or_old_memo_is_ignored(tmp_path: Path, garbage: str):
    a = tmp_path / "a.yml"
    a.write_text("id: a\nname: N a\ntype: ORG\n", encoding="utf-8")
    state = tmp_path / "records.json"
    state.write_text(garbage, encoding="utf-8")
    memo = RecordMemo(state)
    problems = Problems()
    assert memo.read(a, "a.yml", problems, Entity).name == "N a" and not problems.items
    memo.save()
    assert RecordMemo(state).read(a, "a.yml", Problems(), Entity).name == "N a"


@pytest.mark.parametrize("extra, accepted", [(0, True), (1, False)])
def test_value_count_is_what_the_loader_counts(extra, accepted):
    from generator import yamlio

    data = {"a": list(range(yamlio.MAX_YAML_NODES - 3 + extra))}
    assert yamlio.value_count(data) == yamlio.MAX_YAML_NODES + extra
    text = yamlio.dumps(data)
    assert yamlio.readable(data, text) is accepted
    if accepted:
        assert yamlio.loads(text).data == data
    else:
        with pytest.raises(yamlio.YamlFileError):
            yamlio.loads(text)

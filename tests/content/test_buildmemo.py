"""The content side of the last build, kept on disk (generator/content/buildmemo.py): a new process that finds
nothing extraction or the stored records depend on changed skips ingest, extract, grow and store, and still
writes exactly what a cold build writes; a hand edit is never masked; a bad memo is ignored."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from tests.helpers import ROOT, make_project

import generator.pipeline as pipeline
import generator.resolve as resolve_module
from generator.content import buildmemo
from generator.content.registry import Registry
from generator.pipeline import build
from generator.records import Entity
from generator.resolve import registry_digest


def _snapshot(root: Path) -> dict[str, str]:
    out = {}
    for base in ("docs", "content"):
        for p in sorted((root / base).rglob("*")):
            if p.is_file():
                out[p.relative_to(root).as_posix()] = p.read_text(encoding="utf-8")
    return out


def _cold(root: Path, tmp: Path) -> dict[str, str]:
    """The same inputs built from scratch in another folder: no memo, no cache of any kind."""
    cold = tmp / "cold"
    shutil.copytree(root, cold, ignore=shutil.ignore_patterns(".cache", "docs", "site"))
    build(cold, publish=False, progress=False)
    return _snapshot(cold)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def built(tmp_path):
    root = make_project(tmp_path / "proj", content=ROOT / "content")
    build(root, publish=False, progress=False)
    assert (root / ".cache" / "state" / buildmemo.FILE).is_file()
    return root


def _no_extraction(monkeypatch) -> list[str]:
    called: list[str] = []
    real = pipeline.extract_all
    monkeypatch.setattr(pipeline, "extract_all", lambda arts, *a, **k: (called.extend(x.id for x in arts),
                                                                         real(arts, *a, **k))[1])
    return called


def test_a_description_edit_in_a_new_process_skips_the_seed_stages_and_matches_a_cold_build(built, tmp_path,
                                                                                            monkeypatch):
    called = _no_extraction(monkeypatch)
    _edit(built / "content" / "entities" / "richard-yu.yml", "description: ''",
          "description: Runs the handset arm of a made-up firm.")
    report = build(built, publish=False, progress=False)
    assert called == [] and "store" not in report.timings and "ingest" not in report.timings
    assert report.articles == 2 and report.extract.cached == 2
    assert _snapshot(built) == _cold(built, tmp_path)


@pytest.mark.parametrize("old, new", [
    ("summary: ", "summary: An editor wrote this summary by hand. "),
    ("title: ", "title: Hand-edited headline, "),
])
def test_a_hand_edit_of_a_record_is_never_masked_by_the_memo(built, tmp_path, old, new):
    record = sorted((built / "content" / "articles").glob("*.yml"))[0]
    _edit(record, old, new)
    build(built, publish=False, progress=False)
    page = (built / "docs" / "articles" / f"{record.stem}.md").read_text(encoding="utf-8")
    assert new.split(": ", 1)[1].strip(" ,") in page
    assert _snapshot(built) == _cold(built, tmp_path)


@pytest.mark.parametrize("garbage", [b"", b"briefing-content-memo 3 0000\n{}",
                                     b"briefing-content-memo 0 abc\n", b"\x00" * 64])
def test_a_corrupt_or_foreign_memo_is_ignored_and_rebuilt(built, tmp_path, garbage):
    memo = built / ".cache" / "state" / buildmemo.FILE
    memo.write_bytes(garbage)
    assert buildmemo.load(memo.parent) is None
    _edit(built / "content" / "entities" / "richard-yu.yml", "description: ''", "description: Invented.")
    report = build(built, publish=False, progress=False)
    assert "store" in report.timings  # every stage ran
    assert buildmemo.load(memo.parent) is not None
    assert _snapshot(built) == _cold(built, tmp_path)


def test_a_truncated_memo_is_ignored(built):
    memo = built / ".cache" / "state" / buildmemo.FILE
    memo.write_bytes(memo.read_bytes()[:-100])
    assert buildmemo.load(memo.parent) is None


def test_an_alias_edit_runs_every_stage_and_matches_a_cold_build(built, tmp_path):
    _edit(built / "content" / "entities" / "richard-yu.yml", "aliases: []", "aliases: [Yu Chengdong]")
    report = build(built, publish=False, progress=False)
    assert "store" in report.timings
    assert _snapshot(built) == _cold(built, tmp_path)


def test_adding_an_article_canonicalises_only_that_record(built, tmp_path, monkeypatch):
    made: list[str] = []
    real = resolve_module.canonical_record  # store and resolve canonicalise through it
    monkeypatch.setattr(resolve_module, "canonical_record", lambda rec, *a: made.append(rec.id) or real(rec, *a))
    (built / "seeds" / "900_invented.txt").write_text(
        "The rain came early\n\nThe rain came early this year and the river rose by a metre overnight. "
        "Shops near the water closed before noon and the ferry did not sail.\n", encoding="utf-8")
    report = build(built, publish=False, progress=False)
    assert report.articles == 3 and report.new_entities == 0
    assert len(made) == 1 and made[0].startswith("the-rain-came-early")
    assert _snapshot(built) == _cold(built, tmp_path)


def test_adding_an_article_with_new_names_matches_a_cold_build(built, tmp_path, monkeypatch):
    """New people, one sharing a surname with a registry person and one with a one-word registry person's
    (the grown registry reaches the older records too): the records kept are the ones a cold build makes."""
    made: list[str] = []
    real = resolve_module.canonical_record
    monkeypatch.setattr(resolve_module, "canonical_record", lambda rec, *a: made.append(rec.id) or real(rec, *a))
    (built / "seeds" / "901_invented.txt").write_text(
        "Ferry captain warns of floods\n\nLena Pai, a ferry captain in the invented town of Orrin, said on "
        "Tuesday that the river would rise again. Pai said the crossing was closed. Hollis Trump, who runs the "
        "harbour office, agreed with Pai and said Trump's office would stay open.\n", encoding="utf-8")
    report = build(built, publish=False, progress=False)
    assert report.articles == 3 and report.new_entities >= 1
    assert any(m.startswith("ferry-captain") for m in made)
    assert _snapshot(built) == _cold(built, tmp_path)


def test_the_registry_digest_counts_what_canonicalisation_reads_and_nothing_else():
    def digest(**kw) -> str:
        reg = Registry()
        reg.entities["acme"] = Entity(**{"id": "acme", "name": "Acme", "type": "ORG", **kw})
        return registry_digest(reg)

    base = digest()
    assert digest(description="Makes invented things.", links=["https://example.org"]) == base
    assert digest(distinct_from=["acme-group"]) != base  # person_for reads it
    assert digest(aliases=["Acme Inc"]) != base and digest(type="PERSON") != base


def test_a_memo_made_by_other_code_is_ignored(built):
    state = built / ".cache" / "state"
    kept = buildmemo.load(state)
    assert kept is not None
    data = buildmemo.to_json(kept)
    del data["canonised"]  # as a memo written before that field existed
    payload = json.dumps(data).encode()
    (state / buildmemo.FILE).write_bytes(buildmemo.FORMAT + b" " + hashlib.sha256(payload).hexdigest().encode()
                                         + b"\n" + payload)
    assert buildmemo.load(state) is None
    report = build(built, publish=False, progress=False)
    assert "store" in report.timings and buildmemo.load(state) is not None


def test_after_a_code_change_no_seed_and_no_canonical_record_of_the_memo_is_reused(built, monkeypatch):
    """A fix to ingest or canonicalisation must reach every article, not only those whose files changed."""
    made: list[str] = []
    real = resolve_module.canonical_record  # store and resolve canonicalise through it
    monkeypatch.setattr(resolve_module, "canonical_record", lambda rec, *a: made.append(rec.id) or real(rec, *a))
    memos: list[dict] = []
    real_ingest = pipeline.ingest_seeds
    monkeypatch.setattr(pipeline, "ingest_seeds",
                        lambda *a, **k: (memos.append(dict(k.get("memo") or {})), real_ingest(*a, **k))[1])
    build(built, publish=False, progress=False)  # the same code: nothing is ingested again
    assert memos == [] and made == []
    real_stamp = pipeline.code_stamp
    monkeypatch.setattr(pipeline, "code_stamp", lambda: real_stamp() + " (changed)")
    report = build(built, publish=False, progress=False)
    assert "store" in report.timings
    assert memos == [{}]  # every seed read again by the new code
    assert len(made) == 2  # and both seed records canonicalised again
    kept = buildmemo.load(built / ".cache" / "state")
    assert kept is not None and "(changed)" in kept.code


def _canonised_pair():
    from generator.content.ownership import stamped
    from generator.errors import Problems
    from generator.records import Actor, ArticleRecord

    body = "Mara Quinlan opened the invented Orrin ferry."
    rec = ArticleRecord(id="ferry", title="Ferry", actors=[Actor(id="quinlan", name="Mara Quinlan", type="PERSON",
                                                                 mentions=1, spans=[(0, 12)])])
    canon = rec.model_copy(update={"topics": ["ships"]})
    memo = buildmemo.ResolveMemo(registry="r")
    memo.put(rec, body, canon, Problems())
    kept = buildmemo.ResolveMemo.from_json(json.loads(json.dumps(memo.to_json())))
    return rec, body, canon, kept, stamped(canon)


def test_the_kept_canonical_record_is_the_one_content_holds_when_it_is_that_one():
    rec, body, canon, kept, held = _canonised_pair()
    got, _ = kept.get(rec, body, held)
    assert got == canon and got.review == rec.review and got.actors[0] is held.actors[0]  # taken, not read again


def test_a_held_record_that_differs_is_not_taken_for_the_kept_one():
    rec, body, canon, kept, held = _canonised_pair()
    edited = held.model_copy(update={"title": "Ferry, edited by hand"})
    got, _ = kept.get(rec, body, edited)
    assert got == canon and got.title == "Ferry"


def test_an_entry_read_from_a_kept_memo_is_kept_as_it_was():
    rec, body, canon, kept, held = _canonised_pair()
    got, found = kept.get(rec, body, held)
    again = buildmemo.ResolveMemo(registry="r")
    again.put(rec, body, got, found, source=kept)
    assert again.to_json()["sealed"]["ferry"] is kept.sealed["ferry"]
    other = buildmemo.ResolveMemo(registry="r")
    other.put(rec, body, got.model_copy(update={"topics": []}), found, source=kept)  # made again: sealed anew
    assert json.loads(other.to_json()["sealed"]["ferry"][2])["topics"] == []

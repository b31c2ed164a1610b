"""The live preview's session: an edit that cannot change extraction skips it, and gives the same site."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT, make_project

from generator.pipeline import Session, build


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_description_edit_skips_extraction_and_matches_a_full_build(tmp_path):
    root = make_project(tmp_path / "proj", content=ROOT / "content")
    session = Session()
    first = build(root, publish=False, progress=False, session=session)
    assert first.extract.cached + first.extract.parsed == 2

    ent = root / "content" / "entities" / "richard-yu.yml"
    _edit(ent, "description: ''", "description: Heads the consumer business.")
    fast = build(root, publish=False, progress=False, session=session)
    assert fast.extract.cached + fast.extract.parsed == 0  # the seeds were not looked at again
    assert fast.pages_written >= 1
    assert "Heads the consumer business." in (root / "docs" / "entities" / "richard-yu.md").read_text()

    full = build(root, publish=False, progress=False)  # no session: every stage runs
    assert full.extract.cached == 2
    assert (full.records_written, full.pages_written) == (0, 0)  # the fast build left nothing to do

    _edit(ent, "aliases: []", "aliases: [Yu Chengdong]")  # names feed extraction: the whole pipeline runs
    again = build(root, publish=False, progress=False, session=session)
    assert again.extract.cached == 2

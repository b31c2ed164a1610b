"""The live preview's session: an edit that cannot change extraction skips it, and gives the same site."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import ROOT, make_project

from generator.pipeline import Session, build


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _snapshot(docs: Path) -> dict[str, str]:
    return {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8") for p in docs.rglob("*") if p.is_file()}


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

    before = _snapshot(root / "docs")
    full = build(root, publish=False, progress=False)  # no session: every stage runs
    assert full.extract.cached == 2 and full.records_written == 0
    after = _snapshot(root / "docs")
    # the fast build wrote what a full build writes, except the data export, which previews keep as it was
    assert {p for p in after if after[p] != before.get(p)} == {"data/briefing.json"}
    assert "Heads the consumer business." in after["data/briefing.json"]

    _edit(ent, "aliases: []", "aliases: [Yu Chengdong]")  # names feed extraction: the whole pipeline runs
    again = build(root, publish=False, progress=False, session=session)
    assert again.extract.cached == 2


def test_the_session_reads_a_seed_again_only_when_it_changed(tmp_path, monkeypatch):
    import generator.ingest as ingest

    root = make_project(tmp_path / "proj", content=ROOT / "content")
    session = Session()
    build(root, publish=False, progress=False, session=session)
    reads: list[str] = []
    real = ingest.ingest_file
    monkeypatch.setattr(ingest, "ingest_file", lambda path, *a: reads.append(path.name) or real(path, *a))

    ent = root / "content" / "entities" / "richard-yu.yml"
    _edit(ent, "aliases: []", "aliases: [Yu Chengdong]")  # the whole pipeline runs, from the seeds it kept
    again = build(root, publish=False, progress=False, session=session)
    assert reads == [] and again.articles == 2

    seed = sorted((root / "seeds").iterdir())[0]
    text = seed.read_text(encoding="utf-8")
    seed.write_text(text.replace("Huawei", "Huawei Technologies", 1), encoding="utf-8")
    build(root, publish=False, progress=False, session=session)
    assert reads == [seed.name]
    record = next(p for p in (root / "content" / "articles").glob("*.yml")
                  if f"file: seeds/{seed.name}" in p.read_text(encoding="utf-8"))
    assert "Huawei Technologies" in (root / "docs" / "articles" / f"{record.stem}.md").read_text(encoding="utf-8")

    seed.unlink()
    build(root, publish=False, progress=False, session=session)
    assert str(seed) not in session.seeds and len(session.seeds) == 1


def test_a_build_with_nothing_to_do_never_imports_spacy(tmp_path):
    """`make site` with no changed input stops after a stat walk; importing spaCy alone took longer."""
    import subprocess
    import sys

    root = make_project(tmp_path / "proj", content=ROOT / "content")
    build(root, progress=False)
    code = ("import sys; from pathlib import Path; from generator.pipeline import build; "
            f"r = build(Path({str(root)!r}), progress=False); print(r.unchanged, 'spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True", "False"]

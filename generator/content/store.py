"""content/: write machine records without ever losing an editor's work.

Policy (also in the editors' guide):
- content/articles/<id>.yml written by the build carries `review: {status: extracted, fingerprint: …}`.
  The fingerprint is a hash of everything else in the file. While it matches, the file is machine-owned
  and a re-extraction may replace it.
- If an editor changes anything, the fingerprint no longer matches: the file is theirs and is never
  rewritten (the build says so). `status: reviewed` says the same explicitly.
- Entity and topic files are created once and never rewritten.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator import yamlio
from generator.errors import Problems
from generator.content.memo import RecordMemo
from generator.content.registry import yaml_names
from generator.content.ownership import fingerprint, owned_by_editor, stamped  # noqa: F401 (re-exported)
from generator.records import ArticleRecord
from generator.validate import validate_file

HEADER = ("# Extracted from {source} by the briefing generator. You may edit this file: once you do,\n"
          "# the build keeps your version (set review.status: reviewed to say so explicitly).\n")


def record_text(record: ArticleRecord) -> str:
    return _record_file(stamped(record))[1]


def _record_file(record: ArticleRecord) -> tuple[dict, str]:
    """The data and the text of the file the build writes for `record`, already stamped."""
    data = yamlio.plain(record.model_dump(mode="python"))
    if data.get("body") is None:
        data.pop("body", None)
    data["review"] = {k: v for k, v in data["review"].items() if v is not None}
    source = " ".join((record.source.file or "an editor").split())  # a line break would end the comment
    return data, HEADER.format(source=source) + yamlio.dumps(data)


def _same_content(existing: ArticleRecord, new: ArticleRecord) -> bool:
    """The file already says what the machine would write (its review block aside)."""
    return existing.model_dump(exclude={"review"}) == new.model_dump(exclude={"review"}) and \
        existing.review.extractor == new.review.extractor and existing.review.status == new.review.status


@dataclass
class StoreStats:
    written: int = 0
    unchanged: int = 0
    kept: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    held: dict[str, ArticleRecord] = field(default_factory=dict)  # id -> the machine's record content/ now holds


def store_records(records: dict[str, ArticleRecord], articles_dir: Path, root: Path,
                  problems: Problems, live_sources: set[str], memo: RecordMemo | None = None) -> StoreStats:
    memo = memo or RecordMemo()
    stats = StoreStats()
    articles_dir.mkdir(parents=True, exist_ok=True)
    current: set[Path] = set()  # files that now hold what the machine wrote for a live seed
    for art_id, rec in sorted(records.items()):
        path = articles_dir / f"{art_id}.yml"
        rel = path.relative_to(root).as_posix()
        if path.exists():
            existing = memo.read(path, rel, Problems())
            if existing is None:
                stats.kept.append(rel)  # broken by hand: reported by the load stage, never overwritten
                continue
            if memo.owned(rel, existing):
                stats.kept.append(rel)
                continue
            if _same_content(existing, rec):
                stats.unchanged += 1
                stats.held[art_id] = existing
                current.add(path)
                continue
        machine = stamped(rec)
        data, text = _record_file(machine)
        written = yamlio.write_text_stat(path, text)
        if written is not None:
            stats.written += 1
            if yamlio.readable(data, text):  # later stages take it from the memo, not the file; a file
                stats.held[art_id] = machine  # over the limits is read, and reported, as before
                memo.remember(written, rel, machine)
        else:
            stats.unchanged += 1
        current.add(path)
    # machine records whose seed is gone are machine output: remove them; an editor's are kept
    for path in sorted(articles_dir.glob("*.yml")):
        if path in current:
            continue
        rel = path.relative_to(root).as_posix()
        existing = memo.read(path, rel, Problems())
        if existing is None or existing.source.file is None or existing.source.file in live_sources:
            continue
        if memo.owned(rel, existing):
            problems.add(rel, None, "source.file", f"seed {existing.source.file} no longer exists; "
                         "this edited record is kept", fix="delete the file if the article should go",
                         severity="warning")
        else:
            path.unlink()
            stats.removed.append(rel)
    return stats


def load_records(articles_dir: Path, root: Path, problems: Problems, memo: RecordMemo | None = None) -> list[ArticleRecord]:
    """Every valid record in content/articles/ (problems for the others); `memo` avoids re-reading files."""
    return [rec for rec, _ in load_record_files(articles_dir, root, problems, memo).values()]


def load_record_files(articles_dir: Path, root: Path, problems: Problems,
                      memo: RecordMemo | None = None) -> dict[str, tuple[ArticleRecord, str]]:
    """id -> (record, its file as messages name it), in file order: load_records with where each came from."""
    out: dict[str, tuple[ArticleRecord, str]] = {}
    shown = articles_dir.relative_to(root).as_posix()
    for name in yaml_names(articles_dir):
        path, rel = articles_dir / name, f"{shown}/{name}"
        rec = memo.read(path, rel, problems) if memo is not None else validate_file(path, ArticleRecord, rel, problems)
        if rec is None:
            continue
        if rec.id != path.stem:
            problems.add(rel, 1, "id", f"id '{rec.id}' does not match the file name",
                         fix=f"set id: {path.stem} or rename the file to {rec.id}.yml")
            continue
        if rec.id in out:
            problems.add(rel, 1, "id", f"id '{rec.id}' is also used by {out[rec.id][1]}", fix="make ids unique")
            continue
        out[rec.id] = (rec, rel)
    return out

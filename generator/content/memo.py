"""Validated content files (articles, entities, topics) remembered by file stat, within and across builds.

Parsing and validating YAML is the costliest part of a build that changes nothing (thousands of files,
each read by several stages). A record is read once per file version: the memo keys it by
(mtime_ns, size) and keeps it in .cache/briefing/records.json (rebuildable; delete it at will).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

from generator.content.ownership import owned_by_editor
from generator.errors import Problems
from generator.records import ArticleRecord
from generator.validate import validate_file
from generator.yamlio import atomic_write_text

FORMAT = 3  # a header line, then one line per file: its JSON-encoded path, a tab, its JSON entry


class RecordMemo:
    def __init__(self, file: Optional[Path] = None):
        self.file = file
        self._lines: dict[str, str] = {}  # rel -> its entry as read from the file, parsed only when asked for
        self._stored: dict[str, list] = {}  # rel -> entry made (or parsed) by this process
        self._objects: dict[str, tuple[int, int, ArticleRecord, bool]] = {}
        self._changed = False
        if file is not None:
            try:
                with open(file, encoding="utf-8") as fh:
                    if json.loads(fh.readline()).get("format") == FORMAT:
                        for line in fh:
                            rel, tab, entry = line.rstrip("\n").partition("\t")
                            if tab:
                                self._lines[json.loads(rel)] = entry
            except (OSError, ValueError, AttributeError):
                self._lines = {}

    def files(self) -> list[str]:
        """The files this memo holds an entry for."""
        return sorted(set(self._lines) | set(self._stored))

    def _entry(self, rel: str) -> list | None:
        stored = self._stored.get(rel)
        if stored is None and rel in self._lines:
            try:
                stored = json.loads(self._lines[rel])
            except ValueError:
                stored = None
            if not isinstance(stored, list):
                del self._lines[rel]
                return None
            self._stored[rel] = stored
        return stored

    def read(self, path: Path, rel: str, problems: Problems, model=ArticleRecord):
        """The validated `model` in `path` (None, with problems added, when invalid)."""
        try:
            st = path.stat()
        except OSError:
            return validate_file(path, model, rel, problems)
        key = (st.st_mtime_ns, st.st_size)
        hit = self._objects.get(rel)
        if hit and hit[:2] == key and type(hit[2]) is model:
            return hit[2]
        stored = self._entry(rel)
        if stored and tuple(stored[:2]) == key and stored[4:5] == [model.__name__]:
            try:
                rec = model.model_validate(stored[3])
                self._objects[rel] = (*key, rec, bool(stored[2]))
                return rec
            except ValueError:
                pass
        rec = validate_file(path, model, rel, problems)
        if rec is not None:
            owned = owned_by_editor(rec) if model is ArticleRecord else False
            self._objects[rel] = (*key, rec, owned)
            self._put(rel, [*key, owned, rec.model_dump(mode="json"), model.__name__])
        return rec

    def remember(self, st, rel: str, rec, owned: bool = False) -> None:
        """`rec` is what the file `rel` held at stat `st` (the build has just written it): no parse needed."""
        key = (st.st_mtime_ns, st.st_size)
        self._objects[rel] = (*key, rec, owned)
        self._put(rel, [*key, owned, rec.model_dump(mode="json"), type(rec).__name__])

    def _put(self, rel: str, entry: list) -> None:
        self._stored[rel] = entry
        self._lines.pop(rel, None)  # its old line is stale now
        self._changed = True

    def owned(self, rel: str, rec: ArticleRecord) -> bool:
        hit = self._objects.get(rel)
        if hit and hit[2] is rec:
            return hit[3]
        return owned_by_editor(rec)

    def save(self) -> None:
        """Keep what this build read (records, entities, topics): files gone since are dropped. Entries read
        and unchanged are written back as the very lines they were read from; nothing changed, nothing written."""
        if self.file is None:
            return
        kept = sorted(rel for rel in self._objects)
        if not self._changed and len(kept) == len(self._lines) and self.file.exists():
            return
        out = [json.dumps({"format": FORMAT})]
        for rel in kept:
            line = self._lines.get(rel)
            if line is None:
                line = json.dumps(self._stored[rel], ensure_ascii=False)
                self._lines[rel] = line
            out.append(json.dumps(rel, ensure_ascii=False) + "\t" + line)
        self._lines = {rel: self._lines[rel] for rel in kept}
        self._changed = False
        atomic_write_text(self.file, "\n".join(out) + "\n", durable=False)

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

FORMAT = 2


class RecordMemo:
    def __init__(self, file: Optional[Path] = None):
        self.file = file
        self._stored: dict[str, list] = {}
        self._objects: dict[str, tuple[int, int, ArticleRecord, bool]] = {}
        if file is not None:
            try:
                data = json.loads(file.read_text(encoding="utf-8"))
                if data.get("format") == FORMAT:
                    self._stored = data["records"]
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                self._stored = {}

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
        stored = self._stored.get(rel)
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
            self._stored[rel] = [*key, owned, rec.model_dump(mode="json"), model.__name__]
        return rec

    def remember(self, st, rel: str, rec, owned: bool = False) -> None:
        """`rec` is what the file `rel` held at stat `st` (the build has just written it): no parse needed."""
        key = (st.st_mtime_ns, st.st_size)
        self._objects[rel] = (*key, rec, owned)
        self._stored[rel] = [*key, owned, rec.model_dump(mode="json"), type(rec).__name__]

    def owned(self, rel: str, rec: ArticleRecord) -> bool:
        hit = self._objects.get(rel)
        if hit and hit[2] is rec:
            return hit[3]
        return owned_by_editor(rec)

    def save(self) -> None:
        """Keep what this build read (records, entities, topics): files gone since are dropped."""
        if self.file is None:
            return
        records = {rel: v for rel, v in sorted(self._stored.items()) if rel in self._objects}
        atomic_write_text(self.file, json.dumps({"format": FORMAT, "records": records}, ensure_ascii=False),
                          durable=False)

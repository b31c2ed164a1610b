"""Extraction cache keyed by content: body text + model + extractor version (+ registry patterns in the text).

One JSON file per article under the cache directory. An entry stays valid while the registry patterns
that occur in the article are the ones it was extracted with, or the new ones only name what the
record already found there (so entities created from a record do not force it to be parsed again).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from generator.records import ArticleRecord
from generator.yamlio import atomic_write_text

Pattern = tuple[str, str, str]  # (label, phrase, entity id)


def text_key(body: str, model: str, extractor_version: str, published: Optional[str]) -> str:
    h = hashlib.sha256()
    for part in (body, model, extractor_version, published or ""):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


class PatternIndex:
    """Find the registry patterns that occur in a text quickly (indexed by first word)."""

    def __init__(self, patterns: tuple[Pattern, ...]):
        self.by_first: dict[str, list[Pattern]] = {}
        for p in patterns:
            first = p[1].split()[0] if p[1].split() else p[1]
            self.by_first.setdefault(first, []).append(p)

    def relevant(self, text: str) -> list[Pattern]:
        words = set(text.split())
        words |= {w.strip(".,;:!?\"'“”‘’()[]") for w in words}
        words |= {w[:-2] for w in words if w.endswith(("'s", "’s"))}
        found = []
        for w in words:
            for p in self.by_first.get(w, ()):
                if p[1] in text:
                    found.append(p)
        return sorted(set(found))


@dataclass
class Entry:
    record: ArticleRecord
    patterns: list[Pattern]


class ExtractionCache:
    def __init__(self, directory: Path):
        self.dir = directory

    def _path(self, key: str) -> Path:
        return self.dir / key[:2] / f"{key}.json"

    def get(self, key: str) -> Optional[Entry]:
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
            return Entry(ArticleRecord.model_validate(data["record"]), [tuple(p) for p in data["patterns"]])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, record: ArticleRecord, patterns: list[Pattern]) -> None:
        data = {"record": record.model_dump(mode="json"), "patterns": [list(p) for p in patterns]}
        atomic_write_text(self._path(key), json.dumps(data, ensure_ascii=False, sort_keys=True))


def still_valid(entry: Entry, now: list[Pattern], body: str, lookup_type) -> bool:
    """Would the current registry patterns extract the same record as the cached one?"""
    old, new = set(entry.patterns), set(now)
    if old - new:
        return False  # an alias or a type was removed or changed: parse again
    spans = {a.id: a.spans for a in entry.record.actors}
    for label, phrase, ent_id in new - old:
        covered = spans.get(ent_id, [])
        start = body.find(phrase)
        while start >= 0:
            end = start + len(phrase)
            before = body[start - 1:start]
            after = body[end:end + 1]
            whole_word = not (before.isalnum() or after.isalnum())
            if whole_word and not any(a <= start and end <= b for a, b in covered):
                return False  # the pattern would find a mention the record lacks
            start = body.find(phrase, start + 1)
    return True

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

from pydantic import BaseModel

from generator.records import Actor, ArticleRecord
from generator.yamlio import atomic_write_text

Pattern = tuple[str, str, str]  # (label, phrase, entity id)


def text_key(body: str, model: str, extractor_version: str, published: Optional[str]) -> str:
    h = hashlib.sha256()
    for part in (body, model, extractor_version, published or ""):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


class PatternIndex:
    """Find the registry patterns that occur in a text quickly (indexed by first word). A pattern occurs in a
    text when its phrase is in it and the phrase's first word is one of the text's words (_words): decided for
    each pattern on its own, whatever the others (generator/extract/seen.py relies on it)."""

    def __init__(self, patterns: tuple[Pattern, ...]):
        self.patterns = patterns
        self.by_first: dict[str, list[Pattern]] = {}
        for p in patterns:
            self.by_first.setdefault(_first_word(p[1]), []).append(p)

    def relevant(self, text: str) -> list[Pattern]:
        found = []
        for w in _words(text):
            for p in self.by_first.get(w, ()):
                if p[1] in text:
                    found.append(p)
        return sorted(set(found))

    def occurring(self, text: str) -> list[Pattern]:
        """What relevant(text) gives, searching each phrase in the text first: faster for a few patterns."""
        found = [p for p in self.patterns if p[1] in text]
        if not found:
            return []
        words = _words(text)
        return sorted({p for p in found if _first_word(p[1]) in words})


def _first_word(phrase: str) -> str:
    parts = phrase.split()
    return parts[0] if parts else phrase


def _words(text: str) -> set[str]:
    words = set(text.split())
    words |= {w.strip(".,;:!?\"'“”‘’()[]") for w in words}
    words |= {w[:-2] for w in words if w.endswith(("'s", "’s"))}
    return words


class _EntryFile(BaseModel):
    """The shape of a cache file, as put() writes it."""

    record: ArticleRecord
    patterns: list[tuple[str, str, str]]


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
        try:  # parsed and validated in one step by pydantic-core (a third faster than json.loads, then validation)
            data = _EntryFile.model_validate_json(self._path(key).read_bytes())
            return Entry(data.record, data.patterns)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def has(self, key: str) -> bool:
        return self._path(key).is_file()

    def put(self, key: str, record: ArticleRecord, patterns: list[Pattern]) -> None:
        data = {"record": record.model_dump(mode="json"), "patterns": [list(p) for p in patterns]}
        atomic_write_text(self._path(key), json.dumps(data, ensure_ascii=False, sort_keys=True), durable=False)


def _occurrences(body: str, phrase: str):
    """Whole-word occurrences of `phrase` in `body`, as (start, end)."""
    start = body.find(phrase)
    while start >= 0:
        end = start + len(phrase)
        if not (body[start - 1:start].isalnum() or body[end:end + 1].isalnum()):
            yield start, end
        start = body.find(phrase, start + 1)


def refresh(entry: Entry, now: list[Pattern], body: str, registry) -> Optional[ArticleRecord]:
    """The cached record brought up to the current registry without parsing, or None when only a parse will do.

    Names added to the registry (by the build or by an editor) only add mentions: their whole-word
    occurrences that no actor covers yet are added by phrase matching, which costs microseconds where a
    parse costs seconds. A name or alias removed or retyped may change what the model finds around it:
    that needs a parse.
    """
    old, new = set(entry.patterns), set(now)
    if old - new:
        return None
    added = sorted(new - old)
    if not added:
        return entry.record
    actors = {a.id: a for a in entry.record.actors}
    taken = sorted(tuple(span) for a in entry.record.actors for span in a.spans)
    new_spans: dict[str, list[tuple[int, int]]] = {}
    for label, phrase, ent_id in sorted(added, key=lambda p: -len(p[1])):  # longest names first
        for a, b in _occurrences(body, phrase):
            if any(x < b and a < y for x, y in taken):
                continue
            taken.append((a, b))
            new_spans.setdefault(ent_id, []).append((a, b))
    if not new_spans:
        return entry.record
    for ent_id, spans in new_spans.items():
        if ent_id in actors:
            actor = actors[ent_id]
            merged = sorted(set(map(tuple, actor.spans)) | set(spans))
            actors[ent_id] = actor.model_copy(update={"spans": merged, "mentions": len(merged)})
        elif ent_id in registry.entities:
            ent = registry.entities[ent_id]
            actors[ent_id] = Actor(id=ent_id, name=ent.name, type=ent.type, mentions=len(spans), spans=sorted(spans))
    ordered = sorted(actors.values(), key=lambda a: (-a.mentions, tuple(a.spans[0]) if a.spans else (0, 0), a.id))
    return entry.record.model_copy(update={"actors": ordered})

"""Which pages must be rendered again: a key per article and entity page over everything the page shows.

Rendering is most of a rebuild's time once extraction is cached (SCALING.md has the figures). Every page gets a key: a hash of the code, the templates and
every input its template reads. Article pages: the record with its text, the entities it names (name,
type, whether they have a page), its topics. Entity pages: the entity, the records of its articles (its
picture is counted from them), its quotes, its neighbours' names. A speaker's quotes page: the records of its
quotes and the speaker's name. A story thread's page: the thread (its title, its records, quotes, events,
actors). Pages over the whole briefing
(indexes, topics, timeline, quotes, feed, graph): every record, every entity's name, type and page, the
topics, so an edit of an entity's description or links renders that entity's page only.
A page whose key is the one recorded when docs/ was last written, and whose file is still there, is
left as it is. The keys file is removed before pages are written and saved after, so a build killed in
between renders everything next time. The data export (data/briefing.json) is always written.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Callable

from generator.records import ArticleRecord, Briefing
from generator.site.views import Views

FORMAT = 1


@lru_cache(maxsize=8)
def _code_fingerprint(package: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".yml", ".js", ".css"}:
            h.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def render_fingerprint(templates_dir: Path, *settings) -> str:
    """The code, the templates and the render settings: any change re-renders every page."""
    h = hashlib.sha256(_code_fingerprint(Path(__file__).resolve().parents[1]).encode())
    for path in sorted(templates_dir.rglob("*")):
        if path.is_file():
            h.update(path.relative_to(templates_dir).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    h.update(json.dumps(settings, default=str).encode())
    return h.hexdigest()


@dataclass
class PageKeys:
    """Keys of the last pages written (`previous`) and of this render (`current`); `unchanged` were skipped."""

    previous: dict[str, str] = field(default_factory=dict)
    current: dict[str, str] = field(default_factory=dict)
    unchanged: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, file: Path) -> "PageKeys":
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
            if data.get("format") == FORMAT and isinstance(data.get("keys"), dict):
                return cls(previous=data["keys"])
        except (OSError, ValueError, AttributeError):
            pass
        return cls()

    def save(self, file: Path) -> None:
        from generator.yamlio import atomic_write_text

        atomic_write_text(file, json.dumps({"format": FORMAT, "keys": dict(sorted(self.current.items()))}),
                          durable=False)

    def still_good(self, path: str, key: str, exists: Callable[[str], bool]) -> bool:
        """Record `key` for `path`; True when the page on disk was written from exactly this key."""
        self.current[path] = key
        if self.previous.get(path) == key and exists(path):
            self.unchanged.add(path)
            return True
        return False


class Digests:
    """Hashes of the inputs of one render, each computed once."""

    def __init__(self, b: Briefing, v: Views, base: str, memo: dict | None = None):
        """`memo` (kept by the live preview between builds): record digests by id, reused for the very same
        record object and body."""
        self.b, self.v, self.base = b, v, base
        self._records: dict[str, str] = {}
        self._memo = memo
        self._whole: str | None = None

    def record(self, rec: ArticleRecord) -> str:
        d = self._records.get(rec.id)
        if d is None:
            body = self.b.bodies.get(rec.id, "")
            hit = self._memo.get(rec.id) if self._memo is not None else None
            if hit is not None and hit[0] is rec and hit[1] is body:
                d = hit[2]
            else:
                h = hashlib.sha1(rec.model_dump_json().encode())
                h.update(body.encode())
                d = h.hexdigest()
                if self._memo is not None:
                    self._memo[rec.id] = (rec, body, d)
            self._records[rec.id] = d
        return d

    def _named(self, eid: str | None) -> list:
        ent = self.b.entities.get(eid) if eid else None
        return [eid, ent.name if ent else None, ent.type if ent else None, eid in self.v.pages]

    def _key(self, *parts) -> str:
        return hashlib.sha1(json.dumps([self.base, *parts], default=str).encode()).hexdigest()

    def whole_page(self, path: str, *settings) -> str:
        """A page over the whole briefing (indexes, topics, timeline, quotes, feed, graph): every record, every
        entity's name, type and page, the topics. Entity descriptions, aliases and links are not in it: only
        the entity's own page shows them."""
        if self._whole is None:
            h = hashlib.sha1()
            for rec in self.b.articles:
                h.update(self.record(rec).encode())
            h.update(json.dumps([sorted(self.b.editorial), [self._named(e) for e in sorted(self.b.entities)],
                                 [t.model_dump(mode="json") for t in self.b.topics.values()]]).encode())
            self._whole = h.hexdigest()
        return self._key("whole", path, self._whole, settings)

    def article_page(self, rec: ArticleRecord, editorial: bool) -> str:
        topics = [(t, self.b.topics[t].title if t in self.b.topics else None) for t in rec.topics]
        named = [self._named(a.id) for a in rec.actors] + [self._named(q.speaker) for q in rec.quotes]
        return self._key("article", self.record(rec), editorial, topics, named)

    def entity_page(self, eid: str) -> str:
        """The entity, its articles (the picture's chords are counted in them), its quotes, its neighbours."""
        v = self.v
        ent = self.b.entities[eid]
        return self._key(
            "entity", ent.model_dump(mode="json"),
            [self.record(r) for r in v.articles_of.get(eid, [])],
            [(self.record(q.article), q.speaker_name) for q in v.quotes_by.get(eid, [])],
            [(n, *self._named(o)) for o, n in islice(((o, n) for o, n in v.cooccur.get(eid, []) if o in v.pages), 30)])

    def speaker_page(self, key: str) -> str:
        """A speaker's quotes page: the records its quotes are in (quote, article title, date, sentence), in
        order, the speaker's name, and the speaker as an entity (name, type, page)."""
        return self._key("speaker", [self.record(q.article) for q in self.v.quotes_by.get(key, [])],
                         self.v.speaker_names.get(key), self._named(key))

    def _quote(self, q) -> list:
        return [self.record(q.article), q.quote.start, q.quote.end, q.sentence, q.speaker_name,
                self._named(q.quote.speaker)]

    def thread_page(self, t) -> str:
        """A story thread's page: what the thread is (title, summary, topic, names), the records of its
        articles, quotes and events, its actors as entities (and whether they have a quotes page)."""
        topic = self.b.topics.get(t.topic) if t.topic else None
        return self._key(
            "thread", t.id, t.title, t.summary, t.topic, topic.title if topic else None, t.names,
            [self.record(r) for r in t.articles],
            [(eid, n, self._named(eid), eid in self.v.quotes_by) for eid, n in t.actors],
            [self._quote(q) for q in t.quotes], self._quote(t.key_quote) if t.key_quote else None,
            [(self.record(e.article), e.date.start, e.value, e.label, e.sentence) for e in t.events])

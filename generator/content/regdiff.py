"""What changed between two states of the registry, as canonical_record (resolve.py) sees it, and which records
that change can reach: a registry that only grew (new names met by this build) is applied again only to those.

canonical_record asks the registry five things: the entity an id stands for (resolve_id, the entity itself:
name, type, aliases, distinct_from), the entity a written name stands for (lookup, by norm()), the full-name
persons of a bare surname (surnames), whom an editor keeps apart from an id (apart), and whether a written word
names nothing (not_entities); assign_topics reads the topics. `changes` lists every answer that differs;
`footprint` closes a record over every question canonical_record can ask of it (its ids, written names and
mention texts, and, following the answers, the ids and names they lead to). A record none of whose questions has
a changed answer gets from the new registry exactly what it got from the old one: its canonical record is reused.
When the topics changed, or an entity they match on, every record is made again (`changes` gives None).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from generator.content.people import bare_word
from generator.content.registry import Registry, norm
from generator.records import ArticleRecord


def snapshot(registry: Registry) -> Registry:
    """A frozen copy of what canonical_record reads (the entity objects are shared: they are never changed)."""
    copy = Registry(entities=dict(registry.entities), topics=dict(registry.topics), files=dict(registry.files),
                    topic_files=dict(registry.topic_files))
    copy._index = dict(registry._index)
    copy._surnames, copy._apart, copy._not = registry._surnames, registry._apart, registry._not  # replaced, never changed
    return copy


@dataclass(frozen=True)
class Changes:
    ids: frozenset[str]  # ids whose entity, resolve_id or apart() differ
    keys: frozenset[str]  # norm()ed names that look up another entity (or one where there was none, or none)
    surnames: frozenset[str]  # bare words whose full-name persons differ
    words: frozenset[str]  # lower-cased words marked not_entity in one registry only

    def __bool__(self) -> bool:
        return bool(self.ids or self.keys or self.surnames or self.words)


def _differing(old: dict, new: dict) -> frozenset:
    return frozenset(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))


def changes(old: Registry, new: Registry) -> Optional[Changes]:
    """Every answer canonical_record gets differently from `new` than from `old`; None when the topics differ
    or an entity a topic matches on is one whose answers changed (every record may join or leave it)."""
    if old.topics != new.topics:
        return None
    ids = {i for i in old.entities.keys() | new.entities.keys()
           if old.entities.get(i) != new.entities.get(i) or old.resolve_id(i) != new.resolve_id(i)
           or old.apart(i) != new.apart(i)}
    if any(e in ids for topic in new.topics.values() for e in topic.match.entities):
        return None
    return Changes(ids=frozenset(ids), keys=_differing(old._index, new._index),
                   surnames=_differing(old.surnames(), new.surnames()),
                   words=old.not_entities() ^ new.not_entities())


def footprint(rec: ArticleRecord, body: str, registry: Registry) -> tuple[set[str], set[str]]:
    """(ids, written names) canonical_record may ask `registry` about for this record: the record's own, then
    whatever the answers lead to (the entity an id or a name stands for, its name, the persons of a surname),
    until nothing new comes."""
    ids: set[str] = set()
    names: set[str] = set()
    n = len(body)
    for actor in rec.actors:
        ids.add(actor.id)
        names.add(actor.name)
        for a, b in actor.spans:
            if 0 <= a < b <= n:
                names.add(" ".join(body[a:b].split()))
    for q in rec.quotes:
        for text in (q.speaker, getattr(q, "speaker_org", None)):
            if text:
                ids.add(text)
                names.add(text)  # an id the registry lacks is looked up as a name
        if q.speaker_text:
            names.add(q.speaker_text)
    todo_ids, todo_names = list(ids), list(names)
    while todo_ids or todo_names:
        found_ids: list[Optional[str]] = []
        found_names: list[str] = []
        for ent_id in todo_ids:
            found_ids.append(registry.resolve_id(ent_id))
            ent = registry.entities.get(ent_id)
            if ent is not None:
                found_names.append(ent.name)
        for name in todo_names:
            hit = registry.lookup(name)
            if hit is not None:
                found_ids.append(hit[0])
            word = bare_word(name)
            if word is not None:
                found_ids.extend(registry.surnames().get(word, ()))
        todo_ids = [i for i in dict.fromkeys(found_ids) if i is not None and i not in ids]
        todo_names = [s for s in dict.fromkeys(found_names) if s not in names]
        ids.update(todo_ids)
        names.update(todo_names)
    return ids, names


def touches(rec: ArticleRecord, body: str, registry: Registry, changed: Changes) -> bool:
    """Whether canonical_record may give `rec` something else under `registry` than under the registry
    `changed` was taken from (False: its earlier canonical record stands)."""
    if not changed:
        return False
    ids, names = footprint(rec, body, registry)
    if ids & changed.ids:
        return True
    for name in names:
        if norm(name) in changed.keys or norm(name.title()) in changed.keys or name.lower() in changed.words:
            return True
        word = bare_word(name)
        if word is not None and word in changed.surnames:
            return True
    return False

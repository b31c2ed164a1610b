"""Grow the registry: an entity or topic met for the first time gets its own small YAML file.

Files are created, never rewritten. Topics are the editors' own: none is proposed (story threads,
built on the site at every build, are the machine's grouping; see propose_topics).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path


from generator import yamlio
from generator.records import ArticleRecord, Entity, Topic
from generator.content.registry import Registry, entity_file_text, norm



def new_entities(records: list[ArticleRecord], bodies: dict[str, str], registry: Registry) -> list[Entity]:
    forms: dict[str, Counter] = defaultdict(Counter)
    types: dict[str, Counter] = defaultdict(Counter)
    names: dict[str, str] = {}
    for rec in records:
        body = bodies.get(rec.id, "")
        for actor in rec.actors:
            if actor.id in registry.entities:
                continue
            names.setdefault(actor.id, actor.name)
            types[actor.id][actor.type] += actor.mentions
            for a, b in actor.spans:
                if 0 <= a < b <= len(body):
                    forms[actor.id][" ".join(body[a:b].split())] += 1
    out = []
    for ent_id in sorted(names):
        name = names[ent_id]
        typ = max(sorted(types[ent_id].items()), key=lambda kv: kv[1])[0]
        aliases = sorted({f for f in forms[ent_id] if norm(f) != norm(name)}, key=str.lower)
        out.append(Entity(id=ent_id, name=name, type=typ, aliases=aliases))
    return out


def write_entities(entities: list[Entity], directory: Path) -> int:
    written = 0
    for ent in entities:
        path = directory / f"{ent.id}.yml"
        if not path.exists():
            yamlio.atomic_write_text(path, entity_file_text(ent), durable=False)  # re-created if lost
            written += 1
    return written


def propose_topics(records: list[ArticleRecord]) -> list[Topic]:
    """No topic is proposed any more: key phrases are common nouns ("woman", "state", "deal") that cover half
    a corpus and name no story. The machine's grouping is the story threads of the site
    (generator/site/threads.py), built at every build; an editor accepts one by saving the topic file its page
    shows. Kept so that a project's build keeps its shape; `records` is not read."""
    return []


def write_topics(topics: list[Topic], directory: Path) -> int:
    written = 0
    for topic in topics:
        path = directory / f"{topic.id}.yml"
        if not path.exists():
            text = ("# A topic. Articles join it when they mention one of match.entities or match.keywords,\n"
                    "# or when an article lists it under topics:. Edit freely; the build never rewrites it.\n"
                    + yamlio.dumps(topic.model_dump()))
            yamlio.atomic_write_text(path, text)
            written += 1
    return written

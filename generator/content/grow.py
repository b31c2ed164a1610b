"""Grow the registry: an entity or topic met for the first time gets its own small YAML file.

Files are created, never rewritten. Topics are the editors' own: none is proposed (story threads,
built on the site at every build, are the machine's grouping; see propose_topics).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

from slugify import slugify

from generator import yamlio
from generator.records import ArticleRecord, Entity, Topic
from generator.content import people
from generator.content.registry import Registry, entity_file_text, norm



def new_entities(records: list[ArticleRecord], bodies: dict[str, str], registry: Registry) -> list[Entity]:
    """Entity files for actors met for the first time. A person's aliases are only the other full forms of
    its name: a bare surname or first name is never an alias (it would send every other person of that
    surname to this page, and two files would claim it). A one-word person is not given a page of its own
    when a full-name person of the registry, or of this batch, bears that surname: resolve links it when
    exactly one does and leaves it unresolved when several do."""
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
    typed = {ent_id: max(sorted(types[ent_id].items()), key=lambda kv: kv[1])[0] for ent_id in names}
    batch_surnames = {s for s in (people.surname(names[i]) for i in names if typed[i] == "PERSON") if s}
    as_person, as_other = people.person_words(records, bodies)
    all_surnames = batch_surnames | set(registry.surnames())
    kept: dict[str, list[str]] = {}
    for ent_id in sorted(names):
        name, typ = names[ent_id], typed[ent_id]
        word = people.bare_word(name) if typ == "PERSON" else None
        if word is not None and (word in batch_surnames or registry.surnames().get(word)):
            continue
        if typ == "PERSON" and people.not_a_name(name):
            continue  # "Monday" labelled PERSON: a page would stand among the most-mentioned people
        if typ == "PERSON" and people.family_plural(name, all_surnames):
            continue  # "the Clintons": a family, whose page would come before either person's in search
        if people.mistyped_surname(name, typ, as_person, as_other, all_surnames):
            continue  # "Trump" typed ORG where the articles mostly write it as a person's: no page of its own
        kept[ent_id] = sorted({f for f in forms[ent_id] if norm(f) != norm(name)
                               and (typ != "PERSON" or people.is_full(f))}, key=str.lower)
    same = _same_name(kept, names, registry)
    same.update(_full_alias(kept, names, typed, same))
    same.update(_typed_person(kept, names, typed, same, registry, records))
    live = _unclaimed({i: a for i, a in kept.items() if i not in same}, names, registry, same)
    return [Entity(id=i, name=names[i], type=typed[i], aliases=live.get(i, []), merged_into=same.get(i))
            for i in kept]


def _full_alias(new: dict[str, list[str]], names: dict[str, str], typed: dict[str, str],
                same: dict[str, str]) -> dict[str, str]:
    """A new person named by a full form that exactly one other new person lists as its alias ("Donald J. Trump"
    beside Donald Trump's page, whose article wrote both) is that person."""
    owners: dict[str, set[str]] = defaultdict(set)
    for ent_id, forms in new.items():
        if typed[ent_id] == "PERSON" and ent_id not in same:
            for f in forms:
                if people.is_full(f):
                    owners[norm(f)].add(ent_id)
    out = {}
    for ent_id in new:
        owner = owners.get(norm(names[ent_id]), set()) - {ent_id}
        if typed[ent_id] == "PERSON" and ent_id not in same and len(owner) == 1 and people.is_full(names[ent_id]):
            target = next(iter(owner))
            if target not in out:
                out[ent_id] = same.get(target, target)
    return out


def _typed_person(new: dict[str, list[str]], names: dict[str, str], typed: dict[str, str], same: dict[str, str],
                  registry: Registry, records: list[ArticleRecord]) -> dict[str, str]:
    """A full person's name typed ORG (the model's label on "Donald J. Trump" in some articles) is the person
    whose id that name makes ("donald-trump"), when that person is a registry person or a new person named
    in at least as many articles: merged into it (a merge log an editor can undo)."""
    articles: Counter = Counter(a.id for rec in records for a in {x.id: x for x in rec.actors}.values())
    out = {}
    for ent_id in new:
        if typed[ent_id] == "PERSON" or ent_id in same:
            continue
        target = people.person_id(names[ent_id])
        if target is None or target == ent_id:
            continue
        if target in new and typed[target] == "PERSON" and target not in same and \
                articles[target] >= articles[ent_id]:
            out[ent_id] = target
        elif target not in new and registry.resolve_id(target) == target and \
                registry.entities[target].type == "PERSON":
            out[ent_id] = target
    return out


def _same_name(new: dict[str, list[str]], names: dict[str, str], registry: Registry) -> dict[str, str]:
    """New entities whose name is already another entity's (in the registry, or of one made now: "fox" and
    "fox-news" both named "Fox News") are that entity: id -> the id they are merged into (a merge log)."""
    out: dict[str, str] = {}
    groups: dict[str, list[str]] = defaultdict(list)
    for ent_id in new:
        groups[norm(names[ent_id])].append(ent_id)
    for _key, ids in sorted(groups.items()):
        hit = registry.lookup(names[ids[0]])
        target = hit[0] if hit else min(ids, key=lambda i: (i != slugify(names[i], max_length=80,
                                                                         word_boundary=True), i))
        out.update({i: target for i in ids if i != target})
    return out


def _unclaimed(aliases: dict[str, list[str]], names: dict[str, str], registry: Registry,
               same: dict[str, str]) -> dict[str, list[str]]:
    """The build never contradicts itself: a spelling that is another entity's name or alias (in the
    registry, or of another entity made now) is no alias of a new entity; it stays where it is, or, when
    only new entities claim it, with none of them (the chain of each article decides)."""
    claims: Counter = Counter(norm(f) for forms in aliases.values() for f in forms)
    own = {norm(names[i]): i for i in aliases}
    own.update({norm(names[i]): target for i, target in same.items()})  # a merged file's name is its target's
    out = {}
    for ent_id, forms in aliases.items():
        out[ent_id] = [f for f in forms if claims[norm(f)] == 1 and own.get(norm(f), ent_id) == ent_id
                       and (registry.lookup(f) or (ent_id,))[0] == ent_id]
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

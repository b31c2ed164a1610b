"""Resolve: records from content/ + the registry -> one Briefing graph (ids canonical, topics assigned).

Every build re-applies the registry here, so an alias added by an editor merges entities in all
articles, past ones included, without parsing anything again.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from generator.errors import Problems
from generator.records import Actor, Article, ArticleRecord, Briefing, Entity, Quote
from generator.content.buildmemo import ResolveMemo, registry_digest  # noqa: F401 (re-exported)
from generator.content.check import seed_gone, seed_renamed
from generator.content.people import bare_word
from generator.content.registry import Registry, norm


def _canonical(actor_id: str, name: str, registry: Registry, typ: str = "") -> tuple[str, Entity] | None:
    """The registry entity an extracted actor stands for, following merges; None if it is not an entity, or
    a bare surname that no single registry person fits (unresolved rather than a guess)."""
    target = registry.resolve_id(actor_id) if actor_id in registry.entities else None
    if target is None and actor_id in registry.entities:
        return None  # marked not_entity (or merged into something that is not)
    hit = registry.lookup(name)
    if target is None and hit:
        target = hit[0]
    target = registry.person_for(target, name, typ)
    if target is None:
        return None
    return target, registry.entities[target]


def _follows_chain(surface: str, hit: tuple[str, str, str], chain: Entity, registry: Registry) -> bool:
    """A bare name ("Flynn") inside the chain of a full-name person belongs to that chain, unless the entity
    it found is a full-name person whose own file lists that spelling (an editor's alias lands everywhere)."""
    if chain.type != "PERSON" or bare_word(chain.name) is not None or bare_word(surface) is None:
        return False
    ent = registry.entities[hit[0]]
    own = {norm(s) for s in [ent.name, *ent.aliases]}
    return bare_word(ent.name) is not None or norm(surface) not in own


def _sentences(body: str) -> list[tuple[int, int]]:
    out = []
    for m in re.finditer(r"[^.!?\n]++(?:[.!?]++[\"'”’)]*+)?", body):  # possessive: linear time
        a, b = m.span()
        while a < b and body[a].isspace():
            a += 1
        if b > a:
            out.append((a, b))
    return out


def _valid_span(a: int, b: int, n: int) -> bool:
    return 0 <= a < b <= n


def canonical_record(rec: ArticleRecord, body: str, registry: Registry, problems: Problems) -> ArticleRecord:
    """One record with the registry applied: canonical ids, names and types, valid offsets, topics."""
    rel = f"content/articles/{rec.id}.yml"
    n = len(body)
    merged: dict[str, Actor] = {}
    remap: dict[str, str] = {}
    not_entities = registry.not_entities()
    for actor in rec.actors:
        canon = _canonical(actor.id, actor.name, registry, actor.type)
        if canon is not None:
            remap[actor.id] = canon[0]
        # each mention is resolved by its own words first, so that splitting an entity (moving an alias
        # to a new one) or renaming it takes effect in every article without parsing again
        spans = [tuple(s) for s in actor.spans if _valid_span(s[0], s[1], n)] if actor.spans else []
        groups: dict[str, list[tuple[int, int]]] = {}
        for a, b in spans:
            surface = " ".join(body[a:b].split())
            if surface.lower() in not_entities:
                continue
            hit = registry.lookup(surface)
            if hit and canon and hit[0] != canon[0] and _follows_chain(surface, hit, canon[1], registry):
                hit = None  # "Flynn" in Karen Hobert Flynn's chain is hers, not a one-word "Flynn" page's
            target = registry.person_for(hit[0], surface, hit[2]) if hit else None
            target = target or (canon[0] if canon else None)
            if target is not None:
                groups.setdefault(target, []).append((a, b))
        if not actor.spans and canon is not None:
            groups[canon[0]] = []
        for cid, cspans in groups.items():
            ent = registry.entities[cid]
            count = len(cspans) if actor.spans else actor.mentions
            if cid in merged:
                old = merged[cid]
                merged[cid] = old.model_copy(update={"spans": sorted(set(old.spans) | set(cspans)),
                                                     "mentions": old.mentions + count})
            else:
                merged[cid] = Actor(id=cid, name=ent.name, type=ent.type, mentions=count, spans=sorted(cspans))
    actors = sorted(merged.values(), key=lambda a: (-a.mentions, a.spans[0] if a.spans else (0, 0), a.id))
    quotes: list[Quote] = []
    position: dict[int, int] = {}  # a quote's index in the record -> its index once bad ones are dropped
    for i, q in enumerate(rec.quotes):
        if not _valid_span(q.start, q.end, n):
            problems.add(rel, None, "quotes", f"quote offsets {q.start}-{q.end} are outside the text; dropped",
                         severity="warning")
            continue
        position[i] = len(quotes)
        speaker = remap.get(q.speaker, q.speaker) if q.speaker else None
        if speaker is not None:
            named = registry.lookup(q.speaker_text) if q.speaker_text and q.speaker_span else None
            if named:
                speaker = named[0]  # named in the quote's own words
            else:
                canon = _canonical(speaker, registry.entities[speaker].name if speaker in registry.entities
                                   else speaker, registry)
                speaker = canon[0] if canon else None
        org = getattr(q, "speaker_org", None)
        if org:  # the organisation a described speaker speaks for: canonical like any actor
            org = remap.get(org, org)
            canon = _canonical(org, registry.entities[org].name if org in registry.entities else org, registry)
            org = canon[0] if canon else None
        cont = getattr(q, "continues", None)
        quotes.append(q.model_copy(update={"speaker": speaker, "speaker_org": org,
                                           "continues": position.get(cont) if cont is not None else None}))
    dates = [d for d in rec.dates if _valid_span(d.start, d.end, n) or (d.event and d.start == d.end == 0)]
    sentences = [tuple(s) for s in rec.sentences if _valid_span(s[0], s[1], n)] or _sentences(body)
    topics = assign_topics(rec, actors, body, registry)
    return rec.model_copy(update={"actors": actors, "quotes": quotes, "dates": dates,
                                  "sentences": sentences, "topics": topics})


def canonical_records(records: dict[str, ArticleRecord], bodies: dict[str, str], registry: Registry,
                      prior: ResolveMemo | None = None,
                      held: Callable[[str], ArticleRecord | None] | None = None
                      ) -> tuple[dict[str, ArticleRecord], dict[str, Problems]]:
    """canonical_record of each record, reusing `prior` (canonical records made earlier, by content digest)
    where the record, its body and the registry are the same. `held(id)`: the record content/ holds for an
    article (taken for the kept canonical record when it is that one)."""
    if prior is not None and prior.registry != registry_digest(registry):
        prior = None  # names, aliases, types, merges or topics changed: every record is canonicalised again
    canon: dict[str, ArticleRecord] = {}
    found: dict[str, Problems] = {}
    for aid, rec in records.items():
        body = bodies[aid]
        hit = prior.get(rec, body, held(aid) if held is not None else None) if prior is not None else None
        if hit is not None:
            canon[aid], found[aid] = hit
            continue
        found[aid] = Problems()
        canon[aid] = canonical_record(rec, body, registry, found[aid])
    return canon, found


def fill_from_extraction(rec: ArticleRecord, extracted: ArticleRecord | None) -> ArticleRecord:
    """A hand-written article keeps every field its editor filled; empty ones come from extraction."""
    if extracted is None:
        return rec
    update = {}
    for key in ("actors", "quotes", "dates", "sentences", "keywords"):
        if not getattr(rec, key):
            update[key] = getattr(extracted, key)
    if key_missing(rec.summary):
        update["summary"] = extracted.summary
    return rec.model_copy(update=update)


def key_missing(value: str) -> bool:
    return not value or value.strip() in ("", "One or two sentences.")


def resolve(records: list[ArticleRecord], seeds: dict[str, Article], registry: Registry,
            problems: Problems, extracted: dict[str, ArticleRecord] | None = None,
            memo: ResolveMemo | None = None) -> Briefing:
    """`memo`: canonical records made earlier (by the store step of this build, or the live preview's last
    build while the registry's names, aliases, types, merges and topics are those they were made with)."""
    bodies: dict[str, str] = {}
    articles: list[ArticleRecord] = []
    editorial: set[str] = set()
    renamed: dict[tuple[str, str | None], Article] = {(a.id, a.source_sha256): a for a in seeds.values()
                                                     if a.renamed_from}
    for rec in records:
        rel = f"content/articles/{rec.id}.yml"
        seed = seeds.get(rec.source.file or "")
        if seed is None and rec.source.file and (rec.id, rec.source.sha256) in renamed:
            seed = renamed[(rec.id, rec.source.sha256)]  # an edited record whose seed was renamed
            seed_renamed(problems, rel, rec.source.file, seed.source_file)
        if rec.body is not None:
            body = rec.body
            editorial.add(rec.id)
            rec = fill_from_extraction(rec, (extracted or {}).get(rec.id))
        elif seed is not None:
            body = seed.body
            if rec.source.sha256 and rec.source.sha256 != seed.source_sha256:
                problems.add(rel, None, "source.sha256", "the seed changed after this record was edited; "
                             "offsets may point at the wrong words", fix="re-check the record, or delete it to "
                             "extract again", severity="warning")
        else:  # the seed was deleted: this article is left out, the rest of the site builds (as `check` says)
            seed_gone(problems, rel, rec.source.file)
            continue
        hit = memo.get(rec, body) if memo is not None else None
        if hit is not None:
            canon, found = hit
        else:
            found = Problems()
            canon = canonical_record(rec, body, registry, found)
            if memo is not None:
                memo.put(rec, body, canon, found)
        problems.extend(found)
        articles.append(canon)
        bodies[rec.id] = body
    articles.sort(key=lambda r: (-(r.published.toordinal() if r.published else 0), r.title.lower(), r.id))
    used = {a.id for r in articles for a in r.actors} | {q.speaker for r in articles for q in r.quotes if q.speaker}
    entities = {eid: registry.entities[eid] for eid in sorted(used) if eid in registry.entities}
    return Briefing(articles=articles, bodies=bodies, entities=entities,
                    topics=dict(sorted(registry.topics.items())), editorial=editorial)


@lru_cache(maxsize=4096)
def keyword_pattern(word: str) -> re.Pattern:
    """A whole-word match that also works when the keyword starts or ends with punctuation (U.S., C++, .NET):
    no letter or digit may touch either end (\\b needs a word character there, so those never matched)."""
    return re.compile(r"(?<!\w)" + re.escape(word) + r"(?!\w)")


def assign_topics(rec: ArticleRecord, actors: list[Actor], body: str, registry: Registry) -> list[str]:
    """The topics a record lists (by hand or from an earlier build) plus every topic whose rules match."""
    chosen = [t for t in rec.topics if t in registry.topics]
    actor_ids = {a.id for a in actors}
    low = body.lower()
    kw = set(rec.keywords)
    for topic in registry.topics.values():
        if topic.id in chosen:
            continue
        # an entity merged into another is that one: its articles carry the other's id
        if actor_ids & {registry.resolve_id(e) or e for e in topic.match.entities}:
            chosen.append(topic.id)
            continue
        for word in topic.match.keywords:
            w = word.lower().strip()
            if w and (w in kw or keyword_pattern(w).search(low)):
                chosen.append(topic.id)
                break
    return sorted(set(chosen))

"""A registry that only grew applies again only to the records its new names can reach (issue 19), and every
record's canonical record is what canonicalising it from scratch gives.

The reference is canonical_record of every record under the grown registry (the slow path); the shortcut is
resolve.canonical_records with the canonical records made under the registry before it grew (kept as on disk).
Articles, names and organisations are invented for these tests.
"""

from __future__ import annotations

import random

import pytest

from generator.content import regdiff
from generator.content.buildmemo import ResolveMemo, registry_digest
from generator.content.registry import Registry
from generator.errors import Problems
from generator.records import Actor, ArticleRecord, Entity, Quote, Topic, TopicMatch
from generator.resolve import canonical_record, canonical_records

OLD = [
    Entity(id="dana-whitfield", name="Dana Whitfield", type="PERSON", aliases=["Dana J. Whitfield"]),
    Entity(id="orlo-brisk", name="Orlo Brisk", type="PERSON"),
    Entity(id="tallow", name="Tallow", type="PERSON"),  # a one-word person no full name fits yet
    Entity(id="sela", name="Sela", type="PERSON", merged_into="tallow"),  # reaches "Tallow" only through the merge
    Entity(id="norbex-motor", name="Norbex Motor Company", type="ORG", aliases=["Norbex"]),
    Entity(id="port-ansel", name="Port Ansel", type="GPE"),
    Entity(id="quell-institute", name="Quell Institute", type="ORG"),
]
TOPICS = {"harbours": Topic(id="harbours", title="Harbours", match=TopicMatch(keywords=["harbour"],
                                                                              entities=["port-ansel"]))}

SENTENCES = [
    "Dana Whitfield said the harbour would open.", "Whitfield spoke in Port Ansel on Monday.",
    "Mr. Tallow did not reply.", "Norbex raised its prices.", "Orlo Brisk met Carl Whitfield.",
    "Sela Tallow, an engineer, spoke at the Quell Institute.", "Brisk said little.", "Vantor Shipping grew.",
    "The Norbex Motor Company hired Ines Mardu.", "Mardu said the plan was ready.", "Tallow laughed.",
    "Dana J. Whitfield left Port Ansel.", "Carl Whitfield runs Vantor Shipping.", "Ines Mardu thanked Brisk.",
    "Sela waved from the quay.",
]
NAMES = {  # written name -> (extracted id, type): what extraction gave before the registry grew (a bare
    # surname in an article that never gives the full name is an actor of its own, linked across articles)
    "Dana Whitfield": ("dana-whitfield", "PERSON"), "Dana J. Whitfield": ("dana-whitfield", "PERSON"),
    "Whitfield": ("whitfield", "PERSON"), "Tallow": ("tallow", "PERSON"), "Mr. Tallow": ("tallow", "PERSON"),
    "Norbex": ("norbex-motor", "ORG"), "Norbex Motor Company": ("norbex-motor", "ORG"),
    "Orlo Brisk": ("orlo-brisk", "PERSON"), "Brisk": ("brisk", "PERSON"), "Port Ansel": ("port-ansel", "GPE"),
    "Carl Whitfield": ("carl-whitfield", "PERSON"), "Sela Tallow": ("sela-tallow", "PERSON"),
    "Quell Institute": ("quell-institute", "ORG"), "Vantor Shipping": ("vantor-shipping", "ORG"),
    "Ines Mardu": ("ines-mardu", "PERSON"), "Sela": ("sela", "PERSON"), "Mardu": ("mardu", "PERSON"),
}


def _article(k: int, picks: list[int]) -> tuple[ArticleRecord, str]:
    body = " ".join(SENTENCES[i] for i in picks)
    spans: dict[str, list[tuple[int, int]]] = {}
    names: dict[str, str] = {}
    for name in sorted(NAMES, key=len, reverse=True):  # longest first: "Whitfield" inside "Dana Whitfield" is not its own
        start = 0
        while (at := body.find(name, start)) >= 0:
            start = at + len(name)
            if any(a <= at < b for s in spans.values() for a, b in s):
                continue
            ent_id = NAMES[name][0]
            spans.setdefault(ent_id, []).append((at, at + len(name)))
            names.setdefault(ent_id, name)
    actors = [Actor(id=i, name=names[i], type=next(t for n, (j, t) in NAMES.items() if j == i), mentions=len(s),
                    spans=sorted(s)) for i, s in sorted(spans.items())]
    quotes = []
    if actors:
        said = body.find(" said")
        quotes.append(Quote(text="the plan was ready", start=0, end=min(10, len(body)), speaker=actors[0].id,
                            speaker_text=actors[0].name, speaker_span=tuple(actors[0].spans[0]),
                            speaker_org="norbex-motor" if said >= 0 else None))
    rec = ArticleRecord(id=f"art-{k:02d}", title=f"Article {k}", actors=actors, quotes=quotes,
                        keywords=["harbour"] if k % 3 == 0 else [])
    return rec, body


def _registry(entities: list[Entity]) -> Registry:
    reg = Registry(entities={e.id: e for e in entities}, topics=dict(TOPICS))
    reg.build_index()
    return reg


def _kept(records: dict[str, ArticleRecord], bodies: dict[str, str], registry: Registry) -> ResolveMemo:
    """The canonical records made under `registry`, as the next process reads them from disk."""
    memo = ResolveMemo(registry=registry_digest(registry))
    for aid, rec in records.items():
        found = Problems()
        memo.put(rec, bodies[aid], canonical_record(rec, bodies[aid], registry, found), found)
    return ResolveMemo.from_json(memo.to_json())


GROWTHS = {
    "a second person of a surname": [Entity(id="carl-whitfield", name="Carl Whitfield", type="PERSON")],
    "the full name of a one-word person": [Entity(id="sela-tallow", name="Sela Tallow", type="PERSON")],
    "new bodies and people": [Entity(id="vantor-shipping", name="Vantor Shipping", type="ORG"),
                              Entity(id="ines-mardu", name="Ines Mardu", type="PERSON")],
    "a name merged into an old entity": [Entity(id="norbex-co", name="Norbex Co", type="ORG",
                                                merged_into="norbex-motor")],
    "an alias of an old name on a new entity": [Entity(id="brisk-foods", name="Brisk Foods", type="ORG",
                                                       aliases=["Orlo Brisk"])],
    "a new person kept apart from an old one": [Entity(id="mardu", name="Mardu", type="PERSON",
                                                       distinct_from=["dana-whitfield"])],
    "a new word that names nothing": [Entity(id="monday", name="Monday", type="ORG", not_entity=True)],
    "everything at once": [Entity(id="carl-whitfield", name="Carl Whitfield", type="PERSON"),
                           Entity(id="sela-tallow", name="Sela Tallow", type="PERSON"),
                           Entity(id="vantor-shipping", name="Vantor Shipping", type="ORG"),
                           Entity(id="ines-mardu", name="Ines Mardu", type="PERSON", aliases=["Mardu"])],
}


def _corpus(n: int = 40, seed: int = 19) -> tuple[dict[str, ArticleRecord], dict[str, str]]:
    rnd = random.Random(seed)
    records, bodies = {}, {}
    for k in range(n):
        rec, body = _article(k, rnd.sample(range(len(SENTENCES)), rnd.randint(1, 4)))
        records[rec.id], bodies[rec.id] = rec, body
    return records, bodies


@pytest.mark.parametrize("growth", sorted(GROWTHS))
def test_every_record_is_what_canonicalising_it_again_gives(growth):
    records, bodies = _corpus()
    registry = _registry(OLD)
    prior = _kept(records, bodies, registry)
    before = regdiff.snapshot(registry)
    registry.add(GROWTHS[growth], [], "content")
    fast, fast_found = canonical_records(records, bodies, registry, prior, before)
    for aid, rec in records.items():
        found = Problems()
        slow = canonical_record(rec, bodies[aid], registry, found)
        assert fast[aid] == slow, aid
        assert fast_found[aid].items == found.items


@pytest.mark.parametrize("growth", sorted(GROWTHS))
def test_only_the_records_a_new_name_reaches_are_made_again(growth):
    records, bodies = _corpus()
    registry = _registry(OLD)
    old = {aid: canonical_record(rec, bodies[aid], registry, Problems()) for aid, rec in records.items()}
    before = regdiff.snapshot(registry)
    registry.add(GROWTHS[growth], [], "content")
    changed = regdiff.changes(before, registry)
    assert changed
    again = {aid for aid, rec in records.items() if regdiff.touches(rec, bodies[aid], registry, changed)}
    differ = {aid for aid, rec in records.items() if canonical_record(rec, bodies[aid], registry, Problems()) != old[aid]}
    assert differ <= again  # never a stale record
    assert len(again) < len(records)  # and some are reused
    if growth in ("a second person of a surname", "the full name of a one-word person", "everything at once"):
        assert differ  # the growth does change some records: the comparison is not vacuous


def test_a_second_person_of_a_surname_leaves_the_bare_surname_unresolved_where_it_was_linked():
    rec, body = _article(0, [1])  # "Whitfield spoke in Port Ansel on Monday."
    registry = _registry(OLD)
    prior = _kept({rec.id: rec}, {rec.id: body}, registry)
    assert "dana-whitfield" in {a.id for a in prior.get(rec, body)[0].actors}
    before = regdiff.snapshot(registry)
    registry.add(GROWTHS["a second person of a surname"], [], "content")
    fast, _ = canonical_records({rec.id: rec}, {rec.id: body}, registry, prior, before)
    assert {a.id for a in fast[rec.id].actors} == {"port-ansel"}  # two Whitfields now: no guess


def test_a_name_reached_only_through_a_merge_counts():
    rec, body = _article(0, [14])  # "Sela waved from the quay.": Sela is merged into the one-word Tallow
    registry = _registry(OLD)
    prior = _kept({rec.id: rec}, {rec.id: body}, registry)
    assert [a.id for a in prior.get(rec, body)[0].actors] == ["tallow"]
    before = regdiff.snapshot(registry)
    registry.add(GROWTHS["the full name of a one-word person"], [], "content")
    fast, _ = canonical_records({rec.id: rec}, {rec.id: body}, registry, prior, before)
    assert [a.id for a in fast[rec.id].actors] == ["sela-tallow"]  # the one full-name Tallow now


def test_a_record_no_new_name_reaches_is_reused():
    rec, body = _article(0, [6])  # "Brisk said little."
    registry = _registry(OLD)
    before = regdiff.snapshot(registry)
    registry.add(GROWTHS["new bodies and people"], [], "content")
    changed = regdiff.changes(before, registry)
    assert changed is not None and not regdiff.touches(rec, body, registry, changed)


def test_a_changed_topic_or_an_entity_a_topic_matches_makes_every_record_again():
    registry = _registry(OLD)
    before = regdiff.snapshot(registry)
    registry.add([], [Topic(id="ships", title="Ships", match=TopicMatch(keywords=["ship"]))], "content")
    assert regdiff.changes(before, registry) is None
    registry = _registry(OLD)
    registry.topics["harbours"] = Topic(id="harbours", title="Harbours", match=TopicMatch(entities=["ansel-docks"]))
    registry.build_index()
    before = regdiff.snapshot(registry)
    registry.add([Entity(id="ansel-docks", name="Ansel Docks", type="FAC")], [], "content")
    assert regdiff.changes(before, registry) is None


def test_a_registry_changed_otherwise_than_the_kept_records_say_is_not_trusted():
    records, bodies = _corpus(8)
    registry = _registry(OLD)
    prior = _kept(records, bodies, _registry(OLD[:-1]))  # made with another registry than `before`
    before = regdiff.snapshot(registry)
    registry.add(GROWTHS["new bodies and people"], [], "content")
    fast, _ = canonical_records(records, bodies, registry, prior, before)
    assert all(fast[aid] == canonical_record(rec, bodies[aid], registry, Problems()) for aid, rec in records.items())

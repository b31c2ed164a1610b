"""The extraction cache: new registry names refresh a record without a parse; removed ones force a parse."""

from __future__ import annotations

from generator.extract.cache import Entry, PatternIndex, refresh
from generator.records import Actor, ArticleRecord, Entity
from generator.content.registry import Registry

BODY = "Acme Corp and Zeta met. Zeta said Acme Corp was late. Zetafone is a product."


def record() -> ArticleRecord:
    return ArticleRecord(id="a", title="A", actors=[Actor(id="acme-corp", name="Acme Corp", type="ORG", mentions=2,
                                                          spans=[(0, 9), (34, 43)])])


def registry() -> Registry:
    reg = Registry(entities={e.id: e for e in [Entity(id="acme-corp", name="Acme Corp", type="ORG"),
                                                 Entity(id="zeta", name="Zeta", type="ORG", aliases=["Acme"])]})
    reg.build_index()
    return reg


def test_new_name_adds_whole_word_mentions_only():
    old = [("ORG", "Acme Corp", "acme-corp")]
    now = old + [("ORG", "Zeta", "zeta")]
    rec = refresh(Entry(record(), old), now, BODY, registry())
    zeta = next(a for a in rec.actors if a.id == "zeta")
    assert zeta.spans == [(14, 18), (24, 28)] and zeta.mentions == 2  # not inside "Zetafone"


def test_new_alias_never_overlaps_existing_mentions():
    old = [("ORG", "Acme Corp", "acme-corp")]
    now = old + [("ORG", "Acme", "zeta")]
    rec = refresh(Entry(record(), old), now, BODY, registry())
    assert [a.id for a in rec.actors] == ["acme-corp"]  # "Acme" only occurs inside "Acme Corp"


def test_removed_or_retyped_name_needs_a_parse():
    old = [("ORG", "Acme Corp", "acme-corp")]
    assert refresh(Entry(record(), old), [], BODY, registry()) is None
    assert refresh(Entry(record(), old), [("PERSON", "Acme Corp", "acme-corp")], BODY, registry()) is None


def test_unchanged_patterns_return_the_same_record():
    entry = Entry(record(), [("ORG", "Acme Corp", "acme-corp")])
    assert refresh(entry, list(entry.patterns), BODY, registry()) is entry.record


def test_pattern_index_finds_names_by_first_word():
    index = PatternIndex((("ORG", "Acme Corp", "acme-corp"), ("ORG", "Zeta", "zeta"), ("ORG", "Omega", "omega")))
    assert index.relevant(BODY) == [("ORG", "Acme Corp", "acme-corp"), ("ORG", "Zeta", "zeta")]

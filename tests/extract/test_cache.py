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


def full_record() -> ArticleRecord:
    """An invented record with every kind of field set, optional ones too."""
    from generator.records import DateMention, Quote, Review, Source

    return ArticleRecord(
        id="b", title="Zeta’s “late” plan", published="2024-02-29", source=Source(file="seeds/b.md", sha256="0" * 64,
                                                                               name="Wire", url="https://x.test/b"),
        standfirst=["One line."], summary="Zeta said Acme Corp was late.", topics=["trade"], keywords=["plan"],
        actors=record().actors, sentences=[(0, 23), (24, 54)],
        quotes=[Quote(text="late", start=35, end=39, speaker="zeta", speaker_text="Zeta", speaker_span=(24, 28),
                      speaker_label="a spokesman", speaker_org="acme-corp", continues=0, cue="said", kind="partial"),
                Quote(text="on time", start=40, end=47)],
        dates=[DateMention(text="Tuesday", value="2024-02-27", start=1, end=8, sentence="On Tuesday."),
               DateMention(text="two weeks", type="DURATION", value="P2W")],
        review=Review(extractor="19"))


def test_a_cache_entry_reads_back_as_json_and_validation_give_it(tmp_path):
    import json

    from generator.extract.cache import ExtractionCache

    cache = ExtractionCache(tmp_path)
    patterns = [("ORG", "Acme Corp", "acme-corp"), ("ORG", "Zeta", "zeta")]
    cache.put("ab" + "0" * 62, full_record(), patterns)
    entry = cache.get("ab" + "0" * 62)
    data = json.loads(next(tmp_path.rglob("*.json")).read_text(encoding="utf-8"))
    want = ArticleRecord.model_validate(data["record"])
    assert entry is not None and entry.record == want == full_record() and entry.patterns == patterns
    assert entry.record.model_dump_json() == want.model_dump_json()
    assert entry.record.quotes[1].model_fields_set == want.quotes[1].model_fields_set


def test_a_broken_cache_entry_is_a_miss(tmp_path):
    from generator.extract.cache import ExtractionCache

    cache = ExtractionCache(tmp_path)
    key = "cd" + "1" * 62
    cache.put(key, full_record(), [("ORG", "Zeta", "zeta")])
    path = next(tmp_path.rglob("*.json"))
    text = path.read_text(encoding="utf-8")
    for broken in (text[:-7], text.replace('"zeta"]]', '3]]'), "[]", "{}"):
        path.write_text(broken, encoding="utf-8")
        assert cache.get(key) is None
    path.write_bytes(b"\xff\xfe")
    assert cache.get(key) is None and cache.get("ef" + "2" * 62) is None

"""extract/seen.py: a plan that starts from what the last one saw (in memory after grow, or from the memo on disk)
gives the same records and the same cache files as one that reads and searches everything again."""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
from pathlib import Path

import pytest

from generator.content.registry import Registry
from generator.extract import seen as seenmod
from generator.extract.cache import ExtractionCache, PatternIndex
from generator.extract.run import extract_all
from generator.ingest import paragraph_spans
from generator.records import Article, Entity
from tests.helpers import MODEL

# invented stories (not from any corpus)
BODIES = [
    "Officials at the Northgate Water Board said on Tuesday that the reservoir at Kell Ridge was full.\n\n"
    "\"We can lift the ban next week,\" said the board's director, Priya Nandakumar.",
    "Shares in Coldharbour Motors rose 4% after the carmaker said it would build batteries with Talvik Energy.\n\n"
    "Chief executive Jonas Berg told analysts that Talvik's plant would open in 2027.",
    "The city council of Amberley voted to close Mill Street to cars on Sundays.\n\nCouncillor Ruth Adeyemi said "
    "Amberley's children would play where lorries used to park.",
    "Priya Nandakumar met Jonas Berg in Amberley on Friday to talk about water for the Coldharbour Motors plant.",
]
NEW = "Fenwick Dairy said on Monday that it would open a depot near Kell Ridge.\n\nIts chief, Omar Haddad, said so."

BASE = [Entity(id="talvik-energy", name="Talvik Energy", type="ORG", aliases=["Talvik"]),
        Entity(id="amberley", name="Amberley", type="GPE"),
        Entity(id="priya-nandakumar", name="Priya Nandakumar", type="PERSON")]
GROWN = [Entity(id="jonas-berg", name="Jonas Berg", type="PERSON"),  # occurs in two bodies
         Entity(id="kell-ridge", name="Kell Ridge", type="LOC"),  # in one, and in NEW
         Entity(id="zanzibar-freight", name="Zanzibar Freight", type="ORG")]  # in none


def registry(entities) -> Registry:
    reg = Registry(entities={e.id: e for e in entities})
    reg.build_index()
    return reg


def article(i: int, body: str) -> Article:
    return Article(id=f"story-{i}", title=f"Invented story {i}", published=dt.date(2024, 3, i + 1),
                   source_file=f"seeds/story-{i}.md", source_sha256=f"{i:064d}", body=body,
                   paragraphs=paragraph_spans(body))


CHANGES = {
    "grown": BASE + GROWN,
    "alias removed": [BASE[0].model_copy(update={"aliases": []}), *BASE[1:], *GROWN[:1]],
    "retyped": [BASE[0], BASE[1].model_copy(update={"type": "LOC"}), BASE[2]],
    "unchanged": BASE,
}


def snapshot(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*.json"))}


def dumps(records) -> dict:
    return {k: r.model_dump(mode="json") for k, r in records.items()}


@pytest.fixture(scope="module")
def warm(tmp_path_factory) -> Path:
    """A cache that holds the four stories, extracted with the base registry."""
    cache = tmp_path_factory.mktemp("warm")
    extract_all([article(i, b) for i, b in enumerate(BODIES)], MODEL, registry(BASE), ExtractionCache(cache),
                1, 2, False)
    return cache


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_the_second_pass_from_memory_equals_the_slow_path(warm, tmp_path, change):
    # the first pass also parses a story the cache lacks; the second runs under the changed registry
    arts = [article(i, b) for i, b in enumerate(BODIES + [NEW])]
    slow, fast = tmp_path / "slow", tmp_path / "fast"
    shutil.copytree(warm, slow)
    shutil.copytree(warm, fast)
    first, second = registry(BASE), registry(CHANGES[change])
    extract_all(arts, MODEL, first, ExtractionCache(slow), 1, 2, False)
    want, want_stats = extract_all(arts, MODEL, second, ExtractionCache(slow), 1, 2, False)
    seen = seenmod.Seen()
    extract_all(arts, MODEL, first, ExtractionCache(fast), 1, 2, False, seen=seen)
    assert seen.entries  # the unchanged entries were kept for the second pass
    got, got_stats = extract_all(arts, MODEL, second, ExtractionCache(fast), 1, 2, False, seen=seen)
    assert dumps(got) == dumps(want)
    assert (got_stats.parsed, got_stats.cached, got_stats.refreshed) == \
        (want_stats.parsed, want_stats.cached, want_stats.refreshed)
    assert snapshot(fast) == snapshot(slow)
    if change == "grown":
        assert want_stats.refreshed >= 2 and any(a.id == "jonas-berg" for a in got["story-3"].actors)
    elif change != "unchanged":
        assert want_stats.parsed >= 1  # a removed or retyped name needs a parse, with or without the memo


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_the_next_build_from_the_memo_on_disk_equals_the_slow_path(warm, tmp_path, change):
    arts = [article(i, b) for i, b in enumerate(BODIES)]
    slow, fast = tmp_path / "slow", tmp_path / "fast"
    shutil.copytree(warm, slow)
    shutil.copytree(warm, fast)
    memo = tmp_path / "state" / seenmod.FILE
    seen = seenmod.Seen()
    extract_all(arts, MODEL, registry(BASE), ExtractionCache(fast), 1, 2, False, seen=seen)
    seen.save(memo)
    want, _ = extract_all(arts, MODEL, registry(CHANGES[change]), ExtractionCache(slow), 1, 2, False)
    loaded = seenmod.load(memo)
    assert loaded.patterns == frozenset(registry(BASE).patterns()) and len(loaded.found) == len(arts)
    got, _ = extract_all(arts, MODEL, registry(CHANGES[change]), ExtractionCache(fast), 1, 2, False, seen=loaded)
    assert dumps(got) == dumps(want) and snapshot(fast) == snapshot(slow)


@pytest.mark.parametrize("damage", ["garbage", "truncated", "other format", "foreign pattern", "wrong shape",
                                    "missing"])
def test_a_broken_memo_is_ignored(tmp_path, damage):
    memo = tmp_path / seenmod.FILE
    pats = registry(BASE).patterns()
    seen = seenmod.Seen()
    seen.update(pats, {"k": list(PatternIndex(pats).relevant(BODIES[2]))})
    seen.save(memo)
    text = memo.read_text(encoding="utf-8")
    data = json.loads(text)
    if damage == "garbage":
        memo.write_bytes(b"\x00\xff not json")
    elif damage == "truncated":
        memo.write_text(text[: len(text) // 2], encoding="utf-8")
    elif damage == "other format":
        memo.write_text(json.dumps({**data, "format": 0}), encoding="utf-8")
    elif damage == "foreign pattern":
        data["found"]["k"].append(["ORG", "Nowhere Ltd", "nowhere-ltd"])
        memo.write_text(json.dumps(data), encoding="utf-8")
    elif damage == "wrong shape":
        memo.write_text(json.dumps({**data, "patterns": [["ORG", 3, "x"]]}), encoding="utf-8")
    else:
        memo.unlink()
    loaded = seenmod.load(memo)
    assert loaded.patterns is None and loaded.found == {}
    assert loaded.finder(pats)("k", BODIES[2]) == PatternIndex(pats).relevant(BODIES[2])


WORDS = ["Acme", "Acme Corp", "Zeta", "Kell", "Kell Ridge", "Ridge", "the Board", "Board", "O'Neil", "Amberley's",
         "(Nadia", "Nadia Roy", "Roy", "Mill Street", "Street", "\"Acme\"", "Zetafone", "U.S.", "2027"]


@pytest.mark.parametrize("seed", range(12))
def test_found_lists_after_any_change_equal_a_full_search(seed):
    """The incremental rule (old list less removed plus added that occur), over invented texts and pattern sets
    that grow, shrink and change type, with few and with many added patterns."""
    rnd = random.Random(seed)
    phrases = sorted({w.strip("\"(") for w in WORDS} | {f"Name{i} Co" for i in range(300)})
    universe = [(t, p, p.lower().replace(" ", "-")) for p in phrases for t in ("ORG", "PERSON")]
    texts = [" ".join(rnd.choice(WORDS + [f"Name{rnd.randrange(300)} Co", "said", "on", "Monday."])
                      for _ in range(40)) for _ in range(6)]
    old = tuple(sorted(rnd.sample(universe, 120)))
    seen = seenmod.Seen()
    seen.update(old, {str(i): PatternIndex(old).relevant(t) for i, t in enumerate(texts)})
    for size in (3, 40, 400):
        new = set(rnd.sample(old, len(old) - 15)) | set(rnd.sample(universe, size))
        now = tuple(sorted(new))
        find = seen.finder(now)
        full = PatternIndex(now)
        for i, text in enumerate(texts):
            assert find(str(i), text) == full.relevant(text)
        assert find("unknown", texts[0]) == full.relevant(texts[0])


def test_occurring_equals_relevant_on_word_edges():
    text = "Acme's chief met (Zeta) at Zetafone; \"Kell Ridge\" said the U.S. board."
    pats = tuple(sorted((("ORG", p, "x") for p in ["Acme", "Zeta", "Zetafone", "Kell Ridge", "Ridge", "U.S.",
                                                    "board", "fone", "Kell", "chief met"])))
    index = PatternIndex(pats)
    assert index.occurring(text) == index.relevant(text)
    assert ("ORG", "fone", "x") not in index.occurring(text)  # inside a word, not a word of its own

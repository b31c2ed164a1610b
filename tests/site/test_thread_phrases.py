"""The words and phrases a story is told in (site/thread_words.py, site/thread_phrases.py), and the titles and
threads made from them: general rules over invented articles."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import networkx as nx
import pytest

from generator.records import Actor, ArticleRecord, Briefing, Entity, Source
from generator.site.thread_phrases import PhraseIndex, phrases
from generator.site.thread_titles import distinctive, title, word_casing
from generator.site.thread_words import singular, text_vectors, words
from generator.site.thread_groups import core as _core, two_stories as _two_stories
from generator.site.threads import build_threads
from generator.site.views import build_views


@pytest.mark.parametrize("plural, single", [("taxes", "tax"), ("returns", "return"), ("laws", "law"),
                                            ("policies", "policy"), ("business", "business"),
                                            ("virus", "virus"), ("news", "news"), ("gas", "gas")])
def test_plurals_are_crudely_singular(plural, single):
    assert singular(plural) == single


def test_words_are_content_words_case_folded():
    got = words("The Harbour strike: dockers' strikes and the harbour's pay offer were said to be about pay.")
    assert got["strike"] == 2 and got["harbour"] == 2 and got["docker"] == 1
    assert "the" not in got and "said" not in got and "about" not in got and "pay" not in got  # short words


def test_articles_sharing_distinctive_words_are_near_and_common_words_say_nothing():
    docs = [("a1", "Dockers strike at Kestrel", "The dockers walked out over the pay offer; cranes stood idle."),
            ("a2", "Strike spreads", "Cranes idle as dockers reject the offer."),
            ("a3", "Orchard harvest", "Apple growers expect a record harvest after a warm summer."),
            ("a4", "Harvest fears", "Growers fear frost will hit the apple harvest.")]
    vec = text_vectors(docs)

    def sim(a: str, b: str) -> float:
        return sum(w * vec[b].get(f, 0.0) for f, w in vec[a].items())

    assert sim("a1", "a2") > 0.3 and sim("a3", "a4") > 0.3
    assert sim("a1", "a3") == 0.0 and sim("a2", "a4") == 0.0
    # a word in more than half the articles is the corpus's, not a story's
    docs2 = [(f"b{i}", "Report", f"The committee met on day {i}. Topic {'alpha' if i < 2 else 'omega'}{i % 2}.")
             for i in range(6)]
    assert all("committee" not in v for v in text_vectors(docs2).values())


@pytest.mark.parametrize("text", ["", "   ", "\u200b\u00a0", "A", "Ünïcödé — “quoted” text… 3.5% and $12bn",
                                  "x" * 10_000, "-- ' ’ - '"])
def test_odd_texts_never_raise(text):
    text_vectors([("a", text, text)])
    phrases(text)
    PhraseIndex([("a", text)], [text]).best(["a"], 0.3, 4.0, 0.5)


def test_phrases_are_lower_case_runs_within_a_clause():
    got = phrases("Kestrel dockers began a pay strike, and the pay strike spread. Mara Lind called the "
                  "strike ballot unlawful; private email server logs (seen by Tern Radio) were released")
    assert got["pay strike"] == ("pay strike", 2)
    assert "strike ballot" in got and "private email server" in got and "email server" in got
    assert not any("kestrel" in k or "lind" in k or "radio" in k for k in got)  # names cut the runs
    assert "strike spread" in got  # no parser here: the noun-phrase rule is PhraseIndex's
    assert not any(k.startswith(("the ", "and ")) or k.endswith(" the") for k in got)


def test_a_phrase_must_be_a_noun_phrase_in_the_parsers_terms():
    """Key phrases (the parser's noun chunks) say which words modify nouns and which are nouns: 'pay strike'
    is a phrase, 'strike spread' (a noun and a verb) and 'finds life' are not."""
    idx = PhraseIndex([("a", "the pay strike spread; the report finds life hard")],
                      ["pay offer", "strike", "hard life", "report"])
    assert "pay strike" in idx.of["a"]
    assert "strike spread" not in idx.of["a"] and "find life" not in idx.of["a"]


KEY_PHRASES = ["pay strike", "strike ballot", "strike talk", "interest rate", "harbour strike", "quiet day"]


def _index(group_text: str, other_text: str, n_group: int = 5, n_other: int = 40,
           n_common: int = 0) -> tuple[PhraseIndex, list[str]]:
    """n_group articles of the group's text, n_other of another; the first n_common others also say
    'interest rates'."""
    docs = [(f"s{i}", group_text) for i in range(n_group)]
    docs += [(f"o{i}", other_text + (" and interest rates" if i < n_common else "")) for i in range(n_other)]
    return PhraseIndex(docs, KEY_PHRASES), [f"s{i}" for i in range(n_group)]


def test_the_most_used_distinctive_phrase_names_the_group():
    idx, ids = _index("the pay strike closed the port; a pay strike ballot, more pay strike talk",
                      "a quiet day at the port; the weather was fine")
    assert idx.best(ids, 0.3, 4.0, 0.15) == "pay strike"  # in each article three times, 'strike ballot' once


def test_a_phrase_common_in_the_whole_briefing_names_no_group():
    idx, ids = _index("the interest rates rose; the pay strike", "a quiet day", n_common=20)
    assert idx.best(ids, 0.3, 4.0, 0.15) == "pay strike"  # 'interest rates' is in half the briefing
    idx, ids = _index("the interest rates rose", "a quiet day", n_common=20)
    assert idx.best(ids, 0.3, 4.0, 0.15) is None


def test_a_phrase_repeating_a_title_name_is_not_chosen():
    idx, ids = _index("the harbour strike went on; the harbour strike", "a quiet day")
    assert idx.best(ids, 0.3, 4.0, 0.15, avoid=["Kestrel Harbour"]) is None
    assert idx.best(ids, 0.3, 4.0, 0.15, avoid=["Mara Lind"]) == "harbour strike"


NAMES = {"lind": ("Mara Lind", "PERSON"), "vey": ("Tomas Vey", "PERSON"), "ostrava": ("Ostrava", "GPE"),
         "kestrel": ("Kestrel Port Authority", "ORG")}


def _rec(aid: str, names: list[str], keywords: list[str] = ()) -> ArticleRecord:
    actors = [Actor(id=n, name=NAMES[n][0], type=NAMES[n][1], mentions=1, spans=[(0, 1)]) for n in names]
    return ArticleRecord(id=aid, title=aid, source=Source(file=f"{aid}.txt"), actors=actors,
                         keywords=list(keywords))


def test_a_title_is_its_actors_then_its_phrase_and_a_place_only_without_one():
    group = [_rec(f"s{i}", ["lind", "vey", "ostrava"], ["pay strike"]) for i in range(5)]
    others = [_rec(f"o{i}", []) for i in range(40)]
    records = group + others
    bodies = {r.id: "Mara Lind and Tomas Vey met in Ostrava over the pay strike." for r in group}
    bodies.update({r.id: "a quiet day" for r in others})
    feats = {r.id: {"e:" + a.id: 1.0 for a in r.actors} for r in records}
    df: Counter[str] = Counter()
    for r in records:
        df.update(set(feats[r.id]))
    b = Briefing(articles=records, bodies=bodies,
                 entities={k: Entity(id=k, name=n, type=t) for k, (n, t) in NAMES.items()}, topics={})
    scored = distinctive(group, df, len(records), feats)
    casing = word_casing(bodies.values())
    idx = PhraseIndex(((r.id, bodies[r.id]) for r in records), [k for r in records for k in r.keywords])
    got, ids = title(b, scored, group, df, len(records), casing, idx)
    assert got.split(" — ")[-1] == "pay strike" and "Ostrava" not in got
    assert got.split(" — ")[0] in ("Mara Lind", "Tomas Vey") and "ostrava" not in ids
    no_phrase = PhraseIndex(((r.id, "nothing to see") for r in records), ["day"])
    got, ids = title(b, scored, group, df, len(records), casing, no_phrase)
    assert got.endswith("Ostrava")


def test_an_article_hanging_on_a_group_by_one_weak_tie_stays_out():
    g = nx.Graph()
    for a, b in [("a", "b"), ("a", "c"), ("b", "c"), ("c", "d"), ("a", "d"), ("b", "d")]:
        g.add_edge(a, b, weight=0.5)
    g.add_edge("d", "x", weight=0.15)  # x's nearest neighbour is d, and only just
    assert _core(g, ["a", "b", "c", "d", "x"]) == ["a", "b", "c", "d"]
    g.add_edge("a", "x", weight=0.5)
    g.add_edge("b", "x", weight=0.5)
    assert _core(g, ["a", "b", "c", "d", "x"]) == ["a", "b", "c", "d", "x"]


def _story_briefing() -> Briefing:
    """Two stories told in words, with no name shared inside a story beyond the corpus-wide one, and filler."""
    everyone = Entity(id="tane", name="Alvar Tane", type="PERSON")
    texts = {}
    for i in range(4):
        texts[f"dock{i}"] = (f"Dock strike day {i}", "Alvar Tane spoke. The dockers kept the picket lines as "
                             "the pay strike closed the container terminal; cranes idle, dockers defiant.")
        texts[f"farm{i}"] = (f"Harvest report {i}", "Alvar Tane spoke. Apple growers feared frost damage and "
                             "orchard owners counted the harvest losses; growers want frost insurance.")
    for i in range(30):
        texts[f"misc{i}"] = (f"Notes {i}", f"Alvar Tane spoke. Topic number{i} word{i} thing{i} matter{i}.")
    recs, bodies = [], {}
    for k, (aid, (head, body)) in enumerate(sorted(texts.items())):
        recs.append(ArticleRecord(id=aid, title=head, published=dt.date(2031, 3, 1) + dt.timedelta(k % 5),
                                  source=Source(file=f"{aid}.txt"), sentences=[(0, len(body))],
                                  keywords=["picket line", "pay strike", "container terminal", "frost damage",
                                            "harvest loss", "frost insurance"],
                                  actors=[Actor(id="tane", name="Alvar Tane", type="PERSON", mentions=1,
                                                spans=[(0, 10)])]))
        bodies[aid] = body
    return Briefing(articles=recs, bodies=bodies, entities={"tane": everyone}, topics={})


def test_articles_that_tell_one_story_in_the_same_words_make_a_thread():
    threads = build_threads(build_views(_story_briefing(), 1, 1))
    groups = {frozenset(t.ids): t.title for t in threads}
    assert frozenset(f"dock{i}" for i in range(4)) in groups
    assert frozenset(f"farm{i}" for i in range(4)) in groups
    assert not any(i.startswith("misc") for t in threads for i in t.ids)
    for t in threads:  # named by a phrase of its own, never by the name every article has
        assert "Alvar Tane" not in t.title and t.title
    assert build_threads(build_views(_story_briefing(), 1, 1))[0].title == threads[0].title  # deterministic


def test_a_group_that_is_really_two_stories_is_split():
    """Two tight stories joined by one tie (German and French figures, both 'economy'): two threads."""
    g = nx.Graph()
    left, right = [f"de{i}" for i in range(4)], [f"fr{i}" for i in range(4)]
    for side in (left, right):
        for i, a in enumerate(side):
            for b in side[i + 1:]:
                g.add_edge(a, b, weight=0.6)
    g.add_edge("de0", "fr0", weight=0.2)
    parts = _two_stories(g, sorted(left + right), 3)
    assert sorted(map(sorted, parts)) == [sorted(left), sorted(right)]
    whole = nx.complete_graph(sorted(left + right))
    nx.set_edge_attributes(whole, 0.5, "weight")
    assert _two_stories(whole, sorted(left + right), 3) == []  # one story
    assert _two_stories(g, sorted(left[:2] + right[:3]), 3) == []  # too small to be two threads

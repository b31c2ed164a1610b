"""Story threads over invented articles: grouping, titles, summaries, key quotes, editors' topics, determinism."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.content.grow import propose_topics
from generator.records import Actor, ArticleRecord, Briefing, Entity, Quote, Source, Topic, TopicMatch
from generator.site.threads import build_threads, machine_proposed, topic_yaml
from generator.site.views import build_views, co_actors, overlaps, sentence_rows
from tests.synthetic import many_stories

ENTITIES = {
    "harbour-union": ("Harbour Workers Union", "ORG"), "port-authority": ("Kestrel Port Authority", "ORG"),
    "mara-lind": ("Mara Lind", "PERSON"), "novagen": ("Novagen", "ORG"), "ellis-park": ("Ellis Park", "PERSON"),
    "health-agency": ("Medicines Agency", "ORG"), "ruritania": ("Ruritania", "GPE"),
    "tomas-vey": ("Tomas Vey", "PERSON"), "glass-cup": ("Glass Cup", "EVENT"), "otto-brenn": ("Otto Brenn", "PERSON"),
}

# three invented stories; every article also names Ruritania, the country they all happen in
STRIKE = [
    "Dock workers of the Harbour Workers Union walked out at dawn in Ruritania, leader Mara Lind said.",
    "The Kestrel Port Authority said ships were queueing as the Harbour Workers Union strike entered a second day.",
    "Mara Lind told the Kestrel Port Authority that the Harbour Workers Union would not return without a pay offer.",
    "Talks between the Kestrel Port Authority and Mara Lind broke down late on Thursday in Ruritania.",
]
TRIAL = [
    "Novagen said its vaccine trial in Ruritania had enrolled four thousand volunteers, chief scientist Ellis Park said.",
    "The Medicines Agency asked Novagen for more data before Ellis Park could publish the trial results.",
    "Ellis Park presented the Novagen results to the Medicines Agency in the capital of Ruritania on Monday.",
]
CUP = [
    "Tomas Vey scored twice as the Glass Cup final in Ruritania went to extra time before a crowd of thousands.",
    "Otto Brenn, the coach of Tomas Vey, said the Glass Cup win was the best night of his career in the game.",
    "The Glass Cup trophy was paraded through the streets as Tomas Vey and Otto Brenn waved to the fans.",
]


def record(aid: str, text: str, day: int, quote: tuple[str, str | None, str] | None = None) -> tuple[ArticleRecord, str]:
    """An article of one sentence (plus an optional quote sentence), every registry name in it marked."""
    body = text
    sentences = [(0, len(text))]
    quotes = []
    if quote:
        said, speaker, speaker_text = quote
        q = f' "{said}," {speaker_text} said.'
        start = len(body) + 2
        body += q
        sentences.append((len(text) + 1, len(body)))
        quotes.append(Quote(text=said, start=start, end=start + len(said), speaker=speaker,
                            speaker_text=speaker_text, cue="said"))
    actors = []
    for eid, (name, typ) in ENTITIES.items():
        spans = []
        pos = body.find(name)
        while pos >= 0:
            spans.append((pos, pos + len(name)))
            pos = body.find(name, pos + 1)
        if spans:
            actors.append(Actor(id=eid, name=name, type=typ, mentions=len(spans), spans=spans))
    actors.sort(key=lambda a: (-a.mentions, a.spans[0]))
    rec = ArticleRecord(id=aid, title=f"Story {aid}", published=dt.date(2031, 3, day), source=Source(file=f"{aid}.txt"),
                        summary=text, actors=actors, quotes=quotes, sentences=sentences,
                        keywords=["talk", "worker"] if aid.startswith("s") else ["result"])
    return rec, body


def briefing(topics: dict[str, Topic] | None = None, quotes: dict[str, tuple] | None = None) -> Briefing:
    recs, bodies = [], {}
    day = 1
    for prefix, story in (("s", STRIKE), ("t", TRIAL), ("c", CUP)):
        for i, text in enumerate(story):
            aid = f"{prefix}{i}"
            rec, body = record(aid, text, day, (quotes or {}).get(aid))
            recs.append(rec)
            bodies[aid] = body
            day += 1
    if topics:
        from generator.resolve import assign_topics
        from generator.content.registry import Registry

        reg = Registry()
        reg.topics = dict(topics)
        recs = [r.model_copy(update={"topics": assign_topics(r, r.actors, bodies[r.id], reg)}) for r in recs]
    recs.sort(key=lambda r: (-r.published.toordinal(), r.id))
    entities = {eid: Entity(id=eid, name=n, type=t) for eid, (n, t) in ENTITIES.items()}
    return Briefing(articles=recs, bodies=bodies, entities=entities, topics=topics or {})


def groups(threads) -> list[set[str]]:
    return sorted((t.ids for t in threads), key=lambda s: sorted(s))


def test_articles_that_share_distinctive_names_form_one_thread_each():
    threads = build_threads(build_views(briefing(), 1, 1))
    assert groups(threads) == [{"c0", "c1", "c2"}, {"s0", "s1", "s2", "s3"}, {"t0", "t1", "t2"}]


@pytest.mark.parametrize("story, must", [("s", ["Kestrel Port Authority", "Mara Lind"]),
                                         ("t", ["Novagen", "Ellis Park"]), ("c", ["Glass Cup", "Tomas Vey"])])
def test_a_thread_is_titled_by_its_distinctive_names_never_by_the_name_all_share(story, must):
    threads = build_threads(build_views(briefing(), 1, 1))
    t = next(t for t in threads if any(i.startswith(story) for i in t.ids))
    parts = t.title.split(" — ")
    assert set(must) <= set(parts) or all(any(m in p for p in parts) for m in must[:1])
    assert "Ruritania" not in t.title  # in every article: names the corpus, not the story
    assert len(parts) >= 2 and all(" " in p or p[:1].isupper() for p in parts)  # names, not a common noun


def test_summary_is_lede_sentences_of_the_thread_and_newest_activity_comes_first():
    threads = build_threads(build_views(briefing(), 1, 1))
    assert [sorted(t.ids)[0][0] for t in threads] == ["c", "t", "s"]  # the cup story has the latest article
    for t in threads:
        assert 1 <= len(t.summary) <= 3
        texts = {r.summary for r in t.articles}
        assert all(s in texts for s in t.summary)


def test_threads_are_deterministic():
    a = build_threads(build_views(briefing(), 1, 1))
    b = build_threads(build_views(briefing(), 1, 1))
    assert [(t.id, t.title, sorted(t.ids), t.summary) for t in a] == [(t.id, t.title, sorted(t.ids), t.summary) for t in b]


def test_an_editors_topic_is_a_thread_and_its_articles_leave_the_automatic_ones():
    topic = Topic(id="dock-strike", title="The dock strike", summary="Ruritania's port workers stop work.",
                  match=TopicMatch(entities=["harbour-union", "port-authority"]))
    threads = build_threads(build_views(briefing({"dock-strike": topic}), 1, 1))
    mine = next(t for t in threads if t.topic == "dock-strike")
    assert mine.title == "The dock strike" and mine.summary == ["Ruritania's port workers stop work."]
    assert mine.ids == {"s0", "s1", "s2", "s3"}
    assert all(not (t.ids & mine.ids) for t in threads if t is not mine)


def test_the_machines_old_single_word_topics_are_not_threads():
    old = Topic(id="worker", title="Worker", summary="Articles that discuss worker.", match=TopicMatch(keywords=["worker"]))
    assert machine_proposed(old)
    threads = build_threads(build_views(briefing({"worker": old}), 1, 1))
    assert not any(t.topic for t in threads)
    assert groups(threads) == [{"c0", "c1", "c2"}, {"s0", "s1", "s2", "s3"}, {"t0", "t1", "t2"}]


def test_accepting_a_thread_writes_a_valid_topic_naming_its_entities():
    import yaml

    t = next(t for t in build_threads(build_views(briefing(), 1, 1)) if "t0" in t.ids)
    data = yaml.safe_load(topic_yaml(t))
    topic = Topic(**data)
    assert topic.title == t.title and set(topic.match.entities) <= {"novagen", "ellis-park", "health-agency"}


@pytest.mark.parametrize("speaker_text, expected", [("Ellis Park", True), ("Park", True), ("he", False),
                                                    ("the scientist", False)])
def test_key_quote_only_when_the_article_names_its_speaker(speaker_text, expected):
    quotes = {"t1": ("The data show a strong and lasting response in every group we tested", "ellis-park",
                     speaker_text)}
    t = next(t for t in build_threads(build_views(briefing(quotes=quotes), 1, 1)) if "t1" in t.ids)
    assert (t.key_quote is not None) == expected
    if expected:
        assert t.key_quote.quote.speaker == "ellis-park"


@pytest.mark.parametrize("keywords", [["woman", "state"], ["president", "campaign", "email"], ["deal"]])
def test_no_single_common_noun_topic_is_proposed(keywords):
    recs = [ArticleRecord(id=f"a{i}", title="t", keywords=keywords) for i in range(5)]
    assert propose_topics(recs) == []


def test_a_sentence_naming_an_entity_twice_is_one_row_with_both_marked():
    text = "Mara Lind met the board, and Mara Lind left."
    rec = ArticleRecord(id="x", title="x", sentences=[(0, len(text))],
                        actors=[Actor(id="mara-lind", name="Mara Lind", type="PERSON", mentions=2,
                                      spans=[(0, 9), (29, 38)])])
    b = Briefing(articles=[rec], bodies={"x": text}, entities={"mara-lind": Entity(id="mara-lind", name="Mara Lind",
                                                                                  type="PERSON")}, topics={})
    rows = sentence_rows(build_views(b, 1, 1), "mara-lind")["x"]
    assert len(rows) == 1
    assert [s for s, marked in rows[0].segments if marked] == ["Mara Lind", "Mara Lind"]
    assert "".join(s for s, _ in rows[0].segments) == text


@pytest.mark.parametrize("a, others, same", [("Blair", ["Tony Blair"], True), ("Oscars", ["Oscar"], True),
                                             ("WTO", ["World Trade Organisation"], True),
                                             ("Bill Clinton", ["Hillary Clinton"], False), ("Mara", ["Marat"], False)])
def test_other_names_of_the_same_entity_are_recognised(a, others, same):
    assert overlaps(a, others) == same


def test_co_actors_leave_out_unmerged_names_of_the_entity_itself():
    b = briefing()
    b.entities["lind"] = Entity(id="lind", name="Lind", type="PERSON")
    rec = b.articles[-1]
    b.articles[-1] = rec.model_copy(update={"actors": rec.actors + [Actor(id="lind", name="Lind", type="PERSON",
                                                                          mentions=1, spans=[(0, 1)])]})
    assert "lind" not in [e for e, _ in co_actors(build_views(b, 1, 1), "mara-lind", 5)]


def test_threads_and_the_cluster_picture_are_the_same_in_every_process():
    """networkx's Louvain walks sets of node labels: with string ids the result followed PYTHONHASHSEED."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    code = ("import sys; sys.path[:0] = [sys.argv[1], sys.argv[1] + '/tests/site']\n"
            "from test_threads import briefing\n"
            "from tests.synthetic import big_briefing\n"
            "from generator.site.views import build_views\n"
            "from generator.site.threads import build_threads\n"
            "from generator.site.clusters_svg import cluster_svg\n"
            "import hashlib\n"
            "v = build_views(big_briefing(), 1, 1)\n"
            "out = [(t.id, sorted(t.ids)) for t in build_threads(v)]\n"
            "out += [(t.id, sorted(t.ids)) for t in build_threads(build_views(briefing(), 1, 1))]\n"
            "print(hashlib.sha1((repr(out) + cluster_svg(v, '', {}, 200)).encode()).hexdigest())\n")
    root = str(Path(__file__).resolve().parents[2])
    runs = {subprocess.run([sys.executable, "-c", code, root], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in (1, 2, 3)}
    assert len(runs) == 1, runs


def test_a_thread_never_takes_a_reserved_id():
    """threads/index.md lists the threads: not even an inherited id may be "index" (issue 12, item 4)."""
    from generator.records import RESERVED_IDS

    ids = [t.id for t in build_threads(build_views(briefing(), 1, 1), previous={"index": ["c0", "c1", "c2"]})]
    assert ids and not set(ids) & RESERVED_IDS
    assert "c0" in ids


def test_a_thread_is_named_after_its_founding_article_not_its_title():
    threads = build_threads(build_views(briefing(), 1, 1))
    assert sorted(t.id for t in threads) == ["c0", "s0", "t0"]  # the oldest article of each story


def _with_extra(b: Briefing, aid: str, text: str, published: dt.date) -> Briefing:
    rec, body = record(aid, text, 1)
    rec = rec.model_copy(update={"published": published})
    recs = sorted([*b.articles, rec], key=lambda r: (-r.published.toordinal(), r.id))
    return Briefing(articles=recs, bodies={**b.bodies, aid: body}, entities=b.entities, topics=b.topics)


@pytest.mark.parametrize("aid, text, published", [
    ("s9", "Mara Lind and the Harbour Workers Union signed the Kestrel Port Authority offer on Friday.",
     dt.date(2031, 3, 20)),
    # older than the founder and first in id order: only the last build's threads can keep the id
    ("a0", "An older piece: the Harbour Workers Union warned the Kestrel Port Authority of a strike, Mara Lind said.",
     dt.date(2031, 2, 27)),
])
def test_adding_an_article_to_a_thread_keeps_its_id_and_page(aid, text, published):
    b0 = briefing()
    before = {t.id: t.ids for t in build_threads(build_views(b0, 1, 1))}
    b1 = _with_extra(b0, aid, text, published)
    after = build_threads(build_views(b1, 1, 1), previous={k: sorted(v) for k, v in before.items()})
    strike = next(t for t in after if aid in t.ids)
    assert strike.ids == before["s0"] | {aid}
    assert strike.id == "s0"
    assert {t.id for t in after} == set(before)


def test_a_thread_keeps_its_id_when_its_title_changes(monkeypatch):
    import generator.site.threads as th

    b = briefing()
    before = {t.id: sorted(t.ids) for t in build_threads(build_views(b, 1, 1))}
    real = th.thread_title
    monkeypatch.setattr(th, "thread_title", lambda *a: (real(*a)[0] + " — renamed", real(*a)[1]))
    after = build_threads(build_views(b, 1, 1), previous=before)
    assert {t.id: sorted(t.ids) for t in after} == before
    assert all(t.title.endswith("renamed") for t in after)


@pytest.mark.parametrize("groups, previous, expect", [
    ([{"a", "b", "c"}], {"old": ["a", "b"]}, ["old"]),  # the majority of "old" is here
    ([{"a", "b", "c"}], {"old": ["a", "x", "y"]}, ["a"]),  # a third is no majority: founded anew
    ([{"a", "b"}, {"c", "d"}], {"old": ["a", "b", "c", "d"]}, ["a", "c"]),  # split in halves: neither keeps it
    ([{"a", "b", "c", "d", "e"}], {"p": ["a", "b"], "q": ["c", "d", "e"]}, ["q"]),  # merged: the bigger share wins
    ([{"a", "b"}, {"c", "d"}], {"c": ["a", "b"]}, ["c", "c-2"]),  # an inherited id comes first
])
def test_stable_ids_rules(groups, previous, expect):
    from generator.site.thread_ids import stable_ids

    recs = [[ArticleRecord(id=a, title=a, source=Source(file=f"{a}.txt")) for a in sorted(g)] for g in groups]
    assert stable_ids(groups, recs, previous, set()) == expect


def test_an_old_thread_id_leads_to_the_thread_that_holds_its_articles():
    from generator.site.thread_ids import moved

    now = {"s0": {"s0", "s1", "s2"}, "t0": {"t0", "t1"}}
    assert moved({"x": ["s1", "s2", "t0"], "s0": ["s0"]}, {"y": "x", "z": "gone"}, now) == {"x": "s0", "y": "s0"}


@pytest.mark.parametrize("extra", [1, 3, 8])
def test_a_new_article_elsewhere_leaves_the_other_threads_as_they_were(extra):
    """New articles of new stories move no article of the existing threads (community.py visits the
    articles in sorted order rather than shuffled)."""
    before = {frozenset(t.ids) for t in build_threads(build_views(many_stories(12, 5), 1, 1))}
    after = {frozenset(t.ids) for t in build_threads(build_views(many_stories(12, 5, extra=extra), 1, 1))}
    assert len(before) == 12
    assert before == after

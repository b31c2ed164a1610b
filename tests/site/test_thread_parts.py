"""The story threads' per-article parts (generator/site/thread_parts.py): kept between builds, the threads are
exactly those made without them (cold, warm, after an article is added, removed or edited), and each part is
what the functions it replaces would have read."""

from __future__ import annotations

import dataclasses
import json

import pytest

from generator.records import Briefing
from generator.site import thread_memo, thread_parts
from generator.site.thread_parts import Parts, body_casing, casing, make_part
from generator.site.thread_phrases import PhraseIndex, phrases
from generator.site.thread_titles import word_casing
from generator.site.thread_words import article_words, text_vectors, vectors_of
from generator.site.threads import build_threads, made_threads
from generator.site.views import build_views
from tests.synthetic import many_stories

TEXTS = [
    "The harbour strike spread on Monday. Dock workers said the Port Authority had refused a pay offer.",
    "“Talks failed,” said Mara Lind. (The Union's leader) met officials; then: Officials walked out.",
    "3Dogs and é-Bikes, x-Ray: iPhone sales of the O'Neill Group rose 5 pct — the Group's best year.",
    "  Leading spaces. \nNew line Capital after newline; mid-sentence Capital here and 'Quoted' words.",
    "taxes, Taxes, TAXES and the tax's returns; policies ‘Policy’ policy's — business viruses news.",
    "",
    "A. B. C. ... Über-Chef and naïve Café owners met the Mayor in Ruritania's capital city today.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_body_casing_counts_as_word_casing_does(text):
    lower, upper = body_casing(text)
    expected = word_casing([text])
    assert casing([thread_parts.Part({}, {}, lower, upper)]) == expected


def test_casing_summed_over_parts_is_word_casing_over_the_bodies():
    parts = [make_part("Headline", t) for t in TEXTS]
    assert casing(parts) == word_casing(TEXTS)


def test_phrase_index_from_unfiltered_phrases_is_the_index_made_from_the_texts():
    key_phrases = ["the pay offer", "dock workers", "harbour strike", "port authority", "tax returns",
                   "best year", "capital city"]
    docs = [(f"a{i}", "Title\n" + t) for i, t in enumerate(TEXTS)]
    made = PhraseIndex(docs, key_phrases)
    reused = PhraseIndex(docs, key_phrases, found={aid: phrases(text) for aid, text in docs})
    assert reused.of == made.of and reused.df == made.df and reused.n == made.n
    assert PhraseIndex(docs, (), found={aid: phrases(text) for aid, text in docs}).of == PhraseIndex(docs).of


def test_vectors_from_counts_are_the_text_vectors():
    docs = [(f"a{i}", f"Headline {i} strike", t) for i, t in enumerate(TEXTS)]
    assert vectors_of({aid: article_words(h, body) for aid, h, body in docs}) == text_vectors(docs)


def _shape(threads) -> list:
    return [(t.id, t.title, t.summary, [r.id for r in t.articles], t.actors, t.names, t.topic,
             [(q.article.id, q.quote.start) for q in t.quotes],
             (t.key_quote.article.id, t.key_quote.quote.start) if t.key_quote else None,
             [(e.article.id, e.sort) for e in t.events]) for t in threads]


def _without(b: Briefing, aid: str) -> Briefing:
    return dataclasses.replace(b, articles=[r for r in b.articles if r.id != aid],
                               bodies={k: v for k, v in b.bodies.items() if k != aid})


def _edited(b: Briefing, aid: str) -> Briefing:
    return dataclasses.replace(b, bodies={k: (v + " The strike spread to the airport." if k == aid else v)
                                          for k, v in b.bodies.items()})


def test_kept_parts_give_the_same_threads_cold_warm_added_removed_and_edited(tmp_path):
    file = tmp_path / thread_parts.FILE
    base = many_stories(8, 5)
    added = many_stories(8, 5, extra=1)
    removed = _without(base, base.articles[3].id)
    edited = _edited(removed, removed.articles[5].id)  # from the last kept state: one text new
    previous = None
    for b, made in ((base, len(base.articles)), (base, 0), (added, 1), (removed, 0), (edited, 1)):
        v = build_views(b, 1, 1)
        expected = _shape(build_threads(v, previous))
        parts = Parts(file)
        assert _shape(build_threads(v, previous, parts)) == expected
        assert parts.made == made  # only a text not read before is read
        parts.save()
        kept = json.loads(file.read_text(encoding="utf-8"))["parts"]
        assert len(kept) == len(b.articles)  # a removed article's part is not kept
        assert expected  # the stories make threads: the comparison says something


def test_a_stale_or_broken_parts_file_is_ignored(tmp_path):
    file = tmp_path / thread_parts.FILE
    b = many_stories(6, 4)
    v = build_views(b, 1, 1)
    expected = _shape(build_threads(v))
    for text in ("not json", json.dumps({"format": thread_parts.FORMAT, "code": "other", "parts": {}}),
                 json.dumps({"format": thread_parts.FORMAT, "code": thread_parts.CODE, "parts": {"x": [1]}}),
                 json.dumps([1, 2])):
        file.write_text(text, encoding="utf-8")
        parts = Parts(file)
        assert _shape(build_threads(v, None, parts)) == expected
        assert parts.made == len(b.articles)


def test_a_part_under_a_digest_is_never_another_texts(tmp_path):
    """A kept part is found by the digest of its headline and body: a text read with another part's key would
    give another article's words."""
    file = tmp_path / thread_parts.FILE
    parts = Parts(file)
    parts.of("Strike", "The dock strike spread.")
    parts.save()
    again = Parts(file)
    assert again.of("Strike", "The dock strike spread.") == make_part("Strike", "The dock strike spread.")
    assert again.of("Strike", "The airport strike spread.") == make_part("Strike", "The airport strike spread.")
    assert again.made == 1


def test_the_memo_builds_with_parts_and_keeps_them(tmp_path):
    b = many_stories(6, 4)
    v = build_views(b, 1, 1)
    got = thread_memo.threads(v, None, made_threads, tmp_path, lambda r: r.id + b.bodies[r.id], "code")
    assert _shape(got) == _shape(build_threads(v))
    assert (tmp_path / thread_parts.FILE).exists()


USE_TEXTS = [
    "Net income rose to 3.2 mln dlrs, and net income of the unit fell 5 pct. Banking sources said so.",
    "The Finance Minister met the Finance Ministry; Finance rules. According to banking sources, loans grew.",
    "Net Incomes were flat. Loans to Brazil: 14.7 mln dlrs of loans, said the bank.",
]


@pytest.mark.parametrize("key", ["net income", "banking source", "loan", "finance minister", "absent phrase"])
def test_phrase_use_counts_from_a_texts_memo_are_those_counted_afresh(key):
    from generator.site.thread_parts import Text
    from generator.site.thread_phrase_use import fragment, uses

    memos: list[dict] = [{} for _ in USE_TEXTS]
    fresh = uses(key, USE_TEXTS)
    assert uses(key, [Text(t, m) for t, m in zip(USE_TEXTS, memos)]) == fresh  # counted, and kept
    assert all("u:" + key in m for m in memos)
    assert uses(key, [Text(t, m) for t, m in zip(USE_TEXTS, memos)]) == fresh  # from the memos
    for name in ("Finance", "Loans", "Brazil"):
        assert fragment(name, [Text(t, m) for t, m in zip(USE_TEXTS, memos)]) == fragment(name, USE_TEXTS)
        assert fragment(name, [Text(t, m) for t, m in zip(USE_TEXTS, memos)]) == fragment(name, USE_TEXTS)


def _graph_before(records, vectors):
    """thread_groups.graph as it was written before the postings were gathered from one array."""
    import math

    import networkx as nx
    import numpy as np

    from generator.site.thread_groups import DAYS_SCALE, MIN_SIMILARITY, NEIGHBOURS

    ids = sorted(r.id for r in records)
    at = {aid: i for i, aid in enumerate(ids)}
    rows: dict[str, list[int]] = {}
    weights: dict[str, list[float]] = {}
    for aid in ids:
        for f, w in sorted(vectors[aid].items()):
            rows.setdefault(f, []).append(at[aid])
            weights.setdefault(f, []).append(w)
    post = {f: (np.array(rows[f], dtype=np.int64), np.array(weights[f])) for f in rows}
    day = np.array([float(r.published.toordinal()) if r.published else math.nan
                    for r in sorted(records, key=lambda r: r.id)])
    g = nx.Graph()
    g.add_nodes_from(ids)
    for i, aid in enumerate(ids):
        feats = sorted(vectors[aid].items())
        if not feats:
            continue
        scores = np.bincount(np.concatenate([post[f][0] for f, _ in feats]),
                             np.concatenate([post[f][1] * w for f, w in feats]), minlength=len(ids))
        scores[i] = 0.0
        if not np.isnan(day[i]):
            apart = np.abs(day - day[i])
            scores = np.where(np.isnan(apart), scores, scores / (1.0 + np.nan_to_num(apart) / DAYS_SCALE))
        near = np.flatnonzero(scores >= MIN_SIMILARITY)
        for j in sorted(near.tolist(), key=lambda j: (-scores[j], j))[:NEIGHBOURS]:
            a, b = sorted((aid, ids[j]))
            g.add_edge(a, b, weight=round(float(scores[j]), 6))
    return g


def test_the_graph_is_the_one_summed_posting_by_posting():
    from collections import Counter as C

    from generator.site.thread_groups import combined, features, graph, vectors

    b = many_stories(9, 5, extra=3)
    recs = b.articles
    feats = {r.id: features(r) for r in recs}
    df: C[str] = C()
    for r in recs:
        df.update(set(feats[r.id]))
    vec = combined(vectors(recs, len(recs), df, feats),
                   text_vectors((r.id, r.title, b.bodies.get(r.id, "")) for r in recs))
    vec[recs[0].id] = {}  # an article with no feature joins nothing
    got, want = graph(recs, vec), _graph_before(recs, vec)
    assert sorted(got.edges(data=True)) == sorted(want.edges(data=True)) and list(got.nodes) == list(want.nodes)
    assert got.number_of_edges() > 20

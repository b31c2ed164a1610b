"""How articles become groups (the step 2 of generator/site/threads.py): their vectors, the graph of nearest
neighbours, Louvain communities, the leaves left out and the groups that are several stories split.

Every step is deterministic: sorted inputs, communities from community.py (fixed seed, nodes in sorted order).
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter, defaultdict

import networkx as nx
import numpy as np

from generator.records import ArticleRecord
from generator.site.community import induced, louvain
from generator.site.thread_words import singular

SEED = 17
NEIGHBOURS = 5  # edges kept per article: its nearest neighbours
MIN_SIMILARITY = 0.15
TEXT_WEIGHT = 0.8  # of an article pair's similarity, from their words (thread_words.py); the rest from names
SPLIT_MODULARITY = 0.35  # a group whose own parts are this modular is several stories, and is split
LEAF_SHARE = 0.5  # an article tied to its group less than this share of the median member is left out
DAYS_SCALE = 120.0  # similarity is divided by 1 + days apart / DAYS_SCALE when both articles are dated
MAX_DF_SHARE = 0.5  # a feature in more than this share of the articles is not distinctive
KEYWORD_WEIGHT = 0.4
TITLE_WORD_WEIGHT = 0.6
_WORD = re.compile(r"[a-z][a-z'-]+")
_STOP = frozenset("""about after again against also among amid back been before being between both could does
down during each even ever from have here into just like made make many more most much must near next only other
over said says same should since some still such than that their them then there these they this those three
through under until very want what when where which while whom will with would year years your says told new
week weeks month months first last""".split())


def features(rec: ArticleRecord) -> dict[str, float]:
    out: dict[str, float] = {}
    for a in rec.actors:
        out["e:" + a.id] = 1.0 + math.log(max(1, a.mentions))
    for k in rec.keywords:
        out.setdefault("k:" + k, KEYWORD_WEIGHT)
    for w in sorted(title_words(rec.title)):  # sorted: the features' order sums the vectors' norms
        out.setdefault("w:" + w, TITLE_WORD_WEIGHT)
    return out


def title_words(title: str) -> set[str]:
    """Content words of a headline, lower-cased and singular as in the texts' words: 'taxes' and 'tax' are one
    feature."""
    out = set()
    for w in _WORD.findall(title.casefold().replace("’", "'")):
        w = w.removesuffix("'s")
        if len(w) > 3 and w not in _STOP:
            out.add(singular(w))
    return out


def vectors(records: list[ArticleRecord], n_all: int, df: Counter, feats: dict[str, dict[str, float]]) \
        -> dict[str, dict[str, float]]:
    """TF-IDF vectors (unit length) over the distinctive features: shared by 2+ articles, by at most half."""
    cap = max(2, MAX_DF_SHARE * n_all)
    vectors = {}
    for rec in records:
        vec = {f: w * math.log((n_all + 1) / df[f]) for f, w in feats[rec.id].items() if 2 <= df[f] <= cap}
        norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
        vectors[rec.id] = {f: w / norm for f, w in vec.items()}
    return vectors


def combined(names: dict[str, dict[str, float]], text: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    """One vector per article whose dot products are TEXT_WEIGHT x word similarity + the rest x name similarity."""
    a, t = math.sqrt(1.0 - TEXT_WEIGHT), math.sqrt(TEXT_WEIGHT)
    out = {}
    for aid, vec in names.items():
        both = {f: a * w for f, w in vec.items()}
        both.update({"t:" + f: t * w for f, w in text.get(aid, {}).items()})
        out[aid] = both
    return out


def graph(records: list[ArticleRecord], vectors: dict[str, dict[str, float]]) -> nx.Graph:
    """Each article joined to its NEIGHBOURS most similar articles (dot product of the vectors, damped by the
    days between them when both are dated) of MIN_SIMILARITY or more. One article's similarities to all the
    others are summed over the postings of its features at once (numpy's bincount, the postings gathered from
    one array of all of them): at 2,000 articles that is 4.6 million postings, a fraction of a second rather
    than forty in a Python loop. The sums are added in the same order as posting by posting (features in
    name order, each feature's articles in id order), so the weights are the same to the last bit."""
    ids = sorted(r.id for r in records)
    at = {aid: i for i, aid in enumerate(ids)}
    n = len(ids)
    rows: dict[str, list[int]] = defaultdict(list)
    weights: dict[str, list[float]] = defaultdict(list)
    mine = []  # each article's features (as their number) and weights, in the order of the features' names
    for aid in ids:
        feats = sorted(vectors[aid].items())
        for f, w in feats:
            rows[f].append(at[aid])
            weights[f].append(w)
        mine.append(feats)
    number = {f: k for k, f in enumerate(rows)}
    # the postings of all features end to end (CSR): feature k's are post_at[start[k]:start[k + 1]]
    start = np.zeros(len(rows) + 1, dtype=np.int64)
    start[1:] = np.cumsum([len(r) for r in rows.values()])
    post_at = np.array([i for r in rows.values() for i in r], dtype=np.int64)
    post_w = np.array([w for ws in weights.values() for w in ws], dtype=np.float64)
    ordinal = {r.id: float(r.published.toordinal()) if r.published else math.nan for r in records}
    day = np.array([ordinal[a] for a in ids], dtype=np.float64)
    g = nx.Graph()
    g.add_nodes_from(ids)
    for i, aid in enumerate(ids):
        if not mine[i]:
            continue
        fs = np.array([number[f] for f, _ in mine[i]], dtype=np.int64)
        lengths = start[fs + 1] - start[fs]
        # the postings of the article's features one after the other, each times the article's weight
        at_ = np.arange(int(lengths.sum()), dtype=np.int64) + np.repeat(start[fs] - (np.cumsum(lengths) - lengths),
                                                                         lengths)
        scores = np.bincount(post_at[at_], post_w[at_] * np.repeat(np.array([w for _, w in mine[i]]), lengths),
                             minlength=n)
        scores[i] = 0.0
        if not np.isnan(day[i]):
            apart = np.abs(day - day[i])
            scores = np.where(np.isnan(apart), scores, scores / (1.0 + np.nan_to_num(apart) / DAYS_SCALE))
        near = np.flatnonzero(scores >= MIN_SIMILARITY)
        for j in near[np.lexsort((near, -scores[near]))][:NEIGHBOURS].tolist():  # most similar first, then by id
            a, b = sorted((aid, ids[j]))
            g.add_edge(a, b, weight=round(float(scores[j]), 6))
    return g


def communities(g: nx.Graph, split_above: int, resolution: float = 1.0, depth: int = 0) -> list[list[str]]:
    """Louvain communities; one larger than `split_above` (a whole beat, "business", rather than a story)
    is cut again at a finer resolution, twice at most."""
    if g.number_of_edges() == 0:
        return [[n] for n in sorted(g.nodes)]
    out = []
    for c in louvain(g, SEED, resolution):
        if len(c) > split_above and depth < 2:
            parts = communities(induced(g, c), split_above, resolution * 2, depth + 1)
            if len(parts) > 1:
                out.extend(parts)
                continue
        out.append(c)
    return sorted(out, key=lambda c: (-len(c), c[0]))


def core(g: nx.Graph, group: list[str]) -> list[str]:
    """The group without the articles that only hang on it: one whose ties into the group (the summed weight
    of its edges to the other members) are less than LEAF_SHARE of the median member's is an article about
    something else that Louvain put beside its nearest neighbour; it stays out of the thread."""
    if len(group) < 3:
        return group
    keep = set(group)
    strength = {a: sum(d["weight"] for o, d in g[a].items() if o in keep) for a in group}
    median = statistics.median(sorted(strength.values()))
    return [a for a in group if strength[a] >= LEAF_SHARE * median]


def two_stories(g: nx.Graph, group: list[str], min_size: int) -> list[list[str]]:
    """The group's own communities when it is really several stories (German and French economic figures,
    the dollar's fall): Louvain on its subgraph finds parts of min_size articles or more, two at least, with a
    modularity of SPLIT_MODULARITY or more on that subgraph. [] when the group is one story."""
    if len(group) < 2 * min_size:
        return []
    sub = induced(g, group)
    if sub.number_of_edges() == 0:
        return []
    parts = louvain(sub, SEED)
    if sum(1 for p in parts if len(p) >= min_size) < 2:
        return []
    if nx.community.modularity(sub, [set(p) for p in parts], weight="weight") < SPLIT_MODULARITY:
        return []
    return parts

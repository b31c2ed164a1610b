"""Story threads: articles grouped by what they share, each with a title, a summary, actors, quotes, events.

How articles are grouped (every step deterministic: sorted inputs, fixed seed):

1. **Editors' topics rule.** Every topic in content/topics/ is a thread (its title, its summary, the articles
   its rules match); accepting, renaming or splitting a thread is writing or editing a topic file. The old
   machine-proposed single-keyword topics ("Woman — Articles that discuss woman.") are not threads.
2. **The other articles are clustered.** Each article is a TF-IDF vector over its resolved entities (and,
   with less weight, its key phrases); features in more than half the articles describe the whole corpus,
   not one story, and are left out. Articles are joined to their nearest neighbours by cosine similarity
   (damped by the days between them when both are dated) and the graph is cut into communities by Louvain
   modularity (networkx). A community of fewer than MIN_SIZE articles is no thread; one that no title fits
   (generator/site/thread_titles.py) is cut finer, twice at most, and its parts tried again.
3. **Titles** are the thread's most distinctive names (frequent in the thread, rare in the corpus; see
   thread_titles.py), never a common noun; **summaries** are two or three lede sentences of its articles that name those
   entities; the **key quote** is a direct quote whose speaker is named in the article's own words.

A thread's id lasts from build to build (generator/site/thread_ids.py: inherited from the last published
thread holding most of its articles, else its founding article's id), so its page URL and the topic file
that keeps it do not change when its title or its articles do; an editor's topic keeps the topic's id.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Optional

import networkx as nx

from generator.records import RESERVED_IDS, ArticleRecord, Briefing, Topic
from generator.site.community import induced, louvain
from generator.site.thread_ids import stable_ids
from generator.site.thread_titles import distinctive, title as thread_title, word_casing
from generator.site.views import QuoteView, TimelineEntry, Views, overlaps as _overlaps

MIN_SIZE = 3  # articles in an automatic thread (2 in briefings of fewer than SMALL articles)
SMALL = 20
NEIGHBOURS = 8  # edges kept per article: its nearest neighbours
MIN_SIMILARITY = 0.2
MAX_DF_SHARE = 0.5  # a feature in more than this share of the articles is not distinctive
KEYWORD_WEIGHT = 0.4
SUMMARY_SENTENCES = 2
LEDE_SENTENCES = 3
SEED = 17
RESPLIT_LIMIT = 4.0  # a group no title fits is cut again at resolution 2, then 4
SPLIT_FROM = 24  # a community larger than this (or 4% of the briefing) is cut again
TITLE_WORD_WEIGHT = 0.6
_WORD = re.compile(r"[a-z][a-z'-]+")
_STOP = frozenset("""about after again against also among amid back been before being between both could does
down during each even ever from have here into just like made make many more most much must near next only other
over said says same should since some still such than that their them then there these they this those three
through under until very want what when where which while whom will with would year years your says told new
week weeks month months first last""".split())
_PRONOUN_START = re.compile(r"^[\"“‘']?(he|she|it|they|this|that|these|those|but|and|or|so|his|her|its|their|"
                            r"we|i|you)\b", re.I)


@dataclass
class Thread:
    id: str
    title: str
    summary: list[str]  # sentences
    articles: list[ArticleRecord]  # newest first
    actors: list[tuple[str, int]] = field(default_factory=list)  # entity with a page, articles in the thread
    names: list[str] = field(default_factory=list)  # entity ids that name the thread (its title)
    topic: Optional[str] = None  # the editor's topic this thread is
    quotes: list[QuoteView] = field(default_factory=list)
    key_quote: Optional[QuoteView] = None
    events: list[TimelineEntry] = field(default_factory=list)

    @property
    def latest(self) -> ArticleRecord:
        return self.articles[0]

    @property
    def ids(self) -> set[str]:
        return {r.id for r in self.articles}


def machine_proposed(topic: Topic) -> bool:
    """A topic the build itself once proposed from one key phrase, never edited since: not a decision."""
    kws = topic.match.keywords
    return (len(kws) == 1 and not topic.match.entities and topic.summary == f"Articles that discuss {kws[0]}."
            and topic.title.lower() == kws[0].lower())


def _features(rec: ArticleRecord) -> dict[str, float]:
    out: dict[str, float] = {}
    for a in rec.actors:
        out["e:" + a.id] = 1.0 + math.log(max(1, a.mentions))
    for k in rec.keywords:
        out.setdefault("k:" + k, KEYWORD_WEIGHT)
    for w in _title_words(rec.title):
        out.setdefault("w:" + w, TITLE_WORD_WEIGHT)
    return out


def _title_words(title: str) -> set[str]:
    """Content words of a headline, lower-cased and crudely singular: 'taxes' and 'tax' are one feature."""
    out = set()
    for w in _WORD.findall(title.casefold().replace("’", "'")):
        w = w.removesuffix("'s")
        if len(w) > 3 and w not in _STOP:
            out.add(w[:-2] if w.endswith("es") and len(w) > 5 else w[:-1] if w.endswith("s") else w)
    return out


def _vectors(records: list[ArticleRecord], n_all: int, df: Counter, feats: dict[str, dict[str, float]]) \
        -> dict[str, dict[str, float]]:
    """TF-IDF vectors (unit length) over the distinctive features: shared by 2+ articles, by at most half."""
    cap = max(2, MAX_DF_SHARE * n_all)
    vectors = {}
    for rec in records:
        vec = {f: w * math.log((n_all + 1) / df[f]) for f, w in feats[rec.id].items() if 2 <= df[f] <= cap}
        norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
        vectors[rec.id] = {f: w / norm for f, w in vec.items()}
    return vectors


def _graph(records: list[ArticleRecord], vectors: dict[str, dict[str, float]]) -> nx.Graph:
    postings: dict[str, list[str]] = defaultdict(list)
    for rec in records:
        for f in sorted(vectors[rec.id]):
            postings[f].append(rec.id)
    dates = {r.id: r.published for r in records}
    g = nx.Graph()
    g.add_nodes_from(sorted(r.id for r in records))
    for rec in sorted(records, key=lambda r: r.id):
        scores: Counter[str] = Counter()
        vec = vectors[rec.id]
        for f, w in vec.items():
            for other in postings[f]:
                if other != rec.id:
                    scores[other] += w * vectors[other][f]
        near = []
        for other, s in scores.items():
            d1, d2 = dates[rec.id], dates[other]
            if d1 and d2:
                s /= 1.0 + abs((d1 - d2).days) / 30.0
            if s >= MIN_SIMILARITY:
                near.append((-s, other))
        for neg, other in sorted(near)[:NEIGHBOURS]:
            a, b = sorted((rec.id, other))
            g.add_edge(a, b, weight=round(-neg, 6))
    return g


def _communities(g: nx.Graph, split_above: int, resolution: float = 1.0, depth: int = 0) -> list[list[str]]:
    """Louvain communities; one larger than `split_above` (a whole beat, "business", rather than a story)
    is cut again at a finer resolution, twice at most."""
    if g.number_of_edges() == 0:
        return [[n] for n in sorted(g.nodes)]
    out = []
    for c in louvain(g, SEED, resolution):
        if len(c) > split_above and depth < 2:
            parts = _communities(induced(g, c), split_above, resolution * 2, depth + 1)
            if len(parts) > 1:
                out.extend(parts)
                continue
        out.append(c)
    return sorted(out, key=lambda c: (-len(c), c[0]))


def _sentence_entities(rec: ArticleRecord) -> dict[int, set[str]]:
    starts = [a for a, _ in rec.sentences]
    import bisect

    out: dict[int, set[str]] = defaultdict(set)
    for actor in rec.actors:
        for a, _ in actor.spans:
            out[max(0, bisect.bisect_right(starts, a) - 1)].add(actor.id)
    return out


def _summary(b: Briefing, recs: list[ArticleRecord], weights: dict[str, float]) -> list[str]:
    """The lede sentences that name most of the thread's distinctive entities, one per article, in order."""
    candidates = []
    for order, rec in enumerate(recs):
        body = b.bodies.get(rec.id, "")
        named = _sentence_entities(rec)
        for i, (s0, s1) in enumerate(rec.sentences[:LEDE_SENTENCES]):
            text = " ".join(body[s0:s1].split())
            if not (60 <= len(text) <= 320) or _PRONOUN_START.match(text) or text[:1] in "\"“‘'":
                continue
            score = sum(weights.get("e:" + e, 0.0) for e in sorted(named.get(i, ())))  # sorted: a float sum in set order varies by run
            if score > 0:
                candidates.append((-score - 0.2 / (1 + i), order, i, text, rec.id))
    chosen, used, seen = [], set(), set()
    for _, order, i, text, rid in sorted(candidates):
        key = text.casefold()
        if rid in used or key in seen:
            continue
        chosen.append((order, i, text))
        used.add(rid)
        seen.add(key)
        if len(chosen) == SUMMARY_SENTENCES:
            break
    return [t for _, _, t in sorted(chosen, key=lambda c: (-c[0], c[1]))]  # oldest first: the story as it went


def _named_in_text(qv: QuoteView, b: Briefing) -> bool:
    """The article names the speaker in the quote's own attribution (not only through 'he' or 'she')."""
    q = qv.quote
    if not q.speaker or q.speaker not in b.entities or not q.speaker_text:
        return False
    ent = b.entities[q.speaker]
    words = set(q.speaker_text.casefold().replace("’s", "").replace("'s", "").split())
    forms = [ent.name, *ent.aliases]
    return any(set(f.casefold().split()) & words for f in forms)


def _finish(t: Thread, v: Views) -> Thread:
    b = v.briefing
    counts: Counter[str] = Counter()
    for rec in t.articles:
        counts.update({a.id for a in rec.actors if a.id in v.pages})
    actors, names = [], []
    for eid, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        if not _overlaps(b.entities[eid].name, names):  # "Blair" after "Tony Blair" says nothing more
            actors.append((eid, n))
            names.append(b.entities[eid].name)
        if len(actors) == 12:
            break
    t.actors = actors
    ids = t.ids
    t.quotes = [q for key in sorted(v.quotes_by) for q in v.quotes_by[key]
                if q.article.id in ids and q.quote.kind != "partial" and not key.startswith("~")]
    t.quotes.sort(key=lambda q: (-(q.article.published.toordinal() if q.article.published else 0), q.article.id,
                                 q.quote.start))
    rank = {eid: i for i, (eid, _) in enumerate(t.actors)}
    good = [q for q in t.quotes if q.quote.speaker in rank and b.entities[q.quote.speaker].type == "PERSON"
            and _named_in_text(q, b) and 40 <= len(q.quote.text) <= 320]
    if good:
        t.key_quote = min(good, key=lambda q: (rank.get(q.quote.speaker, len(rank)), -len(q.quote.text),
                                              q.article.id, q.quote.start))
    t.events = [e for e in v.timeline if e.article.id in ids and e.sort[2] <= 1]  # a day or a time
    return t


def build_threads(v: Views, previous: Optional[dict[str, list[str]]] = None) -> list[Thread]:
    """Every thread, newest activity first (an editor's topic threads and the automatic ones together).
    `previous`: the automatic threads of the last published build (id -> article ids), whose ids last."""
    b = v.briefing
    records = b.articles
    n_all = len(records)
    if not records:
        return []
    feats = {rec.id: _features(rec) for rec in records}  # each article's features, made once
    df: Counter[str] = Counter()
    for rec in records:
        df.update(set(feats[rec.id]))
    casing = word_casing(b.bodies.get(r.id, "") for r in records)
    threads: list[Thread] = []
    in_topic: set[str] = set()
    for tid, topic in sorted(b.topics.items()):
        recs = v.articles_of_topic.get(tid, [])
        if not recs or machine_proposed(topic):
            continue
        in_topic |= {r.id for r in recs}
        scored = distinctive(recs, df, n_all, feats)
        _, ids = thread_title(b, scored, recs, df, n_all, casing)
        summary = [topic.summary] if topic.summary else _summary(b, recs, dict((f, s) for s, f in scored))
        threads.append(Thread(tid, topic.title, summary, list(recs), names=ids, topic=tid))
    rest = [r for r in records if r.id not in in_topic]
    min_size = MIN_SIZE if n_all >= SMALL else 2
    order = {r.id: i for i, r in enumerate(records)}
    by_id = {r.id: r for r in records}
    split_above = max(SPLIT_FROM, n_all // 25)
    found = []
    g = _graph(rest, _vectors(rest, n_all, df, feats))
    todo = [(group, 1.0) for group in _communities(g, split_above)]
    while todo:
        group, resolution = todo.pop(0)
        if len(group) < min_size:
            continue
        recs = sorted((by_id[i] for i in group), key=lambda r: order[r.id])
        scored = distinctive(recs, df, n_all, feats)
        title, ids = thread_title(b, scored, recs, df, n_all, casing)
        if not title:
            # nothing distinctive and shared names it: several stories, perhaps, cut finer (twice at most);
            # else better no thread than one called "State"
            if len(group) >= 2 * min_size and resolution < RESPLIT_LIMIT:
                parts = louvain(induced(g, group), SEED, resolution * 2)
                if len(parts) > 1:
                    todo.extend((p, resolution * 2) for p in parts)
            continue
        found.append(Thread("", title, _summary(b, recs, dict((f, s) for s, f in scored)), recs, names=ids))
    taken = {t.id for t in threads} | RESERVED_IDS  # threads/index.md lists them
    for t, tid in zip(found, stable_ids([t.ids for t in found], [t.articles for t in found], previous or {}, taken)):
        t.id = tid
    threads += found
    threads = [_finish(t, v) for t in threads]
    threads.sort(key=lambda t: (-(t.latest.published.toordinal() if t.latest.published else 0),
                                -len(t.articles), t.id))
    return threads


def threads_of_entity(threads: list[Thread]) -> dict[str, list[Thread]]:
    """The threads in which an entity is among the main actors, in thread order."""
    out: dict[str, list[Thread]] = defaultdict(list)
    for t in threads:
        for eid, _ in t.actors:
            out[eid].append(t)
    return dict(out)


def topic_yaml(t: Thread) -> str:
    """The topic file that accepts this thread as the editor's own (shown on its page, to copy)."""
    import yaml

    data = {"id": t.id, "title": t.title, "summary": " ".join(t.summary),
            "match": {"entities": t.names[:2], "keywords": []}}
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=72)

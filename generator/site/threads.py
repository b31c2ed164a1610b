"""Story threads: articles grouped by what they share, each with a title, a summary, actors, quotes, events.

How articles are grouped (every step deterministic: sorted inputs, fixed seed):

1. **Editors' topics rule.** Every topic in content/topics/ is a thread (its title, its summary, the articles
   its rules match); accepting, renaming or splitting a thread is writing or editing a topic file. The old
   machine-proposed single-keyword topics ("Woman — Articles that discuss woman.") are not threads.
2. **The other articles are clustered.** Each article has two TF-IDF vectors: one over its resolved entities
   (and, with less weight, its key phrases and headline words; features in more than half the articles
   describe the whole corpus and are left out), one over the words of its headline and body
   (thread_words.py). An article pair's similarity is TEXT_WEIGHT of the second plus the rest of the first,
   damped by the days between them when both are dated; each article is joined to its nearest neighbours
   and the graph is cut into communities by Louvain modularity (networkx). Then, per community:
   an article tied to it much less than its median member (one weak edge to its nearest neighbour) stays
   out (`_core`); a community whose own Louvain parts are clearly apart (modularity >= SPLIT_MODULARITY)
   is several stories and is split (`_two_stories`); one of fewer than MIN_SIZE articles is no thread; one
   that no title fits (generator/site/thread_titles.py) is cut finer, twice at most, and its parts tried again.
3. **Titles** are the thread's most distinctive names (frequent in the thread, rare in the corpus; see
   thread_titles.py), never a common noun nor a body its articles only cite in passing (thread_actors.py),
   then the phrase its headlines share ("Brazil loans", thread_headlines.py) or its articles tell it in
   ("police shooting", thread_phrases.py), never a measure or a source ("percentage points", "banking
   sources": thread_phrase_use.py); **summaries** are two or three lede sentences of its articles that name those
   entities; the **key quote** is a direct quote whose speaker is named in the article's own words.

A thread's id lasts from build to build (generator/site/thread_ids.py: inherited from the last published
thread holding most of its articles, else its founding article's id), so its page URL and the topic file
that keeps it do not change when its title or its articles do; an editor's topic keeps the topic's id.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Optional


from generator.records import RESERVED_IDS, ArticleRecord, Briefing, Topic
from generator.site.community import induced, louvain
from generator.site.thread_actors import LeadIndex
from generator.site.thread_headlines import HeadlineIndex
from generator.site.thread_ids import stable_ids
from generator.site.thread_pairs import may_pair, tight
from generator.site.thread_groups import SEED, combined, communities, core, features, graph, two_stories, vectors
from generator.site.thread_parts import Parts, Text, casing as word_casing
from generator.site.thread_phrases import PhraseIndex
from generator.site.thread_words import vectors_of
from generator.site.thread_titles import distinctive, title as thread_title
from generator.site.views import QuoteView, TimelineEntry, Views, overlaps

MIN_SIZE = 3  # articles in an automatic thread (2 in briefings of fewer than SMALL articles)
SMALL = 20
SUMMARY_SENTENCES = 2
LEDE_SENTENCES = 3
RESPLIT_LIMIT = 4.0  # a group no title fits is cut again at resolution 2, then 4
SPLIT_FROM = 24  # a community larger than this (or 4% of the briefing) is cut again
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


def _by_article(v: Views) -> tuple[dict[str, list[QuoteView]], dict[str, list[tuple[int, TimelineEntry]]]]:
    """Each article's thread quotes (in speaker-key order) and its events (with their place in the timeline),
    gathered once rather than walking every quote and event of the briefing for each thread."""
    quotes: dict[str, list[QuoteView]] = defaultdict(list)
    for key in sorted(v.quotes_by):
        if key.startswith("~"):
            continue
        for q in v.quotes_by[key]:
            if q.quote.kind != "partial":
                quotes[q.article.id].append(q)
    events: dict[str, list[tuple[int, TimelineEntry]]] = defaultdict(list)
    for i, e in enumerate(v.timeline):
        if e.sort[2] <= 1:  # a day or a time
            events[e.article.id].append((i, e))
    return quotes, events


def _finish(t: Thread, v: Views, quotes: dict[str, list[QuoteView]],
            events: dict[str, list[tuple[int, TimelineEntry]]]) -> Thread:
    b = v.briefing
    counts: Counter[str] = Counter()
    for rec in t.articles:
        counts.update({a.id for a in rec.actors if a.id in v.pages})
    actors, names = [], []
    for eid, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        if not overlaps(b.entities[eid].name, names):  # "Blair" after "Tony Blair" says nothing more
            actors.append((eid, n))
            names.append(b.entities[eid].name)
        if len(actors) == 12:
            break
    t.actors = actors
    ids = sorted(t.ids)
    t.quotes = [q for aid in ids for q in quotes.get(aid, [])]
    t.quotes.sort(key=lambda q: (-(q.article.published.toordinal() if q.article.published else 0), q.article.id,
                                 q.quote.start))
    rank = {eid: i for i, (eid, _) in enumerate(t.actors)}
    good = [q for q in t.quotes if q.quote.speaker in rank and b.entities[q.quote.speaker].type == "PERSON"
            and _named_in_text(q, b) and 40 <= len(q.quote.text) <= 320]
    if good:
        t.key_quote = min(good, key=lambda q: (rank.get(q.quote.speaker, len(rank)), -len(q.quote.text),
                                              q.article.id, q.quote.start))
    t.events = [e for _, e in sorted((pair for aid in ids for pair in events.get(aid, [])), key=lambda p: p[0])]
    return t


def build_threads(v: Views, previous: Optional[dict[str, list[str]]] = None,
                  parts: Optional[Parts] = None) -> list[Thread]:
    """Every thread, newest activity first (an editor's topic threads and the automatic ones together).
    `previous`: the automatic threads of the last published build (id -> article ids), whose ids last.
    `parts`: what each article's text alone gives, kept from earlier builds (thread_parts.py); the threads
    are the same with or without them."""
    return name_threads(made_threads(v, parts), previous)


def name_threads(threads: list[Thread], previous: Optional[dict[str, list[str]]]) -> list[Thread]:
    """The automatic threads (id "") get their ids, the ones of `previous` where they are the same story
    (thread_ids.py); then all in order, newest activity first. Cheap: the memo (thread_memo.py) keeps what
    made_threads gives, which does not depend on `previous`."""
    found = [t for t in threads if t.topic is None]
    taken = {t.id for t in threads if t.topic is not None} | RESERVED_IDS  # threads/index.md lists them
    for t, tid in zip(found, stable_ids([t.ids for t in found], [t.articles for t in found], previous or {}, taken)):
        t.id = tid
    return sorted(threads, key=lambda t: (-(t.latest.published.toordinal() if t.latest.published else 0),
                                          -len(t.articles), t.id))


def made_threads(v: Views, parts: Optional[Parts] = None) -> list[Thread]:
    """The editor's topic threads, then the automatic ones in the order they were found, these without ids."""
    b = v.briefing
    records = b.articles
    n_all = len(records)
    if not records:
        return []
    parts = parts if parts is not None else Parts()
    part = {r.id: parts.of(r.title, b.bodies.get(r.id, "")) for r in records}  # what each text alone gives
    feats = {rec.id: features(rec) for rec in records}  # each article's features, made once
    df: Counter[str] = Counter()
    for rec in records:
        df.update(set(feats[rec.id]))
    casing = word_casing(part[r.id] for r in records)
    index = PhraseIndex(((r.id, Text(r.title + "\n" + b.bodies.get(r.id, ""), part[r.id].uses)) for r in records),
                        (k for r in records for k in r.keywords), found={aid: p.phrases for aid, p in part.items()})
    headlines = HeadlineIndex((r.id, r.title) for r in records)
    leads = LeadIndex(records, b)
    threads: list[Thread] = []
    in_topic: set[str] = set()
    for tid, topic in sorted(b.topics.items()):
        recs = v.articles_of_topic.get(tid, [])
        if not recs or machine_proposed(topic):
            continue
        in_topic |= {r.id for r in recs}
        scored = distinctive(recs, df, n_all, feats)
        _, ids = thread_title(b, scored, recs, df, n_all, casing, index, headlines, leads)
        summary = [topic.summary] if topic.summary else _summary(b, recs, dict((f, s) for s, f in scored))
        threads.append(Thread(tid, topic.title, summary, list(recs), names=ids, topic=tid))
    rest = [r for r in records if r.id not in in_topic]
    min_size = MIN_SIZE if n_all >= SMALL else 2
    order = {r.id: i for i, r in enumerate(records)}
    by_id = {r.id: r for r in records}
    split_above = max(SPLIT_FROM, n_all // 25)
    found = []
    text = vectors_of({r.id: part[r.id].words for r in rest})
    g = graph(rest, combined(vectors(rest, n_all, df, feats), text))
    todo = [(group, 1.0) for group in communities(g, split_above)]
    while todo:
        group, resolution = todo.pop(0)
        group = core(g, group)
        pair = len(group) == 2 < min_size and may_pair([by_id[i] for i in group])  # a story told twice
        if len(group) < min_size and not pair:
            continue
        halves = two_stories(g, group, min_size)
        if halves:
            todo.extend((h, resolution) for h in halves)
            continue
        recs = sorted((by_id[i] for i in group), key=lambda r: order[r.id])
        scored = distinctive(recs, df, n_all, feats)
        title, ids = thread_title(b, scored, recs, df, n_all, casing, index, headlines, leads)
        if pair and not tight(recs, title, ids, b):
            continue
        if not title:
            # nothing distinctive and shared names it: several stories, perhaps, cut finer (twice at most);
            # else better no thread than one called "State"
            if len(group) >= 2 * min_size and resolution < RESPLIT_LIMIT:
                finer = louvain(induced(g, group), SEED, resolution * 2)
                if len(finer) > 1:
                    todo.extend((p, resolution * 2) for p in finer)
            continue
        found.append(Thread("", title, _summary(b, recs, dict((f, s) for s, f in scored)), recs, names=ids))
    quotes, events = _by_article(v)
    return [_finish(t, v, quotes, events) for t in threads + found]


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

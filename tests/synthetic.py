"""A synthetic Briefing of any size, with hostile text, for tests of pictures, feeds and data."""

from __future__ import annotations

import datetime as dt
import random
import re
from typing import Sequence

from generator.records import Actor, ArticleRecord, Briefing, DateMention, Entity, Quote, Source, Topic, TopicMatch

HOSTILE = '<script>alert("x")</script> & \'quotes\' ]]> \x01'
TYPES = ("PERSON", "ORG", "GPE", "LOC", "PRODUCT", "EVENT")


def big_briefing(n_entities: int = 220, n_articles: int = 120, seed: int = 7) -> Briefing:
    rnd = random.Random(seed)
    entities = {}
    for i in range(n_entities):
        eid = f"e{i:03d}"
        name = f"Entity number {i} with a rather long name" if i % 17 == 0 else f"Name {i}"
        if i == 3:
            name = "Acme " + HOSTILE
        entities[eid] = Entity(id=eid, name=name, type=TYPES[i % len(TYPES)])
    articles, bodies = [], {}
    values = ["2012", "2018-01", "2018-01-10", "2017-W05", "2016-Q3", "2015-06-01T14:30", "199", "PRESENT_REF"]
    for k in range(n_articles):
        sentences, parts, pos = [], [], 0
        for s in range(6):
            text = f"Sentence {s} of article {k} says {HOSTILE}."
            parts.append(text)
            sentences.append((pos, pos + len(text)))
            pos += len(text) + 1
        body = " ".join(parts)
        chosen = sorted(rnd.sample(range(n_entities), 8), key=lambda i: (i % 5, i))  # skewed weights
        chosen = [i // 3 if rnd.random() < 0.5 else i for i in chosen]
        chosen = list(dict.fromkeys(chosen))
        actors = [Actor(id=f"e{i:03d}", name=entities[f"e{i:03d}"].name, type=entities[f"e{i:03d}"].type,
                        mentions=1, spans=[(sentences[j % 6][0], sentences[j % 6][0] + 8)])
                  for j, i in enumerate(chosen)]
        value = values[k % len(values)]
        dates = [DateMention(text="then", value=value, start=sentences[2][0], end=sentences[2][0] + 4,
                             sentence=parts[2])]
        quotes = [Quote(text="We won " + HOSTILE, start=sentences[1][0], end=sentences[1][0] + 10,
                        speaker=actors[0].id, cue="said")]
        published = dt.date(2018, 1, 1) + dt.timedelta(days=k) if k % 4 else None
        aid = f"article-{k:03d}"
        title = f"Article {k}: " + (HOSTILE if k == 1 else "ordinary news")
        articles.append(ArticleRecord(id=aid, title=title, published=published,
                                      source=Source(file=f"seeds/{k}.txt", url="https://example.org/a?b=1&c=2"),
                                      summary="Summary " + HOSTILE, topics=["t1"] if k % 2 else [],
                                      actors=actors, quotes=quotes, dates=dates, sentences=sentences))
        bodies[aid] = body
    articles.sort(key=lambda r: (-(r.published.toordinal() if r.published else 0), r.title.lower(), r.id))
    topics = {"t1": Topic(id="t1", title="Topic " + HOSTILE, summary="s", match=TopicMatch())}
    return Briefing(articles=articles, bodies=bodies, entities=entities, topics=topics)


def many_stories(n_stories: int, per_story: int, extra: int = 0) -> Briefing:
    """Invented stories, each with its own three names and a name every article shares; `extra` articles more,
    each of its own story (a new story starting)."""
    syll = ["ka", "lo", "mer", "tis", "van", "dor", "bre", "sul", "yan", "pol", "rik", "eno"]
    entities = {"everland": Entity(id="everland", name="Everland", type="GPE")}
    recs, bodies = [], {}
    day = 0
    for k in range(n_stories + extra):
        again = "ov" * (k // 12)  # story 12 is not story 0 again: not one word of its names is the same
        names = [syll[k % 12].title() + syll[(k * 5 + j) % 12] + again + " "
                 + syll[(k + j * 7) % 12].title() + again + "sen" for j in range(3)]
        ids = [f"s{k}-n{j}" for j in range(3)]
        for eid, name, typ in zip(ids, names, ("PERSON", "ORG", "PERSON")):
            entities[eid] = Entity(id=eid, name=name, type=typ)
        for i in range(per_story if k < n_stories else 1):
            day += 1
            chosen = [0, 1, 2] if i % 3 == 0 else [0, 1 + i % 2]
            text = " and ".join(names[j] for j in chosen) + " met in Everland."
            actors, pos = [], 0
            for j in chosen:
                actors.append(Actor(id=ids[j], name=names[j], type=entities[ids[j]].type, mentions=1,
                                    spans=[(pos, pos + len(names[j]))]))
                pos += len(names[j]) + 5
            actors.append(Actor(id="everland", name="Everland", type="GPE", mentions=1,
                                spans=[(len(text) - 9, len(text) - 1)]))
            aid = f"a{k:02d}-{i}"
            recs.append(ArticleRecord(id=aid, title=f"Story {aid}", published=dt.date(2031, 1, 1) + dt.timedelta(day),
                                      source=Source(file=f"{aid}.txt"), summary=text, actors=actors,
                                      sentences=[(0, len(text))]))
            bodies[aid] = text
    recs.sort(key=lambda r: (-r.published.toordinal(), r.id))
    return Briefing(articles=recs, bodies=bodies, entities=entities, topics={})


def invented_article(entities: dict[str, tuple[str, str, list[str]]], aid: str, headline: str, body: str,
                     names: list[str], keywords: Sequence[str] = (), whole_words: bool = False) -> ArticleRecord:
    """A record whose actors (ids of `entities`: id -> (name, type, aliases)) are found in the body by name or
    alias (as whole words when `whole_words`), a span inside a longer one dropped; sentences split at '. '."""
    sentences, start = [], 0
    for m in re.finditer(r"\. |\.$", body):
        sentences.append((start, m.end()))
        start = m.end()
    if start < len(body):
        sentences.append((start, len(body)))
    edge = r"\b" if whole_words else ""
    acts = []
    for eid in names:
        name, kind, aliases = entities[eid]
        spans = sorted({(m.start(), m.end()) for form in [name, *aliases]
                        for m in re.finditer(edge + re.escape(form) + edge, body)})
        spans = [s for s in spans if not any(o[0] <= s[0] and s[1] <= o[1] and o != s for o in spans)]
        acts.append(Actor(id=eid, name=name, type=kind, mentions=max(1, len(spans)), spans=spans))
    return ArticleRecord(id=aid, title=headline, source=Source(file=f"{aid}.txt"), actors=acts,
                         keywords=list(keywords), sentences=sentences)


def invented_briefing(entities: dict[str, tuple[str, str, list[str]]], records: list[ArticleRecord],
                      bodies: dict[str, str]) -> Briefing:
    return Briefing(articles=records, bodies=bodies, topics={},
                    entities={k: Entity(id=k, name=n, type=t, aliases=a) for k, (n, t, a) in entities.items()})


QUIET = "The weather was mild across the region. Markets were quiet. Nothing else happened today at all."


def invented_thread_title(entities: dict[str, tuple[str, str, list[str]]], group: list[tuple[str, str, list[str]]],
                          others: Sequence[tuple[str, str, list[str]]] = (), n_filler: int = 40) -> str:
    """The title thread_titles.title gives the group's articles (headline, body, entity ids) in a briefing of
    them, `others` and `n_filler` quiet articles; actors found in the bodies as whole words."""
    from collections import Counter

    from generator.site.thread_actors import LeadIndex
    from generator.site.thread_headlines import HeadlineIndex
    from generator.site.thread_phrases import PhraseIndex
    from generator.site.thread_titles import distinctive, title, word_casing

    recs, bodies = [], {}
    rows = [*group, *others, *((f"Quiet day {i}", QUIET, []) for i in range(n_filler))]
    for i, (head, body, names) in enumerate(rows):
        recs.append(invented_article(entities, f"a{i:03d}", head, body, names, whole_words=True))
        bodies[f"a{i:03d}"] = body
    b = invented_briefing(entities, recs, bodies)
    feats = {r.id: {"e:" + a.id: 1.0 for a in r.actors} for r in recs}
    df: Counter[str] = Counter()
    for r in recs:
        df.update(set(feats[r.id]))
    mine = recs[:len(group)]
    index = PhraseIndex(((r.id, r.title + "\n" + bodies[r.id]) for r in recs), [])
    return title(b, distinctive(mine, df, len(recs), feats), mine, df, len(recs), word_casing(bodies.values()),
                 index, HeadlineIndex((r.id, r.title) for r in recs), LeadIndex(recs, b))[0]

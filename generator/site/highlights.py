"""The home page's timeline highlights: the events the articles are about, not the furthest future.

An event is one dated value (a day, or a time on a day; a week when days are few) close to when the articles
were published (within NEAR_DAYS of a publication date). Values named by more articles come first, then the
ones closest to a publication, then the finer ones. Each highlight shows one sentence that reads as an event
(a full sentence of a few words, not a heading or a date line), from the article published nearest to it.
The chosen highlights are listed newest first. Deterministic: every tie is broken by value and article id.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict

from generator.site.views import TimelineEntry, Views

NEAR_DAYS = 31
_SENTENCE = re.compile(r"^[\"'“‘(]?[A-Z0-9].{20,}[.!?][\"'”’)]?$", re.S)


def _reads_as_event(e: TimelineEntry) -> bool:
    text = (e.date.event or e.date.sentence or "").strip()
    return bool(e.date.event) or (bool(_SENTENCE.match(text)) and len(text.split()) >= 6
                                  and sum(w[:1].islower() for w in text.split()) >= 3)


def timeline_highlights(v: Views, n: int) -> list[TimelineEntry]:
    published = sorted({r.published for r in v.briefing.articles if r.published})
    by_value: dict[str, list[TimelineEntry]] = defaultdict(list)
    for e in v.timeline:
        if e.sort[2] <= 2 and not re.match(r"^\d{4}-\d{2}$", e.value):  # days, times, weeks (not months)
            by_value[e.value].append(e)
    scored = []
    for value, entries in by_value.items():
        start = dt.date.fromisoformat(entries[0].sort[0])
        distance = min((abs((start - p).days) for p in published), default=0)
        if distance > NEAR_DAYS:
            continue
        events = [e for e in entries if _reads_as_event(e)]
        if not events:
            continue

        def nearness(e: TimelineEntry, start: dt.date = start) -> tuple:
            pub = e.article.published
            return (abs((start - pub).days) if pub else 10**6, e.article.id, e.date.start)

        best = min(events, key=nearness)
        n_articles = len({e.article.id for e in entries})
        scored.append(((-n_articles, distance, entries[0].sort[2], value), best))
    chosen = [e for _, e in sorted(scored, key=lambda s: s[0])[:n]]
    return sorted(chosen, key=lambda e: (e.sort, e.value), reverse=True)

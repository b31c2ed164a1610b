"""When two articles are a thread though threads have MIN_SIZE articles (threads.py): a story told twice.

A main story of a briefing is sometimes told in only two of its articles (a House panel holding an aide in
contempt, then the row over his immunity deal, a day apart). A thread of any two articles would flood a
large briefing with pairs that happen to share a name, so a pair is a thread only when it is tight:

- both articles are dated and at most PAIR_DAYS apart (undated articles never pair: nothing says they are
  one development);
- its title (thread_titles.py) is whole, three parts and no place, and names at least two actors, each of
  them named in both articles and not two names of one thing: the same people and bodies, not one name in
  common ("Chesebrough-Pond's Inc — NV" is no story line, "Bryan Pagliano — Jason Chaffetz — Department of
  Justice" is).
"""

from __future__ import annotations

from generator.records import ArticleRecord, Briefing
from generator.site.thread_names import PLACE_TYPES, same_initials
from generator.site.views import overlaps

PAIR_DAYS = 3


def may_pair(recs: list[ArticleRecord]) -> bool:
    """Two articles, both dated, at most PAIR_DAYS apart: worth titling to see whether they are tight."""
    if len(recs) != 2 or not all(r.published for r in recs):
        return False
    a, b = (r.published for r in recs)
    return abs((a - b).days) <= PAIR_DAYS  # type: ignore[operator]


def tight(recs: list[ArticleRecord], title: str, names: list[str], b: Briefing) -> bool:
    """The pair's title (thread_titles.py; `names`: the entity ids in it) is three parts, none of them a
    place, and holds two actors or more that are each named in both articles and are not one thing twice
    ("ICI Pharma" beside "ICI Pharmaceuticals Group")."""
    if not may_pair(recs) or len(title.split(" — ")) < 3:
        return False
    if any(e in b.entities and b.entities[e].type in PLACE_TYPES for e in names):
        return False
    named = [{a.id for a in r.actors} for r in recs]
    actors = [e for e in names if e in b.entities]
    shown = [b.entities[e].name for e in actors]
    for i, name in enumerate(shown):
        others = shown[:i] + shown[i + 1:]
        if overlaps(name, others) or any(same_initials(name, o) for o in others) or any(set(name.casefold().split()) & set(o.casefold().split()) for o in others):
            return False
    return len(actors) >= 2 and all(e in n for e in actors for n in named)

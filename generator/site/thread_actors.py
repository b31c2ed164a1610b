"""Which names a thread's articles are about, and which they only cite in passing.

A story's articles say who it is about where they say what happened: in the headline and the lede. A body
the articles cite ("according to the nonpartisan Congressional Budget Office", "who served as director of the
American Action Forum") is named once, deep in the text. A name is an **actor** of a group of articles when
at least one of them names it in its headline or in its first LEDE_SENTENCES sentences, or when the articles
that name it mention it MIN_MEAN_MENTIONS times each on average (a person the story is told about, though
the headlines call him by what he did). Only actors name a thread (thread_titles.py).

A name the whole briefing names may still be what a few of its articles are about: in a corpus of one
developing story its finance minister is in a third of all the articles, but in the headline of the few
about his European trip. `LeadIndex` keeps which entities each article names in its headline or lede, so
that a title can take a name whose share of the thread's leads is MIN_LIFT times its share of all leads.

A headline names an entity when it holds the entity's name or an alias, or a person's surname, or a
company's name without its legal suffix, as whole words in any casing ("FUNARO REJECTS IMF PLAN" names Dilson
Funaro, "USAIR REJECTS TWA BID" names USAir Group). `LeadIndex.headline_names` gives the names most of a
thread's headlines hold: what the thread is about, whether or not the rest of the briefing names them too.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from typing import Optional

from generator.records import ArticleRecord, Briefing

LEDE_SENTENCES = 2
MIN_MEAN_MENTIONS = 2.0
_NON_WORD = re.compile(r"[^\w]+")
LEGAL_SUFFIX = re.compile(r"(?:,?\s+(?:inc|corp|corporation|co|company|group|ltd|plc|ag|sa|nv|llc|holdings?)\.?)+$", re.I)


def _words(text: str) -> str:
    return " " + _NON_WORD.sub(" ", text.casefold()).strip() + " "


def in_headline(rec: ArticleRecord, b: Briefing) -> set[str]:
    """The entities an article's headline names (see the module doc)."""
    head = _words(rec.title)
    out = set()
    for actor in rec.actors:
        ent = b.entities.get(actor.id)
        if ent is None:
            continue
        forms = [ent.name, *ent.aliases]
        if ent.type == "PERSON" and " " in ent.name.strip():
            forms.append(ent.name.split()[-1])
        elif ent.type == "ORG":
            forms += [LEGAL_SUFFIX.sub("", f) for f in forms]
        if any(len(f.strip()) > 2 and _words(f) in head for f in forms):
            out.add(actor.id)
    return out


def in_lead(rec: ArticleRecord, b: Briefing, heads: Optional[set[str]] = None) -> set[str]:
    """The entities an article names in its headline (`heads`, when known) or its first LEDE_SENTENCES
    sentences."""
    starts = [s for s, _ in rec.sentences]
    out = set(in_headline(rec, b) if heads is None else heads)
    for actor in rec.actors:
        if any(bisect.bisect_right(starts, s0) - 1 < LEDE_SENTENCES for s0, _ in actor.spans):
            out.add(actor.id)
    return out


def actors(recs: list[ArticleRecord], b: Briefing) -> set[str]:
    """The entities these articles are about (see the module doc), not those they cite in passing."""
    lead: set[str] = set()
    mentions: Counter[str] = Counter()
    naming: Counter[str] = Counter()
    for rec in recs:
        lead |= in_lead(rec, b)
        for actor in rec.actors:
            mentions[actor.id] += max(1, actor.mentions)
            naming[actor.id] += 1
    return lead | {eid for eid, k in naming.items() if mentions[eid] >= MIN_MEAN_MENTIONS * k}


class LeadIndex:
    """Each article's lead entities (`in_lead`) and, over the briefing, the articles that lead with each."""

    def __init__(self, records: list[ArticleRecord], b: Briefing):
        self.heads = {rec.id: in_headline(rec, b) for rec in records}
        self.of = {rec.id: in_lead(rec, b, self.heads[rec.id]) for rec in records}
        self.df: Counter[str] = Counter()
        for found in self.of.values():
            self.df.update(found)
        self.n = len(self.of)

    def distinctive(self, ids: list[str], min_share: float, min_lift: float) -> list[tuple[float, str]]:
        """(score, entity id) of the entities in at least min_share of these articles' leads and min_lift
        times more common there than in all leads: lead share times IDF of the leads, best first."""
        k = len(ids)
        if not k or not self.n:
            return []
        inside: Counter[str] = Counter()
        for aid in ids:
            inside.update(self.of.get(aid, ()))
        need = max(2, min_share * k)
        lift = min(min_lift, 0.5 * self.n / k)
        scored = [((c / k) * math.log((self.n + 1) / self.df[e]), e) for e, c in inside.items()
                  if c >= need and c / k >= lift * self.df[e] / self.n]
        return sorted(scored, key=lambda se: (-se[0], se[1]))

    def share(self, eid: str, ids: list[str], heads_only: bool = False) -> float:
        """Share of these articles whose lead (or headline only) names the entity."""
        found = self.heads if heads_only else self.of
        return sum(1 for aid in ids if eid in found.get(aid, ())) / len(ids) if ids else 0.0

    def headline_names(self, ids: list[str], min_share: float) -> list[str]:
        """The entities at least min_share of these articles' headlines name (two at least), most named first."""
        inside: Counter[str] = Counter()
        for aid in ids:
            inside.update(self.heads.get(aid, ()))
        need = max(2, min_share * len(ids))
        return [e for e, c in sorted(inside.items(), key=lambda ec: (-ec[1], ec[0])) if c >= need]

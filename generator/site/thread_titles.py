"""A story thread's title: the names and phrases that set its articles apart from the rest of the briefing.

A candidate is an entity or a key phrase shared by a good part of the thread's articles. It is scored by its
share of the thread's articles times its rarity in the whole briefing (IDF), and it must be at least
MIN_LIFT times more common in the thread than in the briefing: a name in a large share of all articles
("United Kingdom" in a British news corpus, the candidate in an election corpus) describes the corpus,
not a story, and never names a thread. Beyond that:

- people, organisations, events and works lead; a place or a nationality is worth half and comes last,
  one at most; a title of places only is no title;
- a one-word name the articles mostly write in lower case ("President" beside "the president", "Bank",
  "Cent" of "per cent") is a common noun the tagger capitalised, never a name;
- one distinctive key phrase of two words or more ("control order", "search engine") may stand beside the
  names, and may lead a title whose other parts are places, never alone; a one-word phrase ("bid", "coach")
  is a common noun, no story line;
- one name alone is a title only when most of the thread's articles name it and few of all articles do
  ("Bank of England", not "BBC" in the BBC's own news);
- the first part must be named by at least MIN_LEAD_SHARE of the thread's articles, else the group is a
  grab-bag of unrelated articles and gets no title (so no thread: better none than a wrong one), unless a
  phrase names it alone (below);
- only names the articles are about name a thread (thread_actors.py: in a headline or lede of one of them,
  or mentioned twice an article): not a body cited in passing ("according to the Congressional Budget
  Office"); nor a unit the tagger took for a name ("1,200 MW"), an office word ("Finance" of "Finance
  Minister"), or a date ("April 1");
- a name in MIN_LEAD_SHARE of the thread's headlines and ledes and MIN_LIFT times more common there than in
  all leads is a candidate though its mentions are not distinctive (the finance minister a third of a
  one-story corpus names, in every headline of the articles on his European trip);
- the phrase is the one the thread's headlines share ("Brazil loans", thread_headlines.py), else the one its
  texts share (thread_phrases.py); never a measure or who tells ("percentage points", "net income",
  "banking sources": thread_phrase_use.py); a phrase in MIN_LEAD_SHARE of the headlines or ALONE_SHARE of
  the articles may stand alone ("Brazil loans": one bank in each article, the same loans in all);
- a month is no actor ("September"); a place's people's adjective beside the place is the place again
  ("Uganda", not "Uganda — Ugandan"); a name is shown as the texts write it (shown_name: "U.S.", "Subroto" of
  "Energy Minister Subroto", not "Energy Subroto");
- a title of names only, none of them in any of the thread's headlines or ledes, names what its articles
  happen to co-mention, not a story line: no title; nor one whose first name few of its leads hold while
  its headlines share no distinctive word (a grab-bag: thread_headlines.HeadlineIndex.share_a_word);
- names come in the order of what the articles are about (thread_names.py): the names most headlines hold
  first, a place among them after the first actor ("Hisham Nazer — Saudi Arabia — Opec pact"); a name most
  headlines hold though the whole briefing names it ("TWA" among TWA's stories) stands only beside a phrase;
  the experts and bodies the articles cite, offices ("Oil Minister"), cut names ("Office of the"), a second
  name of one person or thing, and sources ("told Reuters": thread_phrase_use.cited) never title a thread.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Optional

from generator.records import ArticleRecord, Briefing, Entity
from generator.site import thread_headlines
from generator.site.thread_actors import LeadIndex, actors
from generator.site.thread_headlines import HeadlineIndex
from generator.site.thread_names import (OFFICE_WORDS, PLACE_TYPES, about_first, cut_short, drop_office_word, fuller,
                                         office, same_as_taken)
from generator.site.thread_phrase_use import cited, fragment, measure, uses
from generator.site.thread_phrases import PhraseIndex
from generator.site.thread_words import singular

TITLE_PARTS = 3
MIN_LIFT = 4.0  # share of the thread's articles / share of all articles
MIN_SHARE = 0.3  # of the thread's articles, for any part
MIN_LEAD_SHARE = 0.4  # of the thread's articles, for the first part
ALONE_SHARE = 0.6  # a title of one name only: in this share of the thread's articles at least
MOST_SHARE = 2 / 3  # of the thread's articles: a name in so many is what they are about, lede or not
ALONE_MAX_DF = 0.05  # and in no more than this share of all articles
PHRASE_MAX_DF = 0.15  # a phrase in more of all articles than this is vocabulary, not a story's phrase
_DATE = re.compile(r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d", re.I)  # "April 1"
_WORD_RE = re.compile(r"[A-Za-z][\w'’-]*")
_MONTH = re.compile(r"(?:(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?|january|february|march|april|may|june|"
                    r"july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|"
                    r"saturday|sunday)(?: \d{4})?", re.I)  # "September": a time, not an actor
_INITIALS = re.compile(r"(?:[A-Z]\.)+[A-Z]")  # "U.S" of "U.S." cut before its last stop


def distinctive(recs: list[ArticleRecord], df: Counter, n_all: int,
                feats: dict[str, dict[str, float]]) -> list[tuple[float, str]]:
    """(score, feature) of a group of articles: share of its articles naming it times its rarity overall;
    only features at least MIN_LIFT times more common in the group than in the briefing (or, for a group of
    more than an eighth of the briefing, at least half as much more common as any feature can be)."""
    inside: Counter[str] = Counter()
    for rec in recs:
        inside.update(set(feats[rec.id]))
    n = len(recs)
    need = max(2, math.ceil(MIN_SHARE * n)) if n > 1 else 1
    lift = min(MIN_LIFT, 0.5 * n_all / n)  # a group of a quarter of the briefing can be at most 4 times denser
    scored = [((k / n) * math.log((n_all + 1) / df[f]), f) for f, k in inside.items()
              if k >= need and (k / n) >= lift * df[f] / n_all]
    return sorted(scored, key=lambda sf: (-sf[0], sf[1]))


def word_casing(bodies) -> dict[str, tuple[int, int]]:
    """word (case-folded) -> (times written in lower case, times capitalised inside a sentence), over `bodies`."""
    lower: Counter[str] = Counter()
    upper: Counter[str] = Counter()
    for body in bodies:
        for m in _WORD_RE.finditer(body):
            w = m.group(0)
            if w.islower():
                lower[w] += 1
            elif w[:1].isupper() and not _sentence_start(body, m.start()):
                upper[w.casefold()] += 1
    return {w: (lower[w], upper[w]) for w in sorted(lower.keys() | upper.keys())}


def common_noun(name: str, casing: dict[str, tuple[int, int]]) -> bool:
    """A one-word name the briefing's texts write in lower case at least half as often as capitalised inside
    a sentence: a common noun the tagger capitalised ("the president", "the budget", "digital"), not a name."""
    name = name.strip()
    if " " in name or not name[:1].isupper() or name.isupper():
        return False
    lower, upper = casing.get(name.casefold(), (0, 0))
    return 2 * lower >= max(1, upper)


def _sentence_start(body: str, at: int) -> bool:
    before = body[max(0, at - 3):at].rstrip(" \"“‘'(")
    return not before or before[-1] in ".!?\n:"


def title(b: Briefing, scored: list[tuple[float, str]], recs: list[ArticleRecord], df: Counter, n_all: int,
          casing: dict[str, tuple[int, int]], index: Optional[PhraseIndex] = None,
          headlines: Optional[HeadlineIndex] = None, leads: Optional[LeadIndex] = None) -> tuple[str, list[str]]:
    """(title, entity ids in it); ('', []) when nothing distinctive and coherent names the group.
    `casing`: word_casing over the briefing's texts; `index`: the phrases of the briefing's texts;
    `headlines`: the phrases of its headlines; `leads`: the entities of its headlines and ledes.
    A name is a candidate when distinctive of the thread's articles (`scored`) or of their leads."""
    share = _shares(recs)
    about = actors(recs, b)
    ids_ = [r.id for r in recs]
    names: list[tuple[float, str, str]] = []  # (score, entity id, name)
    by_lead = leads.distinctive(ids_, MIN_LEAD_SHARE, MIN_LIFT) if leads is not None else []
    known = {f for _, f in scored}
    known |= {"e:" + e for _, e in by_lead}
    in_heads = set(leads.headline_names(ids_, MIN_LEAD_SHARE)) if leads is not None else set()
    plain = [(0.0, "e:" + e) for e in sorted(in_heads) if "e:" + e not in known and e in b.entities
             and b.entities[e].type not in PLACE_TYPES]  # named by most headlines, though not rare overall
    cands = [(s, f[2:]) for s, f in sorted([*scored, *((s, "e:" + e) for s, e in by_lead
                                                       if "e:" + e not in {g for _, g in scored}), *plain],
                                           key=lambda sf: (-sf[0], sf[1]))
             if f.startswith("e:") and f[2:] in b.entities and f[2:] in about
             and not _DATE.match(b.entities[f[2:]].name) and not _MONTH.fullmatch(b.entities[f[2:]].name.strip())
             and not office(b.entities[f[2:]])
             and not cut_short(b.entities[f[2:]].name)]
    if leads is not None:
        cands = about_first(cands, ids_, leads, in_heads, {f[2:] for _, f in plain}, share, b, MIN_SHARE, MOST_SHARE)
    texts = [index.text.get(r.id, "") for r in recs] if index is not None else []
    for s, eid in cands:
        ent = b.entities[eid]
        if ent.type in PLACE_TYPES:
            s *= 0.5
        shown = shown_name(ent, texts)
        taken = [(n, b.entities[e].type) for _, e, n in names]
        if ent.type == "PERSON" and (i := fuller(shown, taken)) is not None:
            names[i] = (names[i][0], eid, shown)  # "Ali al-Khalifa al-Sabah" for "Ali"
            continue
        if same_as_taken(shown, ent.type, taken) or common_noun(ent.name, casing):
            continue
        if index is not None and (_unit_or_office(ent.name, texts)
                                  or (ent.type not in PLACE_TYPES and cited(ent.name, texts))):
            continue
        names.append((s, eid, shown))
    if leads is None:
        names.sort(key=lambda x: (-x[0], x[1]))
    plain_ids = {f[2:] for _, f in plain}
    people = [x for x in names if b.entities[x[1]].type not in PLACE_TYPES]
    if people:  # a place most headlines name, after the first actor ("Hisham Nazer — Saudi Arabia")
        people[1:1] = [x for x in names if b.entities[x[1]].type in PLACE_TYPES and x[1] in in_heads][:1]
    places = [x for x in names if x not in people]  # a place most headlines name is what the story is about
    phrase = _phrase(scored, recs, df, n_all, [n for _, _, n in people[:TITLE_PARTS - 1]], index, headlines, casing)
    if not phrase and any(x[1] in plain_ids for x in people):  # a name all the briefing names needs a phrase
        people = [x for x in people if x[1] not in plain_ids]
        phrase = _phrase(scored, recs, df, n_all, [n for _, _, n in people[:TITLE_PARTS - 1]], index, headlines,
                         casing)
    parts = people[:TITLE_PARTS - 1] if phrase else people[:TITLE_PARTS]
    if phrase:  # "Orland loans", not "Orland loans — Orland"
        said = {singular(w) for w in phrase.casefold().split()}
        places = [x for x in places if not said & {singular(w) for w in x[2].casefold().split()}]
    if parts and share.get(parts[0][1], 0.0) < MIN_LEAD_SHARE:
        phrase = _phrase(scored, recs, df, n_all, [], index, headlines, casing)  # no names: none to avoid
        if phrase and _alone(phrase, recs, index, headlines):  # one bank each, all "Brazil loans"
            return phrase[:1].upper() + phrase[1:], []
        return "", []  # its best name is in too few of its articles: unrelated articles, not a story
    if len(parts) == 1 and not phrase and not places and (
            share.get(parts[0][1], 0.0) < ALONE_SHARE or df["e:" + parts[0][1]] > ALONE_MAX_DF * n_all
            or (leads is not None and leads.share(parts[0][1], ids_) < MIN_LEAD_SHARE)):
        return "", []  # one name in some of the articles ("BBC"), or that few of them lead with: not a story
    if parts and not phrase and leads is not None and \
            not any(eid in leads.of.get(r.id, ()) for _, eid, _ in parts for r in recs):
        return "", []  # names only, none in any of its headlines or ledes: co-mentions, not a story line
    if parts and not phrase and leads is not None and headlines is not None and \
            leads.share(parts[0][1], ids_) < MIN_LEAD_SHARE and not headlines.share_a_word(ids_, MIN_SHARE, MIN_LIFT):
        return "", []  # names only, the first in few leads, headlines with nothing in common: a grab-bag
    if parts:  # the story's actors, then the phrase it is told in; a place only when there is no phrase
        ids = [eid for _, eid, _ in parts]
        out = [n for _, _, n in parts]
        if phrase:
            out.append(phrase)
        elif len(out) < TITLE_PARTS and places:
            out.append(places[0][2])
            ids.append(places[0][1])
        return " — ".join(out), ids
    if phrase and places and _phrase_share(phrase, recs, index) >= MIN_LEAD_SHARE:  # a story told by its places
        return " — ".join([phrase[:1].upper() + phrase[1:], *[n for _, _, n in places[:TITLE_PARTS - 1]]]), \
            [eid for _, eid, _ in places[:TITLE_PARTS - 1]]
    if phrase and not places and _alone(phrase, recs, index, headlines):  # "super PAC donors"
        return phrase[:1].upper() + phrase[1:], []
    return "", []  # places alone ("United Kingdom") are a beat, not a story line


def _phrase(scored: list[tuple[float, str]], recs: list[ArticleRecord], df: Counter, n_all: int,
            names: list[str], index: Optional[PhraseIndex], headlines: Optional[HeadlineIndex] = None,
            casing: Optional[dict[str, tuple[int, int]]] = None) -> Optional[str]:
    """The thread's most distinctive phrase of two words or more: from its headlines when they share one
    (thread_headlines.py), else from its texts when there is an index, else (or when none is found there) from
    its articles' key phrases. Never one that shares a word with a name in the title, nor (in the texts) a
    measure or who tells (thread_phrase_use.py)."""
    ids = [r.id for r in recs]
    taken = {singular(w) for n in names for w in n.casefold().split()}

    def ok(key: str) -> bool:
        """Not the names again, not a measure nor who tells, and a noun phrase: its last word a noun of the
        parser's key phrases, each word before it a modifier there or a name's word ("Brazil loans")."""
        toks = key.split()
        if set(toks) & (taken | OFFICE_WORDS) or (index is not None and not index.names_a_story(key, ids)):
            return False
        if index is None or not index.heads:
            return True
        return toks[-1] in index.heads and not _name_word(toks[-1], casing or {}) and \
            all(w in index.words or _name_word(w, casing or {}) for w in toks[:-1])

    found = thread_headlines.best(headlines, ids, MIN_SHARE, MIN_LIFT, PHRASE_MAX_DF, casing or {}, ok)
    if found:
        return found
    if index is not None:
        found = index.best(ids, MIN_SHARE, MIN_LIFT, PHRASE_MAX_DF,
                           avoid=[*names, *OFFICE_WORDS])  # "oil minister" is who, not what happened
        if found:
            return found
    return next((f[2:] for _, f in scored if f.startswith("k:") and df[f] <= PHRASE_MAX_DF * n_all
                 and " " in f[2:] and _phrase_ok(f[2:], [*names, *OFFICE_WORDS])
                 and (index is None or index.names_a_story(_key(f[2:]), ids))), None)


def _key(phrase: str) -> str:
    return " ".join(singular(w) for w in phrase.casefold().split())


def shown_name(ent: Entity, texts: list[str]) -> str:
    """The name as a title shows it: without brackets ("Canadian Imperial Bank of Commerce>" of "<CM>"), initials
    with their last stop ("U.S."), a person's name without an office's word glued to it ("Subroto", not
    "Energy Subroto": thread_names.drop_office_word)."""
    name = ent.name.strip(" <>()[]")
    if _INITIALS.fullmatch(name):
        return name + "."
    return drop_office_word(name, texts) if ent.type == "PERSON" else name


def _unit_or_office(name: str, texts: list[str]) -> bool:
    """A name the thread's texts write as a unit ("1,200 MW") or as the first word of an office ("Finance
    Minister"): thread_phrase_use.measure and .fragment."""
    key = " ".join(singular(w) for w in name.casefold().split())
    return measure(key, texts) or fragment(name, texts)


def _name_word(word: str, casing: dict[str, tuple[int, int]]) -> bool:
    """A word the texts write capitalised inside sentences more often than in lower case ("brazil")."""
    lower, upper = casing.get(word, (0, 0))
    return upper > lower


def _phrase_ok(phrase: str, names: list[str]) -> bool:
    """A key phrase that is not one of the names again ("Bank of England" and "bank")."""
    words = set(phrase.casefold().split())
    return not any(words & set(n.casefold().split()) for n in names)


def _shares(recs: list[ArticleRecord]) -> dict[str, float]:
    counts: Counter[str] = Counter()
    for r in recs:
        counts.update({a.id for a in r.actors})
    return {eid: k / len(recs) for eid, k in counts.items()} if recs else {}


def _alone(phrase: str, recs: list[ArticleRecord], index: Optional[PhraseIndex],
           headlines: Optional[HeadlineIndex]) -> bool:
    """A phrase that names a thread alone: used by ALONE_SHARE of its articles, or in MIN_LEAD_SHARE of its
    headlines (a headline says what the article is about more surely than a sentence of it does)."""
    if _phrase_share(phrase, recs, index) >= ALONE_SHARE:
        return True
    if headlines is None or not recs:
        return False
    key = " ".join(singular(w) for w in phrase.casefold().split())
    return sum(1 for r in recs if key in headlines.of.get(r.id, {})) >= MIN_LEAD_SHARE * len(recs)


def _phrase_share(phrase: str, recs: list[ArticleRecord], index: Optional[PhraseIndex]) -> float:
    """Share of the articles that use the phrase (in their headline or text, in any casing, when there is an
    index, else in key phrases)."""
    if not recs:
        return 0.0
    if index is not None:
        key = " ".join(singular(w) for w in phrase.casefold().split())
        found = sum(1 for r in recs if key in index.of.get(r.id, {}) or uses(key, [index.text.get(r.id, "")])[0])
        if found:
            return found / len(recs)
    return sum(1 for r in recs if phrase in r.keywords) / len(recs)

"""Indexes over a Briefing that pages need: mentions by entity, co-occurrence, timeline, quotes by speaker.

All linear in the size of the briefing (co-occurrence counts pairs within an article's top actors only).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Optional

from generator.records import ACTOR_TYPES, ArticleRecord, Briefing, DateMention, Quote

MAX_COOCCURRING_PER_ARTICLE = 40
TIMELINE_TYPES = ("DATE", "TIME")


@dataclass
class Mention:
    article: ArticleRecord
    sentence: int  # 1-based sentence number (anchor s-N)
    text: str  # the sentence
    start: int
    end: int  # mention offsets inside the sentence text


@dataclass
class TimelineEntry:
    value: str
    label: str
    sort: tuple
    date: DateMention
    article: ArticleRecord
    sentence: int


@dataclass
class QuoteView:
    quote: Quote
    article: ArticleRecord
    sentence: int
    speaker_name: str


@dataclass
class Views:
    briefing: Briefing
    pages: set[str]  # entity ids that have a page
    mentions: dict[str, list[Mention]] = field(default_factory=dict)
    articles_of: dict[str, list[ArticleRecord]] = field(default_factory=dict)
    cooccur: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    timeline: list[TimelineEntry] = field(default_factory=list)
    quotes_by: dict[str, list[QuoteView]] = field(default_factory=dict)
    speaker_names: dict[str, str] = field(default_factory=dict)
    articles_of_topic: dict[str, list[ArticleRecord]] = field(default_factory=dict)
    _timeline_at: Optional[dict] = None  # (article id, sentence) -> timeline entries, built on first use
    cooccur_counts: dict[str, dict[str, int]] = field(default_factory=dict)  # graph's pair look-ups, filled on use
    top_actors: dict[str, list[str]] = field(default_factory=dict)  # article id -> its first actors' ids (pictures)


def sentence_index(rec: ArticleRecord, offset: int, starts: list[int] | None = None) -> int:
    """The 1-based sentence holding `offset` (`starts`: the record's sentence starts, when already listed)."""
    starts = starts if starts is not None else [a for a, _ in rec.sentences]
    i = bisect.bisect_right(starts, offset) - 1
    return max(i, 0) + 1


def value_sort_key(value: str) -> Optional[tuple]:
    """A TimeML value -> (start date, granularity rank) for ordering; None for references/durations, and for
    anything that names no day of the calendar (make check refuses those; this never raises)."""
    try:
        return _sort_key(value)
    except (ValueError, OverflowError, TypeError, LookupError):
        return None


def _sort_key(value: str) -> Optional[tuple]:
    m = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T(\d{2}):(\d{2})Z?)?$", value)
    if m:
        y, mo, d, hh, mm = m.groups()
        try:
            date = dt.date(int(y), int(mo or 1), int(d or 1))
        except ValueError:
            return None
        rank = 0 if hh else 1 if d else 2 if mo else 4
        return (date.isoformat(), f"{hh or '00'}:{mm or '00'}", rank)
    m = re.match(r"^(\d{4})-W(\d{2})(?:-WE)?$", value)
    if m:
        try:
            date = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        except ValueError:
            return None
        return (date.isoformat(), "00:00", 2)
    m = re.match(r"^(\d{4})-(Q|H)([1-4])$", value)
    if m:
        month = (int(m[3]) - 1) * (3 if m[2] == "Q" else 6) + 1
        return (dt.date(int(m[1]), month, 1).isoformat(), "00:00", 3)
    m = re.match(r"^(\d{4})-(SP|SU|FA|WI)$", value)
    if m:
        month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[m[2]]
        return (dt.date(int(m[1]), month, 1).isoformat(), "00:00", 3)
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})T(MO|AF|EV|NI)$", value)
    if m:
        day = dt.date(int(m[1]), int(m[2]), int(m[3]))
        return (day.isoformat(), {"MO": "08:00", "AF": "14:00", "EV": "19:00", "NI": "22:00"}[m[4]], 0)
    m = re.match(r"^FY(\d{4})$", value)
    if m:
        return (dt.date(int(m[1]), 1, 1).isoformat(), "00:00", 4)
    m = re.match(r"^(\d{3})$", value)
    if m:
        return (dt.date(int(m[1]) * 10, 1, 1).isoformat(), "00:00", 5)
    return None


def value_label(value: str) -> str:
    """A reader's label for a TimeML value: 2018-01 -> January 2018, 2016-W42 -> week 42, 2016 (17–23 Oct).
    Never raises: a value that names no real date is shown as written (make check refuses those)."""
    try:
        return _label(value)
    except (ValueError, OverflowError, TypeError, LookupError):
        return str(value)


def _day(d: dt.date) -> str:
    return f"{d.day} {d:%B} {d.year}"


def _days(a: dt.date, b: dt.date) -> str:
    """'17–23 Oct', '31 Oct – 6 Nov', '29 Dec 2014 – 4 Jan 2015' (the year only when it changes)."""
    if a.year != b.year:
        return f"{a.day} {a:%b} {a.year} – {b.day} {b:%b} {b.year}"
    if a.month != b.month:
        return f"{a.day} {a:%b} – {b.day} {b:%b}"
    return f"{a.day}–{b.day} {a:%b}"


def _label(value: str) -> str:
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})$", value)
    if m:
        return _day(dt.date(int(m[1]), int(m[2]), int(m[3])))
    m = re.match(r"^(\d{4})-(\d{2})$", value)
    if m:
        d = dt.date(int(m[1]), int(m[2]), 1)
        return f"{d:%B} {d.year}"
    m = re.match(r"^(\d{4})-W(\d{2})(-WE)?$", value)
    if m:
        monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        if m[3]:
            sat, sun = monday + dt.timedelta(days=5), monday + dt.timedelta(days=6)
            return f"weekend of {_days(sat, sun)}" + (f" {sat.year}" if sat.year == sun.year else "")
        return f"week {int(m[2])}, {m[1]} ({_days(monday, monday + dt.timedelta(days=6))})"
    m = re.match(r"^(\d{4})-Q([1-4])$", value)
    if m:
        return f"Q{m[2]} {m[1]}"
    m = re.match(r"^(\d{4})-(SP|SU|FA|WI)$", value)
    if m:
        return f"{ {'SP': 'spring', 'SU': 'summer', 'FA': 'autumn', 'WI': 'winter'}[m[2]]} {m[1]}"
    m = re.match(r"^(\d{3})$", value)
    if m:
        return f"the {m[1]}0s"
    m = re.match(r"^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})Z?$", value)
    if m:
        return f"{_label(m[1])}, {m[2]}" + (" UTC" if value.endswith("Z") else "")
    m = re.match(r"^(\d{4}-\d{2}-\d{2})T(MO|AF|EV|NI)$", value)
    if m:
        part = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night"}[m[2]]
        return f"{_label(m[1])}, {part}"
    if value in REFERENCES:
        return REFERENCES[value]
    m = re.match(r"^PT?(\d+(?:\.\d+)?|X)(DE|CE|ML|WE|Y|Q|M|W|D|H|S)$", value)
    if m:
        time_units = value.startswith("PT")
        unit = DURATION_UNITS.get(("T" if time_units else "") + m[2])
        if unit is None:  # PT2Y, PT1W: no such time unit; shown as written
            return value
        if m[1] == "X":
            return f"some {unit}s"
        n = m[1].removesuffix(".0")
        return f"{n} {unit}" + ("" if n == "1" else "s")
    m = re.match(r"^FY(\d{4})$", value)
    if m:
        return f"fiscal year {m[1]}"
    return value


REFERENCES = {"PRESENT_REF": "the present", "PAST_REF": "the past", "FUTURE_REF": "the future"}
DURATION_UNITS = {"DE": "decade", "CE": "century", "ML": "millennium", "WE": "weekend", "Y": "year", "Q": "quarter",
                  "M": "month", "W": "week", "D": "day", "TH": "hour", "TM": "minute", "TS": "second"}


def build_views(b: Briefing, min_mentions: int, min_articles: int) -> Views:
    mention_count: Counter[str] = Counter()
    article_count: Counter[str] = Counter()
    for rec in b.articles:
        for a in rec.actors:
            mention_count[a.id] += a.mentions
            article_count[a.id] += 1
    speakers = {q.speaker for r in b.articles for q in r.quotes if q.speaker}
    pages = {eid for eid in b.entities if (mention_count[eid] >= min_mentions and article_count[eid] >= min_articles)
             or eid in speakers}
    v = Views(b, pages)
    pair_counts: dict[str, Counter] = defaultdict(Counter)
    for rec in b.articles:
        body = b.bodies[rec.id]
        starts = [a for a, _ in rec.sentences]
        for actor in rec.actors:
            v.articles_of.setdefault(actor.id, []).append(rec)
            for a, e in actor.spans:
                si = sentence_index(rec, a, starts)
                s0, s1 = rec.sentences[si - 1] if rec.sentences else (0, len(body))
                v.mentions.setdefault(actor.id, []).append(Mention(rec, si, body[s0:s1], a - s0, e - s0))
        top = v.top_actors[rec.id] = [a.id for a in rec.actors[:MAX_COOCCURRING_PER_ARTICLE]]
        if len(top) > 1:
            for x in top:
                pair_counts[x].update(top)  # itself too (Counter.update counts in C): taken out below
        for i, d in enumerate(rec.dates):
            if d.type in TIMELINE_TYPES and d.value:
                try:
                    key = value_sort_key(d.value)
                    if key is not None:
                        v.timeline.append(TimelineEntry(d.value, value_label(d.value), key, d, rec,
                                                        sentence_index(rec, d.start, starts)))
                except Exception as exc:  # this date is left off the timeline; the article and the rest stay
                    report(b, rec, f"dates.{i}.value", d.value, exc)
        for q in rec.quotes:
            if q.kind == "partial" and not (q.speaker or q.speaker_label):
                continue
            if q.speaker and q.speaker in b.entities:
                key, name = q.speaker, b.entities[q.speaker].name
            elif q.speaker_label or q.speaker_text:
                label = " ".join((q.speaker_label or q.speaker_text or "").split())
                key, name = "~" + label.lower(), label
            else:
                key, name = "~", "Unattributed"
            v.speaker_names[key] = name
            v.quotes_by.setdefault(key, []).append(QuoteView(q, rec, sentence_index(rec, q.start, starts), name))
        for t in rec.topics:
            v.articles_of_topic.setdefault(t, []).append(rec)
    for eid, counter in sorted(pair_counts.items()):
        counter.pop(eid, None)
        if counter:  # (-count, id): by id, then by count, stable
            v.cooccur[eid] = sorted(sorted(counter.items()), key=itemgetter(1), reverse=True)
    v.timeline.sort(key=lambda e: (e.sort, e.value, e.article.id, e.date.start))  # one value's entries together
    return v


def report(b: Briefing, rec: ArticleRecord | None, key: str, value, exc: Exception) -> None:
    """A value rendering could not show, left out: a bug (make check should have refused it), named with its file."""
    file = f"content/articles/{rec.id}.yml" if rec is not None else "(site)"
    b.render_problems.append((file, key, f"could not show {value!r} ({type(exc).__name__}: {exc}); left out of "
                                         "the site. This is a bug: please report it with this file"))


# ----------------------------------------------------------------------------- helpers for templates

def top_entities(v: Views, n: int) -> list[str]:
    return sorted(v.pages, key=lambda e: (-len(v.articles_of.get(e, [])), -len(v.mentions.get(e, [])), e))[:n]


def entity_events(v: Views, eid: str) -> list[TimelineEntry]:
    """Dated events in sentences that mention the entity: a lookup per mention, not a timeline scan."""
    if v._timeline_at is None:
        v._timeline_at = defaultdict(list)
        for e in v.timeline:
            v._timeline_at[(e.article.id, e.sentence)].append(e)
    seen: set[int] = set()
    found = []
    for m in v.mentions.get(eid, []):
        for e in v._timeline_at.get((m.article.id, m.sentence), []):
            if id(e) not in seen:
                seen.add(id(e))
                found.append(e)
    return sorted(found, key=lambda e: (e.sort, e.article.id, e.date.start))


@dataclass
class SentenceRow:
    """One sentence that names an entity, once however often it names it: (text, is the name) segments."""
    article: ArticleRecord
    sentence: int
    segments: list[tuple[str, bool]]


def sentence_rows(v: Views, eid: str) -> dict[str, list[SentenceRow]]:
    """An entity's mentions by article id, one row per sentence (every mention in it marked), in text order."""
    grouped: dict[str, dict[int, list[Mention]]] = {}
    for m in v.mentions.get(eid, []):
        grouped.setdefault(m.article.id, {}).setdefault(m.sentence, []).append(m)
    out: dict[str, list[SentenceRow]] = {}
    for aid, by_sentence in grouped.items():
        rows = []
        for n in sorted(by_sentence):
            ms = sorted(by_sentence[n], key=lambda m: (m.start, -m.end))
            text, pos, segs = ms[0].text, 0, []
            for m in ms:
                if m.start < pos or m.end > len(text) or m.start >= m.end:
                    continue  # overlapping or out of the sentence: the first one is marked
                if m.start > pos:
                    segs.append((text[pos:m.start], False))
                segs.append((text[m.start:m.end], True))
                pos = m.end
            if pos < len(text):
                segs.append((text[pos:], False))
            rows.append(SentenceRow(ms[0].article, n, segs))
        out[aid] = rows
    return out


def speaker_slug(key: str) -> Optional[str]:
    """The page of a speaker's quotes, under quotes/: by/<entity id> for named ones; None for the others
    (they share quotes/unnamed)."""
    return f"by/{key}" if not key.startswith("~") else None


def _words_of(name: str) -> set[str]:
    return {w.removesuffix("s") for w in re.findall(r"\w+", name.casefold())}


def _acronym(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"\w+", name) if w[0].isupper())


def overlaps(name: str, chosen: list[str]) -> bool:
    """Two names for one thing: one's words inside the other's ("Blair", "Tony Blair"; "Oscar", "Oscars"),
    or one the other's initials ("WTO", "World Trade Organisation")."""
    words = _words_of(name)
    for c in chosen:
        other = _words_of(c)
        if words <= other or other <= words:
            return True
        if (name.isupper() and len(name) > 1 and name == _acronym(c)) or \
                (c.isupper() and len(c) > 1 and c == _acronym(name)):
            return True
    return False


def co_actors(v: Views, eid: str, n: int) -> list[tuple[str, int]]:
    """The entities most often named with `eid` that have a page, without other names of itself or of each
    other ("Clinton" beside "Hillary Clinton" is the registry's unmerged alias, not a second person)."""
    out, names = [], [v.briefing.entities[eid].name]
    for other, k in v.cooccur.get(eid, []):
        if other in v.pages and other != eid and not overlaps(v.briefing.entities[other].name, names):
            out.append((other, k))
            names.append(v.briefing.entities[other].name)
            if len(out) == n:
                break
    return out


def entities_by_type(v: Views) -> list[tuple[str, list[str]]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for eid in v.pages:
        groups[v.briefing.entities[eid].type].append(eid)
    order = ACTOR_TYPES
    return [(t, sorted(groups[t], key=lambda e: (-len(v.articles_of.get(e, [])), v.briefing.entities[e].name.lower())))
            for t in order if t in groups]


def topic_actors(v: Views, tid: str, n: int) -> list[tuple[str, int]]:
    counts: Counter[str] = Counter()
    for rec in v.articles_of_topic.get(tid, []):
        counts.update(a.id for a in rec.actors if a.id in v.pages)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def topic_quotes(v: Views, tid: str) -> list[QuoteView]:
    ids = {r.id for r in v.articles_of_topic.get(tid, [])}
    return [q for qs in v.quotes_by.values() for q in qs if q.article.id in ids and q.quote.kind != "partial"]


def topic_events(v: Views, tid: str) -> list[TimelineEntry]:
    ids = {r.id for r in v.articles_of_topic.get(tid, [])}
    return [e for e in v.timeline if e.article.id in ids]


def speakers_sorted(v: Views) -> list[str]:
    named = sorted((k for k in v.quotes_by if not k.startswith("~")), key=lambda k: (-len(v.quotes_by[k]), k))
    described = sorted(k for k in v.quotes_by if k.startswith("~") and k != "~")
    return named + described + (["~"] if "~" in v.quotes_by else [])


def sentence_of(rec: ArticleRecord, offset: int) -> int:
    return sentence_index(rec, offset)


TEMPLATE_GLOBALS = {f.__name__: f for f in (top_entities, entity_events, entities_by_type, topic_actors,
                                             topic_quotes, topic_events, speakers_sorted, sentence_of,
                                             sentence_rows, speaker_slug, co_actors)}

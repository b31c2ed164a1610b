"""Temporal expressions: spaCy's DATE/TIME entities plus what it misses, normalised by timex.

Candidates are spaCy's DATE/TIME spans and a few patterns the small model often misses (clock times,
month names, years after a preposition, seasons, "now"/"recently"). Each candidate is
- widened to the modifier the model left out ("this" + "year", "Friday" + "morning");
- split when it joins two expressions ("from 2009 to 2011", "June 17, two days later");
- normalised with the tense of the verb that governs it (not of the whole sentence), so "announced
  Friday that it will ..." reads Friday as past.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Optional

from generator.extract import anchoring, docview, timecontext, timemarket, timespans
from generator.extract.cues import sent_of
from generator.extract.timetense import deferred, finite_past, planned, tense_of
from generator.extract.timewords import MONTHS, NUMBERS
from generator.extract.timex import normalise

_EXTRA = re.compile(
    r"\b(?:now|currently|recently|today|yesterday|tomorrow|tonight|at present|nowadays|these days|lately|"
    r"(?<=[Ii]n |[Oo]f )the (?:past|future)(?!\s+(?!(?:and|or|but|as|is|was|were|has|have|had|will|would|that|which|"
    r"when|where|to|of|in|for|with)\b)[a-z\d])|the (?:long|near|short) term|short-term|the time being|soon)\b"
    r"|\bsingle-(?:day|week|month|year)\b|\bsemi-?annual(?:ly)?\b|\bper annum\b|\bthe (?:next|past|last|coming) fortnight\b"
    r"|\b(?:recent|current)\b(?! (?:account|affairs|events|ceo|chairman|president))"
    r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b[0-2]\d[0-5]\d (?:UTC|GMT|hrs?\b(?: local(?: time)?)?)\b"
    r"|\b\d{1,2}:\d{2}(?:\s?[ap]\.?m\.?)?(?:\s(?:UTC|GMT))?"
    r"|\b\d{1,2}\s?[ap]\.m\.(?:\s(?:UTC|GMT))?"
    r"|\b(?:" + "|".join(m.capitalize() for m in MONTHS) + r")(?:\s\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s(?:19|20)\d\d)?\b"
    r"|\b(?:(?:this|last|next|early|late)\s)?(?:spring|summer|autumn|winter)\b")
# "by that time", "at that time": the date the story named last (anchoring resolves it); not "that time of year"
_THAT_TIME = re.compile(r"\b(?:by|at|until|till|since|before|after|from|around)\s(that time)\b"
                        r"(?!\s+(?:of|when|that)\b)", re.I)
_THAN_FORECAST = re.compile(r"\b(?:than|as)\s+(?:(?:originally|initially|previously|first)\s+)?(?:forecast|predicted|"
                            r"projected|estimated|reported|announced)\s+(?:in|on)\s+$",
                            re.I)
_YEAR = re.compile(r"\b(?:in|since|by|until|before|after|from|to|and|of|during|around)\s((?:19|20)\d\d)\b"
                   r"(?!\s?(?:%|percent|-))", re.I)
# durations the small model often misses: "in just minutes", "for decades", "two and a half years"
_UNITS_AFTER = re.compile(r"\b(?:for|in|within|over)\s+(?:just\s+|only\s+|mere\s+)?"
                          r"((?:seconds|minutes|hours|days|weeks|months|years|decades))\b(?![-’']|\s+(?:of|ago|later)\b)",
                          re.I)
_AND_A_HALF = re.compile(r"\b(?:(?:" + "|".join(sorted(NUMBERS, key=len, reverse=True)) + r"|\d+)\s+and\s+a\s+half\s+"
                         r"(?:hours|days|weeks|months|years|decades)|an?\s+(?:hour|day|week|month|year)\s+and\s+a\s+half)\b",
                         re.I)
# what every match of _THAT_TIME and of _AND_A_HALF contains (same flags): a text without it is not scanned
_THAT_TIME_WORDS = re.compile(r"that time", re.I)
_AND_A_HALF_WORDS = re.compile(r"and\s+a\s+half", re.I)
_PART_BEFORE = re.compile(r"(?:\bthe (?:very )?(?:end|beginning|start|middle|rest|remainder|close) of|"
                          r"\b(?:early|earlier|late|later) in)\s+$", re.I)
_TIME_WORD = re.compile(r"(?:second|minute|hour|day|night|week|month|year|decade|centur|quarter|season|time|"
                        r"morning|afternoon|evening|noon|today|tomorrow|yesterday|spring|summer|autumn|fall|winter|"
                        r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|era|age\b|"
                        r"\d{4}|'\d\d|\d:\d|[ap]\.?m\b)", re.I)
_NOT_TIME = re.compile(r"(?:the )?ages? of|\d+ years? old|aged", re.I)


@dataclass
class DateFact:
    text: str
    type: str
    value: Optional[str]
    start: int
    end: int
    sentence: str


_ANAPHORIC = re.compile(r"(?:on |by |at |during |(?:early|earlier|late|later) in )?(?:the same|that|the) "
                        r"(day|morning|afternoon|evening|night)", re.I)
# a month and a spelled number ("November six") is a day, but not after "in" with a noun after it ("in April
# nine companies filed")
_COUNT_AFTER_MONTH = re.compile(r"(?i)(?:" + "|".join(MONTHS) + r")\s+(?:one|two|three|four|five|six|seven|eight|nine)")
_DAY_ENDS = re.compile(r"\s*(?:$|[,.;:!?)\"”]|(?:to|at|in|on|and|or|but|for|with|from|after|before|by|until|when|if|"
                       r"unless|as|so)\b)", re.I)
# a sentence that sets a period against another year's: its bare months are the publication's
_CONTRAST = re.compile(r"\b(?:last year|a year (?:ago|earlier|before)|the previous year|the year before)\b", re.I)
_CLOCK = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}Z?)")
_DAY_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ABSOLUTE_YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d\b")


def _anchor(text: str, value: Optional[str], last_day: Optional[str], same_sentence: bool) -> Optional[str]:
    """'the same day' is the day last mentioned; a bare clock time is on the day its sentence named."""
    if last_day is None or value is None:
        return value
    if _ANAPHORIC.fullmatch(text.strip()):
        part = value[10:] if len(value) > 10 and value[10] == "T" else ""
        return last_day + part
    m = _CLOCK.fullmatch(value)
    if m and same_sentence and not re.search(r"day|tomorrow|tonight|morning|night", text, re.I):
        return last_day + m.group(1)
    return value


def _is_time(body: str, a: int, b: int, value: Optional[str]) -> bool:
    """Not ages ('the age of 56'), bare numbers the model took for dates, or 'a quarter of' the votes."""
    text = body[a:b]
    if _NOT_TIME.search(text) or re.fullmatch(r"\d{3,}[A-Z]{1,3}|[A-Z]{1,4}-?\d{3,}", text):
        return False  # an age; a model number ("9600B", "DC-1000")
    if value is None and re.fullmatch(r"(?i)seasonally|hourly", text):
        return False  # "seasonally adjusted", "hourly compensation": no time
    if re.fullmatch(r"(?i)months?", text) and re.search(r"(?i)\b(?:contract|back|deferred|forward|nearby|limited|"
                                                         r"delivery|spot)\s+$", body[max(0, a - 10):a]):
        return False  # "the first two limited contract months", "back months of cattle futures"
    if "/" in (body[a - 1:a], body[a:a + 1]):
        return False  # "bbl/day": a rate's unit
    if re.search(r"quarter$", text, re.I) and re.match(r",?\s+of\b", body[b:b + 5]) and \
            not re.match(r"\s+of\s+(?:the\s+|this\s+|last\s+|next\s+)?(?:year|(?:19|20)\d\d|fiscal)", body[b:b + 20]):
        return False
    return value is not None or bool(_TIME_WORD.search(text))


def extract_dates(doc, body: str, published: Optional[dt.date]) -> list[DateFact]:
    found: list[DateFact] = []
    taken: list[tuple[int, int]] = []
    last_day: tuple[Optional[str], int] = (None, -1)  # the last day named, and the sentence it was in
    anchor: Optional[anchoring.Anchor] = None  # the narrative anchor: the last date named, at its granularity
    story: Optional[tuple[int, int, bool]] = None  # last absolute date's year, its sentence, whether it opens it
    ahead: Optional[tuple[dt.date, int]] = None  # the last date named after the publication, and its sentence
    frame: Optional[tuple[anchoring.Anchor, int]] = None  # the first period of the last sentence that named one
    sent_no = {a: i for i, (a, _) in enumerate(docview.view(doc).sent_bounds)}
    candidates = [(a, b, label) for _, _, a, b, label, _ in docview.view(doc).ents if label in ("DATE", "TIME")]
    extra = [m.span() for m in _EXTRA.finditer(body)] + [m.span(1) for m in _YEAR.finditer(body)] + \
        [m.span(1) for m in _UNITS_AFTER.finditer(body)]
    if _THAT_TIME_WORDS.search(body):  # the words each match holds, found at a fraction of the pattern's cost
        extra += [m.span(1) for m in _THAT_TIME.finditer(body)]
    if _AND_A_HALF_WORDS.search(body):
        extra += [m.span() for m in _AND_A_HALF.finditer(body)]
    occupied = bytearray(len(body) + 1)  # characters inside the model's own expressions
    for a, b, _ in candidates:
        occupied[a:b] = b"\x01" * (b - a)
    candidates += [(x, y, "DATE") for x, y in extra if not any(occupied[x:y])]
    for start, end, label in sorted(candidates):
        text = body[start:end]
        stripped = text.strip(" \n\t,.;:")
        if not stripped:
            continue
        start += text.find(stripped)
        end = start + len(stripped)
        start = timespans.widen(doc, body, start, end)
        semi = re.search(r"\bsemi-?$", body[max(0, start - 5):start], re.I)
        start = start - len(semi.group()) if semi else start  # "semi-annually": twice a year
        end = timespans.widen_right(body, end)
        if re.search(r"\b(?:1[5-9]|20)\d0$", body[start:end]) and body[end:end + 2] in ("'s", "’s"):
            end += 2  # "the 1980’s": a decade
            start = start - 4 if body[max(0, start - 4):start].lower() == "the " else start
        while re.search(r"\s(?:and|or|to|in|of)$", body[start:end]):
            end = start + len(re.sub(r"\s(?:and|or|to|in|of)$", "", body[start:end]))
        if any(a < end and start < b for a, b in taken[-8:]):  # sorted: only recent ones can overlap
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        sent = sent_of(span[0]) if span is not None and len(span) else None
        tense = tense_of(span.root) if span is not None else None
        before = body[max(0, start - 8):start].lower().split()
        if before and before[-1] in ("until", "till", "through") and (not finite_past(span) or deferred(span)):
            tense = "future"  # "stays shut until Friday"; "served until the end of May" keeps its past
        elif before and before[-1] == "for" and planned(span):
            tense = "present"  # "elections set for December": the nearest December, either side
        elif before and before[-1] == "since" or _THAN_FORECAST.search(body[max(0, start - 50):start]) or \
                re.search(r"\bfrom (?:over )?$", body[max(0, start - 10):start], re.I) and tense != "future" and \
                body[start:end].lower() == "the weekend":
            tense = "past"  # "since May"; "less than forecast in July"; "a report from over the weekend"
        sentence = " ".join(docview.view(doc).span_text(sent.start, sent.end).split()) if sent is not None \
            else body[start:end]  # sent.text would make a Token of each word, for each date
        here = sent_no.get(sent.start, -1) if sent is not None else -1
        for a, b, typ, value in timespans.pieces(body[start:end], start, published, tense):
            if a >= b or not _is_time(body, a, b, value):
                continue
            part = _PART_BEFORE.search(body[max(0, a - 30):a])
            if value is None and part and re.fullmatch(r"(?i)the (?:day|week|month|quarter|year|decade)", body[a:b]):
                # "the rest of the year", "earlier in the week": the period's value; the span stays the period's
                typ, value = normalise(f"{part.group().strip()} {body[a:b]}", published, tense)
            piece = body[a:b]
            if timecontext.is_name_or_modifier(doc, body, a, b):
                continue
            if _COUNT_AFTER_MONTH.fullmatch(piece) and not _DAY_ENDS.match(body[b:b + 12]) and \
                    re.search(r"\b(?:in|during|since|by)\s+$", body[max(0, a - 8):a], re.I):
                b = a + len(piece.split()[0])  # "in April nine companies filed": April, then a count
                piece = body[a:b]
                typ, value = normalise(piece, published, tense)
            same_sentence = sent is not None and last_day[1] == sent.start
            applies, value = timecontext.day_then(piece, body, b, value, published, normalise, tense)
            if not applies and (market := timemarket.market(piece, body, a, b, published, last_day[0])) is not None:
                b, typ, value = market
                piece, applies = body[a:b], True
            if applies:
                pass
            elif (comparison := timecontext.comparison_end(piece, body, b)) is not None:
                b, typ = comparison, "DATE"  # "(on November 11,) three days later than planned": that day
                value = last_day[0] if same_sentence else None
            elif anchoring.is_comparison(piece) and anchoring.is_anchored(piece):
                # "In November M2 rose from October and stood above its level a year before": November's
                typ, value = anchoring.resolve_anchored(piece, frame[0] if frame is not None else anchor)
            elif anchoring.is_anchored(piece):
                typ, value = anchoring.resolve_anchored(piece, anchor)
            elif (earlier := anchoring.month_before(piece, body[max(0, a - 30):a], anchor)) is not None:
                value = earlier[1]  # "the corresponding February", "a previous annual February increase"
            elif story is not None and published is not None and tense == "past" and story[0] < published.year \
                    and (here == story[1] or here == story[1] + 1 and story[2]) and anchoring.is_bare(piece) \
                    and not _CONTRAST.search(sentence):  # "rose in February from ... in February last year"
                value = anchoring.story_year(value, story[0])
            elif story is not None and published is not None and story[0] > published.year \
                    and here == story[1] and anchoring.is_bare(piece) and anchor is not None \
                    and (value or "")[5:7].isdigit() and int(value[5:7]) >= anchor[0].month:
                value = anchoring.story_year(value, story[0])  # "assume office in January 2017, run in November"
            elif ahead is not None and here == ahead[1] and tense != "past" and anchoring.is_bare(piece) \
                    and re.fullmatch(r"\d{4}-\d\d", value or "") and value < f"{ahead[0]:%Y-%m}" \
                    and published is not None and value < f"{published:%Y-%m}":
                # "the term begins next Monday and ends in June": the June after the date ahead
                month = int(value[5:7])
                value = f"{ahead[0].year + (month < ahead[0].month):04d}-{month:02d}"
            elif timecontext.is_generic(body, a, b):
                value = None
            elif timecontext.generic_tomorrow(body, a, b):
                value = "FUTURE_REF"
            elif timecontext.generic_today(doc, body, a, b, tense):
                value = "PRESENT_REF"
            elif typ == "TIME" and _CLOCK.fullmatch(value or "") and timecontext.under_a_set(body, a):
                value = None
            value = timecontext.event_day(piece, body, b, value)
            if not applies:
                value = _anchor(piece, value, last_day[0], same_sentence)
            # the anchor moves to each date named, and to nowhere after a reference it could not place ("two
            # months later" after "in 2013", "the same marketing year"); a look back for comparison, or a phrase
            # that refers to no other time ("the year-to-date", a typo), leaves it where it was
            keeps = anchoring.is_comparison(piece) or value is None and not anchoring.refers(piece)
            if typ in ("DATE", "TIME") and not keeps and (anchor := anchoring.parse_anchor(value)):
                # a season's split year ("1986/87 exports") frames no story
                absolute = _ABSOLUTE_YEAR.search(piece) and re.match(r"\d{4}\b", value or "") and \
                    not re.match(r"\s?[/-]\s?\d\d\b", body[b:b + 5])
                # only the date named last sets the story's year: for its own sentence, and for the next one
                # too when it opens its sentence ("In 2013, ..."), as a narrative frame does
                fronted = sent is not None and re.fullmatch(r"\W*(?:(?:back )?in|by|during|on|after|from)?\s*",
                                                            body[sent.start_char:a], re.I) is not None
                story = (int(value[:4]), here, fronted) if absolute else None
                if published is not None and anchor[0] > published and value and value[:1].isdigit():
                    ahead = (anchor[0], here)
                if (frame is None or frame[1] != here) and anchor[1] in ("M", "Q", "Y"):
                    frame = (anchor, here)  # a period, not the day something was said ("said on Tuesday")
            if value and _DAY_VALUE.fullmatch(value) and not anchoring.is_comparison(piece):
                last_day = (value, sent.start if sent is not None else -1)
            taken.append((a, b))
            found.append(DateFact(body[a:b], typ, value, a, b, sentence))
    return _clock_days(sorted(found, key=lambda f: f.start), body)


def _clock_days(found: list[DateFact], body: str) -> list[DateFact]:
    """A clock time read against the publication date takes the day written right after it: "at 16:15 UTC,
    June 1st" (one sentence, a comma between); "12:00 UTC Monday" is one expression."""
    out: list[DateFact] = []
    i = 0
    while i < len(found):
        f = found[i]
        nxt = found[i + 1] if i + 1 < len(found) else None
        m = _CLOCK.fullmatch(f.value or "")
        gap = body[f.end:nxt.start] if nxt is not None else ""
        gap = re.sub(r"^ \((?:[A-Z]{2,4}|local time)\)(?= )", "", gap)  # "at noon (EST) next Thursday"
        if m and nxt is not None and nxt.value and _DAY_VALUE.fullmatch(nxt.value) and re.fullmatch(r",? ?", gap) \
                and f.sentence == nxt.sentence and not re.search(r"day|tomorrow|tonight|morning|night", f.text, re.I):
            value = nxt.value + m.group(1)
            if body[f.end:nxt.start] == " ":  # one expression
                out.append(DateFact(body[f.start:nxt.end], "TIME", value, f.start, nxt.end, f.sentence))
                i += 2
                continue
            f = DateFact(f.text, f.type, value, f.start, f.end, f.sentence)
        out.append(f)
        i += 1
    return out

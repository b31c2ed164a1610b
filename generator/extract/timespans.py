"""Where a time expression starts and ends, and how a candidate is cut into expressions.

- widen / widen_right take in what the model left out: a modifier before ("this" year, "Friday" morning), the
  rest of a word it cut ("to"-"night"), a time zone or part of day after ("14:58" UTC, "0730" hrs local time),
  an anchoring adverb ("two years" later), a year cut off a month ("September", 1985), "year-ago period".
- pieces normalises a candidate whole, or cut into the ends of a range ("from 2009 to 2011"), two expressions
  joined by "and"/"or"/"against" ("a year earlier and the year-to-date"), comma-joined ones, or its head when
  the model ran on into a number ("15-year two" pct).
"""

from __future__ import annotations

import re
from typing import Optional

from generator.extract import anchoring
from generator.extract.timewords import MONTHS, WEEKDAYS
from generator.extract.timex import normalise

_LEAD_TRIM = re.compile(r"^(?:the\s+)?(?:(?:back|as early as|as late as|as of|since|until|till|by|from|in|on|between|"
                        r"at|during|for|over|within|around|about|just|only|some|nearly|almost)\s+)+", re.I)
_FRACTION = re.compile(r"\d+[- ][1-9]/[1-9]\d?\b")  # "6-1/2 year": a number, no range
_TRAILING_COUNT = re.compile(r"(.+?)\s+(?:one|two|three|four|five|six|seven|eight|nine|ten)", re.I)
_LEFT_MODIFIERS = frozenset("this last next past coming previous early late earlier later mid the".split())
_RANGE = re.compile(r"^(?:from|between)\s+(.+?)\s+(?:to|and|until|till|through)\s+(.+)$|^(.+?)\s*(?:-|–|—|\bto\b|\buntil\b)\s*(.+)$",
                    re.I)


def widen(doc, body: str, start: int, end: int) -> int:
    """Take in a modifier the model left out before the expression: 'this' year, 'Friday' morning; and the rest
    of a word the model cut ('to'-'night')."""
    if start > 0 and body[start - 1].isalpha() and body[start].isalpha():
        return start - len(re.search(r"[A-Za-z]+$", body[:start]).group())
    count = re.search(r"(?i)\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)-$", body[max(0, start - 7):start])
    if count and re.match(r"(?i)(?:day|week|month|year)s?\b", body[start:end]):
        return start - len(count.group())  # "six-months bills": the model left the count out
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span.start == 0:
        return start
    prev = doc[span.start - 1]
    first = span[0].lower_
    if prev.lower_ in _LEFT_MODIFIERS and prev.lower_ != "the" and first not in _LEFT_MODIFIERS:
        return prev.idx
    if prev.lower_ in WEEKDAYS and first in ("morning", "afternoon", "evening", "night"):
        return prev.idx
    return start


def widen_right(body: str, end: int) -> int:
    """Take in a time zone, a part of day or an anchoring adverb the model left out: '14:58' UTC, 'Friday'
    morning, 'the day' before, 'two years' later."""
    m = re.match(r"\s(?:before|after|earlier|later)(?=\s*[,.;:!?)]|\s*$|\s+(?:and|but)\b)", body[end:end + 40])
    if m and re.search(r"(?:^|\W)(?:the (?:day|week|weekend|month|quarter|year)|(?:\w+ )?(?:days?|weeks?|months?|"
                       r"years?|decades?))$", body[max(0, end - 30):end], re.I):
        return end + m.end()
    m = re.match(r"(?:-(?:ago|earlier))?\s+(?:period|quarter|month|week)\b", body[end:end + 20], re.I)
    if m and re.search(r"\byear" + ("$" if m.group().startswith("-") else r"-(?:ago|earlier)$"),
                       body[max(0, end - 14):end], re.I):
        return end + m.end()  # "the same year-ago period"
    m = re.match(r"\s(?:hrs?\b(?: local(?: time)?)?|hours local(?: time)?|[ECMP][SD]T\b|local time\b)", body[end:end + 20])
    if m and re.search(r"(?<!\d)[0-2]\d[0-5]\d$", body[max(0, end - 5):end]):
        return end + m.end()  # "0730 hrs local time": a wire clock time
    m = re.match(r",?\s(?:19|20)\d\d\b(?![-/%])", body[end:end + 7])
    if m and re.search(r"(?i)(?<![\w.])(?:" + "|".join(MONTHS) + r")$", body[max(0, end - 10):end]):
        return end + m.end()  # "the September, 1985 New York Plaza pact": the model cut the year off
    m = re.match(r"\s(?:UTC|GMT)\b|\s(?:morning|afternoon|evening|night)\b", body[end:end + 12])
    if m and (m.group().strip() in ("UTC", "GMT") and body[end - 1].isdigit() or
              re.search(r"(?:day|today|yesterday|tomorrow)$", body[max(0, end - 12):end], re.I)):
        return end + m.end()
    return end


def pieces(text: str, start: int, published, tense) -> list[tuple[int, int, str, Optional[str]]]:
    """[(start, end, type, value)]: the expression whole, or its parts when only they are understood."""
    typ, value = normalise(text, published, tense)
    if value is None:
        m = _LEAD_TRIM.match(text)
        if m and m.end() < len(text):
            typ, value = normalise(text[m.end():], published, tense)
            if value is not None and re.fullmatch(r"(?i)between\s+", m.group()):  # one end of a range
                return [(start + m.end(), start + len(text), typ, value)]
    if value is not None and (typ != "DURATION" or not _RANGE.match(text) or re.fullmatch(r"\w+-\w+", text)) or \
            anchoring.is_anchored(text):  # "the same year-ago period", "six-months": one expression, not a range
        return [(start, start + len(text), typ, value)]
    m = _TRAILING_COUNT.fullmatch(text)
    if value is None and m and m[1].split()[-1].lower() not in MONTHS:  # "15-year two" (pct debentures)
        typ, value = normalise(m[1], published, tense)
        if value is not None:
            return [(start, start + len(m[1]), typ, value)]
    for parts in _split(text):
        out = []
        unit = re.match(r"\S+\s+(\w+)$", text[parts[-1][0]:parts[-1][1]])
        for a, b in parts:
            ptype, pvalue = normalise(text[a:b], published, tense)
            day = re.fullmatch(r"(?i)(" + "|".join(MONTHS) + r")\s+\d{1,2}", text[parts[0][0]:parts[0][1]])
            if pvalue is None and day and (a, b) != parts[0] and re.fullmatch(r"\d{1,2}", text[a:b]):
                ptype, pvalue = normalise(f"{day[1]} {text[a:b]}", published, tense)  # "April 6 and 7"
            elif pvalue is None and unit and re.fullmatch(r"\d+(?:\.\d+)?", text[a:b]):
                ptype, pvalue = normalise(f"{text[a:b]} {unit[1]}", published, tense)  # "between 60 and 90 days"
                ptype = ptype if ptype == "DURATION" else "DATE"
                pvalue = pvalue if ptype == "DURATION" else None
            out.append((start + a, start + b, ptype, pvalue))
        if sum(v is not None for *_, v in out) >= 1:
            return out
    return [(start, start + len(text), typ, value)]


def _split(text: str) -> list[list[tuple[int, int]]]:
    """Ways to cut `text` into expressions, in the order to try them: the two ends of a range, two expressions
    joined by "and" ("a year earlier and the year-to-date"), comma-joined ones."""
    ways = []
    m = _RANGE.match(text) if not _FRACTION.search(text) else None
    if m:
        groups = [i for i in (1, 2) if m.group(i)] or [i for i in (3, 4) if m.group(i)]
        if len(groups) == 2:
            ways.append([m.span(i) for i in groups])
    m = re.fullmatch(r"(.+?)\s+(?:and|or|against|versus|vs\.?)\s+(.+)", text)
    if m and " half" not in text and (not re.fullmatch(r"\d+", m[2]) or
                                      re.fullmatch(r"(?i)(?:" + "|".join(MONTHS) + r")\s+\d{1,2}", m[1])):
        ways.append([m.span(1), m.span(2)])
    comma = _comma_split(text)
    return ways + [comma] if comma else ways


def _comma_split(text: str) -> list[tuple[int, int]]:
    if "," in text:
        out, pos = [], 0
        for piece in text.split(","):
            a = pos + len(piece) - len(piece.lstrip())
            b = pos + len(piece.rstrip())
            if b > a:
                out.append((a, b))
            pos += len(piece) + 1
        if len(out) > 1 and not re.fullmatch(r"\s*(?:19|20)\d\d", text[out[-1][0]:out[-1][1]]):
            return out
    return []

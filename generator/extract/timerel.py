"""Relative time expressions and durations, against a publication date: 'last week', 'two years ago',
'Monday', 'the past decade', 'six straight days'. Pure functions used by timex.normalise."""

from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from generator.extract.timewords import (TIME_OF_DAY, UNITS, WEEKDAYS, _NUM, _UNIT, _fmt_num, _num, _shift, _week,
                                         _weekday, unit_code)


_ORD = r"(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))"
_ROW = r"(?:straight|consecutive|successive)"
# a run that ends on the news's day; not "the 49th month of the term" (an ordinal alone counts something else)
_IN_A_ROW = re.compile(rf"(?:for )?(?:a|the) (?:{_ORD} )?{_ROW} (day|week|month|year)(?: in a row)?"
                       rf"|(?:for )?a {_ORD} (day|week|month|year)(?: in a row)?"
                       rf"|(?:(?:for )?the )?{_ORD} (day|week|month|year) in a row|{_ORD} {_ROW} (day|week|month|year)")


def _relative(t: str, dct: dt.date, tense: Optional[str]) -> Optional[tuple[str, str | None]]:
    if t in ("today", "this day", "the day", "today's", "this date", "earlier today", "later today",
             "early today", "today and tomorrow"):
        return "DATE", dct.isoformat()
    m = re.fullmatch(r"(?:early|late|earlier|later) (yesterday|tomorrow)", t)
    if m:  # "arrived early yesterday": that day (the part of it is a modifier)
        t = m[1]
    if t in ("yesterday", "the day before", "yesterday's"):
        return "DATE", (dct - dt.timedelta(days=1)).isoformat()
    if t in ("tomorrow", "the day after", "tomorrow's"):
        return "DATE", (dct + dt.timedelta(days=1)).isoformat()
    if t in ("the day before yesterday",):
        return "DATE", (dct - dt.timedelta(days=2)).isoformat()
    if t in ("the day after tomorrow",):
        return "DATE", (dct + dt.timedelta(days=2)).isoformat()
    if t in ("the weekend", "this weekend"):
        if t == "the weekend" and tense == "past" and dct.weekday() < 5:
            return "DATE", _week(dct - dt.timedelta(days=7)) + "-WE"  # written Mon-Fri: the weekend just gone
        return "DATE", _week(dct) + "-WE"
    if t in ("tonight", "late tonight", "early tonight", "later tonight"):
        return "TIME", f"{dct.isoformat()}TNI"
    if re.fullmatch(r"(?:the )?(?:very )?(?:end|close) of the year|(?:the )?year[- ]?end", t):
        # a year-end already past in a past-tense report is the last one (written before December)
        return "DATE", f"{dct.year - (tense == 'past' and dct.month < 12):04d}"
    m = re.fullmatch(r"(?:early |late |earlier |later )?(this|yesterday|tomorrow|last) "
                     r"(morning|afternoon|evening|night)", t)
    if m:
        base = {"yesterday": -1, "last": -1, "tomorrow": 1}.get(m[1], 0)
        return "TIME", f"{(dct + dt.timedelta(days=base)).isoformat()}T{TIME_OF_DAY[m[2]]}"
    m = re.fullmatch(rf"(?:(last|next|this|past|coming|previous|on|early|late|earlier|later) )?({'|'.join(WEEKDAYS)})(?:'s)?"
                     r"(?: (morning|afternoon|evening|night))?", t)
    if m:
        mod = {"past": "last", "previous": "last", "coming": "next"}.get(m[1] or "", m[1] or "")
        if mod == "this" and WEEKDAYS[m[2]] >= dct.weekday():  # "this Friday" written on a Tuesday: that week's
            return _at(dct + dt.timedelta(days=WEEKDAYS[m[2]] - dct.weekday()), m[3])
        if mod == "this":
            mod = "next" if tense == "future" else ""
        if mod in ("earlier", "later") and WEEKDAYS[m[2]] == dct.weekday():
            date = dct.isoformat()  # "later Friday" written on a Friday: that day
        else:
            date = _weekday(WEEKDAYS[m[2]], dct, tense, mod if mod in ("last", "next") else "")
        if m[3]:
            return "TIME", f"{date}T{TIME_OF_DAY[m[3]]}"
        return "DATE", date
    if re.fullmatch(r"the (?:next|past|last|coming|previous) fortnight", t):
        return "DURATION", "P2W"
    m = re.fullmatch(r"(?:the )?(?:beginning|start|end|middle|rest|remainder) of the (year|month|week|decade)", t)
    if m:
        return "DATE", _shift(dct, UNITS[m[1]], 0)
    m = re.fullmatch(r"(?:(?:(?:earlier|later|early|late|the end of|the start of|the beginning of|the middle of|"
                     r"the rest of|the remainder of|the first half of|the second half of)(?: of)? )?"
                     r"(this|last|next|the past|the previous|the coming|the following|the current|the same|"
                     r"the next|the last|that|this past|the latest))"
                     r" (day|week|weekend|month|year|quarter|decade|century)", t)
    if m:
        rel, unit = m[1], UNITS[m[2]]
        n = {"this": 0, "the current": 0, "the same": 0, "that": 0, "last": -1, "the past": -1,
             "the previous": -1, "this past": -1, "the last": -1, "next": 1, "the coming": 1,
             "the following": 1, "the next": 1, "the latest": 0}[rel]
        if rel in ("the past", "the last", "the next", "the coming") and unit in ("D", "W", "M", "Y"):
            return "DURATION", f"P1{unit}"
        if rel in ("the past", "the last", "the next", "the coming") and unit in ("DE", "CE"):
            return "DURATION", "P10Y" if unit == "DE" else "P100Y"
        return "DATE", _shift(dct, unit, n)
    m = re.fullmatch(rf"({_NUM}) {_UNIT} (ago|earlier|before|later|from now|hence|on|after)", t)
    if m:
        n, unit = _num(m[1]), unit_code(m[2])
        if unit.startswith("T"):  # "17 seconds later": a date alone does not say which day or hour
            return "TIME", None
        if n is None or not float(n).is_integer() or n > 100_000:
            return "DATE", None
        n = int(n) * (2 if m[2].lower().startswith("fortnight") else 1)
        sign = -1 if m[3] in ("ago", "earlier", "before") else 1
        return "DATE", _shift(dct, unit, sign * n)
    m = re.fullmatch(rf"(?:a|one|some|several|many|a few|few) {_UNIT} ago", t)
    if m:
        return "DATE", "PAST_REF"
    m = _IN_A_ROW.fullmatch(t)
    if m:  # "for a second straight day", "fourth week in a row": the news's own day, week...
        return "DATE", _shift(dct, UNITS[next(g for g in m.groups() if g)], 0)
    m = re.fullmatch(r"(?:early|earlier|later|late|mid-?)(?: in)? the (day|week|month|year)", t)
    if m:
        return "DATE", _shift(dct, UNITS[m[1]], 0)
    return None


def _unit_key(word: str) -> str:
    word = word.lower()
    for key in UNITS:
        if word.startswith(key[:5]):
            return key
    return word.rstrip("s")


def _duration(t: str) -> Optional[tuple[str, str | None]]:
    t2 = re.sub(r"^(?:the past |the last |the next |the first |the coming |the previous |the following |"
                r"the entire |the whole |the better part of |the |for |over |about |nearly |almost |around |"
                r"roughly |more than |less than |at least |up to |some |another |a further |"
                r"an additional )+", "", t)
    t2 = re.sub(r"\b(\d+)[- ]([1-9])/([1-9]\d?)\b", lambda f: _fmt_num(int(f[1]) + int(f[2]) / int(f[3])), t2)  # 6-1/2
    m = re.fullmatch(rf"({_NUM})[- ](?:(?:straight|consecutive|successive|trading|selling|business|working|full|"
                     rf"calendar|long|more|additional|further) )?{_UNIT}(?:[- ]long|[- ]old)?", t2)
    if m:
        n, unit = _num(m[1]), UNITS[_unit_key(m[2])]
        if n is None or re.fullmatch(r"(?:1[5-9]|20)\d\d", m[1]) and unit in ("Q", "Y", "M"):
            return None  # "the 1986 quarter": a year's quarter, no duration of 1986 quarters
        if unit == "WE":
            return "DURATION", f"P{_fmt_num(n)}WE"
        if unit in ("DE", "CE"):
            return "DURATION", f"P{_fmt_num(n * (10 if unit == 'DE' else 100))}Y"
        if unit == "Q":
            return "DURATION", f"P{_fmt_num(n)}Q"
        if unit in ("H", "M", "S") and m[2].lower().startswith(("hour", "minute", "second")):
            return "DURATION", f"PT{_fmt_num(n)}{unit}"
        return "DURATION", f"P{_fmt_num(n)}{unit}"
    m = re.fullmatch(rf"(?:(?:several|many|a few|few|some|numerous|multiple|countless|recent|in recent|the past few|"
                     rf"the last few|a number of) )?{_UNIT}", t2)
    if m and (m[1].endswith("s") or t2 != m[1]):
        unit = UNITS[_unit_key(m[1])]
        prefix = "PT" if m[1].lower().startswith(("hour", "minute", "second")) else "P"
        return "DURATION", f"{prefix}X{unit}"
    m = re.fullmatch(rf"({_NUM}) and a half {_UNIT}|(?:a|one) {_UNIT} and a half", t2)
    if m:  # "two and a half years", "a year and a half"
        n = _num(m[1]) if m[1] else 1
        word = m[2] or m[3]
        unit = UNITS[_unit_key(word)]
        if n is None or unit in ("DE", "CE", "WE", "Q", "ML"):
            return "DURATION", None
        prefix = "PT" if word.lower().startswith(("hour", "minute", "second")) else "P"
        return "DURATION", f"{prefix}{_fmt_num(n + 0.5)}{unit}"
    m = re.fullmatch(rf"(?:a|one) (?:half|and a half) {_UNIT}", t2)
    if m:
        return "DURATION", None
    return None


def _at(day: dt.date, part: Optional[str]) -> tuple[str, str]:
    return ("TIME", f"{day.isoformat()}T{TIME_OF_DAY[part]}") if part else ("DATE", day.isoformat())

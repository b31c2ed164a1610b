"""Normalise a temporal expression to a TimeML (TIMEX3) type and value, against a publication date.

Pure function, no spaCy: `normalise("last week", date(2018, 1, 10))` -> ("DATE", "2018-W01").
Values keep the expression's own granularity (2012, 2018-01, 2018-W02, 2018-01-10, 2018-Q1, 2017-SU,
FY2018, PRESENT_REF, P1M, 2018-01-10T15:00). Anything not understood, or relative with no publication
date, gives value None: no guessing.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Optional

from generator.extract.timeml import valid_value
from generator.extract.timerel import _duration, _relative
from generator.extract.timewords import (FUTURE, PAST, PRESENT, SEASONS, SPELLED_DAYS, TIME_OF_DAY, UNITS, WEEKDAYS,
                                         _DAY, _MONTH_NAME, _clean, _month_num, _quarter, _two_digit_year, _week,
                                         _year_for_month)

__all__ = ["normalise"]


# "the week ended March 7", "the quarter ending October 31", "the year ended June 30, 1990": the period that
# ends on that day (wire reports of weekly, quarterly and yearly figures)
_PERIOD_ENDED = re.compile(r"(?:the |its |their )?((?:(?:first|second|third|fourth|1st|2nd|3rd|4th|fiscal|financial|"
                           r"latest|same|current) )*)(week|month|quarter|half|year)(?:[- ]long)? (?:ended|ending|to) (.+)")
_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


def _period_ended(m: re.Match, dct: Optional[dt.date], tense: Optional[str]) -> tuple[str, Optional[str]]:
    """The value of a period named by its last day: a week is the ISO week holding most of its days, a month or
    a quarter the calendar one holding most of its days (null when its ordinal names another: a fiscal
    quarter), a year the fiscal year named by the year it ends in (TimeML's FY convention)."""
    end = _normalise(m[3], dct, tense)  # a date or a weekday: "the week ended Friday"
    if end is None or not end[1] or not re.fullmatch(r"\d{4}-\d\d-\d\d", end[1]):
        return "DATE", None
    last = dt.date.fromisoformat(end[1])
    words, unit = m[1].split(), m[2]
    if unit == "week":
        return "DATE", _week(last - dt.timedelta(days=3))
    if unit == "month":
        middle = last - dt.timedelta(days=14)
        return "DATE", f"{middle.year:04d}-{middle.month:02d}"
    if unit == "quarter":
        value = _quarter(last - dt.timedelta(days=45))
        named = [_ORDINAL[w] for w in words if w in _ORDINAL]
        return "DATE", value if not named or named[0] == int(value[-1]) else None
    if unit == "half":
        middle = last - dt.timedelta(days=91)
        return "DATE", f"{middle.year:04d}-H{1 if middle.month <= 6 else 2}"
    return "DATE", f"FY{last.year:04d}" if not any(w in _ORDINAL for w in words) else None


def _absolute(t: str, dct: Optional[dt.date], tense: Optional[str]) -> Optional[tuple[str, str]]:
    """Calendar expressions: ISO dates, 'January 10, 2018', '10 Jan', 'March 2017', '2012', '1990s'."""
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", t)
    if m:
        try:
            return "DATE", dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return "DATE", None
    m = re.fullmatch(rf"(?:(?:{'|'.join(WEEKDAYS)}),? )?(?:the )?{_MONTH_NAME} {_DAY}(?:,? (\d{{4}}))?", t) or \
        re.fullmatch(rf"(?:(?:{'|'.join(WEEKDAYS)}),? )?(?:the )?{_DAY} (?:of )?{_MONTH_NAME}(?:,? (\d{{4}}))?", t)
    if m:
        groups = m.groups()
        if groups[0].isdigit():
            day, month, year = int(groups[0]), _month_num(groups[1]), groups[2]
        else:
            month, day, year = _month_num(groups[0]), int(groups[1]), groups[2]
        if year is None:
            if dct is None:
                return "DATE", None
            year = _year_for_month(month, dct, tense, nearest=True)
            if year < dct.year and 0 <= (dt.date(dct.year, month, min(day, 28)) - dct).days <= 60:
                year = dct.year  # a date a few weeks ahead, in a past-tense report of a plan
        try:
            return "DATE", dt.date(int(year), month, day).isoformat()
        except ValueError:
            return "DATE", None
    m = re.fullmatch(rf"((?:{_MONTH_NAME[1:-4]})\.? {_DAY}),? (last|next|this) year", t)
    if m and dct is not None:  # "July 28 last year"
        return _absolute(f"{m[1]}, {dct.year + {'last': -1, 'next': 1}.get(m[3], 0)}", dct, tense)
    m = re.fullmatch(rf"(last|next|this) ((?:{_MONTH_NAME[1:-4]})\.? {_DAY})", t)
    if m:  # "last January 15": the day, read with the tense the modifier gives
        return _absolute(m[2], dct, {"last": "past", "next": "future"}.get(m[1], tense))
    m = re.fullmatch(rf"{_MONTH_NAME} ({'|'.join(SPELLED_DAYS)})(?:,? (\d{{4}}))?", t)
    if m:  # wire style spells small day numbers: "November six", "March ninth"
        return _absolute(f"{m[1]} {SPELLED_DAYS[m[2]]}" + (f", {m[3]}" if m[3] else ""), dct, tense)
    m = _PERIOD_ENDED.fullmatch(t)
    if m:
        return _period_ended(m, dct, tense)
    m = re.fullmatch(rf"(?:early |mid-?|late |the end of |the beginning of |the start of )?{_MONTH_NAME},? (\d{{4}})", t)
    if m:
        return "DATE", f"{int(m[2]):04d}-{_month_num(m[1]):02d}"
    m = re.fullmatch(rf"{_MONTH_NAME},? (?:a year (?:ago|earlier|before))", t)
    if m:  # "February a year ago"
        return ("DATE", f"{dct.year - 1:04d}-{_month_num(m[1]):02d}") if dct else ("DATE", None)
    m = re.fullmatch(rf"(?:(?:early|mid-?|late|the end of|the beginning of|the start of|the middle of) ?)?"
                     rf"{_MONTH_NAME},? (?:of )?(last|next|this) year", t)
    if m:  # "October of next year"
        if dct is None:
            return "DATE", None
        return "DATE", f"{dct.year + {'last': -1, 'next': 1}.get(m[2], 0):04d}-{_month_num(m[1]):02d}"
    m = re.fullmatch(rf"(?:the )?(first|second|third|fourth|last|final) week (?:of|in) {_MONTH_NAME}(?:,? (\d{{4}}))?", t)
    if m:  # the week most of whose days are in the month: the one holding its 4th (or last-but-3rd) day
        month = _month_num(m[2])
        year = int(m[3]) if m[3] else (_year_for_month(month, dct, tense) if dct else None)
        if year is None:
            return "DATE", None
        if m[1] in ("last", "final"):
            day = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=4)
        else:
            day = dt.date(year, month, 4) + dt.timedelta(weeks="first second third fourth".split().index(m[1]))
        y, w, _ = day.isocalendar()
        return "DATE", f"{y:04d}-W{w:02d}"
    m = re.fullmatch(rf"(last|next|this|early |mid-?|late |the end of |the beginning of |the start of |"
                     rf"the middle of )?\s?{_MONTH_NAME}", t)
    if m:
        if dct is None:
            return "DATE", None
        month = _month_num(m[2])
        rel = (m[1] or "").strip()
        if rel == "last":
            year = dct.year if month < dct.month else dct.year - 1
        elif rel == "next":
            year = dct.year if month > dct.month else dct.year + 1
        else:
            year = _year_for_month(month, dct, tense)
        return "DATE", f"{year:04d}-{month:02d}"
    m = re.fullmatch(r"((?:19|20)\d\d) (?:calendar |fiscal )?year", t)
    if m:  # "1985 year" in a results table: the year, no duration of 1985 years
        return "DATE", m[1] if "fiscal" not in t else f"FY{m[1]}"
    m = re.fullmatch(r"the (?:early |mid-?|late )?((?:1[5-9]|20)\d)0's", t)
    if m:  # "the 1980's": a decade; "2000's election" stays a year's possessive
        return "DATE", m[1]
    m = re.fullmatch(r"(?:the )?(?:(?:early|mid|late|the end of|the beginning of|the start of|the middle of|"
                     r"the rest of|the remainder of)[- ]?)?"
                     r"(?:year |calendar )?((?:1[5-9]|20)\d\d)(?:'s)?", t)
    if m:
        return "DATE", m[1]
    m = re.fullmatch(r"(?:the |early |mid-?|late |the early |the mid-?|the late )*((?:1[5-9]|20)\d)0'?s", t)
    if m:
        return "DATE", m[1]
    m = re.fullmatch(r"'(\d\d)", t)
    if m:
        return "DATE", str(_two_digit_year(m[1]))
    m = re.fullmatch(r"(?:the )?'?(\d)0'?s()", t)
    if m:
        return "DATE", "19" + (m[1] or m[2])
    m = re.fullmatch(r"(?:the )?(\d{1,2})(?:st|nd|rd|th) century", t)
    if m:
        return "DATE", f"{int(m[1]) - 1:02d}"
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2,4})", t)
    if m:
        try:
            return "DATE", dt.date(_two_digit_year(m[3]), int(m[1]), int(m[2])).isoformat()
        except ValueError:
            return "DATE", None
    m = re.fullmatch(r"(?:the )?((?:19|20)\d\d)\s*-\s*((?:19|20)?\d\d)(?: season)?", t)
    if m:
        return "DATE", m[1]
    return None


def _part_of_period(t: str, dct: Optional[dt.date], tense: Optional[str]) -> Optional[tuple[str, str | None]]:
    """Quarters, halves, seasons, fiscal years."""
    ords = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
            "final": 4, "last": 4}
    m = re.fullmatch(r"(?:the )?(first|second|third|fourth|final|1st|2nd|3rd|4th)[- ](?:fiscal )?quarter"
                     r"(?: of (?:fiscal )?(?:(?:the )?year |fy ?)?((?:19|20)\d\d)| of (the|this|last|next) year)?", t)
    if m:
        q = ords[m[1]]
        shift = {"last": -1, "next": 1}.get(m[3] or "", 0)
        if not m[2] and not m[3] and dct and tense == "past" and q > (dct.month - 1) // 3 + 1:
            shift = -1  # "the fourth quarter" reported in spring: last year's
        year = m[2] or (dct.year + shift if dct else None)
        return "DATE", f"{year}-Q{q}" if year else None
    m = re.fullmatch(r"(?:the |its |their )?((?:19|20)\d\d) (?:fiscal )?(first|second|third|fourth|final|1st|2nd|3rd|4th)"
                     r"[- ](?:fiscal )?quarter", t)
    if m:  # "the 1990 fourth quarter"
        return "DATE", f"{m[1]}-Q{ords[m[2]]}"
    m = re.fullmatch(r"(?:the )?(first|second|third|fourth|final|1st|2nd|3rd|4th)[- ](?:fiscal )?quarter,? ((?:19|20)\d\d)", t)
    if m:  # "first quarter 1986"
        return "DATE", f"{m[2]}-Q{ords[m[1]]}"
    m = re.fullmatch(r"q([1-4])(?: |-)?((?:19|20)\d\d)?", t) or re.fullmatch(r"((?:19|20)\d\d) ?q([1-4])", t)
    if m:
        a, b = m.groups()
        q, year = (a, b) if len(a) == 1 else (b, a)
        year = year or (dct.year if dct else None)
        return "DATE", f"{year}-Q{q}" if year else None
    m = re.fullmatch(r"(?:the )?first (three|six) months of (?:((?:19|20)\d\d)|(?:the|this) year)", t)
    if m:  # "the first three months of 1987": its first quarter; six months, its first half
        year = m[2] or (dct.year if dct else None)
        return "DATE", (f"{year}-Q1" if m[1] == "three" else f"{year}-H1") if year else None
    m = re.fullmatch(r"(?:the )?(first|second|1st|2nd) half(?:[- ]year)?(?: of ((?:19|20)\d\d)| of (?:the|this) year)?", t)
    if m:
        h = 1 if m[1] in ("first", "1st") else 2
        year = m[2] or (dct.year if dct else None)
        return "DATE", f"{year}-H{h}" if year else None
    m = re.fullmatch(r"(?:the )?(?:fiscal|financial|fy) ?(?:year )?((?:19|20)\d\d|\d\d)", t) or \
        re.fullmatch(r"(?:the )?((?:19|20)\d\d) (?:fiscal|financial) year", t)
    if m:
        return "DATE", f"FY{_two_digit_year(m[1])}"
    m = re.fullmatch(r"(?:the )?(this|last|next|past|coming|current) (?:fiscal|financial) year", t)
    if m:
        if dct is None:
            return "DATE", None
        n = {"this": 0, "current": 0, "last": -1, "past": -1, "next": 1, "coming": 1}[m[1]]
        return "DATE", f"FY{dct.year + n}"
    season = "|".join(SEASONS)
    m = re.fullmatch(rf"(?:the )?(?:(early|late|mid-?) ?)?({season})(?: of)? ((?:19|20)\d\d)", t) or \
        re.fullmatch(rf"(?:the )?((?:19|20)\d\d) ({season})", t)
    if m:
        groups = [g for g in m.groups() if g]
        year = next(g for g in groups if g.isdigit())
        s = next(SEASONS[g] for g in groups if g in SEASONS)
        return "DATE", f"{year}-{s}"
    m = re.fullmatch(rf"(?:(this|last|next|the coming|the past|the|early|late) )?({season})", t)
    if m:
        if dct is None:
            return "DATE", None
        n = {"last": -1, "the past": -1, "next": 1, "the coming": 1}.get(m[1] or "", 0)
        return "DATE", f"{dct.year + n}-{SEASONS[m[2]]}"
    return None


@lru_cache(maxsize=8192)  # a pure function of its arguments; a story's dates recur ("last year", "Monday")
def normalise(text: str, dct: Optional[dt.date], tense: Optional[str] = None) -> tuple[str, Optional[str]]:
    """(TIMEX3 type, value) for one temporal expression; value None when it cannot be resolved.

    Never raises: arithmetic that leaves the years 0001-9999 ("tomorrow" written on 9999-12-31) has no
    date to write, and any value that is not a valid TIMEX3 value (timeml.valid_value) is dropped."""
    try:
        typ, value = _normalise(text, dct, tense)
        if value is None and re.search(r"\w['’]s$", text.strip()):  # "last week's", "one month's"
            typ, value = _normalise(text.strip()[:-2], dct, tense)
    except (OverflowError, ValueError):
        return "DATE", None
    return typ, value if value is None or valid_value(value) else None


def _normalise(text: str, dct: Optional[dt.date], tense: Optional[str]) -> tuple[str, Optional[str]]:
    m = re.fullmatch(r"\s*['’](\d\d)\s*", text)
    if m:
        return "DATE", str(_two_digit_year(m[1]))
    t = _clean(text)
    if not t:
        return "DATE", None
    if t in PRESENT:
        return "DATE", "PRESENT_REF"
    if t in PAST:
        return "DATE", "PAST_REF"
    if t in FUTURE:
        return "DATE", "FUTURE_REF"
    for rule in (_absolute, _part_of_period):
        hit = rule(t, dct, tense)
        if hit:
            return hit
    m = re.fullmatch(r"([0-2]\d)([0-5]\d) (?:(utc|gmt)|hrs?(?: local(?: time)?)?|hours local(?: time)?|"
                     r"[ecmp][sd]t|local time)", t)
    if m and int(m[1]) <= 24:  # "1930 GMT", wire clock times "0730 hrs local time" (the zone unknown)
        return "TIME", f"{dct.isoformat()}T{m[1]}:{m[2]}{'Z' if m[3] else ''}" if dct else None
    zone = ""
    zm = re.search(r" ?\b(utc|gmt|z)\b", t)
    if zm and re.match(r"\d", t):
        zone, t = "Z", (t[:zm.start()] + t[zm.end():]).strip()
    m = re.fullmatch(r"(\d{1,2})(?::(\d{2}))? ?([ap])\.?m\.?(?: ([a-z]+))?", t) or \
        re.fullmatch(r"(\d{1,2}):(\d{2})()(?: ([a-z]+))?", t)
    if m:
        hour = int(m[1]) % 12 + (12 if m[3] == "p" else 0) if m[3] else int(m[1])
        minute = int(m[2] or 0)
        day = dct
        if m[4] in ("yesterday",):
            day = dct - dt.timedelta(days=1) if dct else None
        elif m[4] in ("tomorrow",):
            day = dct + dt.timedelta(days=1) if dct else None
        if day is None or hour > 24 or minute > 59:
            return "TIME", None
        return "TIME", f"{day.isoformat()}T{hour:02d}:{minute:02d}{zone}"
    if t in ("noon", "midday"):
        return "TIME", f"{dct.isoformat()}T12:00" if dct else None
    if t in ("midnight tonight", "midnight today"):
        t = "midnight"
    if t == "midnight":
        return "TIME", f"{dct.isoformat()}T24:00" if dct else None
    hit = _duration(t)
    if hit:
        return hit
    m = re.fullmatch(r"(?:\d+(?:\.\d+)?|once|twice|[a-z]+ times) (?:a|an|per|each|every) (day|week|month|year)", t)
    if m:  # a rate: "15 a year", "twice a week"
        return "SET", f"P1{UNITS[m[1]]}"
    if re.fullmatch(r"semi-?annual(?:ly)?|twice (?:a|per) year|half-yearly", t):
        return "SET", "P6M"
    if t == "per annum":
        return "SET", "P1Y"
    m = re.fullmatch(r"(?:every|each|per|a) (day|week|month|year|morning|night)|(daily|weekly|monthly|yearly|"
                     r"annually|annual|nightly)", t)
    if m:
        key = m[1] or {"daily": "day", "weekly": "week", "monthly": "month", "yearly": "year", "annually": "year",
                       "annual": "year", "nightly": "night"}[m[2]]
        unit = UNITS.get(key)
        if unit:
            return "SET", f"P1{unit}"
        return "SET", f"XXXX-XX-XXT{TIME_OF_DAY[key]}"
    if dct is None:
        return "DATE", None
    hit = _relative(t, dct, tense)
    if hit:
        return hit
    m = re.fullmatch(r"(?:the )?(?:very )?(?:end|beginning|start|middle|close) of (?!the day\b)(.+)", t)
    if m:  # not "at the end of the day" (in the end)  # "the end of the first quarter": the quarter's value (TimeML puts the part in a modifier)
        typ, value = _normalise(m[1], dct, tense)
        return ("DATE", value) if typ == "DATE" and value and value[:1].isdigit() else ("DATE", None)
    return "DATE", None

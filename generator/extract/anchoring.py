"""Narrative anchoring, as HeidelTime's narrative mode does it: which expressions take their reference from
the story rather than from the publication date, and what they resolve to.

- Anchored expressions ("eight years later", "that year", "the following month", "the day before", "a week
  earlier") count from the last date the text named (the narrative anchor), never from the publication date:
  with no anchor, or an anchor coarser than the expression ("two months later" after "in 2013"), they stay
  unresolved. Deictic ones ("last week", "yesterday", "two years ago", "next year") are left to timex, which
  counts them from the publication date.
- Bare months and seasons ("in December", "the summer") in a past-tense sentence take the year of the
  absolute date named just before, in the same or the previous sentence, when that year is before the
  publication's ("In 2013 the mine flooded. In March, it shut." is March 2013). Otherwise timex reads them
  against the publication date and the tense (a past-tense "in December" written in October is last December).

Pure functions over strings and dates; no spaCy.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Optional

from generator.extract.timewords import _NUM, _UNIT, _clean, _month_num, _num, _quarter, _week, unit_code
from generator.extract.timeml import add_days, add_months, valid_value, year_ok

Anchor = tuple[dt.date, str]  # a date and its granularity: D (day), W, M, Q, Y, DE (decade)

_COUNTED = re.compile(rf"({_NUM}) {_UNIT} (later|earlier|after|before|on|afterwards?|prior|previously)")
_REF = re.compile(r"(that|the same|the following|the previous|the prior|the preceding|the entire|the whole|the full) "
                  r"(day|morning|afternoon|evening|night|week|weekend|month|quarter|year|decade)"
                  r"|(the next|the succeeding) (day|morning|afternoon|evening|night)")
_BEFORE_AFTER = re.compile(r"the (day|week|weekend|month|quarter|year) (before|after|earlier|later|prior|previous)")
# "the same period last year": the story's period (its month, quarter, day...) one year back
_SAME_PERIOD = re.compile(r"(?:the )?same (?:period|month|quarter|week|day|time|season|stretch)(?: of| in)? "
                          r"(?:a year (?:ago|earlier|before)|last year|the (?:last|previous|prior) year|"
                          r"the year before|of the (?:last|previous|prior) year|the previous twelve months)"
                          r"|(?:the )?(?:same )?year-(?:earlier|ago|before) (?:period|month|quarter|week)")
# "for the month", "in the quarter": the month or quarter the story named last, when it named one
_THE_PERIOD = re.compile(r"the (month|quarter)")
_SHIFT = {"that": 0, "the same": 0, "the entire": 0, "the whole": 0, "the full": 0, "the following": 1, "the next": 1, "the succeeding": 1, "the previous": -1,
          "the prior": -1, "the preceding": -1}
_PART_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
# what an anchor must be at least as fine as, for a shift by one unit
_NEEDS = {"D": ("D",), "W": ("D", "W"), "WE": ("D", "W"), "M": ("D", "M"), "Q": ("D", "M", "Q"),
          "Y": ("D", "W", "M", "Q", "Y"), "DE": ("D", "W", "M", "Q", "Y", "DE")}
_MONTH = r"(?:january|february|march|april|may|june|july|august|september|october|november|december|" \
         r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
_BARE = re.compile(rf"(?:the )?(?:early |mid-?|late |the end of |the beginning of |the start of |the middle of )?"
                   rf"(?:{_MONTH}|spring|summer|autumn|fall|winter)")
# "that day", "the same day": anchored, but a news story's default day is its publication day (as before)
DCT_FALLBACK = re.compile(r"(?:that|the same) (?:day|morning|afternoon|evening|night)")


_CACHE = 8192  # the predicates below are pure functions of a string: each text read once per process
_MODIFIER = re.compile(r"^(?:more than|less than|nearly|almost|about|some|just|only|at least|roughly) ")


@lru_cache(maxsize=_CACHE)
def _ref(text: str) -> str:
    """The expression as the rules read it: cleaned, without a quantity modifier ("more than a year earlier") or
    a possessive ("the previous week's")."""
    return re.sub(r"(?<=\w)'s$", "", _MODIFIER.sub("", _clean(text)))


@lru_cache(maxsize=_CACHE)
def is_anchored(text: str) -> bool:
    """Does the expression count from the story's last date rather than from the publication date?"""
    t = _ref(text)
    if _SAME_PERIOD.fullmatch(t):
        return True
    if re.search(r"\b(?:ago|from now|hence|today|tomorrow|yesterday|tonight)\b", t):
        return False
    if DCT_FALLBACK.fullmatch(t):
        return False  # dates._anchor: the day last named, else the publication day
    return bool(_COUNTED.fullmatch(t) or _REF.fullmatch(t) or _BEFORE_AFTER.fullmatch(t) or t == "that time"
                or _THE_PERIOD.fullmatch(t))


@lru_cache(maxsize=_CACHE)
def is_comparison(text: str) -> bool:
    """A look back for comparison ("a year earlier", "the year-ago quarter", "the same period last year"): it
    names another period, but the story stays in its own, so it does not become the narrative anchor."""
    t = _ref(text)
    return bool(_SAME_PERIOD.fullmatch(t) or re.fullmatch(r"(?:a|one) year (?:earlier|before|ago)", t))


@lru_cache(maxsize=_CACHE)
def refers(text: str) -> bool:
    """Anchored, or shaped like a reference to another time even when not understood ("the same marketing
    year", "that season", "the following session")."""
    return is_anchored(text) or bool(re.match(r"(?:the same|that|those|the following|the previous|the prior|"
                                             r"the next|the preceding|the succeeding)\b", _clean(text)))


@lru_cache(maxsize=_CACHE)
def parse_anchor(value: Optional[str]) -> Optional[Anchor]:
    """The date and granularity a TIMEX3 value names, or None for references, durations, sets, fiscal years."""
    if not value or not valid_value(value):
        return None
    m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)(?:T.*)?", value)
    if m:
        return dt.date(int(m[1]), int(m[2]), int(m[3])), "D"
    m = re.fullmatch(r"(\d{4})-W(\d\d)(?:-WE)?", value)
    if m:
        try:
            return dt.date.fromisocalendar(int(m[1]), int(m[2]), 1), "W"
        except ValueError:
            return None
    m = re.fullmatch(r"(\d{4})-(\d\d)", value)
    if m:
        return dt.date(int(m[1]), int(m[2]), 1), "M"
    m = re.fullmatch(r"(\d{4})-Q([1-4])", value)
    if m:
        return dt.date(int(m[1]), 3 * int(m[2]) - 2, 1), "Q"
    m = re.fullmatch(r"(\d{4})(?:-(?:H[12]|SP|SU|FA|WI))?", value)
    if m and int(m[1]) >= 1:
        return dt.date(int(m[1]), 1, 1), "Y"
    m = re.fullmatch(r"(\d{3})", value)
    if m and int(m[1]) >= 1:
        return dt.date(int(m[1]) * 10, 1, 1), "DE"
    return None


def _shifted(anchor: Anchor, unit: str, n: int) -> Optional[str]:
    day, gran = anchor
    if gran not in _NEEDS.get(unit, ()):
        return None  # "two months later" after "in 2013": the text does not say which month
    if unit == "D":
        d = add_days(day, n)
        return d.isoformat() if d else None
    if unit in ("W", "WE"):
        d = add_days(day, 7 * n)
        return (_week(d) + ("-WE" if unit == "WE" else "")) if d else None
    if unit in ("M", "Q"):
        d = add_months(day, n * (3 if unit == "Q" else 1))
        return (f"{d.year:04d}-{d.month:02d}" if unit == "M" else _quarter(d)) if d and year_ok(d.year) else None
    year = day.year + n * (10 if unit == "DE" else 1)
    if not year_ok(year):
        return None
    return f"{year:04d}" if unit == "Y" else f"{year // 10:03d}"


def resolve_anchored(text: str, anchor: Optional[Anchor]) -> tuple[str, Optional[str]]:
    """(type, value) of an anchored expression against the narrative anchor; value None when it cannot say."""
    t = _ref(text)
    if _SAME_PERIOD.fullmatch(t):
        unit = re.search(r"(month|quarter|week)$", t)
        if unit and anchor is not None and anchor[1] != {"month": "M", "quarter": "Q", "week": "W"}[unit[1]]:
            return "DATE", None  # "the year-earlier quarter" after a month or a year: not said which quarter
        return "DATE", _year_back(anchor)
    m = _THE_PERIOD.fullmatch(t)
    if m:  # the month or quarter named, or the one holding the day or month named
        unit = "M" if m[1] == "month" else "Q"
        fine_enough = anchor is not None and anchor[1] in (("D", "M") if unit == "M" else ("D", "M", "Q"))
        return "DATE", _shifted(anchor, unit, 0) if anchor is not None and fine_enough else None
    if t == "that time":  # "by that time": the anchor itself, at its own granularity
        return "DATE", _shifted(anchor, anchor[1], 0) if anchor else None
    m = _COUNTED.fullmatch(t)
    if m:
        unit, n = unit_code(m[2]), _num(m[1])
        if unit.startswith("T"):
            return "TIME", None
        if anchor is None or n is None or not float(n).is_integer() or n > 10_000:
            return "DATE", None
        n = int(n) * (2 if m[2].startswith("fortnight") else 1)
        if unit == "CE":
            unit, n = "Y", 100 * n
        sign = -1 if m[3] in ("earlier", "before", "prior", "previously") else 1
        if unit == "Y" and n == 1 and sign < 0 and anchor[1] in ("M", "Q"):
            return "DATE", _year_back(anchor)  # "58 pct in February, against 60 pct a year earlier": February's
        return "DATE", _shifted(anchor, unit, sign * n) if anchor else None
    m = _REF.fullmatch(t)
    if m:
        rel, word = (m[1], m[2]) if m[1] else (m[3], m[4])
        part = _PART_OF_DAY.get(word)
        unit = "D" if part else unit_code(word)
        value = _shifted(anchor, unit, _SHIFT[rel]) if anchor else None
        if part:
            return "TIME", f"{value}T{part}" if value else None
        return "DATE", value
    m = _BEFORE_AFTER.fullmatch(t)
    if m:
        sign = 1 if m[2] in ("after", "later") else -1
        return "DATE", _shifted(anchor, unit_code(m[1]), sign) if anchor else None
    return "DATE", None


def _year_back(anchor: Optional[Anchor]) -> Optional[str]:
    """The anchor's own period, a year earlier, at its granularity."""
    if anchor is None:
        return None
    day, gran = anchor
    if not year_ok(day.year - 1):
        return None
    if gran == "D":
        try:
            return day.replace(year=day.year - 1).isoformat()
        except ValueError:
            return None  # 29 February
    if gran == "W":
        week = day.isocalendar()[1]
        out = f"{day.isocalendar()[0] - 1:04d}-W{week:02d}"
        return out if valid_value(out) else None
    if gran == "M":
        return f"{day.year - 1:04d}-{day.month:02d}"
    if gran == "Q":
        return f"{day.year - 1:04d}-Q{(day.month - 1) // 3 + 1}"
    if gran == "Y":
        return f"{day.year - 1:04d}"
    return None


_EARLIER_MONTH = re.compile(r"\b(?:the\s+)?(?:corresponding|previous|prior|preceding)\s+(?:[a-z]+\s+)?$", re.I)


def month_before(text: str, before: str, anchor: Optional[Anchor]) -> Optional[tuple[str, Optional[str]]]:
    """("DATE", value) for a month the words before it put before the story's date ("the corresponding
    February", "a previous annual February increase", "the previous February"): the last such month before the
    anchor's (a year back when the anchor is in that month); value None with no month-or-day anchor; None when
    the expression is no such month."""
    t = _clean(text)
    m = re.fullmatch(r"(?:the )?(?:corresponding|previous|prior|preceding) (" + _MONTH + ")", t)
    if m:
        name = m[1]
    elif _BARE.fullmatch(t) and re.fullmatch(_MONTH, t) and _EARLIER_MONTH.search(before):
        name = t
    else:
        return None
    if anchor is None or anchor[1] not in ("D", "M"):
        return "DATE", None
    month = _month_num(name)
    year = anchor[0].year - (month >= anchor[0].month)
    return "DATE", f"{year:04d}-{month:02d}" if year_ok(year) else None


def is_bare(text: str) -> bool:
    """A month or a season with no year ("in December", "the summer"); not a day ("June 17": news names
    days near the publication date)."""
    return bool(_BARE.fullmatch(_clean(text)))


def story_year(value: Optional[str], year: int) -> Optional[str]:
    """A bare month's or season's value put in the year the story is set in ('2016-12' -> '2015-12')."""
    if not value or not re.fullmatch(r"\d{4}-(?:\d\d(?:-\d\d)?|SP|SU|FA|WI)", value) or not year_ok(year):
        return value
    out = f"{year:04d}{value[4:]}"
    return out if valid_value(out) else None

"""Normalise a temporal expression to a TimeML (TIMEX3) type and value, against a publication date.

Pure function, no spaCy: `normalise("last week", date(2018, 1, 10))` -> ("DATE", "2018-W01").
Values keep the expression's own granularity (2012, 2018-01, 2018-W02, 2018-01-10, 2018-Q1, 2017-SU,
FY2018, PRESENT_REF, P1M, 2018-01-10T15:00). Anything not understood, or relative with no publication
date, gives value None: no guessing.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from dateutil.relativedelta import relativedelta

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], 1)}
MONTH_ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
              "oct": 10, "nov": 11, "dec": 12}
WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                        "sunday"])}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
           "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
           "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
           "hundred": 100, "a hundred": 100, "a couple of": 2, "a couple": 2, "couple of": 2, "half a": 0.5,
           "a dozen": 12, "dozen": 12}
VAGUE = {"several", "many", "few", "a few", "some", "numerous", "multiple", "countless", "recent",
         "the past few", "the last few", "a number of", "more than", "over", "nearly", "almost", "about",
         "around", "roughly", "at least"}
UNITS = {"second": "S", "minute": "M", "hour": "H", "day": "D", "night": "D", "week": "W", "fortnight": "W",
         "month": "M", "year": "Y", "decade": "DE", "century": "CE", "quarter": "Q", "weekend": "WE",
         "millennium": "ML"}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
TIME_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
               "overnight": "NI"}
PRESENT = {"the time being", "now", "currently", "at present", "present", "the present", "nowadays", "these days",
           "at the moment", "the moment", "today's", "right now", "so far", "to date", "presently",
           "at this time", "this time", "the current", "current"}
PAST = {"recent", "recent times", "recently", "lately", "previously", "formerly", "once", "the past", "in the past", "earlier",
        "before", "ago", "long ago", "years ago", "the old days", "historically", "last time"}
FUTURE = {"the long term", "the near term", "the short term", "short-term", "long-term", "near-term", "soon", "the future", "in the future", "future", "later", "shortly", "eventually", "next time",
          "in the coming", "the coming", "upcoming", "in due course"}

_NUM = r"(?:\d+(?:\.\d+)?|" + "|".join(sorted((re.escape(k) for k in NUMBERS), key=len, reverse=True)) + r")"
_UNIT = r"(second|minute|hour|day|night|week|fortnight|month|year|decade|centur(?:y|ie)|quarter|weekend|millenni(?:um|a))s?"


def _num(word: str) -> Optional[float]:
    word = word.lower().strip()
    if word in NUMBERS:
        return NUMBERS[word]
    try:
        return float(word.replace(",", ""))
    except ValueError:
        return None


def _fmt_num(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else str(n)


def _week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _quarter(d: dt.date) -> str:
    return f"{d.year}-Q{(d.month - 1) // 3 + 1}"


def _clean(text: str) -> str:
    t = text.lower().replace("’", "'").replace("–", "-").replace("—", "-")
    t = re.sub(r"\s+", " ", t).strip(" ,.;:'\"()")
    t = re.sub(r"^(?:back in|back|as early as|as late as|in|on|at|by|since|until|till|from|during|of|for|through|throughout|within|before|"
               r"after|as of|around|about|circa|c\.|over)\s+", "", t)
    return t


def _shift(dct: dt.date, unit: str, n: int) -> str:
    if unit == "D":
        return (dct + dt.timedelta(days=n)).isoformat()
    if unit == "W":
        return _week(dct + dt.timedelta(weeks=n))
    if unit == "M":
        return (dct + relativedelta(months=n)).strftime("%Y-%m")
    if unit == "Y":
        return str(dct.year + n)
    if unit == "Q":
        return _quarter(dct + relativedelta(months=3 * n))
    if unit == "DE":
        return str((dct.year + 10 * n) // 10)
    if unit == "CE":
        return str((dct.year + 100 * n) // 100)
    if unit == "WE":
        return _week(dct + dt.timedelta(weeks=n)) + "-WE"
    raise ValueError(unit)


def _year_for_month(month: int, dct: dt.date, tense: Optional[str]) -> int:
    if tense == "future" and month < dct.month:
        return dct.year + 1
    if tense == "past" and month > dct.month:
        return dct.year - 1
    if tense in (None, "present") and month - dct.month > 6:
        return dct.year - 1
    return dct.year


def _weekday(day: int, dct: dt.date, tense: Optional[str], modifier: str = "") -> str:
    delta = day - dct.weekday()
    if modifier == "next" or (tense == "future" and not modifier):
        if delta <= 0:
            delta += 7
    elif modifier == "last" or tense == "past" or not tense:
        if delta > 0:
            delta -= 7
        if modifier == "last" and delta == 0:
            delta = -7
    return (dct + dt.timedelta(days=delta)).isoformat()


def _two_digit_year(y: str) -> int:
    n = int(y)
    return n + (1900 if n >= 30 else 2000) if len(y) == 2 else n


_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_MONTH_NAME = r"(january|february|march|april|may|june|july|august|september|october|november|december|" \
              r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"


def _month_num(name: str) -> int:
    name = name.lower().rstrip(".")
    return MONTHS.get(name) or MONTH_ABBR[name]


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
            year = _year_for_month(month, dct, tense)
            if year < dct.year and 0 <= (dt.date(dct.year, month, min(day, 28)) - dct).days <= 60:
                year = dct.year  # a date a few weeks ahead, in a past-tense report of a plan
        try:
            return "DATE", dt.date(int(year), month, day).isoformat()
        except ValueError:
            return "DATE", None
    m = re.fullmatch(rf"(?:early |mid-?|late |the end of |the beginning of |the start of )?{_MONTH_NAME},? (\d{{4}})", t)
    if m:
        return "DATE", f"{int(m[2]):04d}-{_month_num(m[1]):02d}"
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
    m = re.fullmatch(r"(?:the )?'?(\d)0'?s", t)
    if m:
        return "DATE", "19" + m[1]
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
    m = re.fullmatch(r"q([1-4])(?: |-)?((?:19|20)\d\d)?", t) or re.fullmatch(r"((?:19|20)\d\d) ?q([1-4])", t)
    if m:
        a, b = m.groups()
        q, year = (a, b) if len(a) == 1 else (b, a)
        year = year or (dct.year if dct else None)
        return "DATE", f"{year}-Q{q}" if year else None
    m = re.fullmatch(r"(?:the )?(first|second|1st|2nd) half(?: of ((?:19|20)\d\d)| of (?:the|this) year)?", t)
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


def _relative(t: str, dct: dt.date, tense: Optional[str]) -> Optional[tuple[str, str | None]]:
    if t in ("today", "this day", "the day", "today's", "this date", "earlier today", "later today",
             "early today", "today and tomorrow"):
        return "DATE", dct.isoformat()
    if t in ("yesterday", "the day before", "yesterday's"):
        return "DATE", (dct - dt.timedelta(days=1)).isoformat()
    if t in ("tomorrow", "the day after", "tomorrow's"):
        return "DATE", (dct + dt.timedelta(days=1)).isoformat()
    if t in ("the day before yesterday",):
        return "DATE", (dct - dt.timedelta(days=2)).isoformat()
    if t in ("the day after tomorrow",):
        return "DATE", (dct + dt.timedelta(days=2)).isoformat()
    if t in ("the weekend", "this weekend"):
        return "DATE", _week(dct) + "-WE"
    if t == "tonight":
        return "TIME", f"{dct.isoformat()}TNI"
    m = re.fullmatch(r"(this|yesterday|tomorrow|last|early this|late this|earlier this|later this) "
                     r"(morning|afternoon|evening|night)", t)
    if m:
        base = {"yesterday": -1, "last": -1, "tomorrow": 1}.get(m[1], 0)
        return "TIME", f"{(dct + dt.timedelta(days=base)).isoformat()}T{TIME_OF_DAY[m[2]]}"
    m = re.fullmatch(rf"(?:(last|next|this|past|coming|previous|on|early|late) )?({'|'.join(WEEKDAYS)})(?:'s)?"
                     r"(?: (morning|afternoon|evening|night))?", t)
    if m:
        mod = {"past": "last", "previous": "last", "coming": "next"}.get(m[1] or "", m[1] or "")
        if mod == "this":
            mod = "next" if tense == "future" else ""
        date = _weekday(WEEKDAYS[m[2]], dct, tense, mod if mod in ("last", "next") else "")
        if m[3]:
            return "TIME", f"{date}T{TIME_OF_DAY[m[3]]}"
        return "DATE", date
    m = re.fullmatch(r"(?:the )?(?:beginning|start|end|middle|rest|remainder) of the (year|month|week)", t)
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
        if unit == "D":
            return "DATE", (dct + dt.timedelta(days=n)).isoformat()
        return "DATE", _shift(dct, unit, n)
    m = re.fullmatch(rf"({_NUM}) {_UNIT} (ago|earlier|before|later|from now|hence|on|after)", t)
    if m:
        n, unit = _num(m[1]), UNITS[_unit_key(m[2])]
        if n is None or not float(n).is_integer():
            return "DATE", None
        sign = -1 if m[3] in ("ago", "earlier", "before") else 1
        if unit == "D":
            return "DATE", (dct + dt.timedelta(days=sign * int(n))).isoformat()
        return "DATE", _shift(dct, unit, sign * int(n))
    m = re.fullmatch(rf"(?:a|one|some|several|many|a few|few) {_UNIT} ago", t)
    if m:
        return "DATE", "PAST_REF"
    m = re.fullmatch(r"(?:early|earlier|later|late|mid-?)(?: in)? the (week|month|year)", t)
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
    m = re.fullmatch(rf"({_NUM})[- ](?:(?:straight|consecutive|successive|trading|business|working|full|"
                     rf"calendar|long|more|additional|further) )?{_UNIT}(?:[- ]long|[- ]old)?", t2)
    if m:
        n, unit = _num(m[1]), UNITS[_unit_key(m[2])]
        if n is None:
            return None
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
    m = re.fullmatch(rf"(?:a|one) (?:half|and a half) {_UNIT}|{_UNIT} and a half", t2)
    if m:
        return "DURATION", None
    return None


def normalise(text: str, dct: Optional[dt.date], tense: Optional[str] = None) -> tuple[str, Optional[str]]:
    """(TIMEX3 type, value) for one temporal expression; value None when it cannot be resolved."""
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
    m = re.fullmatch(r"([0-2]\d)([0-5]\d) (?:utc|gmt)", t)
    if m:
        return "TIME", f"{dct.isoformat()}T{m[1]}:{m[2]}Z" if dct else None
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
    if t == "midnight":
        return "TIME", f"{dct.isoformat()}T24:00" if dct else None
    hit = _duration(t)
    if hit:
        return hit
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
    return "DATE", None

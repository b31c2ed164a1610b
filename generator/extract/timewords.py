"""The lexicon of time expressions and date arithmetic shared by timex (calendar expressions) and
timerel (relative expressions, durations): month, weekday, number and unit words; ISO weeks, quarters,
shifts of a date by whole units; the year a bare month most likely means."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
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
           "a dozen": 12, "dozen": 12, "single": 1, "a single": 1}
# day numbers spelled out as wire copy does ("November six", "March ninth"); cardinals only up to nine
SPELLED_DAYS = {w: i for i, w in enumerate("one two three four five six seven eight nine".split(), 1)} | {
    w: i for i, w in enumerate("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
                               "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
                               "twentieth".split(), 1)} | {"twenty-first": 21, "twenty-second": 22, "twenty-third": 23,
                                                           "twenty-fourth": 24, "twenty-fifth": 25, "twenty-sixth": 26,
                                                           "twenty-seventh": 27, "twenty-eighth": 28,
                                                           "twenty-ninth": 29, "thirtieth": 30, "thirty-first": 31}
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
PAST = {"recent", "recent times", "recent years", "recent months", "recent weeks", "recent decades", "recently", "lately", "previously", "formerly", "once", "the past", "in the past", "earlier",
        "before", "ago", "long ago", "years ago", "the old days", "historically", "last time"}
FUTURE = {"the long term", "the near term", "the short term", "short-term", "long-term", "near-term", "soon", "the future", "in the future", "future", "later", "shortly", "eventually", "next time",
          "in the coming", "the coming", "upcoming", "in due course"}

_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_ONES = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_NUM = rf"(?:{_TENS}[- ]{_ONES}|\d+(?:\.\d+)?|" + "|".join(sorted((re.escape(k) for k in NUMBERS), key=len, reverse=True)) + r")"
_UNIT = r"(second|minute|hour|day|night|week|fortnight|month|year|decade|centur(?:y|ie)|quarter|weekend|millenni(?:um|a))s?"


def _num(word: str) -> Optional[float]:
    word = word.lower().strip()
    if word in NUMBERS:
        return NUMBERS[word]
    tens, _, ones = word.replace(" ", "-").partition("-")
    if tens in NUMBERS and ones in NUMBERS and NUMBERS[tens] % 10 == 0 and 20 <= NUMBERS[tens] <= 90 \
            and 1 <= NUMBERS[ones] <= 9 and ones not in ("a", "an"):
        return NUMBERS[tens] + NUMBERS[ones]  # "twenty-two"
    try:
        return float(word.replace(",", ""))
    except ValueError:
        return None


def _fmt_num(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else str(n)


def _week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _quarter(d: dt.date) -> str:
    return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"


@lru_cache(maxsize=8192)  # pure; every rule cleans the same expression again
def _clean(text: str) -> str:
    t = text.lower().replace("’", "'").replace("–", "-").replace("—", "-")
    t = re.sub(r"\s+", " ", t).strip(" ,.;:'\"()")
    t = re.sub(r"^(?:back in|back|as early as|as late as|in|on|at|by|since|until|till|from|during|of|for|through|throughout|within|before|"
               r"after|as of|around|about|circa|c\.|over)\s+", "", t)
    return t


def _shift(dct: dt.date, unit: str, n: int) -> Optional[str]:
    """`dct` moved by n units, at that unit's granularity; None when the unit is finer than a day
    ("TS", "TM", "TH": a date alone cannot place "17 seconds later") or the result leaves years 1-9999."""
    try:
        if unit == "D":
            return (dct + dt.timedelta(days=n)).isoformat()
        if unit in ("W", "WE"):
            return _week(dct + dt.timedelta(weeks=n)) + ("-WE" if unit == "WE" else "")
        if unit == "M":
            d = dct + relativedelta(months=n)
            return f"{d.year:04d}-{d.month:02d}"
        if unit == "Q":
            return _quarter(dct + relativedelta(months=3 * n))
        years = {"Y": 1, "DE": 10, "CE": 100}.get(unit)
        if years is None:  # time of day units, millennia: not on a date's scale
            return None
        year = dct.year + years * n
        if not 1 <= year <= 9999:
            return None
        if unit == "Y":
            return f"{year:04d}"
        return f"{year // 10:03d}" if unit == "DE" else f"{year // 100:02d}"
    except (OverflowError, ValueError):
        return None


def unit_code(word: str) -> str:
    """TIMEX3 unit of a unit word ('minutes' -> 'TM', 'month' -> 'M'); time-of-day units start with T."""
    word = word.lower()
    for key in ("second", "minute", "hour"):
        if word.startswith(key):
            return "T" + UNITS[key]
    for key in sorted(UNITS, key=len, reverse=True):
        if word.startswith(key[:5]) and word.rstrip("s").startswith(key[:4]):
            return UNITS[key]
    return UNITS.get(word.rstrip("s"), "")


def _year_for_month(month: int, dct: dt.date, tense: Optional[str], nearest: bool = False) -> int:
    """The year of a month named without one: a future month ahead, a past one behind; with no tense (or the
    present), this year's unless it is over six months ahead. `nearest` (a named day, "Jan. 20", in the
    present tense: "leaves office on Jan. 20") also takes a month over six months behind as next year's."""
    if tense == "future" and month < dct.month:
        return dct.year + 1
    if tense == "past" and month > dct.month:
        return dct.year - 1
    if tense in (None, "present") and month - dct.month > 6:
        return dct.year - 1
    if tense in (None, "present") and nearest and dct.month - month > 6:
        return dct.year + 1
    return dct.year


def _weekday(day: int, dct: dt.date, tense: Optional[str], modifier: str = "") -> str:
    """The date of a weekday named without a date. News names the publication's own weekday for that day
    ("will announce plans Friday" written on a Friday), unless "next" or "last" says otherwise; a future
    weekday is ahead, a past one (or one with no tense) behind, a present-tense one in the publication's week
    ("is still small after Monday's debate" written on a Friday is that week's Monday)."""
    delta = day - dct.weekday()
    if modifier == "next" or (tense == "future" and not modifier):
        if delta < 0 or delta == 0 and modifier == "next":
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

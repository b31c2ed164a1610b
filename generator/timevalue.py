"""Which TimeML values the site can show: the rule `make check` applies to `dates[].value`.

A value shaped like a calendar date must name a real one (no 2018-02-30, no month 13, no week 54, no year
0000, no 25:00); anything else the renderer shows as written (PRESENT_REF, P3D, an editor's own note).
Rendering never raises on any value (generator/site/views.py); this rule makes `make check` refuse the
values it could only show as a raw string where a reader expects a date.
"""

from __future__ import annotations

import datetime as dt
import re

_CALENDAR = re.compile(r"^(?P<y>\d{4})(?:-(?P<mo>\d{2})(?:-(?P<d>\d{2})(?:T(?:(?P<h>\d{2}):(?P<mi>\d{2})"
                       r"(?::(?P<s>\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?|MO|AF|EV|NI))?)?)?$")
_WEEK = re.compile(r"^(?P<y>\d{4})-W(?P<w>\d{2})(?:-WE|-(?P<wd>\d))?$")
_PART = re.compile(r"^(?P<y>\d{4})-(?:Q[1-4]|H[12]|SP|SU|FA|WI)$")
_FISCAL = re.compile(r"^FY(?P<y>\d{4})$")
_DATE_LIKE = re.compile(r"^(?:FY)?\d{4}-(?:\d|W\d|Q|H\d|SP|SU|FA|WI)")  # starts like one of the above


def problem(value: str | None) -> str | None:
    """Why `value` cannot be shown as a date, or None when it can (or is not meant as one)."""
    if value is None:
        return None
    text = str(value)
    if len(text) > 200:
        return "a TimeML value is a short code such as 2018-03-01, 2018-W02 or P3D, not text"
    m = _CALENDAR.match(text)
    if m:
        return _calendar(m, text)
    m = _WEEK.match(text)
    if m:
        year, week = int(m["y"]), int(m["w"])
        if year < 1:
            return f"'{text}': there is no year 0000"
        try:
            dt.date.fromisocalendar(year, week, int(m["wd"] or 1))
        except ValueError:
            return f"'{text}' is not a real week (weeks run from W01 to W52 or W53, days 1 to 7)"
        return None
    m = _PART.match(text) or _FISCAL.match(text)
    if m:
        return f"'{text}': there is no year 0000" if int(m["y"]) < 1 else None
    if _DATE_LIKE.match(text):
        return (f"'{text}' starts like a date but is not a TimeML value the site knows "
                "(YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDThh:mm, YYYY-Www, YYYY-Qn, …)")
    return None


def _calendar(m: re.Match, text: str) -> str | None:
    year = int(m["y"])
    if year < 1:
        return f"'{text}': there is no year 0000"
    month, day = int(m["mo"] or 1), int(m["d"] or 1)
    try:
        dt.date(year, month, day)
    except ValueError:
        return f"'{text}' is not a real date" if m["d"] else f"'{text}' is not a real month"
    if m["h"] is not None and (int(m["mi"]) > 59 or int(m["s"] or 0) > 59 or int(m["h"]) > 24
                               or (int(m["h"]) == 24 and (int(m["mi"]) or int(m["s"] or 0)))):  # 24:00: midnight
        return f"'{text}' is not a real time of day"
    return None

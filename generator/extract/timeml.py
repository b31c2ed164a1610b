"""What a TIMEX3 value may look like, and safe date arithmetic for the normalisers.

`valid_value(v)` is the contract between extraction and rendering: every value that extraction writes
passes it. The shape is checked here, the calendar (a real day, week, month in years 0001-9999) by the core
rule `timevalue.problem` that `make check` applies to editors' values. The `add_*` helpers return None instead of raising when a shift leaves the years
Python's `datetime` can hold (0001-9999): such a date cannot be written, so it stays unresolved.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from dateutil.relativedelta import relativedelta

from generator import timevalue

_YEAR = r"\d{4}"
_TIME = r"T(?:(?:[01]\d|2[0-4])(?::[0-5]\d(?::[0-5]\d(?:\.\d+)?)?)?(?:Z|[+-]\d\d(?::?\d\d)?)?|MO|AF|EV|NI|DT)"
_DATE_FORMS = re.compile(
    rf"(?P<y>{_YEAR})(?:-(?P<m>\d\d)(?:-(?P<d>\d\d))?)?(?:{_TIME})?"  # 2018, 2018-01, 2018-01-10T15:00
    rf"|{_YEAR}-W(?P<w>\d\d)(?:-WE)?(?:{_TIME})?"  # ISO week, its weekend
    rf"|{_YEAR}-(?:Q[1-4]|H[12]|SP|SU|FA|WI)"  # quarter, half, season
    r"|\d{2,3}"  # century '20', decade '199'
    rf"|FY{_YEAR}"
    r"|PRESENT_REF|PAST_REF|FUTURE_REF"
    r"|XXXX(?:-XX(?:-XX)?)?(?:T(?:MO|AF|EV|NI|\d\d(?::\d\d)?))?"  # sets: 'every morning'
    r"|XXXX-WXX-[1-7]")
_DURATION = re.compile(r"P(?:(?:\d+(?:\.\d+)?|X)(?:Y|M|W|D|Q|DE|CE|ML|WE|H))+"
                       r"|PT(?:(?:\d+(?:\.\d+)?|X)(?:H|M|S))+"
                       r"|P(?:(?:\d+(?:\.\d+)?|X)(?:Y|M|W|D))+T(?:(?:\d+(?:\.\d+)?|X)(?:H|M|S))+")


def valid_value(value: object) -> bool:
    """True for a TIMEX3 value this project writes or can render: its shape is TIMEX3 and its calendar parts
    exist (the same rule `make check` applies, generator/timevalue.py)."""
    if not isinstance(value, str) or len(value) > 40:
        return False
    if _DURATION.fullmatch(value):
        return True
    return _DATE_FORMS.fullmatch(value) is not None and timevalue.problem(value) is None


def add_days(d: Optional[dt.date], n: int) -> Optional[dt.date]:
    if d is None:
        return None
    try:
        return d + dt.timedelta(days=n)
    except (OverflowError, ValueError):
        return None


def add_months(d: Optional[dt.date], n: int) -> Optional[dt.date]:
    if d is None:
        return None
    try:
        return d + relativedelta(months=n)
    except (OverflowError, ValueError):
        return None


def year_ok(year: int) -> bool:
    return 1 <= year <= 9999

"""timex.normalise: one temporal expression -> (TIMEX3 type, value), against a publication date (DCT).

Synthetic expressions written for these tests. DCT 2018-01-10 is a Wednesday (ISO week 2018-W02).
"""

from __future__ import annotations

import datetime as dt

import pytest

from generator.extract.timex import normalise

DCT = dt.date(2018, 1, 10)


@pytest.mark.parametrize("text, tense, expected", [
    # relative days and weeks
    ("Today", None, ("DATE", "2018-01-10")),
    ("yesterday", "past", ("DATE", "2018-01-09")),
    ("tomorrow", "future", ("DATE", "2018-01-11")),
    ("earlier today", "past", ("DATE", "2018-01-10")),
    ("Monday", "past", ("DATE", "2018-01-08")),
    ("on Friday", "past", ("DATE", "2018-01-05")),
    ("Friday", "future", ("DATE", "2018-01-12")),
    ("next Monday", None, ("DATE", "2018-01-15")),
    ("earlier Wednesday", "past", ("DATE", "2018-01-10")),  # written on a Wednesday: that day
    ("later Wednesday", "future", ("DATE", "2018-01-10")),
    ("earlier Monday", "past", ("DATE", "2018-01-08")),
    ("last Wednesday", None, ("DATE", "2018-01-03")),
    ("this week", None, ("DATE", "2018-W02")),
    ("last week", "past", ("DATE", "2018-W01")),
    ("next week", "future", ("DATE", "2018-W03")),
    ("the weekend", None, ("DATE", "2018-W02-WE")),
    ("Friday morning", "past", ("TIME", "2018-01-05TMO")),
    ("tonight", None, ("TIME", "2018-01-10TNI")),
    # months and years, relative
    ("earlier this month", "past", ("DATE", "2018-01")),
    ("last month", "past", ("DATE", "2017-12")),
    ("this year", None, ("DATE", "2018")),
    ("last year", "past", ("DATE", "2017")),
    ("the beginning of the year", None, ("DATE", "2018")),
    ("two years ago", "past", ("DATE", "2016")),
    ("three days ago", "past", ("DATE", "2018-01-07")),
    ("a few years ago", "past", ("DATE", "PAST_REF")),
    ("last September", None, ("DATE", "2017-09")),
    ("next March", None, ("DATE", "2018-03")),
    ("November", "past", ("DATE", "2017-11")),
    ("March", "future", ("DATE", "2018-03")),
    # absolute dates need no DCT
    ("January 10, 2018", None, ("DATE", "2018-01-10")),
    ("10 January 2018", None, ("DATE", "2018-01-10")),
    ("March 2017", None, ("DATE", "2017-03")),
    ("Back in 2012", None, ("DATE", "2012")),
    ("early 2009", None, ("DATE", "2009")),
    ("the 1990s", None, ("DATE", "199")),
    ("'82", None, ("DATE", "1982")),
    ("7/8/07", None, ("DATE", "2007-07-08")),
    # fiscal years, quarters, halves, seasons
    ("fiscal 2018", None, ("DATE", "FY2018")),
    ("the 2017 fiscal year", None, ("DATE", "FY2017")),
    ("next fiscal year", "future", ("DATE", "FY2019")),
    ("the third quarter", None, ("DATE", "2018-Q3")),
    ("third-quarter", None, ("DATE", "2018-Q3")),
    ("the fourth quarter", "past", ("DATE", "2017-Q4")),
    ("the first quarter of last year", None, ("DATE", "2017-Q1")),
    ("Q2 2016", None, ("DATE", "2016-Q2")),
    ("the first half of 2017", None, ("DATE", "2017-H1")),
    ("summer 2016", None, ("DATE", "2016-SU")),
    ("last winter", None, ("DATE", "2017-WI")),
    ("this spring", None, ("DATE", "2018-SP")),
    # durations and sets
    ("the past twenty years", None, ("DURATION", "P20Y")),
    ("the past decade", None, ("DURATION", "P10Y")),
    ("over a decade", None, ("DURATION", "P10Y")),
    ("30-year", None, ("DURATION", "P30Y")),
    ("six straight days", None, ("DURATION", "P6D")),
    ("two consecutive quarters", None, ("DURATION", "P2Q")),
    ("three hours", None, ("DURATION", "PT3H")),
    ("many months", None, ("DURATION", "PXM")),
    ("decades", None, ("DURATION", "PXDE")),
    ("the next week", "future", ("DURATION", "P1W")),
    ("every week", None, ("SET", "P1W")),
    ("annual", None, ("SET", "P1Y")),
    # vague references
    ("now", None, ("DATE", "PRESENT_REF")),
    ("currently", None, ("DATE", "PRESENT_REF")),
    ("recently", None, ("DATE", "PAST_REF")),
    ("the future", None, ("DATE", "FUTURE_REF")),
    ("the long term", None, ("DATE", "FUTURE_REF")),
    # clock times
    ("3 p.m.", None, ("TIME", "2018-01-10T15:00")),
    ("18:00 UTC", None, ("TIME", "2018-01-10T18:00Z")),
    ("0800 GMT", None, ("TIME", "2018-01-10T08:00Z")),
    ("noon", None, ("TIME", "2018-01-10T12:00")),
])
def test_normalise_with_publication_date(text, tense, expected):
    assert normalise(text, DCT, tense) == expected


@pytest.mark.parametrize("text, expected", [
    ("January 10, 2018", "2018-01-10"),
    ("2012", "2012"),
    ("fiscal 2018", "FY2018"),
    ("summer 2016", "2016-SU"),
    ("the past twenty years", "P20Y"),
    ("now", "PRESENT_REF"),
    ("today", None),
    ("last week", None),
    ("earlier this month", None),
    ("Monday", None),
    ("two years ago", None),
    ("this week", None),
    ("March", None),
    ("the third quarter", None),
    ("3 p.m.", None),
])
def test_without_publication_date_only_absolute_values(text, expected):
    """No publication date: relative expressions get value null, never a guess."""
    assert normalise(text, None)[1] == expected


@pytest.mark.parametrize("text", ["", "   ", "blue", "the 45th of Octember", "99/99/99", "2018-02-30",
                                  "x" * 10_000, "“”", "'"])
def test_nonsense_never_raises(text):
    typ, value = normalise(text, DCT)
    assert typ in ("DATE", "TIME", "DURATION", "SET")
    assert value is None or isinstance(value, str)


@pytest.mark.parametrize("text, published, expected", [
    # whole-text behaviour of dates.extract_dates on the parse: spans widened, split and anchored
    ("Norbex announced Friday that it will pay refunds.", dt.date(2010, 7, 17), [("Friday", "2010-07-16")]),
    ("Sales rose this year.", DCT, [("this year", "2018")]),
    ("The plant ran from 2009 to 2011.", DCT, [("2009", "2009"), ("2011", "2011")]),
    ("The bridge stays shut until Friday.", DCT, [("Friday", "2018-01-12")]),
    ("The plane took off Tuesday at 18:00 UTC.", DCT, [("Tuesday", "2018-01-09"), ("18:00 UTC", "2018-01-09T18:00Z")]),
    ("He retired at the age of 56.", DCT, []),
    ("Prices fell on Monday. On the same day, rates rose.", DCT,
     [("Monday", "2018-01-08"), ("the same day", "2018-01-08")]),
])
def test_extract_dates_on_parse(extract_record, text, published, expected):
    record = extract_record(text, published)
    assert [(d.text, d.value) for d in record.dates] == expected

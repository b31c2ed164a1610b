"""Narrative anchoring (extract.anchoring, dates.extract_dates): anchored expressions count from the story's
last date, deictic ones from the publication date, bare months from the tense and the story's year; what
the text does not decide stays null. Invented sentences; publication date 2016-10-20 (a Thursday)."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.extract.anchoring import is_anchored, is_bare, parse_anchor, resolve_anchored, story_year

DCT = dt.date(2016, 10, 20)


@pytest.mark.parametrize("text, anchor, expected", [
    ("Eight years later", "2008", ("DATE", "2016")),
    ("eight years later", "2008-11-04", ("DATE", "2016")),
    ("Two months later", "2015-03", ("DATE", "2015-05")),
    ("two months later", "2013", ("DATE", None)),  # the anchor does not say which month
    ("that year", "2013-05-04", ("DATE", "2013")),
    ("the same year", "2013-Q2", ("DATE", "2013")),
    ("the following month", "2014-03-03", ("DATE", "2014-04")),
    ("the following week", "2016-10-12", ("DATE", "2016-W42")),
    ("the next day", "2016-02-28", ("DATE", "2016-02-29")),
    ("the next morning", "2016-10-20", ("TIME", "2016-10-21TMO")),
    ("the day before", "2016-03-01", ("DATE", "2016-02-29")),
    ("the year before", "2016-03-01", ("DATE", "2015")),
    ("three years earlier", "2010", ("DATE", "2007")),
    ("a decade later", "199", ("DATE", "200")),
    ("the previous year", "2013", ("DATE", "2012")),
    ("two weeks later", "2016-W40", ("DATE", "2016-W42")),
    ("two days later", "2016-W40", ("DATE", None)),  # a week does not say which day
    ("17 seconds later", "2016-10-20", ("TIME", None)),
    ("three years later", None, ("DATE", None)),  # no date named before: unresolved, never the DCT
    ("5000 years later", "9000", ("DATE", None)),  # past the calendar
    ("the same period last year", "2010-02", ("DATE", "2009-02")),  # the story's period, a year back
    ("the same quarter a year earlier", "2016-Q2", ("DATE", "2015-Q2")),
    ("the same day last year", "2016-02-29", ("DATE", None)),
    ("the year previous", "2009", ("DATE", "2008")),
])
def test_resolve_anchored(text, anchor, expected):
    assert is_anchored(text)
    assert resolve_anchored(text, parse_anchor(anchor)) == expected


@pytest.mark.parametrize("text", ["two years ago", "last week", "yesterday", "next year", "Monday", "the next week",
                                  "that day", "the same day", "three days from now", "this year", "2012"])
def test_deictic_and_same_day_are_not_narrative_anchored(text):
    assert not is_anchored(text)


@pytest.mark.parametrize("value, expected", [
    ("2016-10-20", (dt.date(2016, 10, 20), "D")), ("2016-10-20T15:00", (dt.date(2016, 10, 20), "D")),
    ("2016-W42", (dt.date(2016, 10, 17), "W")), ("2016-10", (dt.date(2016, 10, 1), "M")),
    ("2016-Q4", (dt.date(2016, 10, 1), "Q")), ("2016", (dt.date(2016, 1, 1), "Y")),
    ("2016-SU", (dt.date(2016, 1, 1), "Y")), ("201", (dt.date(2010, 1, 1), "DE")),
    ("PRESENT_REF", None), ("P3Y", None), ("FY2016", None), ("2018-02-30", None), (None, None)])
def test_parse_anchor(value, expected):
    assert parse_anchor(value) == expected


@pytest.mark.parametrize("text, bare", [("in December", True), ("the end of May", True), ("early June", True),
                                        ("the summer", True), ("June 17", False), ("December 2015", False),
                                        ("last December", False)])
def test_is_bare(text, bare):
    assert is_bare(text) is bare


def test_story_year_keeps_real_dates_only():
    assert story_year("2016-12", 2015) == "2015-12"
    assert story_year("2016-SU", 2015) == "2015-SU"
    assert story_year("2016-02-29", 2015) is None  # no 29 February in 2015
    assert story_year("PRESENT_REF", 2015) == "PRESENT_REF"


@pytest.mark.parametrize("text, expected", [
    # anchored: the last date the story named, not the publication date
    ("Obama won in 2008. Eight years later, a rival won.", [("2008", "2008"), ("Eight years later", "2016")]),
    ("She joined the board in 2013. That year, sales fell.", [("2013", "2013"), ("That year", "2013")]),
    ("The talks began in March 2015. Two months later, they collapsed.",
     [("March 2015", "2015-03"), ("Two months later", "2015-05")]),
    ("The strike began on March 3, 2014. The following month, the mine shut.",
     [("March 3, 2014", "2014-03-03"), ("The following month", "2014-04")]),
    ("The firm was founded in 1999. Two years after, it listed.", [("1999", "1999"), ("Two years after", "2001")]),
    ("Two months later, the mill closed.", [("Two months later", None)]),  # nothing to count from
    # deictic: the publication date
    ("The minister resigned two years ago.", [("two years ago", "2014")]),
    ("The factory opened in 2001. Last week it closed.", [("2001", "2001"), ("Last week", "2016-W41")]),
    # bare months: the tense, and the year the story is set in
    ("The mill closed in December.", [("December", "2015-12")]),
    ("The mill will close in December.", [("December", "2016-12")]),
    ("In 2013 the mine flooded. In March, it shut.", [("2013", "2013"), ("March", "2013-03")]),
    ("He served as mayor until the end of May.", [("the end of May", "2016-05")]),
    ("The museum was open from June until August.", [("June", "2016-06"), ("August", "2016-08")]),
    ("The bridge stays shut until Friday.", [("Friday", "2016-10-21")]),
    ("Exports rose in May from the same month a year earlier.", [("May", "2016-05"),
                                                                 ("the same month a year earlier", "2015-05")]),
    # a comparison is a delay, not a shift: the day it qualifies in its sentence, else unresolved
    ("The jet arrived on November 11, three days later than planned.",
     [("November 11", "2016-11-11"), ("three days later than planned", "2016-11-11")]),
    ("The jet arrived three days later than expected.", [("three days later than expected", None)]),
])
def test_anchoring_on_parse(extract_record, text, expected):
    record = extract_record(text, DCT)
    assert [(d.text, d.value) for d in record.dates] == expected

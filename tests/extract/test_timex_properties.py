"""Hypothesis properties of date normalisation: never raises, and every value is a valid TIMEX3 value or None.

Generated temporal phrases ("N units earlier/later/ago/from now", digits and number words, odd casing) and
generated values (any ISO date 0001-01-01..9999-12-31, weeks, quarters, impossible dates like 2018-02-30).
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.extract.timeml import valid_value
from generator.extract.timewords import NUMBERS
from generator.extract.timex import normalise

SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
UNITS = ["second", "minute", "hour", "day", "night", "week", "weekend", "fortnight", "month", "quarter", "year",
         "decade", "century", "centuries", "millennium", "millennia"]
DIRECTIONS = ["earlier", "later", "ago", "from now", "before", "after", "hence", "on"]
TENSES = st.sampled_from([None, "past", "present", "future"])
any_date = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
edge_date = st.sampled_from([dt.date(1, 1, 1), dt.date(1, 1, 7), dt.date(9999, 12, 31), dt.date(9999, 12, 25),
                             dt.date(2016, 2, 29), None])
dcts = any_date | edge_date


def odd_case(text: str, flips: list[bool]) -> str:
    return "".join(c.upper() if f else c for c, f in zip(text, flips + [False] * len(text)))


number = st.integers(0, 10**12).map(str) | st.sampled_from(sorted(NUMBERS)) | \
    st.floats(0, 1e6, allow_nan=False).map(lambda f: f"{f:g}")
unit = st.sampled_from(UNITS).flatmap(lambda u: st.sampled_from([u, u + "s"]))
phrase = st.builds(lambda n, u, d, lead: f"{lead}{n} {u} {d}", number, unit, st.sampled_from(DIRECTIONS),
                   st.sampled_from(["", "some ", "about ", "the ", "  ", "just "]))
cased_phrase = st.builds(odd_case, phrase, st.lists(st.booleans(), max_size=40))


def check(typ: str, value) -> None:
    assert typ in ("DATE", "TIME", "DURATION", "SET")
    assert value is None or valid_value(value), value


@SETTINGS
@given(text=cased_phrase, dct=dcts, tense=TENSES)
def test_generated_relative_phrases_never_raise(text, dct, tense):
    check(*normalise(text, dct, tense))


@SETTINGS
@given(d=any_date, dct=dcts, tense=TENSES, form=st.sampled_from(
    ["{iso}", "{d:%B} {d.day}, {y}", "{d.day} {d:%B} {y}", "{d:%B} {y}", "{y}", "{d:%A}", "{d:%B}",
     "last {d:%A}", "next {d:%B}", "{d:%m}/{d:%d}/{y}", "{y}s", "summer {y}", "Q3 {y}", "fiscal {y}",
     "the week of {d:%B} {d.day}"]))
def test_generated_calendar_phrases_never_raise(d, dct, tense, form):
    text = form.format(d=d, iso=d.isoformat(), y=f"{d.year:04d}")
    check(*normalise(text, dct, tense))


DEICTIC = ["yesterday", "tomorrow", "today", "tonight", "last week", "next week", "this weekend", "last month",
           "next month", "next quarter", "the fourth quarter", "next year", "last year", "next decade",
           "Monday", "next Monday", "last Sunday", "December", "last December", "next January", "this spring",
           "last winter", "10 am tomorrow", "3 p.m. yesterday", "noon", "midnight", "0800 GMT", "next fiscal year",
           "the day after tomorrow", "the following year", "that year", "the same day", "earlier this month"]


@pytest.mark.parametrize("dct", [dt.date(1, 1, 1), dt.date(9999, 12, 31), None])
@pytest.mark.parametrize("text", DEICTIC)
@pytest.mark.parametrize("tense", [None, "past", "future"])
def test_deictic_at_the_ends_of_the_calendar(text, dct, tense):
    """Publication dates at the edges of what a date can hold: an unwritable result is None, never a crash."""
    check(*normalise(text, dct, tense))


@pytest.mark.parametrize("text, expected", [
    ("17 seconds later", ("TIME", None)),
    ("Five Minutes Later", ("TIME", None)),
    ("3 HOURS AGO", ("TIME", None)),
    ("two hours earlier", ("TIME", None)),
    ("a minute later", ("TIME", None)),  # not a month later: minutes are not months
    ("three fortnights ago", ("DATE", "2017-W48")),  # six weeks before W02
    ("two weekends later", ("DATE", "2018-W04-WE")),
    ("a millennium ago", ("DATE", None)),
    ("99999 years later", ("DATE", None)),
    ("three decades ago", ("DATE", "198")),
])
def test_time_units_and_far_shifts(text, expected):
    assert normalise(text, dt.date(2018, 1, 10)) == expected


@SETTINGS
@given(d=any_date)
def test_every_real_day_is_a_valid_value_and_normalises_to_itself(d):
    assert valid_value(d.isoformat())
    assert normalise(d.isoformat(), None) == ("DATE", d.isoformat())


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31", "2016-02-29", "2018-W01", "2015-W53", "2016-W42-WE",
                                   "2018-Q4", "2017-H2", "2017-SU", "FY2018", "199", "20", "PRESENT_REF",
                                   "P1M", "PT17S", "P2.5Y", "PXDE", "P1WE", "2018-01-10T15:00", "2018-01-10T24:00",
                                   "2018-01-10TMO", "2007-10-17T06:40Z", "XXXX-XX-XXTMO", "XXXX"])
def test_valid_values(value):
    assert valid_value(value)


@pytest.mark.parametrize("value", ["2018-02-30", "0000-01-01", "2018-13", "2018-00-10", "2017-W53", "2018-W00",
                                   "10000", "12018-01-01", "2018-1-1", "", "P", "PT", "P1X", "yesterday",
                                   "2018-01-10T25:00", "2018-Q5", None, 2018])
def test_invalid_values(value):
    assert not valid_value(value)


@SETTINGS
@given(y=st.integers(-5, 10**5), m=st.integers(-1, 14), d=st.integers(-1, 40), dct=dcts)
def test_any_iso_like_value_normalises_or_is_none(y, m, d, dct):
    check(*normalise(f"{y:04d}-{m:02d}-{d:02d}", dct))
    check(*normalise(f"{m}/{d}/{y}", dct))


anchor_value = st.builds(lambda d, form: form.format(d=d, y=f"{d.year:04d}", w=d.isocalendar()[1],
                                                   dec=f"{d.year // 10:03d}"),
                         any_date, st.sampled_from(["{d}", "{y}", "{y}-{d.month:02d}", "{y}-W{w:02d}", "{y}-Q1",
                                                    "{y}-SU", "{dec}", "PRESENT_REF", "P2Y"]))
ANCHORED = ["that year", "the same month", "the following week", "the previous day", "the next morning",
            "the day before", "the year after", "the same period last year", "the year previous"]


@SETTINGS
@given(text=cased_phrase | st.sampled_from(ANCHORED), anchor=anchor_value)
def test_anchored_phrases_never_raise(text, anchor):
    from generator.extract.anchoring import is_anchored, parse_anchor, resolve_anchored

    is_anchored(text)
    check(*resolve_anchored(text, parse_anchor(anchor)))

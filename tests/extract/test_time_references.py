"""Time references that hold on unseen news (issue 16): "of the past" / "of the future" (PAST_REF /
FUTURE_REF), "single-day" (a one-day duration), "by that time" (the narrative anchor, null without one),
"today's <firm or country>" as it is now (PRESENT_REF), and what is no time at all: a year inside a name
("the Vantage 2000 Index"), "their most recent model" (the latest one). Invented sentences; publication date
2016-09-15, a Thursday."""

from __future__ import annotations

import datetime as dt

import pytest

DCT = dt.date(2016, 9, 15)


def _dates(extract_record, text, published=DCT):
    return [(d.text, d.value) for d in extract_record(text, published).dates]


@pytest.mark.parametrize("text, expected", [
    ("The minister promised to break with the mistakes of the past.", [("the past", "PAST_REF")]),
    ("Engineers showed the trains of the future to the board.", [("the future", "FUTURE_REF")]),
    ("In the past, the ferry was slower.", [("the past", "PAST_REF")]),
    # the start of a longer phrase is left to the model, never cut short to "the past"
    ("He studied the rulings of the past court closely.", []),
])
def test_the_past_and_the_future(extract_record, text, expected):
    assert _dates(extract_record, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The index suffered its worst single-day fall in a decade.", ("single-day", "P1D")),
    ("The port recorded its largest single-day haul of tuna.", ("single-day", "P1D")),
    ("Ticket sales for a single day reached a record.", ("a single day", "P1D")),
])
def test_single_day_is_a_duration(extract_record, text, expected):
    assert expected in _dates(extract_record, text)


@pytest.mark.parametrize("text, expected", [
    # the date the story named last, at its own granularity
    ("The lease runs out on June 10. If no buyer is found by that time, the mill will close.",
     [("June 10", "2016-06-10"), ("that time", "2016-06-10")]),
    ("In 2009 the plant changed hands. At that time it employed 400 people.",
     [("2009", "2009"), ("that time", "2009")]),
    # nothing named before: unresolved, never the publication date
    ("By that time, the crowd had gone home.", [("that time", None)]),
    # "that time of year", "that time when ...": no anaphoric date
    ("Flu spreads fast at that time of year.", []),
])
def test_that_time_is_the_narrative_anchor(extract_record, text, expected):
    assert _dates(extract_record, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The chairman said this is a new start for today's Russia.", [("today", "PRESENT_REF")]),
    # that day's edition, or that day's event: the publication day
    ("The interview ran in today's Daily Herald.", [("today", "2016-09-15")]),
    ("Nobody expected today's Senate vote to pass.", [("today", "2016-09-15")]),
])
def test_todays_organisation_is_the_present(extract_record, text, expected):
    assert _dates(extract_record, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The Vantage 2000 Index of small firms fell by three percent.", []),
    ("Clients still run the Tessaract 2000 Server in many offices.", []),
    # a year after a preposition or a month stays a date
    ("The Vantage index fell by three percent in 2000 and rose in 2001.", [("2000", "2000"), ("2001", "2001")]),
    ("The Board met in January 2000 to approve it.", [("January 2000", "2000-01")]),
    # "most recent" with a thing is the latest one; with a time unit it is still a time
    ("Buyers complained about their most recent phone model.", []),
    ("Prices fell in the most recent quarter.", [("the most recent quarter", None)]),
])
def test_no_time_in_names_and_rankings(extract_record, text, expected):
    got = _dates(extract_record, text)
    if expected and expected[-1][1] is None:  # only: no bare "recent" inside it
        assert all(t != "recent" for t, _ in got)
    else:
        assert got == expected


@pytest.mark.parametrize("text, expected", [
    # a generic tomorrow is the future, not the next day
    ("The bishop said the families still hope for a brighter tomorrow.", [("tomorrow", "FUTURE_REF")]),
    ("Voters want a better tomorrow for their children.", [("tomorrow", "FUTURE_REF")]),
    ("The vote is tomorrow.", [("tomorrow", "2016-09-16")]),
    # a clock word modifying a noun names no time on a known day
    ("The town lifted a midnight curfew after the protests.", [("midnight", None)]),
    ("The bank faces a noon deadline to reply.", [("noon", None)]),
    ("The polls close at midnight.", [("midnight", "2016-09-15T24:00")]),
])
def test_generic_tomorrow_and_clock_modifiers(extract_record, text, expected):
    assert _dates(extract_record, text) == expected


@pytest.mark.parametrize("text, expected", [
    # the forecast a comparison refers to was made before, whatever the tense of the main verb
    ("The agency says growth will slow to 1.2 percent, less than forecast in July.", [("July", "2016-07")]),
    ("The fund expects exports will rise by 2 percent, more than projected in April.", [("April", "2016-04")]),
    # a future month with no such comparison stays ahead
    ("The agency will publish its next forecast in November.", [("November", "2016-11")]),
])
def test_a_forecast_compared_with_is_past(extract_record, text, expected):
    assert _dates(extract_record, text) == expected


@pytest.mark.parametrize("text, published, expected", [
    # written on a weekday, a past "the weekend" is the one just gone; "this weekend" and a future stay ahead
    ("Protesters marched through the city over the weekend.", dt.date(2016, 10, 3), "2016-W39-WE"),
    ("The ad quotes a report from over the weekend about the deal.", dt.date(2016, 10, 3), "2016-W39-WE"),
    ("Protesters will march through the city over the weekend.", dt.date(2016, 10, 3), "2016-W40-WE"),
    ("Protesters marched through the city this weekend.", dt.date(2016, 10, 9), "2016-W40-WE"),
])
def test_the_weekend_follows_the_tense(extract_record, text, published, expected):
    assert [v for t, v in _dates(extract_record, text, published) if "weekend" in t] == [expected]

"""Dates read in context (extract.timecontext, timetense, dates.extract_dates): names and compound adjectives
that hold a time word are no dates; the governing verb's tense (through infinitives and prepositional
gerunds); the publication's own weekday; "the day before X"; clock time + day; rates; what stays null.
Invented sentences. Publication date 2016-09-15, a Thursday, unless a test says otherwise."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.extract.timex import normalise
from generator.extract.timewords import _num, _weekday, _year_for_month

DCT = dt.date(2016, 9, 15)


def _dates(extract_record, text, published=DCT):
    return [(d.text, d.value) for d in extract_record(text, published).dates]


@pytest.mark.parametrize("text, expected", [
    # names and compound adjectives that hold a time word: not dates at all
    ("The mayor told USA TODAY that the bridge would reopen.", []),
    ("The anchor joined Russia Today from a radio station.", []),
    ("Prime Minister Gwen May met the envoys in the capital.", []),
    ("The now-defunct airline sold its last jets.", []),
    ("Guests toured the soon-to-open terminal.", []),
    # levels and ages are not decades; a decade written as one still is
    ("Turnout is in the mid-30s in the north and in the low-50s in the south.", []),
    ("The new chief is in her early 40s.", []),
    ("Cars of the 70s and 80s were boxy.", [("70s", "197"), ("80s", "198")]),
    ("Land prices collapsed in the 1980’s.", [("the 1980’s", "198")]),
    # a generic season names no summer in particular
    ("As a summer intern at a bank, he filed reports.", [("summer", None)]),
])
def test_names_modifiers_and_levels(extract_record, text, expected):
    assert _dates(extract_record, text) == expected


@pytest.mark.parametrize("text, expected", [
    # "is to", an infinitive under a verb or noun of intent: future; a named day in the present: the nearest
    ("The new director is to take over on Jan. 1.", [("Jan. 1", "2017-01-01")]),
    ("No ruling is likely until the governor leaves office on Jan. 12.", [("Jan. 12", "2017-01-12")]),
    ("The council said it would announce its intention to leave the pact by the end of March.",
     [("the end of March", "2017-03")]),
    ("The union plans to strike in March.", [("March", "2017-03")]),
    ("The union refused to strike in March.", [("March", "2016-03")]),  # the head verb's past
    # a possessive weekday names its own time, not the infinitive's future
    ("The mayor is trying to win back voters after Monday's debate.", [("Monday", "2016-09-12")]),
    ("The union plans to strike on Monday.", [("Monday", "2016-09-19")]),
    # a gerund used as a preposition: the clause's own verb decides
    ("The aides avoided calling a doctor following her fall on Sunday.", [("Sunday", "2016-09-11")]),
    # the publication's own weekday is that day, whatever the tense, unless "next" or "last" says otherwise
    ("The senator will announce her plan Thursday.", [("Thursday", "2016-09-15")]),
    ("The senator will announce her plan next Thursday.", [("next Thursday", "2016-09-22")]),
    ("Troops will stay in the city through Thursday.", [("Thursday", "2016-09-15")]),
    ("Until Thursday, the firm has refused to publish its accounts.", [("Thursday", "2016-09-15")]),
    # a bare month after a future date in the same sentence is in that date's year
    ("She would take the seat in January 2018, run in a special election in November, and then retire.",
     [("January 2018", "2018-01"), ("November", "2018-11")]),
    # ... and after any date ahead of the publication, in a sentence not in the past
    ("The court term begins next Monday and ends in June.", [("next Monday", "2016-09-19"), ("June", "2017-06")]),
    ("The law, which takes effect next year, was passed in June.", [("next year", "2017"), ("June", "2016-06")]),
])
def test_tense_and_weekdays(extract_record, text, expected):
    assert _dates(extract_record, text) == expected


@pytest.mark.parametrize("text, expected", [
    # "the day" that the phrase goes on to place: counted from what follows, or unresolved
    ("In a column in the day before the vote, two aides urged caution.", [("the day", None)]),
    ("He raised money on the day after Monday's vote.", [("the day after", "2016-09-13"), ("Monday", "2016-09-12")]),
    ("The day that was cancelled was the day it became personal.", [("The day", None), ("the day", None)]),
    ("Shares rallied late in the day after falling sharply.", [("the day", "2016-09-15")]),  # a clause follows
    # the Sept. 11 attacks are 2001's; a memorial held on the day this year is this year's
    ("She praised the rescuers of the Sept. 11 attacks.", [("Sept. 11", "2001-09-11")]),
    ("She left the Sept. 11 ceremony early.", [("Sept. 11", "2016-09-11")]),
    # a clock time takes the day written right after it; with only a space between, they are one
    ("At 16:15 UTC, June 3rd, the chief spoke to reporters.", [("16:15 UTC", "2016-06-03T16:15Z"),
                                                             ("June 3rd", "2016-06-03")]),
    ("The firm filed for bankruptcy at 12:00 UTC Monday in a federal court.",
     [("12:00 UTC Monday", "2016-09-12T12:00Z")]),
])
def test_what_follows_places_the_date(extract_record, text, expected):
    assert _dates(extract_record, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("15 a year", ("SET", "P1Y")), ("twice a week", ("SET", "P1W")), ("three times a month", ("SET", "P1M")),
    ("two and a half years", ("DURATION", "P2.5Y")), ("a year and a half", ("DURATION", "P1.5Y")),
    ("nearly three and a half hours", ("DURATION", "PT3.5H")), ("a half year", ("DURATION", None)),
    ("October of next year", ("DATE", "2017-10")), ("March of last year", ("DATE", "2015-03")),
    ("the last week of March", ("DATE", "2016-W13")), ("the first week of March 2009", ("DATE", "2009-W10")),
    ("Twenty-two years ago", ("DATE", "1994")), ("thirty five years ago", ("DATE", "1981")),
    ("the 1990's", ("DATE", "199")), ("1990's", ("DATE", "1990")),  # a year's possessive without "the"
])
def test_normalise_new_forms(text, expected):
    assert normalise(text, DCT) == expected


@pytest.mark.parametrize("word, n", [("twenty-two", 22), ("ninety nine", 99), ("forty", 40), ("twenty-a", None),
                                     ("one-two", None)])
def test_compound_numbers(word, n):
    assert _num(word) == n


@pytest.mark.parametrize("day, tense, modifier, expected", [
    (3, "future", "", "2016-09-15"), (3, "past", "", "2016-09-15"), (3, None, "next", "2016-09-22"),
    (3, None, "last", "2016-09-08"), (0, "present", "", "2016-09-12"), (0, "future", "", "2016-09-19"),
    (6, "present", "", "2016-09-18"), (0, "present", "", "2016-09-12"), (4, "past", "", "2016-09-09")])
def test_weekday(day, tense, modifier, expected):
    assert _weekday(day, DCT, tense, modifier) == expected


def test_named_day_nearest_year():
    assert _year_for_month(1, DCT, "present", nearest=True) == 2017
    assert _year_for_month(1, DCT, "present") == 2016  # a bare month in the present: this year's
    assert _year_for_month(1, DCT, "past", nearest=True) == 2016


@pytest.mark.parametrize("text, published, expected", [
    # present: the publication's week ("still small after Monday's vote" written on a Friday)
    ("The effect of Monday's vote is still small.", dt.date(2016, 9, 16), [("Monday", "2016-09-12")]),
    ("The committee meets Friday.", dt.date(2016, 9, 13), [("Friday", "2016-09-16")]),
    # "earlier in the day": the day the story last named, else the publication's
    ("The rally was on Wednesday. Earlier in the day, the senator spoke to donors.", dt.date(2016, 9, 16),
     [("Wednesday", "2016-09-14"), ("Earlier in the day", "2016-09-14")]),
    ("Shares fell sharply later in the day.", dt.date(2016, 9, 16), [("later in the day", "2016-09-16")]),
])
def test_present_weekday_and_the_day_of_the_story(extract_record, text, published, expected):
    assert _dates(extract_record, text, published) == expected


@pytest.mark.parametrize("text, expected", [
    # today as nowadays: after "even"/"still", or right after a noun in a present-tense clause
    ("Even today, the old mill is a ruin.", [("today", "PRESENT_REF")]),
    ("The dangers today are greater than ever.", [("today", "PRESENT_REF")]),
    ("The mayor today announced a new budget.", [("today", "2016-09-15")]),
    # a clock time in a schedule is on no day in particular
    ("The show airs weekdays from 6:00 a.m. to 9:00 a.m. Eastern.",
     [("weekdays", None), ("6:00 a.m.", None), ("9:00 a.m", None)]),
    ("The blast went off around 8:30 p.m. in front of the hall.", [("around 8:30 p.m", "2016-09-15T20:30")]),
])
def test_generic_today_and_schedules(extract_record, text, expected):
    assert _dates(extract_record, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The index fell 300 points in minutes.", [("minutes", "PTXM")]),
    ("The two families have feuded for decades.", [("decades", "PXDE")]),
    ("The launch is two and a half years late.", [("two and a half years", "P2.5Y")]),
    ("The strike lasted a year and a half.", [("a year and a half", "P1.5Y")]),
    ("The talks ended years ago.", [("years ago", "PAST_REF")]),  # not a duration
])
def test_durations_the_model_misses(extract_record, text, expected):
    assert _dates(extract_record, text) == expected

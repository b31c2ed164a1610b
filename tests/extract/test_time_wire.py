"""Wire-copy time idioms found on held-out newswire (issue 16): trading sessions, futures contract months,
periods named by their last day ("the week ended April 8"), spelled day numbers ("May six"), year-earlier
comparisons, "the month" of a monthly report, semi-annual rates, "0730 hrs" and "1530 EST" clock times,
possessives ("last week's"), year-ends in past-tense reports, "this Friday", planned events ("scheduled for
Wednesday"); and what stays null or is no time at all. Invented sentences; publication date 2016-04-12, a
Tuesday."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.extract.timex import normalise

DCT = dt.date(2016, 4, 12)


def _dates(extract_record, text, published=DCT):
    return [(d.text, d.value) for d in extract_record(text, published).dates]


@pytest.mark.parametrize("text, expected", [
    ("Shares of the ferry operator slipped in morning trading.", [("morning", "2016-04-12TMO")]),
    ("The index firmed in late afternoon trade.", [("late afternoon", "2016-04-12TAF")]),
    # the session of the day the story is about, when that is a day or two before the publication
    ("The carrier said on Monday that its bookings rose. Its shares gained in early afternoon dealings.",
     [("Monday", "2016-04-11"), ("early afternoon", "2016-04-11TAF")]),
    # a part of day that is no session: the text does not say which day
    ("The shops close in the late afternoon.", [("the late afternoon", None)]),
])
def test_a_trading_session_is_the_report_day(extract_record, text, expected):
    assert _dates(extract_record, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("June crude rose 40 cents to 41.20 dlrs a barrel.", [("June", "2016-06")]),
    # a contract month before the publication's is next year's, whatever the tense
    ("March soybeans slipped two cents while the July contract was steady.",
     [("March", "2017-03"), ("July", "2016-07")]),
    ("Traders sold July S and Ps after the report.", [("July", "2016-07")]),
    # a month that opens the sentence after "in" is its time, not a contract
    ("In March gold rose 2 percent.", [("March", "2016-03")]),
])
def test_a_futures_contract_month(extract_record, text, expected):
    assert _dates(extract_record, text) == expected


@pytest.mark.parametrize("text, value", [
    ("the week ended April 8", "2016-W14"),  # Saturday 2 to Friday 8 April: ISO week 14
    ("the week ended Friday", "2016-W14"),
    ("the quarter ended March 31", "2016-Q1"),
    ("the quarter ended January 31", "2015-Q4"),  # November to January: mostly the calendar fourth quarter
    ("the year ended Jan. 31, 2016", "FY2016"),  # TimeML names a fiscal year by the year it ends in
    ("the first half ended June 30, 2015", "2015-H1"),
    # a fiscal quarter whose ordinal is not the calendar quarter: better null than a wrong quarter
    ("its second quarter ending October 31", None),
])
def test_a_period_named_by_its_last_day(text, value):
    assert normalise(text, DCT, "past") == ("DATE", value)


def test_a_period_ended_in_a_sentence(extract_record):
    assert _dates(extract_record, "Crude stocks fell 1.2 mln barrels in the week ended April 8, the institute said.") \
        == [("the week ended April 8", "2016-W14")]


@pytest.mark.parametrize("text, expected", [
    ("The company will begin shipping the printer May six.", [("May six", "2016-05-06")]),
    ("The court will hold a hearing on July Eight.", [("July Eight", "2016-07-08")]),
    # a month and then a count: not a day
    ("In April nine companies filed for bankruptcy.", [("April", "2016-04")]),
])
def test_spelled_day_numbers(extract_record, text, expected):
    assert _dates(extract_record, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The bank earned 40 mln dlrs in the first quarter, against 31 mln in the year-earlier quarter.",
     [("the first quarter", "2016-Q1"), ("the year-earlier quarter", "2015-Q1")]),
    # "a year earlier" after a month is that month a year back; the story stays in its own month
    ("Exports rose to 5 mln tonnes in March, against 4 mln tonnes a year earlier. Imports for the month were flat.",
     [("March", "2016-03"), ("a year earlier", "2015-03"), ("the month", "2016-03")]),
    ("The load factor was 57 pct in March against 58 pct a year earlier and the year-to-date factor was 55 pct.",
     [("March", "2016-03"), ("a year earlier", "2015-03"), ("the year-to-date", None)]),
    # "the month" with no month named before it: null
    ("Sales for the month rose 3 pct.", [("the month", None)]),
])
def test_year_earlier_comparisons_and_the_month(extract_record, text, expected):
    assert _dates(extract_record, text) == expected


@pytest.mark.parametrize("text, expected", [
    # a reference the rules cannot place moves the narrative to an unknown time: what follows stays null
    ("Leaders will meet on December 3. Penalties must apply in the same marketing year, not the following year.",
     [("December 3", "2016-12-03"), ("the same marketing year", None), ("the following year", None)]),
    ("The talks ended on March 3. The following week, the strike began.",
     [("March 3", "2016-03-03"), ("The following week", "2016-W10")]),
])
def test_an_unplaced_reference_clears_the_anchor(extract_record, text, expected):
    assert _dates(extract_record, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The minister flew home early yesterday.", [("early yesterday", "2016-04-11")]),
    ("Interest is payable semi-annually at 6 pct per annum.", [("semi-annually", "P6M"), ("per annum", "P1Y")]),
    ("The port reopened at 0730 hrs local time.", [("0730 hrs local time", "2016-04-12T07:30")]),
    ("The board will decide within the next fortnight.", [("the next fortnight", "P2W")]),
    ("Output fell in the 2015 fourth quarter.", [("the 2015 fourth quarter", "2015-Q4")]),
    # a clock time takes the day written after it, past a time zone in brackets
    ("The strike starts at noon (EST) next Thursday unless a deal is reached.",
     [("noon", "2016-04-14T12:00"), ("next Thursday", "2016-04-14")]),
    # model numbers are no years
    ("The firm sells the new 9600B modem and the DC-1000 drive.", []),
])
def test_wire_idioms(extract_record, text, expected):
    assert _dates(extract_record, text) == expected


@pytest.mark.parametrize("text, value", [
    ("last week's", "2016-W14"),  # a possessive reads as the phrase
    ("next week's", "2016-W16"),
    ("one month's", "P1M"),
    ("1985 year", "1985"),  # a results table's year, no 1985-year duration
    ("the first three months of 2015", "2015-Q1"),
    ("the first half year", "2016-H1"),
    ("the second half year", "2016-H2"),
    ("the end of the first quarter", "2016-Q1"),  # the part of a period has the period's value
    ("late tonight", "2016-04-12TNI"),
    ("midnight tonight", "2016-04-12T24:00"),
    ("1530 EST", "2016-04-12T15:30"),
    # an ordinal alone counts something else ("the 49th month of the term"); a run in a row is the news's
    ("the 49th month", None),
    ("for a second straight day", "2016-04-12"),
    ("the third week in a row", "2016-W15"),
])
def test_more_wire_phrases(text, value):
    assert normalise(text, DCT, None)[1] == value


@pytest.mark.parametrize("text, tense, value", [
    # a year-end already past in a past-tense report is the last one; ahead or undated, this year's
    ("the end of the year", "past", "2015"),
    ("year-end", "past", "2015"),
    ("the end of the year", "future", "2016"),
    # "this Friday" written on a Tuesday is that week's Friday whatever the tense; "this Monday" is behind
    ("this Friday", "past", "2016-04-15"),
    ("this Monday", None, "2016-04-11"),
])
def test_year_end_and_this_weekday(text, tense, value):
    assert normalise(text, DCT, tense)[1] == value


@pytest.mark.parametrize("text, expected", [
    # a planned event named by a participle is read in the publication's week, either side of it
    ("Lawmakers raised concerns about proposals scheduled for a vote Wednesday.", [("Wednesday", "2016-04-13")]),
    ("The minister attended the meeting scheduled for Monday.", [("Monday", "2016-04-11")]),
    ("The company announced Friday that it will cut jobs.", [("Friday", "2016-04-08")]),
    # the period after "the rest of" / "earlier in" keeps its span and takes the phrase's value
    ("The levy should not weigh on the rest of the year.", [("the year", "2016")]),
    ("The union put its demands to the minister earlier in the week.", [("the week", "2016-W15")]),
    ("The bank's advances fell at the end of the year from four billion in January, 2015.",
     [("the end of the year", "2015"), ("January, 2015", "2015-01")]),
    # a season's split year frames no story: "in March" stays the last March
    ("The board raised its estimate of 2015/16 flour exports, against a forecast made in March.",
     [("2015", "2015"), ("March", "2016-03")]),
    # "more than a year earlier" counts from the story's date
    ("The end-2015 number of jobless was 2.7 million, some 300,000 more than a year earlier.",
     [("2015", "2015"), ("more than a year earlier", "2014")]),
    ("Investors may redeem the bonds during the 49th month of the term.", [("the 49th month", None)]),
    ("The deadline for filing is midnight tonight.", [("midnight tonight", "2016-04-12T24:00")]),
    ("The exchange will bar such orders after 1530 EST Friday.", [("1530 EST Friday", "2016-04-15T15:30")]),
    ("It sold 30 mln dlrs of 15-year two pct debentures.", [("15-year", "P15Y")]),
    ("Midway said its March load factor fell from 61.3 pct in the same year-ago period.",
     [("March", "2016-03"), ("the same year-ago period", "2015-03")]),
    ("The agency said it rose 1.7 pct in March. It had reported a smaller rise in the quarter.",
     [("March", "2016-03"), ("the quarter", "2016-Q1")]),
    # an anchored phrase in the possessive is still anchored: the week before the story's, else null
    ("Crude stocks fell in the week ended April 8. The previous week's figure was revised.",
     [("the week ended April 8", "2016-W14"), ("The previous week's", "2016-W13")]),
    ("The money supply fell. The previous week's level was revised higher.", [("The previous week's", None)]),
    # "seasonally adjusted", "hourly compensation": no time
    ("Hourly compensation rose on a seasonally adjusted basis.", []),
])
def test_more_wire_sentences(extract_record, text, expected):
    assert _dates(extract_record, text) == expected


@pytest.mark.parametrize("text, value", [
    ("first quarter 2015", "2015-Q1"),
    ("last January 15", "2016-01-15"),
    ("6-1/2 year", "P6.5Y"),  # a fraction, no range from 6 to half a year
    ("1-1/2 years", "P1.5Y"),
    ("the remainder of the decade", "201"),
    ("late last night", "2016-04-11TNI"),
])
def test_third_round_phrases(text, value):
    assert normalise(text, DCT, "past")[1] == value


@pytest.mark.parametrize("text, expected", [
    # put off until a month: that month lies ahead of the postponement, even in the past tense
    ("The board on Saturday postponed a decision on the reforms until June.",
     [("Saturday", "2016-04-09"), ("June", "2016-06")]),
    ("He served as chairman until the end of May.", [("the end of May", "2015-05")]),
    ("The dividend goes to holders on the June eight record date.", [("June eight", "2016-06-08")]),
    ("Workers will be laid off from May five through mid-July.", [("May five", "2016-05-05"), ("mid-July", "2016-07")]),
    # a month still ahead of the publication keeps its year beside a later one
    ("Contracts for June delivery could open lower while May will likely open steady.",
     [("June", "2016-06"), ("May", "2016-05")]),
    ("Stocks fell to a 6-1/2 year low.", [("6-1/2 year", "P6.5Y")]),
    ("The company aims to grow throughout the remainder of the decade.", [("the decade", "201")]),
    ("There were 3,210 shooting victims between January 1 and April 3 alone.",
     [("January 1", "2016-01-01"), ("April 3", "2016-04-03")]),
    # no time: contract months, a rate's unit, "at the end of the day" (in the end)
    ("Limits expand when the first two limited contract months move the limit.", []),
    ("Capacity is 136,000 bbl/day.", []),
    ("\"At the end of the day, we need to step away from this,\" the governor said.", [("the end of the day", None)]),
])
def test_third_round_sentences(extract_record, text, expected):
    assert _dates(extract_record, text) == expected


@pytest.mark.parametrize("text, expected", [
    # a look back for comparison counts from the sentence's own period, not from the month named last
    ("In March, the index fell 1.9 pct from its level in February and was 3.9 pct above its level a year before.",
     [("March", "2016-03"), ("February", "2016-02"), ("a year before", "2015-03")]),
    ("The index was flat in March, against 97 in February. It was up 9 pct on its level a year before.",
     [("March", "2016-03"), ("February", "2016-02"), ("a year before", "2015-03")]),
    # ... and the day something was said is no period to compare with
    ("The carmaker said on Monday that its sales rose 43 pct in March compared to the same period last year.",
     [("Monday", "2016-04-11"), ("March", "2016-03"), ("the same period last year", "2015-03")]),
    # "the corresponding March", "a previous annual March rise": the March before the story's
    ("Money growth rose 10 pct in March, down from the corresponding March growth rate of 13 pct.",
     [("March", "2016-03"), ("March", "2015-03")]),
    ("The bank reported a March growth rate of 11 pct and a previous annual March increase of 14 pct.",
     [("March", "2016-03"), ("March", "2015-03")]),
    # a sentence set against last year keeps its month the publication's, after a year that opened the last one
    ("In 2015 exports totalled 22 billion. The rise in imports in March from 1.1 billion in March last year was planned.",
     [("2015", "2015"), ("March", "2016-03"), ("March last year", "2015-03")]),
    ("The reserves were above the 422 mln in March a year ago.", [("March a year ago", "2015-03")]),
    # the model cut the year off a month
    ("The September, 1985 Plaza pact was a historic one.", [("September, 1985", "1985-09")]),
    # no date: a crop, a kind of paper, a weekday an event places
    ("Dry weather covered winter wheat in the plain.", [("winter", None)]),
    ("The British Sunday paper said the missile had been fired.", [("Sunday", None)]),
    ("On September 20, 2015, the Friday before the accord, it was 242.",
     [("September 20, 2015", "2015-09-20"), ("Friday", None)]),
    ("There were nine selling days in the period.", [("nine selling days", "P9D")]),
    ("It should result in a better system within 10 or 15 years.", [("10", "P10Y"), ("15 years", "P15Y")]),
])
def test_fourth_round_sentences(extract_record, text, expected):
    assert _dates(extract_record, text) == expected


def test_a_date_set_for_a_month_is_the_nearest_one(extract_record):
    # an election "set for December", written in June: this December, not last
    text = "The president steps down next February after elections which had been set for December."
    assert _dates(extract_record, text, dt.date(2016, 6, 29)) == [("next February", "2017-02"), ("December", "2016-12")]


@pytest.mark.parametrize("text, expected", [
    # a contract month before a grade and a commodity, or paired with another month
    ("May and June RBD palm olein traded earlier at 332.50 dlrs.", [("May", "2016-05"), ("June", "2016-06")]),
    ("The yield on six-months bills was the highest since July 28 last year.",
     [("six-months", "P6M"), ("July 28 last year", "2015-07-28")]),
    # a year's quarter, no duration of 2015 quarters (null: the text does not say which one by itself)
    ("It earned 57 mln dlrs in the third quarter of 2016 against 79 mln in the 2015 quarter.",
     [("the third quarter of 2016", "2016-Q3"), ("the 2015 quarter", None)]),
    # a day number after a month's day, in a pair or a range, is that month's day
    ("Shares will be suspended on April 6 and 7 and will resume trading on April 8.",
     [("April 6", "2016-04-06"), ("7", "2016-04-07"), ("April 8", "2016-04-08")]),
])
def test_fifth_round_sentences(extract_record, text, expected):
    assert _dates(extract_record, text) == expected


def test_the_current_quarter_ending(extract_record):
    assert _dates(extract_record, "It expects a loss in the current quarter ending March 31.", dt.date(2016, 3, 18)) \
        == [("the current quarter ending March 31", "2016-Q1")]

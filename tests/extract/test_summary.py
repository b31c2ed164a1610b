"""Summary: the opening sentence that states the news (invented sentences)."""

from __future__ import annotations

import pytest

from generator.extract.summary import MAX_CHARS, summarise

FEATURE = [
    "For years the valley town has watched its factories close one by one.",
    "Residents remember when the whistle sounded at six every morning.",
    "Acme Motors said on Monday it will reopen the Riverside plant and hire 400 workers.",
    "The company gave no date.",
]


@pytest.mark.parametrize("sentences, title, names, expected_start", [
    (FEATURE, "Acme to reopen Riverside plant", ["Acme Motors"], "Acme Motors said on Monday"),
    (FEATURE, "", [], "For years the valley town"),  # no headline signal: the lede
    (["Short.", "The minister resigned on Tuesday after a week of pressure from her own party."], "", [],
     "The minister resigned"),
    (["\"We will fight on,\" the mayor told supporters gathered outside city hall late on Friday.",
      "The mayor of Springfield lost the election by 212 votes, the county said on Saturday."],
     "Springfield mayor loses election", ["Springfield"], "The mayor of Springfield lost"),
])
def test_summary_picks_the_news(sentences, title, names, expected_start):
    assert summarise(sentences, title, names).startswith(expected_start)


def test_short_winner_takes_the_next_sentence_and_length_is_bounded():
    out = summarise(["The council approved the budget on Monday night.", "It passed by seven votes to two."])
    assert out == "The council approved the budget on Monday night. It passed by seven votes to two."
    long = summarise(["word " * 200])
    assert len(long) <= MAX_CHARS + 1 and long.endswith("…")


def test_no_sentences():
    assert summarise([]) == ""

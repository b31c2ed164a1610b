"""Titles of plain-text seeds with no headline field, and a summary that does not repeat the title
(invented sentences)."""

from __future__ import annotations

import pytest

from generator.extract.summary import summarise
from generator.ingest import ingest_text
from generator.ingest.titles import TITLE_CHARS, short_title, title_from_lede

LONG_LEDE = ("NORTHWIND HAS cancelled its order for forty regional jets from Calder Aerospace amid a "
             "dispute over delivery dates and engine noise.")


@pytest.mark.parametrize("sentence, expected", [
    # short enough: the sentence as it is
    ("The council approved the harbour budget", "The council approved the harbour budget"),
    # cut at the last clause boundary within the limit, never with an ellipsis
    ("Northwind Airways has cancelled its order for forty regional jets from Calder Aerospace amid a dispute "
     "over delivery dates and engine noise", "Northwind Airways has cancelled its order for forty regional jets "
     "from Calder Aerospace"),
    ("The mayor of Eastbrook said on Tuesday that the old tram depot would become a library, after years of "
     "argument in the council", "The mayor of Eastbrook said on Tuesday that the old tram depot would become a "
     "library"),
    # never ending inside an aside set off by commas ("Harlow Bank, citing people close to the talks")
    ("Harlow Bank, citing people close to the talks, says it will sell its card business to a rival lender "
     "next spring", "Harlow Bank, citing people close to the talks, says it will sell its card business"),
    # never ending inside quotation marks
    ("The minister called the plan “a careful first step towards cleaner rivers, not the last one” in a speech "
     "to farmers in the north", "The minister called the plan"),
])
def test_short_title(sentence, expected):
    title = short_title(sentence)
    assert "…" not in title and len(title) <= TITLE_CHARS
    assert sentence.startswith(title) and title == expected


@pytest.mark.parametrize("sentence", [
    "Officials in the northern province confirmed that three hundred households had been moved from the valley "
    "overnight as the river rose",
    "Engineers working for the regional water company replaced the entire length of the old pipe under the "
    "market square",
])
def test_a_word_cut_never_ends_on_an_article_or_a_preposition(sentence):
    title = short_title(sentence)
    assert len(title) <= TITLE_CHARS and "…" not in title
    assert title.split()[-1].lower() not in {"the", "of", "under", "from", "a", "that", "had", "been"}


def test_caps_lede_becomes_a_short_recased_title():
    title = title_from_lede(LONG_LEDE + " The airline gave no figures.")
    assert title == "Northwind has cancelled its order for forty regional jets from Calder Aerospace"


@pytest.mark.parametrize("text, headline, body_start", [
    # a headline on the first line, the text right under it (no blank line between)
    ("Northwind cancels jet order\nNorthwind Airways has cancelled its order for forty jets. It gave no reason.",
     "Northwind cancels jet order", "Northwind Airways has cancelled"),
    ("date 2024-03-02\nHarbour budget approved\nThe council approved the harbour budget on Monday. It passed "
     "by seven votes to two.", "Harbour budget approved", "The council approved"),
])
def test_a_headline_line_is_the_title(text, headline, body_start):
    art = ingest_text(text, "seeds/a.txt", "0" * 64)
    assert art.title == headline
    assert art.body.startswith(body_start)


@pytest.mark.parametrize("text", [
    # hard-wrapped text: the first line is as long as the next ones
    "The council approved the harbour budget on Monday after\na long debate about the cost of dredging the\n"
    "channel. It passed by seven votes to two.",
    # the next line goes on in lower case
    "Northwind Airways has cancelled its order\nfor forty jets. It gave no reason for the decision today.",
    # a byline is not a headline
    "By Jane Example\nThe council approved the harbour budget on Monday. It passed by seven votes to two.",
])
def test_wrapped_text_and_bylines_are_not_headlines(text):
    art = ingest_text(text, "seeds/a.txt", "0" * 64)
    assert art.title != text.split("\n", 1)[0]
    assert art.body.startswith(text.split("\n", 1)[0]) or art.body.startswith("By Jane")


def test_summary_does_not_repeat_the_sentence_the_title_came_from():
    sentences = [
        "Northwind Airways has cancelled its order for forty regional jets from Calder Aerospace amid a dispute "
        "over delivery dates and engine noise.",
        "The order, placed two years ago, was worth about 1.2 billion euros, according to people familiar with it.",
        "Calder said it regretted the decision.",
    ]
    title = short_title(sentences[0].rstrip("."))
    summary = summarise(sentences, title, ["Northwind Airways", "Calder Aerospace"])
    assert not summary.startswith(title) and summary.startswith("The order, placed two years ago")
    # with a headline of its own, the lede is still the summary
    assert summarise(sentences, "Northwind drops Calder jets", ["Northwind Airways"]).startswith("Northwind")


def test_a_headline_repeated_as_the_first_sentence_is_not_the_summary():
    sentences = ["Harbour budget approved after long debate.",
                 "The council voted seven to two on Monday to fund the dredging of the channel.",
                 "Work starts in May."]
    assert summarise(sentences, "Harbour budget approved after long debate", []).startswith("The council voted")

"""Lemmas from the model's tables: a word listed with two lemmas takes the one its regular suffix rules give."""

from __future__ import annotations

import pytest

from generator.extract.keywords import keywords
from generator.extract.lemmas import _regular_forms


@pytest.mark.parametrize("sentence, word, lemma", [
    ("The new taxes were approved by the council.", "taxes", "tax"),
    ("Two military bases were closed last year.", "bases", "base"),
    ("The masses gathered in the square.", "masses", "mass"),
    ("The comics sold out within a day.", "comics", "comic"),
    # irregular only: the table's lemma stays
    ("Both crises hit the region hard.", "crises", "crisis"),
    ("The children walked to school.", "children", "child"),
    ("Several analyses reached the same result.", "analyses", "analysis"),
])
def test_the_regular_lemma_wins_where_the_tables_list_two(nlp, sentence, word, lemma):
    token = next(t for t in nlp(sentence) if t.text == word)
    assert token.lemma_ == lemma


def test_a_key_phrase_reads_as_written_not_as_another_word(nlp):
    doc = nlp("Income taxes went up in March. Critics said the income taxes hurt families. "
              "The two military bases closed. Workers at the military bases lost their jobs.")
    found = keywords(doc)
    assert "income tax" in found and "military base" in found
    assert not any("taxis" in k or "basis" in k for k in found)


def test_regular_forms_come_from_the_rules_and_the_index():
    rules = [["es", ""], ["s", ""], ["ies", "y"]]
    assert _regular_forms("taxes", rules, {"tax"}) == {"tax"}
    assert _regular_forms("taxes", rules, {"taxe"}) == {"taxe"}
    assert _regular_forms("crises", rules, {"crisis"}) == set()

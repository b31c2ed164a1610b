"""quotespans.find_quotes: quoted spans from text alone (no parse). Synthetic sentences only."""

from __future__ import annotations

import re

import pytest

from generator.extract.quotespans import find_quotes


def paragraphs(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"[^\n]+", text)]


def quoted(text: str) -> list[str]:
    return [text[q.start:q.end] for q in find_quotes(text, paragraphs(text))]


@pytest.mark.parametrize("text, expected", [
    ('"We will win," she said.', ["We will win,"]),
    ("“We will win,” she said.", ["We will win,"]),
    ("‘We will win,’ she said.", ["We will win,"]),
    ("'We will win,' she said.", ["We will win,"]),
    ('She said: "The plan is dead."', ["The plan is dead."]),
    ('"One," he said, "and two."', ["One,", "and two."]),
    ("It feared 'Chinese espionage' most.", ["Chinese espionage"]),
    ("The firm's chief won't say it's over.", []),  # apostrophes are not quote marks
    ("In the '90s the rock 'n' roll era ended.", []),
    ("“Outer ‘inner’ words here,” he said.", ["Outer ‘inner’ words here,"]),  # single marks inside double
    ("The ruling was “Not Proven.“ Then it ended.", ["Not Proven."]),  # an opening mark typed as closing
    ("”Hope is what I feel about this race,” she wrote.", ["Hope is what I feel about this race,"]),
])
def test_spans(text, expected):
    assert quoted(text) == expected


def test_multi_paragraph_quote_continues_when_the_next_paragraph_opens_with_a_mark():
    text = ("“The first paragraph of the statement runs on without a closing mark.\n"
            "“The second paragraph closes it,” the minister said.")
    spans = find_quotes(text, paragraphs(text))
    assert len(spans) == 1
    assert spans[0].paragraphs == 2
    assert text[spans[0].start:spans[0].end].endswith("closes it,")


@pytest.mark.parametrize("text", [
    '"Unbalanced at the start of a sentence and never closed',
    'Closed only" at the end.',
    '"" empty marks "',
    "“ “ ” ” ‘ ’ „ « » ‹ ›",
    '"' * 500,
    "'" * 501,
    "",
    "\n\n\n",
    "no marks at all",
])
def test_odd_marks_never_raise(text):
    spans = find_quotes(text, paragraphs(text))
    for q in spans:
        assert 0 <= q.start <= q.end <= len(text)


def test_a_stray_straight_mark_does_not_swallow_the_next_curly_quote():
    text = '"The dog was asleep on the mat by the door.\n“Here it is at last,” she said.'
    found = quoted(text)
    assert "Here it is at last," in found  # the unclosed paragraph may stand as a quote of its own
    assert all("\n" not in q for q in found)


def test_unclosed_quote_without_continuation_is_dropped_or_kept_whole():
    text = 'Short "open\nNext paragraph without marks.'
    assert quoted(text) == []


def test_huge_text_is_linear_enough():
    text = ('He said "yes, indeed we will," and left. ' * 20_000)
    spans = find_quotes(text, [(0, len(text))])
    assert len(spans) == 20_000

"""What a worker sends back (extract/worker.py): each article's ArticleRecord as made, the rules that failed beside
it, or an error; and the cheap pre-tests in front of costly date patterns (extract/dates.py) never hide a match.
Invented sentences."""

from __future__ import annotations

import datetime as dt
import pickle

import pytest

import generator.extract as extract
from generator.extract import dates, worker
from generator.records import ArticleRecord

TEXTS = ("Maria Lopez, the mayor of Harbourton, said on Monday that the bridge would open in June.",
         "The ferry ran for two and a half years. At that time it carried 400 people a day, Ben Ortiz said.")


@pytest.fixture(scope="module")
def batch():
    from generator.evaluate.runs import article, builtin_registry
    from tests.helpers import MODEL

    registry = builtin_registry()
    worker.init_worker(MODEL, tuple(registry.patterns()), registry, registry.not_entities())
    yield registry, [article(i, text, dt.date(2024, 3, 4)) for i, text in enumerate(TEXTS)]
    worker.release()


def test_a_worker_sends_each_record_as_extract_article_makes_it(batch):
    registry, articles = batch
    results = worker.parse_batch(articles)
    assert [set(r) for r in results] == [{"record"}, {"record"}]
    nlp = worker._WORKER["nlp"]
    for art, result in zip(articles, results):
        assert isinstance(result["record"], ArticleRecord)
        assert result["record"] == extract.extract_article(art, nlp, registry)
        # what the process pool does with it: the parent gets the same record, not re-validated
        assert pickle.loads(pickle.dumps(result)) == result


def test_a_failing_rule_is_sent_beside_the_record(batch, monkeypatch):
    _, articles = batch

    def boom(*args, **kwargs):
        raise ValueError("S")

    monkeypatch.setattr(extract, "extract_dates", boom)
    result = worker.parse_batch(articles[:1])[0]
    assert result["failures"] == ["dates (ValueError: S)"]
    assert result["record"].dates == [] and result["record"].actors


def test_an_article_that_cannot_be_extracted_is_an_error_not_a_crash(batch, monkeypatch):
    _, articles = batch

    def boom(*args, **kwargs):
        raise RuntimeError("broken")

    monkeypatch.setattr(worker, "extract_article", boom)
    assert worker.parse_batch(articles[:1]) == [{"error": "extraction failed (RuntimeError: broken)"}]


@pytest.mark.parametrize("text", [
    "By that time the mill had closed.", "AT THAT TIME the town had no bridge.",
    "Since That Time, nothing changed.", "The strike lasted two and a half days.",
    "It took One And A Half years.", "They waited an hour and\na half.", "Three\tand  a half weeks passed.",
    "Nothing happened at that point.", "Half the staff left.",
])
def test_a_pre_test_passes_every_text_its_pattern_matches(text):
    for words, pattern in ((dates._THAT_TIME_WORDS, dates._THAT_TIME), (dates._AND_A_HALF_WORDS, dates._AND_A_HALF)):
        assert bool(words.search(text)) or not pattern.search(text), (words.pattern, text)


@pytest.mark.parametrize("text, expected", [
    ("The strike lasted Two And A Half Days.", ("Two And A Half Days", "P2.5D")),
    ("The ferry ran for a year and a half.", ("a year and a half", "P1.5Y")),
])
def test_durations_with_a_half_are_found_whatever_their_case(extract_record, text, expected):
    assert expected in [(d.text, d.value) for d in extract_record(text, dt.date(2024, 3, 4)).dates]

"""One failing rule loses that rule's output for that article, never the article (issue 12)."""

from __future__ import annotations

import datetime as dt

import pytest

import generator.extract as extract

TEXT = ('Maria Lopez, the mayor of Harbourton, said on Monday that the new bridge would open in June. '
        '"We are ready for the crowds," Lopez said. The new bridge cost more than the old ferry.')
FIELDS = ("actors", "quotes", "dates", "summary", "keywords")


@pytest.fixture(scope="module")
def run():
    from generator.evaluate.runs import article, builtin_registry
    from generator.extract import model as nlpmod
    from tests.helpers import MODEL

    registry = builtin_registry()
    nlp = nlpmod.load(MODEL, registry.patterns())
    art = article(0, TEXT, dt.date(2024, 3, 4))
    doc = nlp(extract.analysis_text(art))

    def extract_once(failures=None):
        return extract.extract_article(art, nlp, registry, doc, failures)
    return extract_once


def _boom(*args, **kwargs):
    raise ValueError("S")


@pytest.mark.parametrize("rule, attr, lost", [
    ("quotes", "extract_quotes", {"quotes"}),
    ("dates", "extract_dates", {"dates"}),
    ("summary", "summarise", {"summary"}),
    ("keywords", "keywords", {"keywords"}),
    ("actors", "resolve_mentions", {"actors", "quotes"}),  # quotes are attributed to actors: none to give them to
])
def test_a_failing_rule_empties_only_its_own_part(run, monkeypatch, rule, attr, lost):
    whole = run()
    for field in lost:
        assert getattr(whole, field), f"the invented article has {field} to lose"
    monkeypatch.setattr(extract, attr, _boom)
    failures: list[str] = []
    broken = run(failures)
    assert failures == [f"{rule} (ValueError: S)"]
    assert not getattr(broken, rule)
    for field in set(FIELDS) - lost:
        assert getattr(broken, field) == getattr(whole, field), f"{field} kept when {rule} fails"
    assert broken.sentences == whole.sentences and broken.title == whole.title


def test_without_failures_the_record_is_the_same(run):
    failures: list[str] = []
    assert run(failures) == run() and failures == []

"""evaluate.timex_categories: which category an expression falls in, and per-category scoring."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.evaluate.gold import EntityDoc, Span
from generator.evaluate.timex_categories import CATEGORIES, category, score


@pytest.mark.parametrize("text, typ, expected", [
    ("March 3, 2011", "DATE", "absolute"),
    ("2009", "DATE", "absolute"),
    ("the first quarter of 2004", "DATE", "absolute"),
    ("June 12", "DATE", "absolute"),
    ("yesterday", "DATE", "deictic relative"),
    ("last week", "DATE", "deictic relative"),
    ("two years ago", "DATE", "deictic relative"),
    ("next Tuesday", "DATE", "deictic relative"),
    ("now", "DATE", "deictic relative"),
    ("three years later", "DATE", "anchored relative"),
    ("that year", "DATE", "anchored relative"),
    ("the following month", "DATE", "anchored relative"),
    ("the next day", "DATE", "anchored relative"),
    ("the same day", "DATE", "anchored relative"),
    ("December", "DATE", "bare month/weekday/season"),
    ("Friday", "DATE", "bare month/weekday/season"),
    ("on Monday", "DATE", "bare month/weekday/season"),
    ("early June", "DATE", "bare month/weekday/season"),
    ("the fourth quarter", "DATE", "bare month/weekday/season"),
    ("winter", "DATE", "bare month/weekday/season"),
    ("six months", "DURATION", "duration"),
    ("weekly", "SET", "set"),
    ("14:30 UTC", "TIME", "clock time/other"),
])
def test_category(text, typ, expected):
    assert category(text, typ) == expected


def test_score_counts_each_category_and_values():
    text = "Headline\n\nThe mill shut in 2009. Two years later it reopened on Friday, for six months."
    spans = {t: (text.index(t), text.index(t) + len(t)) for t in ("2009", "Two years later", "Friday", "six months")}
    gold = [Span(*spans["2009"], "DATE", "2009"), Span(*spans["Two years later"], "DATE", "2011"),
            Span(*spans["Friday"], "DATE", "2011-03-04"), Span(*spans["six months"], "DURATION", "P6M")]
    doc = EntityDoc("d", text, dt.date(2011, 3, 8), [], [], gold, len(text))
    system = [Span(*spans["2009"], "DATE", "2009"), Span(*spans["Two years later"], "DATE", "2013"),
              Span(*spans["six months"], "DURATION", "P6M")]
    s = score([doc], {"d": system})
    assert s.span["anchored relative"].f1 == 1.0 and s.accuracy["anchored relative"].value == 0.0
    assert s.span["bare month/weekday/season"].r == 0.0
    assert s.accuracy["absolute"].value == 1.0 and s.accuracy["duration"].value == 1.0
    assert s.overall.tp_p == 2 and s.overall.n_p == 3 and s.overall.n_g == 4
    assert set(s.span) == set(CATEGORIES)

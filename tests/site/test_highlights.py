"""Home-page timeline highlights: events near the publications, named by several articles, not the far future."""

from __future__ import annotations

import datetime as dt

from generator.records import DateMention
from generator.site.highlights import timeline_highlights
from generator.site.views import build_views
from tests.synthetic import big_briefing

EVENT = "The council voted to close the old bridge after a long debate."


def _briefing(spec):
    """spec: one (value, sentence, published) per article."""
    b = big_briefing(n_entities=12, n_articles=len(spec))
    for rec, (value, sentence, published) in zip(b.articles, spec):
        rec.published = published
        rec.dates = [DateMention(text="then", value=value, start=rec.sentences[2][0], end=rec.sentences[2][0] + 4,
                                 sentence=sentence)]
    return b


def test_highlights_are_near_the_publications_and_shared_not_the_far_future():
    pub = dt.date(2016, 10, 20)
    spec = [("2016-10-18", EVENT, pub), ("2016-10-18", EVENT, pub), ("2016-10-18", EVENT, pub),
            ("2016-10-11", "The mayor resigned on a quiet Tuesday morning in the city.", pub),
            ("2024-05-01", "The new bridge is expected to open in the spring of that year.", pub),
            ("2045-01-01", "The debt will be paid off by the start of that decade.", pub),
            ("2016-10-19", "October 19, 2016", pub),  # a date line, not an event sentence
            ("2016-10", "Traffic fell sharply across the whole of the month in the city.", pub)]
    v = build_views(_briefing(spec), 1, 1)
    got = timeline_highlights(v, 12)
    values = [e.value for e in got]
    assert values == ["2016-10-18", "2016-10-11"]  # newest first; the far future, a date line, a month are out
    assert timeline_highlights(v, 1)[0].value == "2016-10-18"  # named by three articles: first choice
    assert timeline_highlights(v, 12) == got  # deterministic


def test_no_publications_and_no_events():
    v = build_views(_briefing([("2016-10-18", EVENT, None)]), 1, 1)
    assert [e.value for e in timeline_highlights(v, 5)] == ["2016-10-18"]
    v = build_views(_briefing([("P3Y", EVENT, dt.date(2016, 1, 1))]), 1, 1)
    assert timeline_highlights(v, 5) == []

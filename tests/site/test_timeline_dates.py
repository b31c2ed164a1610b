"""Dates at the ends of the calendar or impossible ones never crash the timeline (views labels, the SVG chart),
headings are human and each period once, and the chart spreads out the stretch the articles are about.
(`check` refusing values the site cannot show: tests/content/test_date_values.py.)"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from generator.records import DateMention
from generator.site.timeline_svg import focus, timeline_svg
from generator.site.views import build_views, value_label, value_sort_key
from tests.synthetic import big_briefing

EDGE_VALUES = ["0001-01-01", "9999-12-31", "0001", "9999", "9999-12", "9999-Q4", "9999-W52", "9999-W52-WE",
               "0001-W01", "000", "999", "FY9999", "9999-12-31T23:59", "9999-12-31TNI", "2018-02-30", "2018-13",
               "2018-W60", "", "garbage"]


@pytest.mark.parametrize("value", EDGE_VALUES)
def test_labels_and_sort_keys_never_raise(value):
    assert isinstance(value_label(value), str)
    value_sort_key(value)


@pytest.mark.parametrize("value, label", [
    ("2016-W42", "week 42, 2016 (17–23 Oct)"),
    ("2016-W44", "week 44, 2016 (31 Oct – 6 Nov)"),
    ("2015-W53", "week 53, 2015 (28 Dec 2015 – 3 Jan 2016)"),
    ("2016-W42-WE", "weekend of 22–23 Oct 2016"),
    ("2007-10-17T06:40Z", "17 October 2007, 06:40 UTC"),
    ("2018-02-30", "2018-02-30"),  # no such day: shown as written, never a crash
])
def test_human_period_labels(value, label):
    assert value_label(value) == label


def _briefing_with(values, published=None):
    """One article per value; a value the schema refuses (2018-02-30: `check` rejects it) is put in unchecked,
    as a record written before the rule would be, since rendering must survive it too."""
    b = big_briefing(n_entities=12, n_articles=len(values))
    for rec, value in zip(b.articles, values):
        fields = dict(text="then", value=value, start=rec.sentences[2][0], end=rec.sentences[2][0] + 4,
                      sentence="Then it happened.")
        try:
            rec.dates = [DateMention(**fields)]
        except ValueError:
            rec.dates = [DateMention.model_construct(**fields)]
        if published is not None:
            rec.published = published
    return b


@pytest.mark.parametrize("published", [dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(2016, 10, 20)])
def test_timeline_svg_at_the_ends_of_the_calendar(published):
    b = _briefing_with(EDGE_VALUES, published)
    v = build_views(b, 1, 1)
    svg = timeline_svg(v, "")
    ET.fromstring(svg)  # well-formed
    assert "NaN" not in svg and "inf" not in svg


def test_one_heading_per_value_in_chronological_order():
    values = ["2016-W42", "2016-10-18", "2016-W42-WE", "2016-W42", "2016-10", "2016-W42-WE", "2016-W42"]
    v = build_views(_briefing_with(values), 1, 1)
    labels = [e.label for e in v.timeline]
    runs = [lab for i, lab in enumerate(labels) if i == 0 or labels[i - 1] != lab]
    assert len(runs) == len(set(runs))  # each period once
    assert [value_sort_key(e.value) for e in v.timeline] == sorted(value_sort_key(e.value) for e in v.timeline)


def test_chart_spreads_out_the_publications_and_compresses_far_dates():
    pubs = [dt.date(2016, 10, d) for d in range(1, 29)]
    spans = [(dt.date(1945, 1, 1), dt.date(1946, 1, 1)), (dt.date(2016, 10, 3), dt.date(2016, 10, 4)),
             (dt.date(2024, 1, 1), dt.date(2025, 1, 1)), (dt.date(2016, 12, 1), dt.date(2017, 1, 1))]
    f0, f1 = focus(pubs, spans)
    assert dt.date(2016, 9, 1) < f0 <= dt.date(2016, 10, 1) and dt.date(2017, 1, 1) <= f1 < dt.date(2017, 3, 1)
    b = _briefing_with(["1945", "2016-10-03", "2024", "2016-12"])
    for i, rec in enumerate(b.articles):
        rec.published = pubs[i * 7]
    svg = timeline_svg(build_views(b, 1, 1), "")
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    marks = [float(p.get("d").split()[0][1:]) for p in root.iter(ns + "path")]  # publication triangles' x
    # three weeks of publications get a fifth of the width, not the 0.4 px a linear 1945-2025 axis would give them
    assert max(marks) - min(marks) > 100
    assert "drawn compressed" in root.find(ns + "desc").text

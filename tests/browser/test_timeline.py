"""The timeline of a 100-article briefing, read in a real browser: the chart spreads the publications out and
its headings come once each, in time order.

The articles are MEANTIME's (CC BY 4.0, Wikinews), read at test time from ../shared/data; nothing is copied here.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tools.search_rank import serve
from tests.browser.conftest import ROOT, SHOTS
from tests.helpers import make_project

MEANTIME = ROOT.parent / "shared" / "data" / "eval" / "meantime_en.jsonl"
ARTICLES = 100


@pytest.fixture(scope="module")
def timeline_site(tmp_path_factory) -> Path:
    if not MEANTIME.exists():
        pytest.skip(f"TIMELINE BROWSER TEST SKIPPED: {MEANTIME} is not here (it comes with ../shared/data)")
    from generator.pipeline import build

    root = make_project(tmp_path_factory.mktemp("timeline") / "proj", seeds=None)
    docs = [json.loads(line) for line in MEANTIME.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = [d for d in docs if re.fullmatch(r"\d{4}-\d{2}-\d{2}", d.get("dct") or "")][:ARTICLES]
    for d in docs:
        body = "\n\n".join(line for line in d["text"].split("\n")[2:] if line.strip())  # headline and date line off
        title = json.dumps(d["title"])  # a YAML double-quoted scalar
        (root / "seeds" / f"mt_{d['doc_id']}.md").write_text(
            f"---\ntitle: {title}\npublished: {d['dct']}\n---\n\n{body}\n", encoding="utf-8")
    report = build(root, progress=False)
    assert report.articles >= 90 and not report.problems.errors
    return root / "site"


@pytest.fixture(scope="module")
def timeline_url(timeline_site):
    for base in serve(timeline_site):
        yield base + "timeline.html"


def test_the_chart_spreads_the_publications_and_compresses_the_far_past(browser, timeline_url):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(timeline_url)
    chart = page.locator("svg.briefing-timeline").first
    axis = chart.evaluate("""svg => {
        const line = svg.querySelector('.bt-axis line');
        const dashed = [...svg.querySelectorAll('.bt-axis line[stroke-dasharray]')].map(l => +l.getAttribute('x1'));
        const pubs = [...svg.querySelectorAll('.bt-published path')].map(p => +p.getAttribute('d').match(/M([\\d.]+)/)[1]);
        return {x1: +line.getAttribute('x1'), x2: +line.getAttribute('x2'), dashed, pubs};
    }""")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "timeline-100-articles.png"), full_page=False)
    page.close()
    width = axis["x2"] - axis["x1"]
    pubs = axis["pubs"]
    assert len(pubs) >= 90, "every article has its publication mark"
    # publications are spread over the chart, not collapsed into one marker by far-away dates
    assert max(pubs) - min(pubs) >= 0.5 * width, axis
    assert len({round(x) for x in pubs}) >= 20, "publication marks stand apart"
    # far past and future are drawn compressed beyond the dashed marks; every publication lies between them
    if axis["dashed"]:
        lo, hi = min(axis["dashed"]), max(axis["dashed"])
        assert lo - 1 <= min(pubs) and max(pubs) <= hi + 1, axis


def test_headings_come_once_each_in_time_order(browser, timeline_url):
    page = browser.new_page()
    page.goto(timeline_url)
    headings = [h.strip() for h in page.locator("article h2").all_inner_texts()]
    page.close()
    periods = [h for h in headings if re.search(r"\d{4}", h)]
    assert len(periods) >= 20, headings[:10]
    assert len(periods) == len(set(periods)), [h for h in periods if periods.count(h) > 1][:5]
    years = [int(re.search(r"\d{4}", h).group()) for h in periods]
    assert years == sorted(years), list(zip(periods, years))[:40]
    assert not any(re.search(r"\d{4}-W\d|WE\b|[0-9]{4}-[0-9]{2}", h) for h in periods), "headings are human"

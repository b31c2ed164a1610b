"""The co-occurrence graphs and the visual timeline: well-formed, linked, escaped, deterministic, readable."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import pytest

from generator.site import graph
from generator.site.clusters_svg import EDGES_PER_NODE, cluster_svg
from generator.site.render import TYPE_LABELS
from generator.site.timeline_svg import MARK_H, period, timeline_svg
from generator.site.views import build_views, top_entities
from tests.synthetic import big_briefing

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def views():
    return build_views(big_briefing(), 1, 1)


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # raises on anything that is not well-formed XML


def nodes(root: ET.Element) -> list[ET.Element]:
    return [a for a in root.iter(SVG + "a")]


def check_picture(svg: str) -> ET.Element:
    root = parse(svg)
    assert root.tag == SVG + "svg"
    assert root.find(SVG + "title").text and root.find(SVG + "desc").text
    assert root.get("aria-labelledby")
    assert "<script" not in svg.lower() and "onload" not in svg.lower() and "javascript:" not in svg.lower()
    assert not list(root.iter(SVG + "script")) and not list(root.iter(SVG + "foreignObject"))
    for a in nodes(root):
        assert a.find(SVG + "title") is not None and a.find(SVG + "title").text, "every link has a tooltip"
    return root


def test_graph_at_200_entities_is_well_formed_and_linked(views):
    svg = cluster_svg(views, "", TYPE_LABELS, max_nodes=200, standalone=True)
    root = check_picture(svg)
    links = [a.get("href") for a in nodes(root)]
    assert len(views.pages) >= 199 and len(links) == min(200, len(views.pages)) == len(set(links))
    assert all(re.fullmatch(r"entities/e\d{3}\.html", h) for h in links)
    assert all(h[len("entities/"):-len(".html")] in views.pages for h in links)
    edges = root.findall(f"{SVG}g[@class='bg-edges']/{SVG}line")
    assert 0 < len(edges) <= EDGES_PER_NODE * 200  # bounded: no hairball of every pair
    texts = [t.text for t in root.iter(SVG + "text")]
    assert all(len(t) <= graph.MAX_LABEL for t in texts if t)


def test_graph_escapes_untrusted_names(views):
    svg = cluster_svg(views, "", TYPE_LABELS, max_nodes=200)
    root = parse(svg)
    tips = [a.find(SVG + "title").text for a in nodes(root)]
    hostile = next(t for t in tips if t.startswith("Acme"))
    assert '<script>alert("x")</script>' in hostile  # shown as text, exactly the words of the article
    assert "\x01" not in svg  # characters XML forbids are dropped


def test_graph_is_deterministic():
    a = cluster_svg(build_views(big_briefing(), 1, 1), "", TYPE_LABELS, 200)
    b = cluster_svg(build_views(big_briefing(), 1, 1), "", TYPE_LABELS, 200)
    assert a == b


def test_home_graph_takes_the_top_n(views):
    root = parse(cluster_svg(views, "../", TYPE_LABELS, max_nodes=graph.HOME_NODES))
    links = [a.get("href") for a in nodes(root)]
    assert len(links) == graph.HOME_NODES and all(h.startswith("../entities/") for h in links)
    top = {f"../entities/{e}.html" for e in top_entities(views, graph.HOME_NODES)}
    assert set(links) == top


def test_ego_graph_labels_do_not_overlap(views):
    """Every neighbour has its own slot on the ring: the arc between neighbours is at least the font height."""
    eid = top_entities(views, 1)[0]
    root = parse(graph.ego_svg(views, eid, "../", TYPE_LABELS, max_nodes=200))
    points = []
    for a in nodes(root):
        c = a.find(SVG + "circle")
        points.append((float(c.get("cx")), float(c.get("cy"))))
    assert len(points) > 20
    angles = sorted(math.atan2(y, x) for x, y in points)
    radius = math.hypot(*points[0])
    gaps = [b - a for a, b in zip(angles, angles[1:])] + [angles[0] + 2 * math.pi - angles[-1]]
    assert min(gaps) * radius >= graph.FONT, "labels written radially need one font height of arc each"
    texts = [t.text for t in root.iter(SVG + "text")]
    assert all(len(t) <= graph.MAX_LABEL for t in texts if t)


def test_ego_graph(views):
    eid = top_entities(views, 1)[0]
    svg = graph.ego_svg(views, eid, "../", TYPE_LABELS)
    root = check_picture(svg)
    links = [a.get("href") for a in nodes(root)]
    assert 0 < len(links) <= graph.EGO_NODES
    assert f"../entities/{eid}.html" not in links  # the centre is the page itself
    assert views.briefing.entities[eid].name.split()[0] in root.find(SVG + "title").text


def test_empty_views_give_no_picture():
    from generator.records import Briefing

    v = build_views(Briefing(articles=[], bodies={}, entities={}, topics={}), 1, 1)
    assert cluster_svg(v, "", TYPE_LABELS) == ""
    assert graph.ego_svg(v, "anyone", "../", TYPE_LABELS) == ""
    assert timeline_svg(v, "") == ""
    assert graph.embed("") == ""


def test_timeline_svg(views):
    svg = timeline_svg(views, "")
    root = check_picture(svg)
    links = [a.get("href") for a in nodes(root)]
    assert all(re.fullmatch(r"articles/article-\d{3}\.html|timeline\.html#[\w-]+", h) for h in links), links
    assert "timeline.html#2012" in links  # "2012" is named in many articles: one mark, to its list
    assert any(re.fullmatch(r"articles/article-\d{3}\.html", h) for h in links)  # publication marks
    small = build_views(big_briefing(n_entities=12, n_articles=3), 1, 1)
    links = [a.get("href") for a in nodes(parse(timeline_svg(small, "")))]
    assert any(re.fullmatch(r"articles/article-\d{3}\.html#s-\d+", h) for h in links)  # single: the sentence
    assert svg == timeline_svg(build_views(big_briefing(), 1, 1), "")


def test_timeline_marks_are_chronological(views):
    """Marks go left to right in the order of the timeline: a later period never starts further left."""
    root = parse(timeline_svg(views, ""))
    xs = []
    for a in root.find(f"{SVG}g[@class='bt-events']"):
        shape = a.find(SVG + "rect") if a.find(SVG + "rect") is not None else a.find(SVG + "circle")
        x = float(shape.get("x")) if shape.tag.endswith("rect") else float(shape.get("cx")) - MARK_H / 2
        xs.append(round(x, 1))
    assert len(xs) > 5 and xs == sorted(xs)


@pytest.mark.parametrize("value,start,end", [
    ("2018-01-10", "2018-01-10", "2018-01-11"), ("2018-01", "2018-01-01", "2018-02-01"),
    ("2018-12", "2018-12-01", "2019-01-01"), ("2012", "2012-01-01", "2013-01-01"),
    ("2016-Q3", "2016-07-01", "2016-10-01"), ("2017-W05", "2017-01-30", "2017-02-06"),
    ("199", "1990-01-01", "2000-01-01"), ("2015-06-01T14:30", "2015-06-01", "2015-06-02"),
])
def test_periods(value, start, end):
    import datetime as dt

    assert period(value, dt.date.fromisoformat(start)) == dt.date.fromisoformat(end)


def test_rendered_pictures_and_data_are_byte_identical_across_builds():
    from pathlib import Path

    from generator.site.render import render_pages

    templates = Path(__file__).resolve().parents[2] / "templates"
    first = render_pages(big_briefing(60, 30), templates, 1, 1, 12)
    second = render_pages(big_briefing(60, 30), templates, 1, 1, 12)
    assert first == second
    assert {"graph.svg", "feed.xml", "data/briefing.json", "data/briefing.schema.json"} <= set(first)
    assert 'class="briefing-graph"' in first["index.md"] and 'class="briefing-timeline"' in first["timeline.md"]

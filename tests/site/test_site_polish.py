"""Site polish: site_url for the sitemap and the feed, readable file modes, the editors' guide's types."""

from __future__ import annotations

import os
import stat
import xml.etree.ElementTree as ET

import pytest

from generator import yamlio
from generator.records import ArticleRecord, Briefing, Source
from generator.site import feeds
from generator.site.guide import field_tables
from tests.helpers import make_project

ATOM = "{http://www.w3.org/2005/Atom}"


def _briefing(**site) -> Briefing:
    rec = ArticleRecord(id="harbour-budget", title="Harbour budget approved", published="2024-03-02",
                        source=Source(file="seeds/harbour.txt"), summary="The council approved it.")
    return Briefing(articles=[rec], bodies={"harbour-budget": "The council approved it."}, entities={},
                    topics={}, **site)


def _feed(b: Briefing) -> ET.Element:
    return ET.fromstring(feeds.atom_feed(b))


def test_with_a_site_url_feed_links_are_absolute_and_ids_are_the_briefings_own():
    feed = _feed(_briefing(site_url="https://news.example.org/brief/"))
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links["self"] == "https://news.example.org/brief/feed.xml"
    assert links["alternate"] == "https://news.example.org/brief/index.html"
    entry = feed.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}link").get("href") == "https://news.example.org/brief/articles/harbour-budget.html"
    other = _feed(_briefing(site_url="https://other.example.org/"))
    assert feed.find(f"{ATOM}id").text != other.find(f"{ATOM}id").text
    assert entry.find(f"{ATOM}id").text != other.find(f"{ATOM}entry").find(f"{ATOM}id").text
    again = _feed(_briefing(site_url="https://news.example.org/brief/"))
    assert feed.find(f"{ATOM}id").text == again.find(f"{ATOM}id").text  # stable from build to build


def test_without_a_site_url_links_stay_relative_and_ids_differ_by_site_name():
    feed = _feed(_briefing(site_name="Harbour desk"))
    assert {link.get("href") for link in feed.findall(f"{ATOM}link")} == {"feed.xml", "index.html"}
    assert feed.find(f"{ATOM}entry").find(f"{ATOM}link").get("href") == "articles/harbour-budget.html"
    assert feed.find(f"{ATOM}id").text != _feed(_briefing(site_name="Energy desk")).find(f"{ATOM}id").text


@pytest.mark.parametrize("line, expected", [
    ("site_url: https://news.example.org/brief", ("Desk", "https://news.example.org/brief/")),
    ("site_url: ''", ("Desk", None)),
    ("", ("Desk", None)),
    ("site_url: javascript:alert(1)", ("Desk", None)),
])
def test_site_identity_reads_mkdocs_yml(tmp_path, line, expected):
    (tmp_path / "mkdocs.yml").write_text(f"site_name: Desk\n{line}\n")
    assert feeds.site_identity(tmp_path) == expected


def test_a_build_with_site_url_fills_the_sitemap_and_the_feed(tmp_path):
    from generator.pipeline import build

    root = make_project(tmp_path / "proj", seeds=None)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("# site_url: https://briefing.example.org/",
                                                 "site_url: https://briefing.example.org/"))
    (root / "content" / "articles" / "note.yml").write_text(
        "id: note\ntitle: Harbour note\npublished: 2024-03-02\nsource: {name: Desk}\n"
        "body: |\n  The Eastbrook council approved the harbour budget on Monday.\nreview: {status: reviewed}\n")
    build(root, progress=False)
    sitemap = (root / "site" / "sitemap.xml").read_text()
    assert "https://briefing.example.org/articles/note.html" in sitemap
    assert 'href="https://briefing.example.org/articles/note.html"' in (root / "site" / "feed.xml").read_text()
    # what a build writes is readable by others (a web server, a colleague), as a plain open() would make it
    for path in [*(root / "content" / "entities").glob("*.yml"), root / "docs" / "index.md",
                 root / "docs" / "feed.xml"]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~_umask(), path


def _features(page) -> set[str]:
    import json
    import re

    match = re.search(r'<script id="__config" type="application/json">(.*?)</script>', page.read_text(), re.S)
    return set(json.loads(match.group(1))["features"])


def test_without_site_url_the_site_stays_offline(seed_build):
    root, _ = seed_build
    html = root / "site" / "index.html"
    assert not {f for f in _features(html) if f.startswith("navigation.instant")}
    assert "iframe-worker-shim.js" in html.read_text()  # the offline plugin's search from file://


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_atomic_writes_get_a_plain_mode_or_keep_the_files_own(tmp_path):
    new = tmp_path / "new.yml"
    yamlio.atomic_write_text(new, "a: 1\n")
    assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~_umask()
    kept = tmp_path / "kept.yml"
    kept.write_text("a: 1\n")
    kept.chmod(0o640)
    yamlio.atomic_write_text(kept, "a: 2\n")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640 and kept.read_text() == "a: 2\n"


def test_the_guide_shows_types_as_editors_read_them():
    types = {row[1] for _, rows in field_tables() for row in rows}
    assert not [t for t in types if any(s in t for s in ("Optional", "[str]", "list[", "typing", "NoneType"))], types
    assert {"text", "date (YYYY-MM-DD), or null", "list of text", "true or false"} <= types


def test_the_standalone_graph_has_a_header_and_a_way_back():
    from generator.site import graph

    inner = ('<svg xmlns="http://www.w3.org/2000/svg" class="briefing-graph" viewBox="-200 -300 437.5 610.7" '
             'width="437.5" height="610.7"><a href="entities/acme.html"><circle r="4"/></a></svg>')
    root = ET.fromstring(graph.standalone(inner).split("\n", 1)[1])
    svg = "{http://www.w3.org/2000/svg}"
    back = root.find(f"{svg}a")
    assert back is not None and back.get("href") == "index.html" and "back to the overview" in "".join(back.itertext())
    picture = root.find(f"{svg}svg")
    assert picture.get("class") == "briefing-graph" and float(picture.get("y")) >= graph.HEADER_H
    assert float(root.get("height")) == float(picture.get("height")) + graph.HEADER_H

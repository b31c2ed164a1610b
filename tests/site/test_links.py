"""Every internal link of the built site resolves: files exist and #anchors exist in their target page.

Checks every href/src in every HTML page (inline SVG pictures included), in the stand-alone graph.svg
and in feed.xml (whose links are relative to the site root).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

import pytest

pytestmark = pytest.mark.e2e


class Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        d = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if d.get(key):
                self.ids.add(d[key])
        for key in ("href", "src", "xlink:href"):
            if d.get(key) is not None:
                self.links.append(d[key])

    handle_startendtag = handle_starttag


def parse(path: Path) -> Collector:
    c = Collector()
    c.feed(path.read_text(encoding="utf-8"))
    return c


def external(link: str) -> bool:
    return bool(urlsplit(link).scheme) or link.startswith("//")


@pytest.fixture(scope="module")
def site(seed_build) -> Path:
    root, _ = seed_build
    return root / "site"


@pytest.fixture(scope="module")
def pages(site) -> dict[Path, Collector]:
    return {p: parse(p) for p in sorted(site.rglob("*.html"))}


def check(site: Path, pages: dict[Path, Collector], source: Path, links: list[str], base: Path) -> list[str]:
    broken = []
    for link in links:
        if external(link) or link.startswith(("mailto:", "data:")):
            continue
        url, frag = urldefrag(link)
        here = base
        if url.startswith("/"):  # 404.html: root-absolute, as it is served for any missing path
            url, here = url.lstrip("/"), site
        target = source if not url else (here / unquote(url)).resolve()
        if url.endswith("/") or (target.is_dir()):
            target = target / "index.html"
        if not target.exists():
            broken.append(f"{source.relative_to(site)}: {link} (no file)")
            continue
        if site.resolve() not in target.resolve().parents and target.resolve() != site.resolve():
            broken.append(f"{source.relative_to(site)}: {link} (outside the site)")
            continue
        if frag and target.suffix == ".html":
            ids = pages[target.resolve()].ids if target.resolve() in pages else parse(target).ids
            if unquote(frag) not in ids:
                broken.append(f"{source.relative_to(site)}: {link} (no #{frag})")
    return broken


def test_site_has_the_pages_and_files(site):
    for rel in ("index.html", "timeline.html", "quotes.html", "graph.svg", "feed.xml", "data/briefing.json",
                "data/briefing.schema.json", "assets/iframe-worker-shim.js"):
        assert (site / rel).is_file(), rel


def test_every_internal_link_in_html_resolves(site, pages):
    pages = {p.resolve(): c for p, c in pages.items()}
    broken, count = [], 0
    for path, c in pages.items():
        count += len(c.links)
        broken += check(site, pages, path, c.links, path.parent)
    assert count > 200
    assert not broken, "\n".join(broken[:50])


def test_sentence_links_point_at_sentence_anchors(site, pages):
    """The links readers follow from entity, quote and timeline pages land on s-N sentence anchors."""
    sentence_links = [link for c in pages.values() for link in c.links if re.search(r"articles/[^#]+#s-\d+$", link)]
    assert len(sentence_links) > 10


def test_links_in_graph_svg_and_feed_resolve(site, pages):
    pages = {p.resolve(): c for p, c in pages.items()}
    svg = ET.parse(site / "graph.svg").getroot()
    svg_links = [a.get("href") for a in svg.iter("{http://www.w3.org/2000/svg}a")]
    assert svg_links
    feed = ET.parse(site / "feed.xml").getroot()
    feed_links = [e.get("href") for e in feed.iter("{http://www.w3.org/2005/Atom}link")]
    broken = check(site, pages, site / "graph.svg", svg_links, site)
    broken += check(site, pages, site / "feed.xml", [h for h in feed_links if h != "feed.xml"], site)
    assert not broken, broken

"""A reader's path through the real site in a real browser (Debian chromium driven by Playwright).

Home -> search for a person -> entity page -> a mention -> the exact sentence, highlighted -> the
timeline (chronological, sources linked) -> the quotes (grouped by speaker). Every page is also checked
for console errors, failed requests and serious accessibility violations (axe-core).
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import ROOT, SHOTS

pytestmark = pytest.mark.e2e

VERIZON = "verizon-has-reportedly-followed-in-the-footsteps-of-at-t"
MAIN_PAGES = ["index.html", f"articles/{VERIZON}.html", "articles/index.html", "entities/richard-yu.html",
              "entities/index.html", "timeline.html", "quotes.html", "quotes/by/richard-yu.html", "topics/index.html",
              "threads/index.html", "threads/*", "tags.html"]


def expect():
    from playwright.sync_api import expect as _expect

    return _expect


def test_reader_finds_a_person_and_the_sentence(reader):
    page = reader.open("index.html")
    assert page.title() == "Overview - Briefing"
    reader.shot("01-home")
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially("Richard Yu", delay=20)
    result = page.locator(".md-search-result__link[href*='entities/richard-yu.html']").first
    expect()(result).to_be_visible(timeout=10_000)
    reader.shot("02-search", full_page=False)
    result.click()
    page.wait_for_url(re.compile(r".*/entities/richard-yu\.html.*"))
    assert page.title().startswith("Richard Yu")
    expect()(page.locator("h1")).to_have_text(re.compile(r"^Richard Yu"))
    expect()(page.locator(".badge-PERSON").first).to_have_text("Person")
    assert page.locator("article mark").count() > 0, "search terms are highlighted on the page"
    reader.shot("03-entity")

    mention = page.locator("a[href*='#s-']", has_text="sentence").first
    href = mention.get_attribute("href")
    anchor = href.split("#", 1)[1]
    mention.click()
    page.wait_for_url(re.compile(rf".*/articles/{VERIZON}\.html#{anchor}$"))
    sentence = page.locator(f"#{anchor}")
    expect()(sentence).to_be_in_viewport()
    assert "Yu" in sentence.inner_text() or "he" in sentence.inner_text()
    outline = sentence.evaluate("e => getComputedStyle(e).outlineStyle")
    background = sentence.evaluate("e => getComputedStyle(e).backgroundColor")
    assert outline == "solid" and background not in ("rgba(0, 0, 0, 0)", "transparent"), "the sentence is highlighted"
    header = page.locator(".md-header").bounding_box()
    assert sentence.bounding_box()["y"] >= header["y"] + header["height"] - 1, "not hidden under the header"
    reader.shot("04-sentence", full_page=False)


def test_timeline_is_chronological_with_sources(reader):
    page = reader.open("index.html")
    page.locator(".md-tabs__link", has_text="Timeline").click()
    page.wait_for_url(re.compile(r".*/timeline\.html$"))
    data = page.request.get(reader.base + "data/briefing.json").json()
    starts = {d["label"]: d["starts"] for d in data["dates"] if d["starts"]}
    headings = [h.replace("¶", "").strip() for h in page.locator("article h2").all_inner_texts()]
    assert len(headings) >= 2
    order = [starts[h] for h in headings]
    assert order == sorted(order), f"timeline headings out of order: {headings}"
    sources = page.locator("article li a[href*='articles/'][href*='#s-']")
    assert sources.count() >= len(headings)
    picture = page.locator("figure.briefing-figure svg.briefing-timeline")
    expect()(picture).to_be_visible()
    assert picture.locator("title").first.text_content().startswith("Timeline of")
    marks = picture.locator("g.bt-events a")
    assert marks.count() >= 1
    reader.shot("05-timeline")
    marks.first.click()
    page.wait_for_url(re.compile(r".*(articles/.*#s-\d+|timeline\.html#.+)$"))


def test_quotes_are_an_index_of_speakers_with_a_page_each(reader):
    page = reader.open("index.html")
    page.locator(".md-tabs__link", has_text="Quotes").click()
    page.wait_for_url(re.compile(r".*/quotes\.html$"))
    rows = page.locator("article table tbody tr")
    assert rows.count() >= 2
    first = rows.first.locator("td").first
    assert first.inner_text().strip() == "Richard Yu", "the most quoted speaker comes first"
    counts = [int(t) for t in page.locator("article table tbody tr td:nth-child(2)").all_inner_texts()]
    assert counts == sorted(counts[:-1], reverse=True) + counts[-1:] or counts == sorted(counts, reverse=True)
    reader.shot("06-quotes")
    first.locator("a").click()
    page.wait_for_url(re.compile(r".*/quotes/by/richard-yu\.html$"))
    said = " ".join(page.locator("article blockquote").all_inner_texts())
    assert "Everybody knows" in said and "big loss" in said
    assert page.locator("article blockquote a[href*='#s-']").count() >= 2, "each quote links to its sentence"
    reader.shot("06b-speaker")


def test_graph_on_home_and_entity_pages(reader):
    page = reader.open("index.html")
    svg = page.locator("figure.briefing-figure svg.briefing-graph").first
    expect()(svg).to_be_visible()
    assert svg.locator("title").first.text_content().startswith("Who is mentioned with whom")
    nodes = svg.locator("g.bg-nodes a")
    assert nodes.count() >= 10
    svg.scroll_into_view_if_needed()
    svg.screenshot(path=str(SHOTS / "07-graph-home.png"))
    nodes.filter(has=page.locator("title", has_text=re.compile(r"^Huawei \("))).first.click()  # not "…with Huawei"
    page.wait_for_url(re.compile(r".*/entities/huawei\.html$"))
    ego = page.locator("figure.briefing-figure svg.briefing-graph")
    expect()(ego).to_be_visible()
    assert ego.locator("title").first.text_content().startswith("Huawei is most often mentioned with")
    ego.scroll_into_view_if_needed()
    ego.screenshot(path=str(SHOTS / "08-graph-entity.png"))
    page.goto(reader.base + "graph.svg")
    assert page.locator("svg a").count() >= 10
    reader.shot("09-graph-full", full_page=False)


def test_pictures_at_200_entities(browser, tmp_path):
    """The stand-alone graph with 200 entities and a busy timeline, as a reader's browser draws them."""
    from generator.site import graph
    from generator.site.clusters_svg import cluster_svg
    from generator.site.render import TYPE_LABELS
    from generator.site.timeline_svg import timeline_svg
    from generator.site.views import build_views
    from tests.synthetic import big_briefing

    v = build_views(big_briefing(), 1, 1)
    (tmp_path / "graph.svg").write_text(graph.standalone(cluster_svg(v, "", TYPE_LABELS, 200, True)))
    (tmp_path / "timeline.svg").write_text(graph.standalone(timeline_svg(v, "")))
    context = browser.new_context(viewport={"width": 1200, "height": 1500})
    page = context.new_page()
    page.goto((tmp_path / "graph.svg").as_uri())
    assert page.locator("svg.briefing-graph a").count() == min(200, len(v.pages))
    sizes = page.evaluate("() => [...document.querySelectorAll('svg.briefing-graph a text')].map(t => t.getBBox().height)")
    assert min(sizes) >= 10, "labels are drawn at a readable size"
    page.screenshot(path=str(SHOTS / "12-graph-200-entities.png"))
    page.set_viewport_size({"width": 700, "height": 700})
    page.goto((tmp_path / "timeline.svg").as_uri())
    page.screenshot(path=str(SHOTS / "13-timeline-busy.png"))
    context.close()


def test_dark_palette_and_print_view(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    page = context.new_page()
    page.goto(base_url + "index.html")
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    page.screenshot(path=str(SHOTS / "10-home-dark.png"), full_page=True)
    page.goto(base_url + f"articles/{VERIZON}.html")
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible() and not page.locator(".md-sidebar--primary").is_visible()
    expect()(page.locator(".briefing-text")).to_be_visible()
    page.screenshot(path=str(SHOTS / "11-article-print.png"), full_page=True)
    context.close()


def test_search_works_from_file_url(browser, site_dir):
    """The offline build: opened from disk, search still answers, and nothing is fetched from the network."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    remote: list[str] = []
    page.on("request", lambda r: urlsplit(r.url).scheme in ("http", "https") and remote.append(r.url))
    page.goto((site_dir / "index.html").as_uri())
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially("Huawei", delay=20)
    expect()(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)
    context.close()
    assert not remote, f"the site fetched from the network: {remote}"


@pytest.mark.parametrize("path", MAIN_PAGES)
def test_page_is_titled_described_and_accessible(reader, site_dir, path):
    """No console errors (the fixture), a title and a description, no serious or critical axe violation."""
    from axe_playwright_python.sync_playwright import Axe

    if "*" in path:  # topic ids come from the build: take the first one
        pages = sorted(p for p in site_dir.glob(path.replace("*", "*.html")) if p.name != "index.html")
        assert pages, path
        path = pages[0].relative_to(site_dir).as_posix()
    page = reader.open(path)
    title = page.title()
    assert title and title.endswith(" - Briefing") and len(title) > len(" - Briefing"), title
    description = page.locator("meta[name='description']").get_attribute("content")
    assert description and len(description) > 10
    results = Axe().run(page)
    violations = results.response["violations"]
    out = ROOT / "tests" / "artifacts" / "axe"
    out.mkdir(parents=True, exist_ok=True)
    (out / (path.replace("/", "_") + ".json")).write_text(json.dumps(violations, indent=1), encoding="utf-8")
    serious = [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
               for v in violations if v["impact"] in ("serious", "critical")]
    assert not serious, "\n".join(serious)

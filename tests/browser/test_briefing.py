"""The briefing as an analyst reads it, in a real browser: the home page's story threads, a thread page,
and search that puts an entity's own page first for its name and for its aliases."""

from __future__ import annotations

import html
import re

import pytest


pytestmark = pytest.mark.e2e


def expect():
    from playwright.sync_api import expect as _expect

    return _expect


def test_home_page_briefs_by_story_thread(reader):
    page = reader.open("index.html")
    headings = [h.replace("¶", "").strip() for h in page.locator("article h2").all_inner_texts()]
    assert headings[0] == "Story threads", headings
    thread = page.locator("article h3 a[href^='threads/']").first
    expect()(thread).to_be_visible()
    title = thread.inner_text().strip()
    assert " — " in title or title[:1].isupper()
    body = page.locator("article").inner_text()
    assert "Who matters:" in body and "Latest:" in body
    picture = page.locator("figure.briefing-figure svg.briefing-graph").first
    expect()(picture).to_be_visible()
    assert "clusters" in picture.locator("title").first.text_content()
    box = picture.bounding_box()
    assert box["width"] <= page.viewport_size["width"], "the picture fits the page"
    reader.shot("20-home-threads")
    thread.click()
    page.wait_for_url(re.compile(r".*/threads/[a-z0-9-]+\.html$"))
    expect()(page.locator("h1")).to_have_text(re.compile("^" + re.escape(title)))
    sections = [h.replace("¶", "").strip() for h in page.locator("article h2").all_inner_texts()]
    for name in ("Who matters", "Latest development", "Articles", "Keep this thread"):
        assert name in sections, sections
    assert page.locator("article h2 + ul a[href*='../articles/'], article ul a[href*='../articles/']").count() >= 2
    assert "id: " in page.locator("pre.briefing-code").inner_text(), "the topic file that keeps the thread"
    reader.shot("21-thread")


@pytest.mark.parametrize("query, expected", [("Richard Yu", "entities/richard-yu.html"),
                                             ("Huawei", "entities/huawei.html"),
                                             ("Verizon", "entities/verizon.html")])
def test_an_entitys_page_is_the_first_search_result_for_its_name(reader, query, expected):
    page = reader.open("index.html")
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially(query, delay=20)
    first = page.locator(".md-search-result__item > a.md-search-result__link").first
    expect()(first).to_be_visible(timeout=10_000)
    href = first.get_attribute("href")
    assert re.split(r"[#?]", href)[0].endswith(expected), f"first result for {query!r}: {href}"
    reader.shot(f"22-search-{query.lower().replace(' ', '-')}", full_page=False)


def test_an_alias_finds_the_entitys_page_first(reader, site_dir):
    """An alias of an entity ('also written …') leads to that entity's page before any other."""
    found = None
    for path in sorted((site_dir / "entities").glob("*.html")):
        m = re.search(r"also written <span[^>]*>“([^”]+)”", path.read_text(encoding="utf-8"))
        if m and len(m.group(1)) >= 3:
            found = (path.name, html.unescape(m.group(1)))
            break
    if found is None:
        pytest.skip("no entity of the seeds has an alias in this build")
    name, alias = found
    page = reader.open("index.html")
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially(alias, delay=20)
    first = page.locator(".md-search-result__item > a.md-search-result__link").first
    expect()(first).to_be_visible(timeout=10_000)
    assert re.split(r"[#?]", first.get_attribute("href"))[0].endswith(f"entities/{name}"), (alias, name)

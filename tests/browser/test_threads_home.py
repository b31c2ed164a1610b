"""A briefing built twice, as it grows, read in a real browser: the home page says what is new since the
previous build, a thread keeps its address when an article joins it, an old thread address leads on to
its thread, and a speaker's page lists what they said. Screenshots in tests/artifacts/screenshots/.

The second build adds one invented article (below) about the seeds' story, with a quote by an invented
analyst."""

from __future__ import annotations

import json
import re

import pytest

from tools.search_rank import serve
from tests.browser.conftest import open_reader
from tests.helpers import make_project

pytestmark = pytest.mark.e2e

NEW_SEED = """---
title: Huawei keeps selling the Mate 10 Pro online after Verizon and AT&T step back
published: 2018-01-24
---

Huawei said on Wednesday that it would keep selling the Mate 10 Pro in the US through its own website and through retailers, after Verizon and AT&T dropped plans to offer the phone.

"Carriers will come back to Huawei once the security questions are settled in Washington," said Lena Moravec, an analyst at Kestrel Research.

Moravec said that Verizon and AT&T had little to gain from a fight with the FCC while the Mate 10 Pro was new. "Nobody wants to be the carrier the regulator is watching this year," she added.
"""
OLD_ID = "zz-old-thread-address"  # sorts after every real id: a tie of two old ids goes to the smaller


def expect():
    from playwright.sync_api import expect as _expect

    return _expect


@pytest.fixture(scope="module")
def grown(tmp_path_factory):
    """(project, thread ids after the first build, thread ids after the second): the seeds built, then the
    invented article added and built again. Before the second build, the manifest of the first gets one
    more thread id, OLD_ID, holding that thread's articles: an address the thread no longer has."""
    from generator.pipeline import build

    root = make_project(tmp_path_factory.mktemp("grown") / "proj")
    build(root, progress=False)
    state = root / ".cache" / "state" / "published.json"
    first = json.loads(state.read_text(encoding="utf-8"))
    before = dict(first["threads"])
    assert before, "the seeds make a thread"
    first["threads"][OLD_ID] = next(iter(before.values()))
    state.write_text(json.dumps(first), encoding="utf-8")
    (root / "seeds" / "010_invented_mate10_online.md").write_text(NEW_SEED, encoding="utf-8")
    build(root, progress=False)
    after = json.loads(state.read_text(encoding="utf-8"))["threads"]
    return root, before, after


@pytest.fixture(scope="module")
def grown_url(grown):
    yield from serve(grown[0] / "site")


@pytest.fixture
def visitor(light_context, grown_url):
    yield from open_reader(light_context, grown_url)


def test_home_page_says_what_is_new_since_the_previous_build(visitor):
    page = visitor.open("index.html")
    box = page.locator("article .admonition.info").first
    expect()(box).to_be_visible()
    text = box.inner_text()
    assert "New since the previous build" in text and "1 new article" in text, text
    link = box.locator("a[href^='articles/']").first
    assert "Mate 10 Pro online" in link.inner_text()
    assert "Lena Moravec" in text, "the new analyst is a new name, and her quote a new quote"
    headings = [h.replace("¶", "").strip() for h in page.locator("article h2").all_inner_texts()]
    assert headings[0] == "Story threads", headings
    visitor.shot("30-home-new-since")
    link.click()
    page.wait_for_url(re.compile(r".*/articles/[a-z0-9-]+\.html$"))
    expect()(page.locator("h1")).to_contain_text("Mate 10 Pro online")


def test_a_thread_keeps_its_address_when_an_article_joins_it(visitor, grown):
    _, before, after = grown
    joined = [tid for tid, arts in after.items() if any("mate-10-pro-online" in a for a in arts)]
    assert joined and joined[0] in before, (before, after)
    assert len(after[joined[0]]) == len(before[joined[0]]) + 1
    page = visitor.open(f"threads/{joined[0]}.html")
    sections = [h.replace("¶", "").strip() for h in page.locator("article h2").all_inner_texts()]
    for name in ("Who matters", "Latest development", "Articles"):
        assert name in sections, sections
    latest = page.locator("article h2:has-text('Latest development') + p a").first
    assert "Mate 10 Pro online" in latest.inner_text(), "the new article is the thread's latest development"
    assert page.locator("article ul a[href*='../articles/']").count() >= 3
    visitor.shot("31-thread-grown")


def test_an_old_thread_address_leads_on_to_its_thread(visitor, grown):
    _, before, _ = grown
    page = visitor.open(f"threads/{OLD_ID}.html")
    page.wait_for_url(re.compile(r".*/threads/(?!" + OLD_ID + r")[a-z0-9-]+\.html$"))
    assert page.url.rsplit("/", 1)[1][:-len(".html")] in before


def test_a_speaker_page_lists_what_they_said(visitor):
    page = visitor.open("quotes.html")
    link = page.locator("article a[href*='quotes/by/lena-moravec']").first
    expect()(link).to_be_visible()
    link.click()
    page.wait_for_url(re.compile(r".*/quotes/by/lena-moravec\.html$"))
    expect()(page.locator("h1")).to_contain_text("Lena Moravec")
    quote = page.locator("article blockquote").first
    expect()(page.locator("article")).to_contain_text("Carriers will come back to Huawei")
    source = quote.locator("a[href*='../../articles/']").first
    assert re.search(r"#s-\d+$", source.get_attribute("href")), "each quote links to its sentence"
    visitor.shot("32-speaker")
    source.click()
    page.wait_for_url(re.compile(r".*/articles/[a-z0-9-]+\.html#s-\d+$"))

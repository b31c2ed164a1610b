"""The home page's "new since the previous build" and thread ids across builds, over invented stories:
what the last published build published (site/published.py) is compared with this one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.records import Briefing
from generator.site.published import FILE, Published, change_since, quote_key
from generator.site.render import render_pages
from generator.site.views import build_views
from tests.site.test_threads import _with_extra, briefing

ROOT = Path(__file__).resolve().parents[2]
NEW = ("s9", "Mara Lind and the Harbour Workers Union signed the Kestrel Port Authority offer on Friday.",
       dt.date(2031, 3, 20))


def build(b: Briefing, previous: Published | None) -> tuple[dict[str, str], Published]:
    """One build's pages and what it publishes, given what the build before it published."""
    published = Published(previous=previous.current if previous is not None else None)
    pages = render_pages(b, ROOT / "templates", 1, 1, 10, published=published)
    return pages, published


def news_box(pages: dict[str, str]) -> str:
    home = pages["index.md"]
    if "New since the previous build" not in home:
        return ""
    return home.split("New since the previous build", 1)[1].split("\n\n", 1)[0]


def test_a_first_build_shows_no_news_and_the_same_input_again_shows_the_same_page():
    first, p1 = build(briefing(), None)
    assert news_box(first) == ""
    again, _ = build(briefing(), p1)
    assert again["index.md"] == first["index.md"]


def test_an_added_article_is_new_and_stays_the_latest_change_through_a_rebuild():
    _, p1 = build(briefing(), None)
    b2 = _with_extra(briefing(), *NEW)
    second, p2 = build(b2, p1)
    box = news_box(second)
    assert "1 new article" in box and "articles/s9.md" in box
    assert "new people" not in box and "new quote" not in box  # every name in it was known; no quote in it
    third, p3 = build(_with_extra(briefing(), *NEW), p2)  # nothing added or removed since: the last change again
    assert third["index.md"] == second["index.md"]
    assert p3.current == p2.current


def test_a_new_name_and_a_new_quote_are_listed():
    _, p1 = build(briefing(), None)
    quoted = briefing(quotes={"t2": ("The results are clear and we will publish them next week", "ellis-park",
                                     "Ellis Park")})
    second, _ = build(quoted, p1)
    box = news_box(second)
    assert "1 new quote" in box and "The results are clear" in box
    assert "0 new articles" in box


def test_removing_an_article_is_a_change_with_nothing_new():
    b = _with_extra(briefing(), *NEW)
    _, p1 = build(b, None)
    second, _ = build(briefing(), p1)
    assert "(1 removed)" in news_box(second) and "0 new articles" in news_box(second)


def test_thread_ids_and_urls_last_across_builds_even_against_a_new_founder():
    pages1, p1 = build(briefing(), None)
    older = ("a0", "An older piece: the Harbour Workers Union warned the Kestrel Port Authority of a strike.",
             dt.date(2031, 2, 27))  # older than the strike thread's founder, and first in id order
    pages2, p2 = build(_with_extra(briefing(), *older), p1)
    threads1 = {k for k in pages1 if k.startswith("threads/")}
    assert threads1 <= set(pages2)
    assert p2.current["threads"]["s0"] == ["a0", "s0", "s1", "s2", "s3"]


def test_an_old_thread_url_leads_to_the_thread_that_holds_its_articles():
    _, p1 = build(briefing(), None)
    p1.current["threads"]["old-strike-thread"] = ["s1", "s2"]  # an id the strike thread no longer carries
    pages, p2 = build(briefing(), p1)
    moved = pages["threads/old-strike-thread.md"]
    assert "moved_to: s0.html" in moved and "(s0.md)" in moved and "search:\n  exclude: true" in moved
    assert p2.current["moved"] == {"old-strike-thread": "s0"}


def test_manifest_is_saved_atomically_and_a_damaged_one_is_no_previous_build(tmp_path):
    _, p1 = build(briefing(), None)
    p1.save(tmp_path)
    assert Published.load(tmp_path).previous == p1.current
    (tmp_path / FILE).write_text("{not json", encoding="utf-8")
    assert Published.load(tmp_path).previous is None
    assert not [p for p in tmp_path.iterdir() if p.name != FILE]  # no temporary file left


def test_change_ids_follow_the_briefing_order_and_quotes_are_known_by_their_words():
    b = briefing()
    v = build_views(b, 1, 1)
    previous = {"articles": ["s0"], "entities": [], "quotes": []}
    c = change_since(b, v.pages, v.articles_of, previous)
    assert c.articles == [r.id for r in b.articles if r.id != "s0"]  # newest first
    assert c.entities[0] in ("ruritania",)  # named in the most articles first
    q = b.articles[0].quotes
    assert all(quote_key("x", qq) == quote_key("x", qq.model_copy(update={"start": 0})) for qq in q)

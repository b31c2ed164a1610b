"""Render: anchors and links in the article text, escaping of untrusted text, page set."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import markdown
import pytest

from generator.records import Actor, ArticleRecord, Briefing, DateMention, Entity, Quote, Source, Topic, TopicMatch
from generator.site.render import article_html, render_pages, safe_url, write_pages
from generator.site.textsafe import md
from generator.site.views import build_views

ROOT = Path(__file__).resolve().parents[2]
BODY = "Acme said hello. Then <b>Bob</b> said: \"We *won* [x](javascript:alert(1)).\"\n\nIn 2012 it grew."


def briefing() -> Briefing:
    rec = ArticleRecord(
        id="a1", title="Acme <script>alert(1)</script> wins", published=dt.date(2018, 1, 10),
        source=Source(file="seeds/a.txt"), summary="Acme {{ 7*7 }} wins {% raw %}", topics=["t"],
        actors=[Actor(id="acme", name="Acme", type="ORG", mentions=1, spans=[(0, 4)])],
        quotes=[Quote(text="We *won* [x](javascript:alert(1)).", start=40, end=74, speaker="acme", cue="said")],
        dates=[DateMention(text="2012", value="2012", start=80, end=84, sentence="In 2012 it grew.")],
        sentences=[(0, 16), (17, 76), (78, 94)])
    return Briefing(articles=[rec], bodies={"a1": BODY},
                    entities={"acme": Entity(id="acme", name="Acme", type="ORG", description="!!! note \"x\"")},
                    topics={"t": Topic(id="t", title="T", match=TopicMatch())})


def to_html(text: str) -> str:
    return markdown.markdown(text, extensions=["admonition", "tables"])


def test_article_html_has_sentence_anchors_and_mention_links():
    b = briefing()
    out = article_html(b.articles[0], BODY, [(0, 76), (78, 94)], {"acme"}, "../")
    assert '<span class="s" id="s-1"><a class="mention" href="../entities/acme.html"' in out
    assert 'id="s-3"' in out
    assert "<b>" not in out and "&lt;b&gt;" in out


def test_md_escapes_markup_markdown_and_template_syntax():
    html = to_html("- " + md("<img src=x onerror=alert(1)> **bold** [a](javascript:x) {{ x }} !!! note"))
    assert "<img" not in html and "<strong>" not in html and "<a " not in html
    assert "{{ x }}" in html.replace("&#123;", "{").replace("&#125;", "}")


def test_safe_url_allows_only_http():
    assert safe_url("javascript:alert(1)") == "#"
    assert safe_url("data:text/html,x") == "#"
    assert safe_url("https://example.org/a b") == "#"
    assert str(safe_url("https://example.org/a(b)")) == "https://example.org/a%28b%29"


def test_pages_render_and_escape_everything(tmp_path: Path):
    pages = render_pages(briefing(), ROOT / "templates", 1, 1, 10)
    assert {"index.md", "articles/a1.md", "entities/acme.md", "topics/t.md", "timeline.md", "quotes.md"} <= set(pages)
    for path, text in pages.items():
        if not path.endswith(".md"):
            continue  # data files (JSON, feeds, SVG) have their own escaping tests
        html = to_html(text.split("---\n", 2)[-1])
        assert "<script" not in html, path
        assert 'href="javascript' not in html, path
        prose = re.sub(r"<svg.*?</svg>", "", html, flags=re.S)  # the pictures' coordinates may hold any digits
        assert "49" not in prose  # {{ 7*7 }} was never evaluated
    front = pages["articles/a1.md"].split("---\n")[1]
    assert "<script>" not in front and "‹script›" in front
    stats = write_pages(dict(pages), tmp_path)
    assert stats.written == len(pages)  # every page, and the stylesheet is written but is no page
    assert (tmp_path / "assets" / "briefing.css").is_file()
    assert write_pages(dict(pages), tmp_path).written == 0  # unchanged pages are not rewritten


def test_one_new_article_changes_only_the_pages_it_touches():
    """Adding an article that names one existing entity rewrites that entity's page and the listings, not
    the pages of every entity whose graph shows it (at BBC scale that was 2,914 of 7,172 entity pages)."""
    from tests.synthetic import big_briefing

    before = big_briefing(n_entities=60, n_articles=80)
    hub = max(before.entities, key=lambda e: sum(any(a.id == e for a in r.actors) for r in before.articles))
    after = big_briefing(n_entities=60, n_articles=80)
    body = "A new story names the hub once."
    after.articles.insert(0, ArticleRecord(
        id="zz-new", title="A new story", published=dt.date(2030, 1, 1), source=Source(file="seeds/new.txt"),
        summary="New.", actors=[Actor(id=hub, name=after.entities[hub].name, type=after.entities[hub].type,
                                      mentions=1, spans=[(23, 26)])],
        sentences=[(0, len(body))]))
    after.bodies["zz-new"] = body
    old = render_pages(before, ROOT / "templates", 1, 1, 10)
    new = render_pages(after, ROOT / "templates", 1, 1, 10)
    neighbours = {o for r in before.articles if any(a.id == hub for a in r.actors) for o in (a.id for a in r.actors)}
    assert len(neighbours) > 5  # the hub shares articles with many entities: their pages must not change
    changed = {p for p in new if old.get(p) != new[p]}
    # an entity page also lists the story threads the entity is in: those regrouped by the new article change
    regrouped = {e for e in after.entities if _threads_of(before).get(e) != _threads_of(after).get(e)}
    assert len(regrouped) < len(neighbours)
    assert {p for p in changed if p.startswith("entities/") and p != "entities/index.md"} == \
        {f"entities/{e}.md" for e in regrouped | {hub} if e in build_views(after, 1, 1).pages}
    assert "articles/zz-new.md" in changed


def _threads_of(b):
    from generator.site.threads import build_threads, threads_of_entity

    return {e: [(t.id, t.title) for t in ts] for e, ts in threads_of_entity(build_threads(build_views(b, 1, 1))).items()}


def _rename(b, eid, name):
    b.entities[eid] = b.entities[eid].model_copy(update={"name": name})


def _edit_title(b, i, title):
    b.articles[i] = b.articles[i].model_copy(update={"title": title})


EDITS = {
    "rename an entity": lambda b: _rename(b, "e005", "Renamed Five"),
    "describe an entity": lambda b: b.entities.__setitem__(
        "e007", b.entities["e007"].model_copy(update={"description": "Now described."})),
    "retitle an article": lambda b: _edit_title(b, 5, "A new title"),
    "drop an article": lambda b: b.articles.pop(3),
    "rename a topic": lambda b: b.topics.__setitem__("t1", b.topics["t1"].model_copy(update={"title": "T one"})),
    "edit an article's body": lambda b: b.bodies.__setitem__(b.articles[2].id, "X" + b.bodies[b.articles[2].id][1:]),
    "mark an article editorial": lambda b: b.editorial.add(b.articles[4].id),
    "add an article": lambda b: _add_article(b),
}


def _add_article(b):
    """A copy of the first article under a new id: every entity and speaker in it gains an article."""
    rec = b.articles[0].model_copy(update={"id": "zz-added", "title": "An added article"})
    b.bodies["zz-added"] = b.bodies[b.articles[0].id]
    b.articles.insert(0, rec)


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_pages_skipped_by_their_keys_are_exactly_the_pages_a_full_render_gives(edit):
    """Rendering only pages whose keys changed, keeping the others as written, gives the same site as
    rendering everything: the keys cover every input a page shows."""
    from generator.site.pagekeys import PageKeys
    from tests.synthetic import big_briefing

    first_keys = PageKeys()
    before = render_pages(big_briefing(60, 60), ROOT / "templates", 1, 1, 10, first_keys)
    changed = big_briefing(60, 60)
    EDITS[edit](changed)
    keys = PageKeys(previous=first_keys.current)
    partial = render_pages(changed, ROOT / "templates", 1, 1, 10, keys, lambda p: p in before)
    full = render_pages(changed, ROOT / "templates", 1, 1, 10)
    assert set(partial) | keys.unchanged == set(full)
    assert {p: partial.get(p, before.get(p)) for p in full} == full
    assert len(keys.unchanged) > 40  # most pages were not rendered again


def test_no_page_is_skipped_when_its_file_is_gone():
    from generator.site.pagekeys import PageKeys
    from tests.synthetic import big_briefing

    k1 = PageKeys()
    render_pages(big_briefing(30, 20), ROOT / "templates", 1, 1, 10, k1)
    k2 = PageKeys(previous=k1.current)
    again = render_pages(big_briefing(30, 20), ROOT / "templates", 1, 1, 10, k2, lambda p: p != "entities/e001.md")
    assert "entities/e001.md" in again and "entities/e001.md" not in k2.unchanged
    assert "entities/e002.md" in k2.unchanged


def test_a_description_edit_renders_only_that_entity_page():
    from generator.site.pagekeys import PageKeys
    from tests.synthetic import big_briefing

    first = PageKeys()
    before = render_pages(big_briefing(60, 60), ROOT / "templates", 1, 1, 10, first)
    changed = big_briefing(60, 60)
    EDITS["describe an entity"](changed)
    keys = PageKeys(previous=first.current)
    partial = render_pages(changed, ROOT / "templates", 1, 1, 10, keys, lambda p: p in before)
    always = {"guide.md", "data/briefing.json", "data/briefing.schema.json", "assets/iframe-worker-shim.js",
              "assets/briefing.js"}
    assert set(partial) - always == {"entities/e007.md"}


def test_long_lists_get_one_page_per_year_and_topics_cap_their_lists(monkeypatch):
    """At thousands of articles single pages ran to megabytes (Reuters 10,000: timeline 8.4 MB, topic 5 MB)."""
    import generator.site.render as render
    from tests.synthetic import big_briefing

    monkeypatch.setattr(render, "TIMELINE_PAGE_EVENTS", 10)
    monkeypatch.setattr(render, "MAX_LIST", 5)
    monkeypatch.setattr(render, "ARTICLES_PAGE_ROWS", 10)
    b = big_briefing(60, 60)
    pages = render_pages(b, ROOT / "templates", 1, 1, 10)
    archive = sorted(p for p in pages if p.startswith("archive/"))
    assert archive == ["archive/2018.md", "archive/undated.md"]
    listed = [line for p in archive for line in pages[p].splitlines() if line.startswith("| ") and "](../articles/" in line]
    assert len(listed) == len(b.articles)  # every article on exactly one year's page
    for p in archive:
        assert f"]({p}" in pages["articles/index.md"].replace("../", "")
    years = sorted(p for p in pages if p.startswith("timeline/"))
    assert len(years) > 1
    events = sum(pages[p].count("\n- ") for p in years)
    from generator.site.views import build_views

    assert events == len(build_views(b, 1, 1).timeline) > 10  # every event on exactly one year page
    for p in years:
        assert f"]({p}" in pages["timeline.md"].replace("../", "")
    topic = pages["topics/t1.md"]
    assert topic.count("\n- **[") == 5
    assert "older articles, listed on the [articles page]" in topic


def test_an_added_article_renders_only_its_speakers_quote_pages():
    """A speaker's quotes page is keyed by that speaker's quotes, not by the whole briefing."""
    from generator.site.pagekeys import PageKeys
    from tests.synthetic import big_briefing

    first = PageKeys()
    before = render_pages(big_briefing(60, 60), ROOT / "templates", 1, 1, 10, first)
    changed = big_briefing(60, 60)
    _add_article(changed)
    keys = PageKeys(previous=first.current)
    partial = render_pages(changed, ROOT / "templates", 1, 1, 10, keys, lambda p: p in before)
    speakers = {f"quotes/by/{q.speaker}.md" for q in changed.articles[0].quotes}
    rendered = {p for p in partial if p.startswith("quotes/by/")}
    assert rendered == speakers and len({p for p in before if p.startswith("quotes/by/")}) > len(rendered)


def test_an_edit_renders_only_the_thread_pages_whose_thread_changed():
    """A thread page is keyed by its thread, not by the whole briefing: retitling one article renders the
    pages of the threads that hold it (and those regrouped), not every thread page."""
    from generator.site.pagekeys import PageKeys
    from tests.synthetic import many_stories

    first = PageKeys()
    before = render_pages(many_stories(12, 5), ROOT / "templates", 1, 1, 10, first)
    changed = many_stories(12, 5)
    _edit_title(changed, 5, "A new title")
    keys = PageKeys(previous=first.current)
    partial = render_pages(changed, ROOT / "templates", 1, 1, 10, keys, lambda p: p in before)
    threads = {p for p in before if p.startswith("threads/") and p != "threads/index.md"}
    assert len(threads) > 2 and {p for p in partial if p in threads} < threads

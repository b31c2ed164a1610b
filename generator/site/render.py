"""Render: Briefing -> Markdown pages under docs/ through the Jinja2 templates in templates/.

Pages are written only when their content changed; generated files no longer produced are removed.
Front matter is written with the YAML dumper, never by templates, and all article text passes through
textsafe, so nothing from an article can become markup, script or template code.
"""

from __future__ import annotations

import gc
import html
import math
import os
import re
import shutil
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Callable

import jinja2
from markupsafe import Markup
from urllib.parse import quote

from generator import yamlio
from generator.site import export_memo, feeds
from generator.site import graph
from generator.site import thread_ids
from generator.site import thread_memo
from generator.site import threads as story_threads
from generator.site.clusters_svg import cluster_svg
from generator.site.guide import field_tables
from generator.ingest import paragraph_spans
from generator.site.published import Published, change_since, fresh, manifest
from generator.site.pagekeys import Digests, PageKeys, render_fingerprint
from generator.records import TYPE_LABELS, ArticleRecord, Briefing
from generator.site.textsafe import clean, finalize, html_text, md, meta_text, quote_text
from generator.site.highlights import timeline_highlights
from generator.site.snippets import SNIPPET_GLOBALS
from generator.site.timeline_svg import timeline_svg
from generator.site.views import TEMPLATE_GLOBALS, Views, build_views, speaker_slug, value_label

MAX_ENTITY_ARTICLES = 100  # an entity page lists its latest 100 articles (the US can be in thousands)
MAX_LIST = 100  # a topic page lists its latest 100 articles, first 100 quotes, latest 100 events
MAX_SPEAKER_QUOTES = 300  # a speaker's page shows the latest 300 quotes (a page stays under 1 MB)
TIMELINE_PAGE_EVENTS = 1000  # more dated events than this: the timeline is one page per year
ARTICLES_PAGE_ROWS = 1000  # more articles than this: the article list is one page per year (archive/)


@dataclass
class RenderStats:
    pages: int = 0
    written: int = 0
    removed: int = 0
    files: dict[str, str] = field(default_factory=dict)


def environment(templates_dir: Path) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates_dir)), autoescape=True,
                             finalize=finalize, undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
                             trim_blocks=True, lstrip_blocks=True,
                             auto_reload=False)  # one environment per render: no stat of a template per page
    env.filters["md"] = md
    env.filters["quote"] = quote_text
    env.filters["type_label"] = lambda t: TYPE_LABELS.get(t, t)
    env.filters["when"] = lambda d: d.strftime("%-d %B %Y") if d else "undated"
    env.filters["value_label"] = value_label
    env.filters["safe_url"] = safe_url
    env.filters["pre"] = lambda text: Markup('<pre class="briefing-code"><code>' + html.escape(str(text))
                                             + "</code></pre>")
    env.globals.update(TEMPLATE_GLOBALS)
    env.globals.update(SNIPPET_GLOBALS)
    env.globals["timeline_highlights"] = timeline_highlights
    return env


def safe_url(url) -> Markup:
    """Only http(s) links leave the site; anything else (javascript:, data:) becomes an inert '#'."""
    text = str(url or "").strip()
    if not re.match(r"^https?://[^\s<>\"'`]+$", text, re.I):
        return Markup("#")
    return Markup(quote(text, safe=":/?#[]@!$&'*+,;=%-._~").replace("(", "%28").replace(")", "%29")
                  .replace("&", "&amp;").replace("'", "%27"))


def article_html(rec: ArticleRecord, body: str, paragraphs: list[tuple[int, int]], pages: set[str],
                 root: str) -> str:
    """The article text as inert HTML: paragraphs, sentence anchors s-N, mentions linked to entity pages."""
    mentions = sorted(((a, b, actor.id, actor.name) for actor in rec.actors if actor.id in pages
                       for a, b in actor.spans), key=lambda m: (m[0], -m[1]))
    out = ['<div class="briefing-text" markdown="0">']
    sentences = list(enumerate(rec.sentences, 1))
    paragraphs = paragraphs or [(0, len(body))]
    mi = 0
    for pa, pb in paragraphs:
        parts = []
        for n, (sa, sb) in sentences:
            if sb <= pa or sa >= pb:
                continue
            sa, sb = max(sa, pa), min(sb, pb)
            pos, chunk = sa, []
            while mi < len(mentions) and mentions[mi][0] < sa:
                mi += 1
            j = mi
            while j < len(mentions) and mentions[j][0] < sb:
                a, b, ent_id, name = mentions[j]
                j += 1
                if a < pos or b > sb:
                    continue
                chunk.append(html_text(body[pos:a]))
                chunk.append(f'<a class="mention" href="{root}entities/{ent_id}.html" '
                             f'title="{html.escape(clean(name), quote=True)}">{html_text(body[a:b])}</a>')
                pos = b
            chunk.append(html_text(body[pos:sb]))
            parts.append(f'<span class="s" id="s-{n}">{"".join(chunk)}</span>')
        text = " ".join(parts) if parts else html_text(body[pa:pb])
        out.append("<p>" + text.replace("\n", "<br>") + "</p>")
    out.append("</div>")
    return "\n".join(out)


def front_matter(title: str, description: str = "", tags: list[str] | None = None, **extra) -> str:
    meta = {"title": meta_text(title)}
    if description:
        meta["description"] = meta_text(description, 300)  # cut before escaping
    if tags:
        meta["tags"] = sorted({meta_text(t) for t in tags})
    meta.update(extra)
    return "---\n" + yamlio.dumps(meta) + "---\n\n"


def render_pages(b: Briefing, templates_dir: Path, min_mentions: int, min_articles: int,
                 home_max: int, keys: PageKeys | None = None,
                 exists: Callable[[str], bool] = lambda path: False, export: bool = True,
                 digest_memo: dict | None = None, published: Published | None = None,
                 memo_dir: Path | None = None) -> dict[str, str]:
    """Every page as {path under docs/: Markdown text}. With `keys`, an article or entity page whose inputs
    are those it was last written from, and which `exists`, is not rendered (it is in keys.unchanged).
    export=False (live preview after its first build) keeps the data export (data/briefing.json, tens of
    megabytes at thousands of articles) as it was: `make site` writes it. `published`: what the last published
    build published (thread ids, what is new since); its `current` is set to what this build publishes.
    `memo_dir` (.cache/state): where the threads and the data export of the last render are kept for reuse
    (thread_memo, export_memo); None: made afresh."""
    env = environment(templates_dir)
    # the briefing and its views live through the whole render: the collector need not scan them again
    # (each full collection walked their millions of objects: ~1 s of an add at 2,000 articles). Not when
    # a caller froze objects of its own (the live preview, serve_hook.py): those stay as they are.
    frozen = gc.get_freeze_count() == 0
    if frozen:
        gc.freeze()
    try:
        v = build_views(b, min_mentions, min_articles)
    except BaseException:
        if frozen:
            gc.unfreeze()
        raise
    if frozen:
        gc.freeze()  # the views too
    keys = keys if keys is not None else PageKeys()
    digests = Digests(b, v, render_fingerprint(templates_dir, min_mentions, min_articles, MAX_ENTITY_ARTICLES,
                                               MAX_LIST, TIMELINE_PAGE_EVENTS, ARTICLES_PAGE_ROWS),
                      digest_memo)
    published = published if published is not None else Published()
    before = published.previous_threads()
    # the threads are made (when the memo cannot give them) in a forked child while this process renders
    # every page that does not show them; the pages that do come after (thread_memo.Pending)
    pending = thread_memo.Pending(v, before, story_threads.made_threads, memo_dir, digests.record, digests.base)
    try:
        pages = _render(b, v, env, keys, digests, exists, export, published, before, pending, home_max, memo_dir)
    except BaseException:
        pending.close(kill=True)  # an error or an interrupt: its threads are not wanted
        raise
    finally:
        if frozen:
            gc.unfreeze()
    pending.close()
    return pages


def _render(b: Briefing, v: Views, env: jinja2.Environment, keys: PageKeys, digests: Digests,
            exists: Callable[[str], bool], export: bool, published: Published, before, pending: thread_memo.Pending,
            home_max: int, memo_dir: Path | None) -> dict[str, str]:
    change = change_since(b, v.pages, v.articles_of, published.previous)
    ctx = {"b": b, "v": v, "entities": b.entities, "topics": b.topics, "home_max": home_max,
           "max_entity_articles": MAX_ENTITY_ARTICLES, "max_list": MAX_LIST,
           "max_speaker_quotes": MAX_SPEAKER_QUOTES, "fresh": fresh(change, b, v.quotes_by)}
    # the pages in the order they always had: the thread ones (head, entities) are rendered last
    head: dict[str, str] = {}
    lists: dict[str, str] = {}
    entities: dict[str, str] = {}
    rest: dict[str, str] = {}
    pages = lists

    def page(path: str, template: str, title: str, description: str = "", tags=None, key: str | None = None,
             lazy: dict | None = None, theme: str | None = None, search: dict | None = None,
             aliases: list[str] | None = None, meta: dict | None = None, later: dict | None = None, **kw) -> None:
        """Render one page, unless `key` says the file on disk is already this page; `lazy` arguments
        (pictures) and `later` ones (other values) are computed only when it is rendered."""
        if key is not None and keys.still_good(path, key, exists):
            return
        kw.update({name: Markup(graph.embed(make())) for name, make in (lazy or {}).items()})
        kw.update({name: make() for name, make in (later or {}).items()})
        root = "../" * path.count("/")
        text = env.get_template(template).render(**ctx, root=root, title=title, **kw)
        extra = {"template": theme} if theme else {}
        extra.update(meta or {})
        if search:
            extra["search"] = search  # Material's search: an entity's page first for its name
        if aliases:
            extra["aliases"] = [meta_text(a) for a in aliases]  # templates/theme/entity.html: Pagefind weight
        pages[path] = front_matter(title, description, tags, **extra) + text

    def whole(path: str) -> str:
        return digests.whole_page(path, home_max, b.site_name, b.site_url)

    by_year: dict[str, list[ArticleRecord]] = {}
    if len(b.articles) > ARTICLES_PAGE_ROWS:  # one page per year: a single table would run to megabytes
        for rec in b.articles:
            by_year.setdefault(str(rec.published.year) if rec.published else "undated", []).append(rec)
        for year, listed in by_year.items():
            page(f"archive/{year}.md", "articles_index.md.j2", f"Articles: {year}", f"Articles published in {year}",
                 key=whole(f"archive/{year}.md"), heading=f"Articles: {year}", listed=listed, years=[])
    page("articles/index.md", "articles_index.md.j2", "Articles", "Every article in the briefing",
         key=whole("articles/index.md"), heading="Articles", listed=b.articles,
         years=[(year, len(listed)) for year, listed in by_year.items()])
    for rec in b.articles:
        path = f"articles/{rec.id}.md"
        if keys.still_good(path, digests.article_page(rec, rec.id in b.editorial), exists):
            continue
        body = b.bodies[rec.id]
        tags = [b.topics[t].title for t in rec.topics if t in b.topics]
        page(path, "article.md.j2", rec.title, rec.summary, tags, rec=rec,
             text=article_html(rec, body, paragraph_spans(body), v.pages, "../"),
             editorial=rec.id in b.editorial)
    page("entities/index.md", "entities_index.md.j2", "People and organisations",
         "Everyone and everything the articles mention", key=whole("entities/index.md"))
    pages = rest
    page("topics/index.md", "topics_index.md.j2", "Topics", "The threads that connect the articles",
         key=whole("topics/index.md"))
    for tid, topic in b.topics.items():
        page(f"topics/{tid}.md", "topic.md.j2", topic.title, topic.summary, key=whole(f"topics/{tid}.md"), topic=topic)
    years: list[tuple[str, int]] = []
    if len(v.timeline) > TIMELINE_PAGE_EVENTS:  # one page per year: a single page would run to megabytes
        by_year: dict[str, list] = {}
        for e in v.timeline:
            by_year.setdefault(e.sort[0][:4], []).append(e)
        for year, events in by_year.items():
            page(f"timeline/{year}.md", "timeline_year.md.j2", f"Timeline: {year}", f"Dated events of {year}",
                 key=whole(f"timeline/{year}.md"), year=year, events=events)
            years.append((year, len(events)))
    page("timeline.md", "timeline.md.j2", "Timeline", "Every dated event across the articles", key=whole("timeline.md"),
         lazy={"picture": lambda: timeline_svg(v, "")}, years=years)
    unnamed_page = any(speaker_slug(k) is None for k in v.quotes_by)  # quotes/unnamed.md: linked only if written
    page("quotes.md", "quotes.md.j2", "Quotes", "Who said what: every speaker, most quoted first",
         key=whole("quotes.md"), unnamed_page=unnamed_page)
    for key in v.quotes_by:
        slug = speaker_slug(key)
        if slug is not None:
            name = v.speaker_names[key]
            page(f"quotes/{slug}.md", "speaker.md.j2", f"Quotes: {name}", f"What {name} said, latest first",
                 key=digests._key(digests.speaker_page(key), slug, MAX_SPEAKER_QUOTES), speaker=key,
                 theme="unindexed.html", search={"exclude": True})
    if unnamed_page:
        page("quotes/unnamed.md", "speaker_unnamed.md.j2", "Quotes: unnamed sources",
             "Quotes whose speaker the articles describe but do not name", key=whole("quotes/unnamed.md"))
    page("tags.md", "tags.md.j2", "Tags", "Articles by topic", key=whole("tags.md"))
    page("guide.md", "guide.md.j2", "Editors' guide", "How to correct and extend the briefing",
         guide_tables=field_tables())
    data = lambda: export_memo.briefing_json(b, v, memo_dir, digests.record, digests.base)  # noqa: E731
    for path, make in picture_and_data_files(b, v, export, data).items():
        if path in ("feed.xml", "graph.svg") and keys.still_good(path, whole(path), exists):
            continue
        text = make()
        if text is not None:
            pages[path] = text
    if not export and exists("data/briefing.json"):
        keys.unchanged.add("data/briefing.json")
    entity_keys = {eid: digests.entity_page(eid) for eid in sorted(v.pages)}  # their part without threads
    threads = pending.result()  # joined: the pages that show threads
    threads_of = story_threads.threads_of_entity(threads)
    moved = thread_ids.moved(before, published.previous_moved(), {t.id: t.ids for t in threads})
    published.current = manifest(b, v.pages, change, {t.id: sorted(t.ids) for t in threads if t.topic is None},
                                 moved)
    ctx.update(threads=threads, threads_of=threads_of)
    pages = head
    latest = b.articles[0].title if b.articles else "No articles yet"
    thread_list = [(t.id, t.title) for t in threads]  # ids come from the last published build too, not only the records
    page("index.md", "home.md.j2", "Overview", f"{len(b.articles)} articles; latest: {latest}",
         key=digests._key(whole("index.md"), change.as_json(), thread_list),
         lazy={"cooc": lambda: cluster_svg(v, "", TYPE_LABELS, graph.HOME_NODES)})
    page("threads/index.md", "threads_index.md.j2", "Story threads", "The stories the articles tell, newest first",
         key=digests._key(whole("threads/index.md"), thread_list))
    for t in threads:
        page(f"threads/{t.id}.md", "thread.md.j2", t.title, " ".join(t.summary), key=digests.thread_page(t),
             t=t, later={"accept": lambda t=t: story_threads.topic_yaml(t) if t.topic is None else ""})
    titles = {t.id: t.title for t in threads}
    for old, new in sorted(moved.items()):  # an old thread URL leads to the thread that holds its articles
        page(f"threads/{old}.md", "thread_moved.md.j2", titles[new], f"This story thread is now: {titles[new]}",
             key=digests._key(whole(f"threads/{old}.md"), new), target=new, theme="moved.html", search={"exclude": True},
             meta={"moved_to": f"{new}.html"})
    pages = entities
    for eid in sorted(v.pages):
        ent = b.entities[eid]
        page(f"entities/{eid}.md", "entity.md.j2", ent.name, ent.description or f"{TYPE_LABELS.get(ent.type, ent.type)}"
             f" mentioned in {len(v.articles_of.get(eid, []))} articles",
             key=digests._key(entity_keys[eid], [(t.id, t.title) for t in threads_of.get(eid, [])]),
             ent=ent, theme="entity.html", search={"boost": search_boost(len(v.articles_of.get(eid, [])))},
             aliases=ent.aliases,
             lazy={"ego": lambda eid=eid: graph.ego_svg(v, eid, "../", TYPE_LABELS)})
    return {**head, **lists, **entities, **rest}


def search_boost(articles: int) -> float:
    """Material's search boost of an entity page: above every other page, and more for an entity named in
    more articles, so that "Clinton" finds Hillary Clinton (64 articles) before "Clintons" (2), whose
    shorter title would otherwise win, and "Obama" finds Obama before "Obamacare". (The article headings of
    an entity page are left out of the index, templates/entity.md.j2: as section titles they outranked the
    page of the entity they name.)"""
    return round(min(20.0, 2.0 * math.sqrt(max(1, articles))), 1)


def _full_graph(v: Views) -> str | None:
    svg = cluster_svg(v, "", TYPE_LABELS, graph.FULL_NODES, standalone=True)
    return graph.standalone(svg) if svg else None  # None: nothing to draw, no file


def picture_and_data_files(b: Briefing, v: Views, export: bool = True,
                           data: Callable[[], str] | None = None) -> dict[str, Callable[[], str]]:
    """Non-Markdown files MkDocs copies as they are, each made on demand: the full graph, the feed, the
    data export and its schema, the vendored assets."""
    files: dict[str, Callable[[], str]] = {
        "feed.xml": lambda: feeds.atom_feed(b),
        "data/briefing.schema.json": feeds.schema_json,
        "graph.svg": lambda: _full_graph(v),
    }
    if export:
        files["data/briefing.json"] = data or (lambda: feeds.briefing_json(b, v))
    for name in ("iframe-worker-shim.js", "briefing.js"):
        files[f"assets/{name}"] = (lambda name=name: resources.files("generator.data").joinpath("assets", name)
                                   .read_text(encoding="utf-8"))
    return files


def write_pages(pages: dict[str, str], docs_dir: Path, unchanged: set[str] = frozenset()) -> RenderStats:
    """Write changed pages, copy static assets, delete generated files that are no longer produced
    (`unchanged`: pages not rendered because they are known to be up to date; they are kept)."""
    stats = RenderStats(pages=len(pages) + len(unchanged - pages.keys()))
    docs_dir.mkdir(parents=True, exist_ok=True)
    assets = resources.files("generator.data").joinpath("assets")
    files = dict(pages)
    for name in ("briefing.css",):  # an asset, not a page: written when it changed, never counted as a page
        files[f"assets/{name}"] = assets.joinpath(name).read_text(encoding="utf-8")
    for rel, text in sorted(files.items()):
        if yamlio.atomic_write_text(docs_dir / rel, text, durable=False) and rel in pages:
            stats.written += 1
    keep = set(files) | set(unchanged)
    for dirpath, _dirnames, filenames in os.walk(docs_dir, topdown=False):
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            if os.path.relpath(path, docs_dir).replace(os.sep, "/") not in keep:
                os.unlink(path)
                stats.removed += 1
        if dirpath != str(docs_dir) and not os.listdir(dirpath):
            shutil.rmtree(dirpath)
    return stats

"""Feeds and data for other tools: an Atom feed of the articles and the whole briefing as JSON.

- `feed.xml`: Atom 1.0 (RFC 4287), newest first. With `site_url` set in mkdocs.yml, links are absolute
  and ids are `urn:uuid:`s derived from the site's address and the article id (unique to this briefing,
  stable from build to build); without it links are relative to the feed's own address and ids derive
  from the site's name (set site_url for ids no other briefing can share).
- `data/briefing.json`: articles (with their text, so that offsets can be used), entities, quotes,
  dates and topics, with the page of each on the site; `data/briefing.schema.json` describes it
  (JSON Schema 2020-12, generated from the pydantic models in export.py).

Both are deterministic (no build time: a feed's `updated` is its newest article's date). Article text is
escaped for XML with `html.escape` and serialised to JSON with `json.dumps`, never by string pasting.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from pathlib import Path
from typing import Optional
from urllib.parse import urljoin

from generator.site.export import FORMAT
from generator.site.graph import x
from generator.site.textsafe import BIDI_CONTROLS
from generator.records import ArticleRecord, Briefing
from generator.site.views import Views, sentence_index, value_label, value_sort_key

FEED_NS = uuid.UUID("6f6b3a52-3c1e-4b6f-9a51-1f7c6f0f6a10")  # fixed: ids stay the same from build to build
EPOCH = dt.date(1970, 1, 1)


def _stamp(d: dt.date) -> str:
    return d.isoformat() + "T00:00:00Z"


FEED_ENTRIES = 100  # a feed carries the latest articles; readers already have the older ones


def site_identity(root: Path) -> tuple[str, Optional[str]]:
    """(site_name, site_url) from the project's mkdocs.yml; site_url None when unset or unreadable (a
    mkdocs.yml with Python tags is read by MkDocs itself; here it only names the site)."""
    import yaml

    try:
        data = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return "Briefing", None
    if not isinstance(data, dict):
        return "Briefing", None
    name = str(data.get("site_name") or "Briefing")
    url = data.get("site_url")
    if not isinstance(url, str) or not url.lower().startswith(("http://", "https://")):
        return name, None
    return name, url if url.endswith("/") else url + "/"


def _namespace(b: Briefing) -> uuid.UUID:
    """The briefing's own namespace for ids: from its address when known, else from its name."""
    return uuid.uuid5(FEED_NS, f"url:{b.site_url}" if b.site_url else f"name:{b.site_name}")


def atom_feed(b: Briefing, site_name: Optional[str] = None) -> str:
    site_name = site_name or b.site_name
    dated = [r.published for r in b.articles if r.published]
    newest = max(dated, default=EPOCH)
    order = sorted(b.articles, key=lambda r: (-(r.published or EPOCH).toordinal(), r.id))
    ns = _namespace(b)

    def href(rel: str) -> str:
        return x(urljoin(b.site_url, rel) if b.site_url else rel)

    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<feed xmlns="http://www.w3.org/2005/Atom">',
           f"  <title>{x(site_name)}</title>",
           f"  <subtitle>{len(b.articles)} article{'' if len(b.articles) == 1 else 's'}</subtitle>",
           f"  <id>urn:uuid:{uuid.uuid5(ns, 'feed')}</id>",
           f'  <link rel="self" type="application/atom+xml" href="{href("feed.xml")}"/>',
           f'  <link rel="alternate" type="text/html" href="{href("index.html")}"/>',
           f"  <updated>{_stamp(newest)}</updated>",
           f"  <author><name>{x(site_name)}</name></author>",
           '  <generator uri="https://squidfunk.github.io/mkdocs-material/">briefing-generator</generator>']
    for rec in order[:FEED_ENTRIES]:
        when = _stamp(rec.published or newest)
        out.append("  <entry>")
        out.append(f"    <title>{x(rec.title)}</title>")
        out.append(f"    <id>urn:uuid:{uuid.uuid5(ns, 'article:' + rec.id)}</id>")
        out.append(f'    <link rel="alternate" type="text/html" href="{href(f"articles/{rec.id}.html")}"/>')
        if rec.source.url and rec.source.url.lower().startswith(("http://", "https://")):
            out.append(f'    <link rel="via" href="{x(rec.source.url)}"/>')
        if rec.published:
            out.append(f"    <published>{when}</published>")
        out.append(f"    <updated>{when}</updated>")
        for t in rec.topics:
            if t in b.topics:
                out.append(f'    <category term="{x(t)}" label="{x(b.topics[t].title)}"/>')
        out.append(f'    <summary type="text">{x(rec.summary or rec.title)}</summary>')
        out.append("  </entry>")
    out.append("</feed>")
    return "\n".join(out) + "\n"


def article_data(rec: ArticleRecord, b: Briefing) -> dict:
    return {
        "id": rec.id, "title": rec.title,
        "published": rec.published.isoformat() if rec.published else None,
        "page": f"articles/{rec.id}.html",
        "source": {"file": rec.source.file, "sha256": rec.source.sha256, "name": rec.source.name,
                   "url": rec.source.url},
        "editorial": rec.id in b.editorial,
        "standfirst": list(rec.standfirst), "summary": rec.summary, "topics": list(rec.topics),
        "keywords": list(rec.keywords),
        "text": b.bodies.get(rec.id, ""),
        "sentences": [[a, e] for a, e in rec.sentences],
        "actors": [{"id": a.id, "name": a.name, "type": a.type, "mentions": a.mentions,
                    "spans": [[s, e] for s, e in a.spans]} for a in rec.actors],
    }


def entities_data(b: Briefing, v: Views) -> list[dict]:
    entities = []
    for eid in sorted(b.entities):
        ent = b.entities[eid]
        entities.append({
            "id": eid, "name": ent.name, "type": ent.type, "aliases": list(ent.aliases),
            "description": ent.description, "links": list(ent.links),
            "page": f"entities/{eid}.html" if eid in v.pages else None,
            "articles": [r.id for r in v.articles_of.get(eid, [])],
            "mentions": len(v.mentions.get(eid, [])),
            "cooccurs_with": [{"id": o, "articles": n} for o, n in v.cooccur.get(eid, [])[:20]],
        })
    return entities


def quotes_data(rec: ArticleRecord, b: Briefing) -> list[dict]:
    """An article's quotes as the export lists them (speaker names from the registry)."""
    quotes = []
    for q in rec.quotes:
        n = sentence_index(rec, q.start)
        speaker_name = b.entities[q.speaker].name if q.speaker in b.entities else None
        quotes.append({
            "article": rec.id, "text": q.text, "start": q.start, "end": q.end, "kind": q.kind,
            "speaker": q.speaker if q.speaker in b.entities else None, "speaker_name": speaker_name,
            "speaker_text": q.speaker_text, "speaker_label": q.speaker_label, "cue": q.cue,
            "sentence": n, "page": f"articles/{rec.id}.html#s-{n}"})
    return quotes


def dates_data(rec: ArticleRecord) -> list[dict]:
    """An article's date mentions as the export lists them (from the record alone)."""
    dates = []
    for d in rec.dates:
        n = sentence_index(rec, d.start)
        key = value_sort_key(d.value) if d.value else None
        dates.append({
            "article": rec.id, "text": d.text, "type": d.type, "value": d.value,
            "label": value_label(d.value) if d.value else None,
            "starts": key[0] if key else None, "start": d.start, "end": d.end,
            "sentence": n, "sentence_text": d.sentence, "event": d.event,
            "page": f"articles/{rec.id}.html#s-{n}"})
    return dates


def topics_data(b: Briefing, v: Views) -> list[dict]:
    return [{"id": tid, "title": t.title, "summary": t.summary, "page": f"topics/{tid}.html",
             "articles": [r.id for r in v.articles_of_topic.get(tid, [])]}
            for tid, t in sorted(b.topics.items())]


def briefing_data(b: Briefing, v: Views) -> dict:
    """The whole briefing as plain JSON-able data, in a stable order (export_memo.briefing_json writes the
    same text from per-article parts kept between builds)."""
    entities = entities_data(b, v)
    quotes = [q for rec in b.articles for q in quotes_data(rec, b)]
    dates = [d for rec in b.articles for d in dates_data(rec)]
    topics = topics_data(b, v)
    return {"format": FORMAT, "schema": "briefing.schema.json",
            "counts": {"articles": len(b.articles), "entities": len(entities), "quotes": len(quotes),
                       "dates": len(dates), "topics": len(topics)},
            "articles": [article_data(r, b) for r in b.articles], "entities": entities, "quotes": quotes,
            "dates": dates, "topics": topics}


# written as \u escapes too: bidirectional controls (a reader or editor would show the file reordered) and the
# line and paragraph separators (which end a line in JavaScript). Escaped, not dropped as on pages: the parsed
# data keeps every character, so the offsets into an article's text stay right.
_RAW = re.compile("[" + BIDI_CONTROLS + "\u2028\u2029]")


def dumps(data, compact: bool = False) -> str:
    """JSON, with <, > and & written as \\u escapes: the same data, and inert if pasted into HTML; bidirectional
    controls as escapes as well, so the file cannot show its text reordered."""
    text = json.dumps(data, ensure_ascii=False, **({"separators": (",", ":")} if compact else {"indent": 1}))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    if _RAW.search(text):
        text = _RAW.sub(lambda m: f"\\u{ord(m[0]):04x}", text)
    return text + "\n"


def briefing_json(b: Briefing, v: Views) -> str:
    return dumps(briefing_data(b, v), compact=True)  # the data can be large: no indentation


# ----------------------------------------------------------------------------- the schema

def schema_json() -> str:
    """data/briefing.schema.json, generated from the pydantic models of generator/site/export.py."""
    from generator.site.export import json_schema

    return dumps(json_schema())

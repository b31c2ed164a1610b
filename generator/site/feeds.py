"""Feeds and data for other tools: an Atom feed of the articles and the whole briefing as JSON.

- `feed.xml`: Atom 1.0 (RFC 4287), newest first; links are relative to the feed's own address, ids are
  `urn:uuid:` derived from the article id, so they survive a move of the site.
- `data/briefing.json`: articles (with their text, so that offsets can be used), entities, quotes,
  dates and topics, with the page of each on the site; `data/briefing.schema.json` describes it
  (JSON Schema 2020-12).

Both are deterministic (no build time: a feed's `updated` is its newest article's date). Article text is
escaped for XML with `html.escape` and serialised to JSON with `json.dumps`, never by string pasting.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid

from generator.site.graph import x
from generator.records import ACTOR_TYPES, ArticleRecord, Briefing
from generator.site.views import Views, sentence_index, value_label, value_sort_key

FORMAT = "briefing/1"
FEED_NS = uuid.UUID("6f6b3a52-3c1e-4b6f-9a51-1f7c6f0f6a10")  # fixed: ids stay the same from build to build
EPOCH = dt.date(1970, 1, 1)


def _stamp(d: dt.date) -> str:
    return d.isoformat() + "T00:00:00Z"


FEED_ENTRIES = 100  # a feed carries the latest articles; readers already have the older ones (10,000: 6.7 MB)


def atom_feed(b: Briefing, site_name: str = "Briefing") -> str:
    dated = [r.published for r in b.articles if r.published]
    newest = max(dated, default=EPOCH)
    order = sorted(b.articles, key=lambda r: (-(r.published or EPOCH).toordinal(), r.id))
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<feed xmlns="http://www.w3.org/2005/Atom">',
           f"  <title>{x(site_name)}</title>",
           f"  <subtitle>{len(b.articles)} articles</subtitle>",
           f"  <id>urn:uuid:{uuid.uuid5(FEED_NS, 'feed')}</id>",
           '  <link rel="self" type="application/atom+xml" href="feed.xml"/>',
           '  <link rel="alternate" type="text/html" href="index.html"/>',
           f"  <updated>{_stamp(newest)}</updated>",
           f"  <author><name>{x(site_name)}</name></author>",
           '  <generator uri="https://squidfunk.github.io/mkdocs-material/">briefing-generator</generator>']
    for rec in order[:FEED_ENTRIES]:
        when = _stamp(rec.published or newest)
        out.append("  <entry>")
        out.append(f"    <title>{x(rec.title)}</title>")
        out.append(f"    <id>urn:uuid:{uuid.uuid5(FEED_NS, 'article:' + rec.id)}</id>")
        out.append(f'    <link rel="alternate" type="text/html" href="articles/{x(rec.id)}.html"/>')
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


def _article(rec: ArticleRecord, b: Briefing) -> dict:
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


def briefing_data(b: Briefing, v: Views) -> dict:
    """The whole briefing as plain JSON-able data, in a stable order."""
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
    quotes, dates = [], []
    for rec in b.articles:
        for q in rec.quotes:
            n = sentence_index(rec, q.start)
            speaker_name = b.entities[q.speaker].name if q.speaker in b.entities else None
            quotes.append({
                "article": rec.id, "text": q.text, "start": q.start, "end": q.end, "kind": q.kind,
                "speaker": q.speaker if q.speaker in b.entities else None, "speaker_name": speaker_name,
                "speaker_text": q.speaker_text, "speaker_label": q.speaker_label, "cue": q.cue,
                "sentence": n, "page": f"articles/{rec.id}.html#s-{n}"})
        for d in rec.dates:
            n = sentence_index(rec, d.start)
            key = value_sort_key(d.value) if d.value else None
            dates.append({
                "article": rec.id, "text": d.text, "type": d.type, "value": d.value,
                "label": value_label(d.value) if d.value else None,
                "starts": key[0] if key else None, "start": d.start, "end": d.end,
                "sentence": n, "sentence_text": d.sentence, "event": d.event,
                "page": f"articles/{rec.id}.html#s-{n}"})
    topics = [{"id": tid, "title": t.title, "summary": t.summary, "page": f"topics/{tid}.html",
               "articles": [r.id for r in v.articles_of_topic.get(tid, [])]}
              for tid, t in sorted(b.topics.items())]
    return {"format": FORMAT, "schema": "briefing.schema.json",
            "counts": {"articles": len(b.articles), "entities": len(entities), "quotes": len(quotes),
                       "dates": len(dates), "topics": len(topics)},
            "articles": [_article(r, b) for r in b.articles], "entities": entities, "quotes": quotes,
            "dates": dates, "topics": topics}


def dumps(data, compact: bool = False) -> str:
    """JSON, with <, > and & written as \\u escapes: the same data, and inert if pasted into HTML."""
    text = json.dumps(data, ensure_ascii=False, **({"separators": (",", ":")} if compact else {"indent": 1}))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"


def briefing_json(b: Briefing, v: Views) -> str:
    return dumps(briefing_data(b, v), compact=True)  # the data can be large: no indentation


# ----------------------------------------------------------------------------- the schema

def _obj(props: dict, required: list[str] | None = None) -> dict:
    return {"type": "object", "properties": props, "required": required if required is not None else list(props),
            "additionalProperties": False}


_S, _I = {"type": "string"}, {"type": "integer", "minimum": 0}
_NS, _NI = {"type": ["string", "null"]}, {"type": ["integer", "null"]}
_ID = {"type": "string", "pattern": "^[a-z0-9]+(?:-[a-z0-9]+)*$"}
_SPAN = {"type": "array", "items": _I, "minItems": 2, "maxItems": 2}
_STRS = {"type": "array", "items": _S}
_IDS = {"type": "array", "items": _ID}
_TYPE = {"enum": list(ACTOR_TYPES)}

SCHEMA: dict = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "briefing.schema.json",
    "title": "Briefing",
    "description": "The whole briefing: articles, entities, quotes, dates and topics. Offsets (start, end, "
                   "spans, sentences) are character offsets into the article's text. `page` is the path of "
                   "the page on the site, relative to the site root.",
    **_obj({
        "format": {"const": FORMAT},
        "schema": _S,
        "counts": _obj({k: _I for k in ("articles", "entities", "quotes", "dates", "topics")}),
        "articles": {"type": "array", "items": _obj({
            "id": _ID, "title": _S, "published": {"type": ["string", "null"], "format": "date"}, "page": _S,
            "source": _obj({"file": _NS, "sha256": _NS, "name": _NS, "url": _NS}),
            "editorial": {"type": "boolean"}, "standfirst": _STRS, "summary": _S, "topics": _IDS,
            "keywords": _STRS, "text": _S, "sentences": {"type": "array", "items": _SPAN},
            "actors": {"type": "array", "items": _obj({
                "id": _ID, "name": _S, "type": _TYPE, "mentions": _I,
                "spans": {"type": "array", "items": _SPAN}})},
        })},
        "entities": {"type": "array", "items": _obj({
            "id": _ID, "name": _S, "type": _TYPE, "aliases": _STRS, "description": _S, "links": _STRS,
            "page": _NS, "articles": _IDS, "mentions": _I,
            "cooccurs_with": {"type": "array", "items": _obj({"id": _ID, "articles": _I})}})},
        "quotes": {"type": "array", "items": _obj({
            "article": _ID, "text": _S, "start": _I, "end": _I, "kind": {"enum": ["direct", "partial", "block"]},
            "speaker": {"type": ["string", "null"]}, "speaker_name": _NS, "speaker_text": _NS,
            "speaker_label": _NS, "cue": _NS, "sentence": _I, "page": _S})},
        "dates": {"type": "array", "items": _obj({
            "article": _ID, "text": _S, "type": {"enum": ["DATE", "TIME", "DURATION", "SET"]}, "value": _NS,
            "label": _NS, "starts": {"type": ["string", "null"], "format": "date"}, "start": _I, "end": _I,
            "sentence": _I, "sentence_text": _S, "event": _NS, "page": _S})},
        "topics": {"type": "array", "items": _obj({"id": _ID, "title": _S, "summary": _S, "page": _S,
                                                   "articles": _IDS})},
    }),
}


def schema_json() -> str:
    return dumps(SCHEMA)

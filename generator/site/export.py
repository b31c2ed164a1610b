"""The shape of data/briefing.json as pydantic models: its JSON Schema (data/briefing.schema.json) is
generated from them, and the tests validate the export against the same models, so the schema, its check
and the data cannot drift apart. feeds.briefing_data still builds plain dicts (fast on large corpora);
these models only describe them.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

from generator.records import ID_PATTERN, ActorType

FORMAT = "briefing/1"
SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"

Id = Annotated[str, Field(pattern=ID_PATTERN)]
Count = Annotated[int, Field(ge=0)]
Span = Annotated[list[Count], Field(min_length=2, max_length=2, description="[start, end] character offsets")]


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Source(_Out):
    file: Optional[str]
    sha256: Optional[str]
    name: Optional[str]
    url: Optional[str]


class Actor(_Out):
    id: Id
    name: str
    type: ActorType
    mentions: Count
    spans: list[Span]


class Article(_Out):
    id: Id
    title: str
    published: Optional[dt.date]
    page: str
    source: Source
    editorial: bool
    standfirst: list[str]
    summary: str
    topics: list[Id]
    keywords: list[str]
    text: str
    sentences: list[Span]
    actors: list[Actor]


class Neighbour(_Out):
    id: Id
    articles: Count


class Entity(_Out):
    id: Id
    name: str
    type: ActorType
    aliases: list[str]
    description: str
    links: list[str]
    page: Optional[str] = Field(description="null: the entity has too few mentions for a page of its own")
    articles: list[Id]
    mentions: Count
    cooccurs_with: list[Neighbour]


class Quote(_Out):
    article: Id
    text: str
    start: Count
    end: Count
    kind: Literal["direct", "partial", "block"]
    speaker: Optional[str]
    speaker_name: Optional[str]
    speaker_text: Optional[str]
    speaker_label: Optional[str]
    cue: Optional[str]
    sentence: Count
    page: str


class DateMention(_Out):
    article: Id
    text: str
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: Optional[str] = Field(description="TimeML value (2018-W05, 2018-01-30, P3D ...), null when unresolved")
    label: Optional[str]
    starts: Optional[dt.date]
    start: Count
    end: Count
    sentence: Count
    sentence_text: str
    event: Optional[str]
    page: str


class Topic(_Out):
    id: Id
    title: str
    summary: str
    page: str
    articles: list[Id]


class Counts(_Out):
    articles: Count
    entities: Count
    quotes: Count
    dates: Count
    topics: Count


class BriefingExport(_Out):
    """The whole briefing: articles, entities, quotes, dates and topics. Offsets (start, end, spans,
    sentences) are character offsets into the article's text. `page` is the path of the page on the site,
    relative to the site root."""

    model_config = ConfigDict(extra="forbid", title="Briefing", populate_by_name=True)

    format: Literal["briefing/1"]
    schema_: str = Field(alias="schema")
    counts: Counts
    articles: list[Article]
    entities: list[Entity]
    quotes: list[Quote]
    dates: list[DateMention]
    topics: list[Topic]


def json_schema() -> dict:
    """JSON Schema 2020-12 of data/briefing.json, generated from BriefingExport."""
    schema = BriefingExport.model_json_schema(by_alias=True, mode="validation")
    return {"$schema": SCHEMA_URI, "$id": "briefing.schema.json", **schema}

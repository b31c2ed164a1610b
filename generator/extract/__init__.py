"""Extraction: one Article and its spaCy Doc -> one ArticleRecord (the contract of content/articles/*.yml).

Each part is a plain function over the Doc (actors, quotes, dates, summary); this module only wires
them and converts to the record. EXTRACTOR_VERSION is part of the cache key: bump it whenever a change
here would change a record.
"""

from __future__ import annotations

from typing import Callable, TypeVar

from generator.extract.actors import mentions_from_doc, resolve_mentions
from generator.extract.dates import extract_dates
from generator.extract.docview import forget, view
from generator.extract.keywords import keywords
from generator.extract.quotes import extract_quotes
from generator.extract.speakers import with_speakers
from generator.extract.summary import summarise
from generator.records import Actor, Article, ArticleRecord, DateMention, Quote, Review, Source
from generator import timevalue
from generator.ingest.text import strip_span
from generator.ingest.truecase import truecase

T = TypeVar("T")

EXTRACTOR_VERSION = "19"  # 8: no entity id "index", impossible dates null; 9: who said it (pronoun agreement,
# missed-NER speakers, speaker_org, continues); 10: entity resolution (name chains, variants, junk gate);
# 11: narrative anchoring of dates, time units; 12: dates read in context (names, tense of infinitives, the
# publication's own weekday, clock time + day, rates, "the day before X"); 13: speakers of quotes standing alone,
# colon introductions, bound roles, the surname of the one never called by first name; 14: both; 15: a bare
# surname written as a person's more often than as a body's joins the person ("Trump" beside "Trump Foundation");
# 16: a headline verb ("Obama Says") is no part of a name; 17: "of the past", "single-day", "by that time",
# "today's Russia", no date in "the Russell 2000 Index" nor in "most recent model"; 18: regular lemmas where
# the model's tables list two ("taxes" is "tax", not "taxis": extract/lemmas.py); 19: wire idioms (trading
# sessions, contract months, "the week ended April 8", "May six", "a year earlier" and "the month" of a report)


def analysis_text(article: Article) -> str:
    """The text spaCy reads: the body with ALL-CAPS runs re-cased (same length, same offsets)."""
    return truecase(article.body)


def extract_article(article: Article, nlp, registry, doc=None, failures: list[str] | None = None) -> ArticleRecord:
    """The one way to extract an article (build, `extract` command, evaluation, tests): parse its analysis text
    with `nlp` unless `doc` is that parse already, then apply every rule with the registry's names. A rule that
    fails costs only its own part of the record; its name and error are added to `failures`."""
    doc = doc if doc is not None else nlp(analysis_text(article))
    return record_from_doc(article, doc, registry.lookup, registry.not_entities(), failures)


class _Rules:
    """Runs each rule on its own: one that raises gives its empty result and is noted, the others go on."""

    def __init__(self, failures: list[str] | None):
        self.failures = failures if failures is not None else []

    def run(self, name: str, rule: Callable[[], T], empty: T) -> T:
        try:
            return rule()
        except Exception as exc:  # noqa: BLE001 - a bug in one rule: reported by the caller, naming the file
            self.failures.append(f"{name} ({type(exc).__name__}: {exc})")
            return empty


def record_from_doc(article: Article, doc, lookup, not_entities: frozenset[str] = frozenset(),
                    failures: list[str] | None = None) -> ArticleRecord:
    body = article.body
    rules = _Rules(failures)

    def find_actors():
        mentions = [m for m in mentions_from_doc(doc, body) if m.text.lower() not in not_entities]
        return resolve_mentions(with_speakers(doc, body, mentions), lookup)

    resolved, actor_info = rules.run("actors", find_actors, ([], {}))
    actor_types = {aid: info["type"] for aid, info in actor_info.items()}
    quotes = rules.run("quotes", lambda: extract_quotes(doc, body, article.paragraphs, resolved, actor_types), [])
    dates = rules.run("dates", lambda: extract_dates(doc, body, article.published), [])
    cased = view(doc).string
    sentences = [strip_span(body, a, b) for a, b in view(doc).sent_chars if cased[a:b].strip()]
    spans: dict[str, list[tuple[int, int]]] = {}
    for m in resolved:
        spans.setdefault(m.actor, []).append((m.start, m.end))
    actors = [Actor(id=aid, name=actor_info[aid]["name"], type=actor_info[aid]["type"],
                    mentions=len(spans[aid]), spans=spans[aid])
              for aid in sorted(spans, key=lambda a: (-len(spans[a]), spans[a][0]))]
    summary = rules.run("summary", lambda: summarise([cased[a:b] for a, b in sentences[:8]], article.title,
                                                      [a.name for a in actors]), "")
    key_phrases = rules.run("keywords", lambda: keywords(doc), [])
    forget(doc)  # the view holds the Doc: dropped with it, not left to the garbage collector
    return ArticleRecord(
        id=article.id,
        title=article.title,
        published=article.published,
        source=Source(file=article.source_file, sha256=article.source_sha256, name=article.source_name,
                      url=article.url),
        standfirst=list(article.standfirst),
        summary=summary,
        topics=[],
        keywords=key_phrases,
        actors=actors,
        quotes=[Quote(text=q.text, start=q.start, end=q.end, speaker=q.speaker, speaker_text=q.speaker_text,
                      speaker_span=q.speaker_span, cue=q.cue, kind=q.kind, speaker_label=q.speaker_label,
                      speaker_org=q.speaker_org, continues=q.continues)
                for q in quotes],
        # a value the schema would refuse (no such day) is unresolved, never a crash: better null than wrong
        dates=[DateMention(text=d.text, type=d.type, value=None if timevalue.problem(d.value) else d.value,
                           start=d.start, end=d.end, sentence=d.sentence) for d in dates],
        sentences=sentences,
        review=Review(status="extracted", extractor=EXTRACTOR_VERSION),
    )

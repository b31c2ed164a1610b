"""Run the project's extractor and the raw spaCy model over the same texts, timing both."""

from __future__ import annotations

import datetime as dt
import re
import time
from dataclasses import dataclass
from typing import Optional

from generator.evaluate.gold import Span
from generator.records import Article, ArticleRecord

SPACY_TO_GOLD = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "PRODUCT": "PRO"}
_PARAGRAPH = re.compile(r"[^\n]+")
_MARKED = re.compile(r"[\"“”„]([^\"“”„\n]+)[\"“”]")


@dataclass
class Timing:
    words: int = 0
    seconds: float = 0.0
    rules: float = 0.0  # of which the project's rules (record_from_doc), after the parse

    @property
    def rate(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0


def paragraphs(text: str) -> tuple[tuple[int, int], ...]:
    """Every non-blank line is a paragraph (both gold sets break paragraphs with newlines)."""
    out = []
    for m in _PARAGRAPH.finditer(text):
        a, b = m.span()
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return tuple(out)


def article(n: int, text: str, published: Optional[dt.date]) -> Article:
    title = " ".join(text.split("\n", 1)[0].split())[:200] or "untitled"
    return Article(id=f"eval-{n}", title=title, published=published, source_file=f"eval/{n}",
                   source_sha256="", body=text, paragraphs=paragraphs(text))


def builtin_registry():
    from generator.content.registry import Registry, builtin_entities

    reg = Registry()
    for ent in builtin_entities():
        reg.entities[ent.id] = ent
    reg.build_index()
    return reg


def run_project(texts: list[tuple[str, Optional[dt.date]]], model: str) -> tuple[list[ArticleRecord], Timing]:
    """The extractor as the build runs it: registry EntityRuler, paragraph breaks, record_from_doc."""
    from generator.extract import model as nlpmod
    from generator.extract import analysis_text, extract_article

    reg = builtin_registry()
    nlp = nlpmod.load(model, reg.patterns())
    arts = [article(i, t, d) for i, (t, d) in enumerate(texts)]
    nlp("warm up")
    t0 = time.perf_counter()
    records, rules = [], 0.0
    for a, doc in zip(arts, nlp.pipe([analysis_text(a) for a in arts], batch_size=16)):
        t1 = time.perf_counter()
        records.append(extract_article(a, nlp, reg, doc))
        rules += time.perf_counter() - t1
    seconds = time.perf_counter() - t0
    return records, Timing(sum(len(t.split()) for t, _ in texts), seconds, rules)


def run_raw(texts: list[str], model: str):
    """The raw model: spacy.load + nlp.pipe, nothing else."""
    import spacy

    nlp = spacy.load(model)
    nlp("warm up")
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16))
    seconds = time.perf_counter() - t0
    return docs, Timing(sum(len(t.split()) for t in texts), seconds)


# ---------------------------------------------------------------- system outputs as plain spans

def record_entities(rec: ArticleRecord) -> list[Span]:
    return [Span(a, b, SPACY_TO_GOLD[act.type]) for act in rec.actors if act.type in SPACY_TO_GOLD
            for a, b in act.spans]


def raw_entities(doc) -> list[Span]:
    return [Span(e.start_char, e.end_char, SPACY_TO_GOLD[e.label_]) for e in doc.ents if e.label_ in SPACY_TO_GOLD]


def record_timexes(rec: ArticleRecord) -> list[Span]:
    return [Span(d.start, d.end, d.type, d.value) for d in rec.dates]


def raw_timexes(doc) -> list[Span]:
    return [Span(e.start_char, e.end_char, e.label_, None) for e in doc.ents if e.label_ in ("DATE", "TIME")]


def marks_only_quotes(text: str) -> list[dict]:
    """The naive baseline: any text between double quote marks on one line, no speaker."""
    return [{"start": m.start(1), "end": m.end(1), "speaker_span": None, "speaker_text": None}
            for m in _MARKED.finditer(text)]

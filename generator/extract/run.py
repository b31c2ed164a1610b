"""The extract stage: Articles -> ArticleRecords, cached by content, parsed in parallel when asked.

Each worker process loads the model once (the parent loads it before forking, so workers share it).
"""

from __future__ import annotations

import multiprocessing as mp
import os
from dataclasses import dataclass, field
from typing import Any, Mapping, Optional, Protocol

from tqdm import tqdm

from generator.extract import model as nlpmod
from generator.extract.cache import ExtractionCache, PatternIndex, refresh, text_key
from generator.extract import EXTRACTOR_VERSION, analysis_text, extract_article
from generator.records import Article, ArticleRecord


class Registry(Protocol):
    """What extraction needs of the editors' registry (content/registry.py provides it): the names to
    match before NER, their lookup, the spellings that are never entities, and the entities by id."""

    entities: Mapping[str, Any]

    def patterns(self) -> list: ...

    def lookup(self, surface: str) -> Optional[tuple[str, str, str]]: ...

    def not_entities(self) -> frozenset[str]: ...


@dataclass
class ExtractStats:
    parsed: int = 0
    cached: int = 0
    refreshed: int = 0  # cached records given new registry names by phrase matching, without a parse
    words: int = 0
    seconds: float = 0.0
    skipped: list[str] = field(default_factory=list)


_WORKER: dict = {}


def _init_worker(model: str, patterns, lookup_state, not_entities) -> None:
    _WORKER["nlp"] = nlpmod.load(model, patterns)
    _WORKER["registry"] = lookup_state
    _WORKER["not"] = not_entities


def release() -> None:
    """Drop the loaded model and the registry the workers were forked with (hundreds of MB at 10,000
    stories), e.g. before MkDocs and Pagefind run while this process waits."""
    _WORKER.clear()
    nlpmod.load.cache_clear()


def _parse_one(nlp, reg: Registry, article: Article, doc=None) -> dict:
    """One article's record, or {"error": "..."}: one bad article never stops the others."""
    try:
        return extract_article(article, nlp, reg, doc).model_dump(mode="json")
    except Exception as exc:  # noqa: BLE001 - reported to the user as a skipped article
        return {"error": f"extraction failed ({type(exc).__name__}: {exc})"}


def _parse_batch(batch: list[Article]) -> list[dict]:
    nlp = _WORKER["nlp"]
    reg: Registry = _WORKER["registry"]
    try:
        docs = list(nlp.pipe([analysis_text(a) for a in batch]))
    except Exception:  # noqa: BLE001 - parse the batch one by one to isolate the culprit
        return [_parse_one(nlp, reg, a) for a in batch]
    return [_parse_one(nlp, reg, a, doc) for a, doc in zip(batch, docs)]


def extract_all(articles: list[Article], model: str, registry: Registry, cache: ExtractionCache,
                jobs: int, batch_size: int, progress: bool = True) -> tuple[dict[str, ArticleRecord], ExtractStats]:
    import time

    t0 = time.perf_counter()
    stats = ExtractStats()
    patterns = registry.patterns()
    index = PatternIndex(patterns)
    mid = nlpmod.model_fingerprint(model)
    out: dict[str, ArticleRecord] = {}
    todo: list[tuple[Article, str, list]] = []
    for art in articles:
        key = text_key(art.body, mid, EXTRACTOR_VERSION, art.published.isoformat() if art.published else None)
        relevant = index.relevant(art.body)
        entry = cache.get(key)
        rec = refresh(entry, relevant, art.body, registry) if entry is not None else None
        if rec is not None:
            if rec is not entry.record or set(entry.patterns) != set(relevant):
                cache.put(key, rec, relevant)  # brought up to the registry without a parse
                stats.refreshed += 1
            # framing can change without the body changing (title, source): take it from the seed
            out[art.id] = rec.model_copy(update={"id": art.id, "title": art.title,
                                                 "standfirst": list(art.standfirst),
                                                 "source": rec.source.model_copy(update={
                                                     "file": art.source_file, "sha256": art.source_sha256,
                                                     "name": art.source_name, "url": art.url})})
            stats.cached += 1
        else:
            todo.append((art, key, relevant))
    if todo:
        _init_worker(model, patterns, registry, registry.not_entities())
        batches = [todo[i:i + batch_size] for i in range(0, len(todo), batch_size)]
        jobs = max(1, min(jobs, len(batches)))
        bar = tqdm(total=len(todo), desc="extracting", unit="article", disable=not progress or None,
                   leave=False)
        if jobs > 1:
            ctx = mp.get_context("fork")
            with ctx.Pool(jobs) as pool:
                results = pool.imap(_parse_batch, [[a for a, _, _ in b] for b in batches])
                for batch, recs in zip(batches, results):
                    _store_batch(batch, recs, cache, out, stats)
                    bar.update(len(batch))
        else:
            for batch in batches:
                _store_batch(batch, _parse_batch([a for a, _, _ in batch]), cache, out, stats)
                bar.update(len(batch))
        bar.close()
    stats.seconds = time.perf_counter() - t0
    return {a.id: out[a.id] for a in articles if a.id in out}, stats


def _store_batch(batch, recs, cache: ExtractionCache, out: dict, stats: ExtractStats) -> None:
    for (art, key, relevant), data in zip(batch, recs):
        if "error" in data:
            stats.skipped.append(f"{art.source_file}: {data['error']} — skipped")
            continue
        rec = ArticleRecord.model_validate(data)
        cache.put(key, rec, relevant)
        out[art.id] = rec
        stats.parsed += 1
        stats.words += len(art.body.split())


def default_jobs() -> int:
    return max(1, min(len(os.sched_getaffinity(0)), 8))

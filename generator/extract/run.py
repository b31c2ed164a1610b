"""The extract stage: Articles -> ArticleRecords, cached by content, parsed in parallel when asked.

extract_all plans (the cache says which articles need a parse) and chooses the executor (the `executor`
setting); generator/extract/engines.py runs the batches, each worker loading the model once.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Mapping, Optional, Protocol

from generator.errors import plural
from generator.extract import engines, worker
from generator.extract import model as nlpmod
from generator.extract.cache import ExtractionCache, refresh, text_key
from generator.extract.seen import Seen
from generator.extract import EXTRACTOR_VERSION
from generator.progress import stage
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
    failed_rules: list[str] = field(default_factory=list)  # "source: rule (error)": that part of the record is empty


def release() -> None:
    """Drop the loaded model and the registry the workers were forked with (hundreds of MB on a large
    corpus), and stop a Dask cluster this process started, e.g. before MkDocs and Pagefind run."""
    worker.release()
    engines.close_engines()


def extract_all(articles: list[Article], model: str, registry: Registry, cache: ExtractionCache,
                jobs: int, batch_size: int, progress: bool = True, executor: str = "local",
                address: str | None = None, seen: Seen | None = None, early: bool = False) \
        -> tuple[dict[str, ArticleRecord], ExtractStats]:
    """The plan (what the cache lacks, or has for another registry) and its execution on `executor`
    (generator/extract/engines.py: the local process pool or a Dask cluster). `seen`: what the last plan saw
    (generator/extract/seen.py), updated with this one's; the same records and cache files as without it.
    `early`: when a few keys are not in the cache, a worker loads the model while the plan reads the rest
    (engines.EarlyPool), for a process that will not keep the model (not the live preview)."""
    import time

    t0 = time.perf_counter()
    mid = nlpmod.model_fingerprint(model)
    keys = [text_key(art.body, mid, EXTRACTOR_VERSION, art.published.isoformat() if art.published else None)
            for art in articles]
    patterns = registry.patterns()
    seen = seen if seen is not None else Seen()
    pool = engines.early_pool(executor, jobs, batch_size, len({k for k in keys if k not in seen.entries
                                                               and not cache.has(k)}), model, patterns,
                              registry) if early else None
    try:
        records, stats = _extract(articles, keys, model, patterns, registry, cache, jobs, batch_size, progress,
                                  executor, address, seen, pool)
        stats.seconds = time.perf_counter() - t0
        return records, stats
    finally:
        if pool is not None:
            pool.close()


def _extract(articles, keys, model, patterns, registry, cache, jobs, batch_size, progress, executor, address,
             seen, pool) -> tuple[dict[str, ArticleRecord], ExtractStats]:
    stats = ExtractStats()
    relevant_in = seen.finder(patterns)
    entries = seen.entries  # read by an earlier plan of this process and not written since
    found: dict[str, list] = {}
    out: dict[str, ArticleRecord] = {}
    todo: list[tuple[Article, str, list]] = []
    for art, key in zip(articles, keys):
        relevant = found[key] if key in found else relevant_in(key, art.body)
        found[key] = relevant
        entry = entries[key] if key in entries else cache.get(key)
        rec = refresh(entry, relevant, art.body, registry) if entry is not None else None
        if rec is not None:
            if rec is not entry.record or set(entry.patterns) != set(relevant):
                cache.put(key, rec, relevant)  # brought up to the registry without a parse
                entries.pop(key, None)  # the next plan reads the file written
                stats.refreshed += 1
            else:
                entries[key] = entry
            # framing can change without the body changing (title, source): take it from the seed
            out[art.id] = rec.model_copy(update={"id": art.id, "title": art.title,
                                                 "standfirst": list(art.standfirst),
                                                 "source": rec.source.model_copy(update={
                                                     "file": art.source_file, "sha256": art.source_sha256,
                                                     "name": art.source_name, "url": art.url})})
            stats.cached += 1
        else:
            todo.append((art, key, relevant))
    seen.update(patterns, found)
    if todo:
        batches = engines.batches_of(todo, batch_size)
        if pool is not None and len(batches) > 1:
            pool.close()  # more to parse than the cache said: the pool of `jobs` processes
            pool = None
        if pool is not None:
            with stage("model", progress) as loading:  # what is left of the worker's load, said apart
                if pool.loaded():
                    loading.done(f"{model} loaded in a worker while the plan ran")
                else:
                    pool.close()  # it could not load the model: loaded here, where the error is said
                    pool = None
                    loading.silent()
        engine = pool or engines.executor(executor, jobs, address)
        if executor == "local" and pool is None:
            with stage("model", progress) as loading:  # loaded here once, so that its time is said apart
                loads = nlpmod.load.cache_info().misses
                worker.init_worker(model, patterns, registry, registry.not_entities())
                if nlpmod.load.cache_info().misses == loads:
                    loading.silent()  # already loaded by this process: nothing to report
                loading.done(f"{model} loaded")
        skipped: list[tuple[int, list[str]]] = []
        with stage("extract", progress, total=len(todo), unit="article") as bar:
            results = engine.run([[a for a, _, _ in b] for b in batches], model, patterns, registry,
                                 registry.not_entities())
            for i, recs in results:  # each batch is cached as it arrives: a run that dies resumes from here
                before = len(stats.skipped)
                _store_batch(batches[i], recs, cache, out, stats)
                for _, key, _ in batches[i]:
                    entries.pop(key, None)
                skipped.append((i, stats.skipped[before:]))
                del stats.skipped[before:]
                bar.update(len(batches[i]))
            where = f" on {executor}" if executor != "local" else (f" with {jobs} processes" if jobs > 1 else "")
            bar.done(f"{plural(len(todo), 'article')} parsed{where}"
                     + (f", {stats.cached} from cache" if stats.cached else ""))
        for _, messages in sorted(skipped, key=lambda item: item[0]):  # in article order, whatever the engine
            stats.skipped.extend(messages)
    return {a.id: out[a.id] for a in articles if a.id in out}, stats


def _store_batch(batch, recs, cache: ExtractionCache, out: dict, stats: ExtractStats) -> None:
    for (art, key, relevant), data in zip(batch, recs):
        if "error" in data:
            stats.skipped.append(f"{art.source_file}: {data['error']} — skipped")
            continue
        rec, failures = data["record"], data.get("failures")
        if failures:  # not cached: the next build tries again (and says so again) until the bug is fixed
            stats.failed_rules.extend(f"{art.source_file}: {f}" for f in failures)
        else:
            cache.put(key, rec, relevant)
        out[art.id] = rec
        stats.parsed += 1
        stats.words += len(art.body.split())


def default_jobs() -> int:
    return max(1, min(len(os.sched_getaffinity(0)), 8))

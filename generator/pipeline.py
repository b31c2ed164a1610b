"""The build, top to bottom. Each stage is a plain function from typed records to typed records.

    config → registry → ingest → extract → grow registry → canonicalise → store
           → load records → resolve → render → write pages → publish
"""

from __future__ import annotations

import gc
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from generator import yamlio
from generator.site import graph
from generator.content import grow
from generator.site import search
from generator.content.store import load_records
from generator.resolve import canonical_record, resolve
from generator.extract.cache import ExtractionCache
from generator.content.check import check_content
from generator.config import load_config
from generator.errors import ContentError, Problems
from generator.extract.run import ExtractStats, default_jobs, extract_all
from generator.extract.run import release as release_model
from generator.ingest import paragraph_spans, ingest_seeds
from generator.lock import build_lock
from generator.site.pagekeys import PageKeys
from generator.site.publish import build_site
from generator.content.memo import RecordMemo
from generator.records import Article, ArticleRecord, Config
from generator.site.render import render_pages, write_pages
from generator.stamps import files_with_stat, inputs_stamp, last_build, site_stamp, state_dir
from generator.content.store import store_records


@dataclass
class BuildReport:
    articles: int = 0
    extract: ExtractStats = field(default_factory=ExtractStats)
    new_entities: int = 0
    new_topics: int = 0
    records_written: int = 0
    records_kept: list[str] = field(default_factory=list)
    pages: int = 0
    pages_written: int = 0
    problems: Problems = field(default_factory=Problems)
    timings: dict[str, float] = field(default_factory=dict)
    search: str = "material"
    published: bool = False  # False: site/ was already up to date
    unchanged: bool = False  # True: no input changed since the last build; nothing was done
    site: dict = field(default_factory=dict)  # publish: {"full": bool, "rendered": pages, "pages": pages}

    def summary(self) -> str:
        if self.unchanged:
            return (f"nothing changed since the last build ({self.articles} articles, {self.pages} pages): "
                    "site/ is up to date")
        lines = [
            f"built {self.articles} articles: {self.extract.parsed} parsed, {self.extract.cached} from cache"
            f"; {self.new_entities} new entities, {self.new_topics} new topics",
            f"records: {self.records_written} written, {len(self.records_kept)} kept as edited by hand",
            f"pages: {self.pages} ({self.pages_written} changed); search: {self.search}"
            + ("" if self.published or "publish" not in self.timings else "; site/ already up to date"),
            "time: " + ", ".join(f"{k} {v:.1f}s" for k, v in self.timings.items()),
        ]
        skipped = [p for p in self.problems.errors]
        if skipped:
            lines.append(f"skipped or invalid: {len(skipped)} (see messages above)")
        if self.problems.warnings:
            lines.append(f"warnings: {len(self.problems.warnings)}")
        return "\n".join(lines)


class _Timer:
    def __init__(self, report: BuildReport, name: str):
        self.report, self.name = report, name

    def __enter__(self):
        self.t0 = time.perf_counter()

    def __exit__(self, *exc):
        self.report.timings[self.name] = self.report.timings.get(self.name, 0.0) + time.perf_counter() - self.t0


@dataclass
class Session:
    """What a long-running process (the live preview) keeps between builds: validated files, and what the
    last build extracted and stored. When an edit cannot change extraction or the stored records (same
    seeds, same record files, same entity names, aliases, types and merges, same topics: e.g. a
    description, links or a hand edit of a record), the next build goes straight to resolve and render."""

    memo: RecordMemo | None = None
    canon: str | None = None  # canon_signature of the last full build
    articles: list[Article] = field(default_factory=list)
    ingested: dict = field(default_factory=dict)  # ingest_seeds' memo: an unchanged seed is not read again
    resolved: dict = field(default_factory=dict)  # briefing.resolve's memo, valid while `canon` holds
    digests: dict = field(default_factory=dict)  # record digests of the page keys, by record identity
    exported: bool = False  # data/briefing.json written: later previews keep it (`make site` refreshes it)


def canon_signature(root: Path, cfg: Config, registry, record_files: list[str]) -> str:
    """Everything extract and store depend on besides the code: seeds by stat, the record files that
    exist, the registry as the EntityRuler and canonical_record see it, the topics."""
    import hashlib

    h = hashlib.sha256(repr(sorted(cfg.model_dump().items())).encode())
    for path, st in files_with_stat(root / cfg.seeds_dir):
        h.update(f"{path}:{st.st_size}:{st.st_mtime_ns};".encode())
    h.update(json.dumps(record_files).encode())
    for eid, ent in sorted(registry.entities.items()):
        h.update(json.dumps([eid, ent.name, ent.aliases, ent.type, ent.not_entity, ent.merged_into]).encode())
    for tid, topic in sorted(registry.topics.items()):
        h.update(topic.model_dump_json().encode())
    return h.hexdigest()


def build(root: Path, config: Config | None = None, publish: bool = True, progress: bool = True,
          jobs: int | None = None, session: Session | None = None) -> BuildReport:
    root = root.resolve()
    cfg = config or load_config(root)
    with build_lock(root):  # one build at a time per project (generator/lock.py)
        yamlio.sweep_temp_files(root / cfg.content_dir, root / cfg.docs_dir)  # what a killed build left
        previous = last_build(root, cfg) if publish else None
        if previous is not None and previous.get("stamp") == inputs_stamp(root, cfg):
            return BuildReport(articles=previous.get("articles", 0), pages=previous.get("pages", 0),
                               unchanged=True)
        report = _build(root, cfg, publish, progress, jobs, session)
        if publish:
            # MkDocs and Pagefind run while this process waits: everything the stages held is garbage now
            release_model()
            graph.clear_cache()
            gc.collect()
            _return_freed_memory()
            with _Timer(report, "publish"):
                report.published = publish_site(root, cfg, report.search, report)
        if publish and not report.problems.errors:
            yamlio.atomic_write_text(state_dir(root) / "last-build.json", json.dumps(
                {"stamp": inputs_stamp(root, cfg), "articles": report.articles, "pages": report.pages}), durable=False)
        return report


def _build(root: Path, cfg: Config, publish: bool, progress: bool, jobs: int | None,
           session: Session | None = None) -> BuildReport:
    report = BuildReport()
    problems = report.problems
    jobs = jobs or cfg.jobs or default_jobs()
    content = root / cfg.content_dir
    if session is not None and session.memo is None:
        session.memo = RecordMemo(state_dir(root) / "records.json")
    memo = session.memo if session is not None else RecordMemo(state_dir(root) / "records.json")
    with _Timer(report, "load"):
        content_problems, registry, previous = check_content(root, cfg, memo)
        problems.extend(content_problems)
        if problems.errors:
            # invalid editor content: stop before writing anything (content/, docs/ and site/ stay as they were)
            raise ContentError(problems.items)
        fast = session is not None and session.canon == canon_signature(
            root, cfg, registry, sorted(p.name for p in (content / "articles").glob("*.y*ml")))
    if fast:  # nothing that extraction or the stored records depend on changed since the session's last build
        return _finish(root, cfg, report, registry, session.articles, previous, memo, publish, jobs, session)
    with _Timer(report, "load"):
        # ids already in content/ stay taken, hand-written articles' too: a new seed never takes one
        known_ids = {r.source.file or f"content/articles/{r.id}.yml": r.id for r in previous}
        seed_problems = Problems()
        articles = ingest_seeds(root / cfg.seeds_dir, root, seed_problems, cfg.max_article_bytes, known_ids,
                                memo=session.ingested if session is not None else None)
        # a bad seed is skipped and reported; the rest of the site still builds
        for p in seed_problems.items:
            problems.add(p.file, p.line, p.key, p.message, p.fix, severity="warning")
    cache = ExtractionCache(root / cfg.cache_dir)
    bodies = {a.id: a.body for a in articles}
    with _Timer(report, "extract"):
        records, report.extract = extract_all(articles, cfg.model, registry, cache, jobs,
                                              cfg.batch_size, progress, cfg.executor, cfg.executor_address)
    for message in report.extract.skipped:
        source, _, text = message.partition(": ")
        problems.add(source, None, "", text, severity="warning")
    with _Timer(report, "store"):
        created = grow.new_entities(list(records.values()), bodies, registry)
        report.new_entities = grow.write_entities(created, content / "entities")
        proposed = []
        if not registry.topics and not any((content / "topics").glob("*.y*ml")):
            proposed = grow.propose_topics(list(records.values()))
            report.new_topics = grow.write_topics(proposed, content / "topics")
        if created or proposed:
            registry.add(created, proposed, cfg.content_dir)
    if report.new_entities:
        # new names feed the EntityRuler: parse again only the articles where they find a mention the
        # record lacks, so that the next build starts from a fixed point (and does no work)
        with _Timer(report, "extract"):
            records, again = extract_all(articles, cfg.model, registry, cache, jobs,
                                         cfg.batch_size, progress, cfg.executor, cfg.executor_address)
            report.extract.parsed += again.parsed
            report.extract.words += again.words
    with _Timer(report, "store"):
        canon = {aid: canonical_record(rec, bodies[aid], registry, Problems())
                 for aid, rec in records.items()}
        stored = store_records(canon, content / "articles", root, problems, {a.source_file for a in articles}, memo)
        report.records_written, report.records_kept = stored.written, stored.kept
    if session is not None:
        session.articles = articles
        session.resolved = {}
        session.canon = None if problems.errors else canon_signature(root, cfg, registry, sorted(
            p.name for p in (content / "articles").glob("*.y*ml")))
    del records, canon  # two copies of every record: not needed by resolve and render, which re-read content/
    return _finish(root, cfg, report, registry, articles, previous, memo, publish, jobs, session)


def _finish(root: Path, cfg: Config, report: BuildReport, registry, articles: list[Article],
            previous: list[ArticleRecord], memo: RecordMemo, publish: bool, jobs: int,
            session: Session | None = None) -> BuildReport:
    """From the stored records on: hand-written articles, resolve, render, publish."""
    problems = report.problems
    content = root / cfg.content_dir
    cache = ExtractionCache(root / cfg.cache_dir)
    handwritten = [article_from_record(r) for r in previous if r.body is not None and r.source.file is None]
    report.articles = len(articles) + len(handwritten)
    with _Timer(report, "extract"):
        # hand-written articles are parsed too; what their editors left empty is filled in at resolve time
        extracted, more = extract_all(handwritten, cfg.model, registry, cache, 1, cfg.batch_size, False)
        report.extract.parsed += more.parsed
        report.extract.cached += more.cached
    with _Timer(report, "resolve"):
        all_records = load_records(content / "articles", root, problems, memo)
        briefing = resolve(all_records, {a.source_file: a for a in articles}, registry, problems, extracted,
                           session.resolved if session is not None else None)
        memo.save()
    with _Timer(report, "render"):
        docs = root / cfg.docs_dir
        keys_file = state_dir(root) / "pages.json"
        keys = PageKeys.load(keys_file)
        keys_file.unlink(missing_ok=True)  # a build killed while writing pages renders all of them next time
        pages = render_pages(briefing, root / "templates", cfg.entity_min_mentions, cfg.entity_min_articles,
                             cfg.home_max_items, keys, lambda rel: (docs / rel).is_file(),
                             export=session is None or not session.exported,
                             digest_memo=session.digests if session is not None else None)
        if session is not None:
            session.exported = True
        report.search = search.mode(cfg.search, len(pages) + len(keys.unchanged), cfg.search_pagefind_from_pages)
        if report.search == "pagefind":
            pages["search.md"] = search.SEARCH_PAGE
        written = write_pages(pages, docs, keys.unchanged)
        keys.save(keys_file)
        report.pages, report.pages_written = written.pages, written.written
    if problems.errors and publish:
        raise ContentError(problems.items)
    return report


def _return_freed_memory() -> None:
    """Give the heap pages freed above back to the system (glibc keeps them otherwise), so that this
    process's peak does not add to MkDocs' and Pagefind's while they run."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def publish_site(root: Path, cfg: Config, mode: str, report: BuildReport | None = None) -> bool:
    """MkDocs (+ Pagefind) into site/, unless site/ was already built from exactly this docs/ and config.
    Only the pages that changed are rendered when the last published site says what it was built from
    (generator/site/incremental.py); `report.site` gets the builder's figures."""
    stamp_file = state_dir(root) / "site.stamp"
    stamp = site_stamp(root, cfg, mode)
    site = root / cfg.site_dir
    if (site / "index.html").exists() and stamp_file.exists() and stamp_file.read_text() == stamp:
        return False
    manifest = state_dir(root) / "site-manifest.json"  # one for both modes: the configuration is in its stamp
    if mode == "pagefind":
        figures = build_site(root, site, config_file=search.pagefind_config(root, state_dir(root)),
                             after_build=search.index_site, manifest=manifest)
    else:
        figures = build_site(root, site, manifest=manifest)
    if report is not None:
        report.site = figures
    yamlio.atomic_write_text(stamp_file, stamp, durable=False)
    return True


def article_from_record(rec: ArticleRecord) -> Article:
    """A hand-written record seen as an article, so that it can be parsed like a seed."""
    body = rec.body or ""
    return Article(id=rec.id, title=rec.title, published=rec.published, source_file=f"content/articles/{rec.id}.yml",
                   source_sha256="", body=body, paragraphs=paragraph_spans(body))


def echo_problems(problems: Problems) -> None:
    for p in problems.warnings + problems.errors:
        print(str(p), file=sys.stderr)

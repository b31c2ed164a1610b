"""The build, top to bottom. Each stage is a plain function from typed records to typed records.

    config → content: load and validate what editors wrote (registry, records)
           → ingest: seeds → Articles
           → extract: seeds and hand-written articles → ArticleRecords (cached by content key)
           → content: grow the registry with new names, store the seed records (never an editor's file)
           → resolve: every record and the registry → one Briefing
           → site: render pages → write docs/ → publish site/ (MkDocs, search)

Incremental state has one vocabulary. A *stamp* is a stat-level digest of files that lets a whole step be skipped
(stamps.py: the build stamp, the site stamp, the canon stamp below). A *key* is a content hash that says whether one
record or page must be made again (extract/cache.py, site/pagekeys.py). A *memo* is a stage's results reused by the
next build: in process by the live preview (`Session`, one typed memo per stage), and on disk in .cache/state/ for
the next process (content/buildmemo.py, site/thread_memo.py, site/export_memo.py), keyed by a digest of exactly
its inputs and ignored when that does not match.
"""

from __future__ import annotations

import gc
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from generator import layout, yamlio
from generator.config import load_config
from generator.content import buildmemo, grow
from generator.content.check import accent_merges, check_content
from generator.content.memo import RecordMemo
from generator.content.registry import Registry
from generator.content.store import load_records, store_records
from generator.context import BuildContext
from generator.errors import ContentError, Problems, plural
from generator.extract import model as nlpmod
from generator.extract import seen as extract_seen
from generator.extract.cache import ExtractionCache
from generator.extract.run import default_jobs, extract_all
from generator.extract.run import release as release_model
from generator.ingest import SeedMemo, ingest_seeds, paragraph_spans
from generator.lock import build_lock
from generator.progress import stage
from generator.records import Article, ArticleRecord, Briefing, Config
from generator.report import BuildReport
from generator.resolve import ResolveMemo, canonical_records, registry_digest, resolve
from generator.site import feeds, indexer, search
from generator.site.pagekeys import PageKeys
from generator.site.publish import DeferredIndex, build_site
from generator.site.published import Published
from generator.site.render import render_pages, write_pages
from generator.stamps import files_digest, inputs_stamp, last_build, site_stamp, state_dir

__all__ = ["BuildReport", "Session", "build", "echo_problems"]


@dataclass
class Session:
    """What a long-running process (the live preview) keeps between builds, one memo per stage. When an edit
    cannot change extraction or the stored records (same seeds, record files, entity names, aliases, types and
    merges, topics: e.g. a description, links or a hand edit of a record), the next build goes straight from
    loading content to resolve and render."""

    records: RecordMemo | None = None  # content: validated files by stat
    seeds: SeedMemo = field(default_factory=dict)  # ingest: an unchanged seed is not read again
    canon: str | None = None  # canon stamp of the last full build; None: the next build runs every stage
    articles: list[Article] = field(default_factory=list)  # ingest's result of that build
    resolved: ResolveMemo = field(default_factory=ResolveMemo)  # resolve: canonical records, valid while `canon` holds
    digests: dict = field(default_factory=dict)  # site: record digests of the page keys, by record identity
    exported: bool = False  # data/briefing.json written: later previews keep it (`make site` refreshes it)


def build(root: Path, config: Config | None = None, publish: bool = True, progress: bool = True,
          jobs: int | None = None, session: Session | None = None) -> BuildReport:
    root = root.resolve()
    ctx = BuildContext(root, config or load_config(root))
    with build_lock(root):  # one build at a time per project (generator/lock.py)
        yamlio.sweep_temp_files(ctx.content, ctx.docs)  # what a killed build left
        previous = last_build(root, ctx.cfg) if publish else None
        if previous is not None and previous.get("stamp") == inputs_stamp(root, ctx.cfg):
            finish_search_index(ctx)  # one an indexer left pending (killed) is made now
            return BuildReport(articles=previous.get("articles", 0), pages=previous.get("pages", 0),
                               unchanged=True)
        report = BuildReport()
        briefing = make_briefing(ctx, report, jobs or ctx.cfg.jobs or default_jobs(), session, publish, progress)
        published = render_site(ctx, report, briefing, session, progress)
        del briefing
        if report.problems.errors and publish:
            raise ContentError(report.problems.items)
        if publish:
            gc.collect()  # MkDocs and Pagefind run while this process waits: what the stages held is garbage now
            _return_freed_memory()
            with report.timed("publish"), stage("publish", progress) as publishing:
                report.published = publish_site(ctx, report.search, report)
                publishing.done(_published_message(report))
            published.save(ctx.state)  # only now: what this site published (home page's "new since", thread ids)
            yamlio.atomic_write_text(state_dir(root) / "last-build.json", json.dumps(
                {"stamp": inputs_stamp(root, ctx.cfg), "articles": report.articles, "pages": report.pages}),
                durable=False)
        return report


def make_briefing(ctx: BuildContext, report: BuildReport, jobs: int, session: Session | None,
                  publish: bool, progress: bool = False) -> Briefing:
    """config → content → ingest → extract → grow and store → resolve."""
    problems = report.problems
    if session is not None and session.records is None:
        session.records = RecordMemo(ctx.state / "records.json")
    memo = session.records if session is not None else RecordMemo(ctx.state / "records.json")
    with report.timed("load"):
        content_problems, registry, previous = check_content(ctx.root, ctx.cfg, memo)
        problems.extend(content_problems)
        if problems.errors:
            # invalid editor content: stop before writing anything (content/, docs/ and site/ stay as they were)
            raise ContentError(problems.items)
        handwritten = [article_from_record(r, ctx) for r in previous if r.body is not None and r.source.file is None]
        stamp = canon_stamp(ctx, registry)
        kept = kept_content(ctx, session, stamp)
        fast = kept is not None and kept.canon == stamp
    cache = ExtractionCache(ctx.cache)
    if fast and kept is not None:  # nothing that extraction or the stored records depend on changed since
        articles, resolved = kept.articles, kept.resolved
        extracted = extract(ctx, report, handwritten, registry, cache, jobs, progress=False)
        if session is None or session.canon != stamp:  # from disk: what the skipped stages said, said again
            problems.extend(kept.problems)
            report.extract.cached += len(articles)
            report.records_kept = list(kept.kept)
            if session is not None:
                session.articles, session.seeds, session.resolved, session.canon = articles, kept.seeds, resolved, stamp
    else:
        said = len(problems.items)
        seeds = session.seeds if session is not None else (kept.seeds if kept is not None else {})
        with report.timed("ingest"):
            articles = ingest(ctx, previous, problems, seeds)
        seed_ids = {a.id for a in articles}
        with report.timed("extract"):
            seen = extract_seen.load(ctx.state / extract_seen.FILE)  # the patterns found in each body last time
            records = extract(ctx, report, articles + handwritten, registry, cache, jobs, progress=progress,
                              seen=seen, early=session is None)
        with report.timed("grow"):
            if grow_registry(ctx, report, [r for i, r in records.items() if i in seed_ids], articles, registry):
                # new names feed the EntityRuler: parse again only the articles where they find a mention the
                # record lacks, so that the next build starts from a fixed point (and does no work)
                with report.timed("extract"):
                    records = extract(ctx, report, articles + handwritten, registry, cache, jobs, progress=progress,
                                      again=True, seen=seen, early=session is None)
        with report.timed("extract"):
            seen.save(ctx.state / extract_seen.FILE)
        del seen
        extracted = {i: r for i, r in records.items() if i not in seed_ids}
        with report.timed("store"):
            prior = kept.canonised if kept is not None else None
            resolved, canonised = store(ctx, report, {i: r for i, r in records.items() if i in seed_ids},
                                        articles, registry, memo, prior)
        del records
        keep_content(ctx, session, registry, problems, said, articles, seeds, resolved, canonised, report)
    if publish and session is None:
        release_model()  # the extract stage is over; the live preview keeps the model for the next edit
    report.articles = len(articles) + len(handwritten)
    with report.timed("resolve"):
        all_records = load_records(ctx.articles_dir, ctx.root, problems, memo)
        briefing = resolve(all_records, {a.source_file: a for a in articles}, registry, problems, extracted, resolved)
        briefing.site_name, briefing.site_url = feeds.site_identity(ctx.root)
        memo.save()
    return briefing


def ingest(ctx: BuildContext, previous: list[ArticleRecord], problems: Problems,
           memo: SeedMemo | None) -> list[Article]:
    # ids already in content/ stay taken, hand-written articles' too: a new seed never takes one
    known_ids = {r.source.file or ctx.article_file(r.id): r.id for r in previous}
    # a seed renamed since (same bytes, new name) keeps its record's id
    known_sha = {r.source.sha256: r.source.file for r in previous if r.source.file and r.source.sha256}
    seed_problems = Problems()
    articles = ingest_seeds(ctx.seeds, ctx.root, seed_problems, ctx.cfg.max_article_bytes, known_ids, memo=memo,
                            known_sha=known_sha)
    for p in seed_problems.items:  # a bad seed is skipped and reported; the rest of the site still builds
        problems.add(p.file, p.line, p.key, p.message, p.fix, severity="warning")
    return articles


def extract(ctx: BuildContext, report: BuildReport, articles: list[Article], registry: Registry,
            cache: ExtractionCache, jobs: int, progress: bool, again: bool = False,
            seen: extract_seen.Seen | None = None, early: bool = False) -> dict[str, ArticleRecord]:
    """Every article's record, from the cache where its key is there; an article that fails is reported and
    left out, never the others. `again`: the same articles after the registry grew (only new parses count).
    `seen`: what the last pass saw (extract/seen.py: the same records, found faster), updated by this one.
    `early`: a worker may load the model while the plan runs (not in the live preview, which keeps it)."""
    records, stats = extract_all(articles, ctx.cfg.model, registry, cache, jobs, ctx.cfg.batch_size, progress,
                                 ctx.cfg.executor, ctx.cfg.executor_address, seen=seen, early=early)
    total = report.extract
    total.parsed += stats.parsed
    total.words += stats.words
    total.seconds += stats.seconds
    if not again:
        total.cached += stats.cached
        total.refreshed += stats.refreshed
        for message in stats.skipped:
            total.skipped.append(message)
            source, _, text = message.partition(": ")
            report.problems.add(source, None, "", text, severity="warning")
    for message in stats.failed_rules:  # a bug in one rule: that part of the record is empty, the article stays
        source, _, text = message.partition(": ")
        report.problems.add(source, None, "", f"the {text} rule failed, so that part of this article is left "
                            "empty (a bug, not your text: please report it with this file)", severity="warning")
    return records


def grow_registry(ctx: BuildContext, report: BuildReport, records: list[ArticleRecord], articles: list[Article],
                  registry: Registry) -> bool:
    """Names met for the first time get an entity file (topics are proposed once, for a project with none)."""
    created = grow.new_entities(records, {a.id: a.body for a in articles}, registry)
    report.new_entities = grow.write_entities(created, ctx.entities_dir)
    accent_merges(created, ctx.cfg.content_dir, report.problems)
    proposed = []
    if not registry.topics and not any(ctx.topics_dir.glob("*.y*ml")):
        proposed = grow.propose_topics(records)
        report.new_topics = grow.write_topics(proposed, ctx.topics_dir)
    if created or proposed:
        registry.add(created, proposed, ctx.cfg.content_dir)
    return bool(report.new_entities)


def store(ctx: BuildContext, report: BuildReport, records: dict[str, ArticleRecord], articles: list[Article],
          registry: Registry, memo: RecordMemo,
          prior: ResolveMemo | None = None) -> tuple[ResolveMemo, ResolveMemo]:
    """Canonicalise each seed record once and store it. Returns what resolve reuses (by the record content/
    holds) and what the next build's store may reuse (by the extracted record: `prior` is the last build's,
    used where the extracted record, body and registry are the same)."""
    bodies = {a.id: a.body for a in articles}
    registry_key = registry_digest(registry)

    def holds(aid: str) -> ArticleRecord | None:  # what content/ holds (read by the load stage: no parse here)
        path = ctx.articles_dir / f"{aid}.yml"
        return memo.read(path, path.relative_to(ctx.root).as_posix(), Problems()) if path.is_file() else None

    canon, found = canonical_records(records, bodies, registry, prior, holds)
    live = {a.source_file for a in articles} | {a.renamed_from for a in articles if a.renamed_from}
    stored = store_records(canon, ctx.articles_dir, ctx.root, report.problems, live, memo)
    report.records_written, report.records_kept = stored.written, stored.kept
    resolved, canonised = ResolveMemo(registry=registry_key), ResolveMemo(registry=registry_key)
    for aid, held in stored.held.items():
        resolved.put(held, bodies[aid], held, found[aid])
    for aid, rec in records.items():
        canonised.put(rec, bodies[aid], canon[aid], found[aid], source=prior)  # a kept entry stays as it was
    return resolved, canonised


def canon_stamp(ctx: BuildContext, registry: Registry) -> str:
    """Everything extract and store depend on: the code and the model, the settings, seeds by stat, the record
    files that exist, the registry as the EntityRuler and canonical_record see it (topics included)."""
    settings = repr(sorted(ctx.cfg.model_dump(exclude={"search_index"}).items()))  # when search is indexed: no
    parts = [code_stamp(), nlpmod.model_fingerprint(ctx.cfg.model), settings,
             json.dumps(sorted(p.name for p in ctx.articles_dir.glob("*.y*ml"))), registry_digest(registry)]
    return files_digest([ctx.seeds], extra=parts)


def code_stamp() -> str:
    """The generator's own code, by stat (a memo made by other code is never used)."""
    import generator

    return files_digest([Path(generator.__file__).parent], skip="__pycache__")


def kept_content(ctx: BuildContext, session: Session | None, stamp: str) -> buildmemo.ContentState | None:
    """What the last build's content side left: the live preview's session when it is current, else the
    memo on disk (.cache/state/content.memo), else None."""
    if session is not None and session.canon is not None:
        return buildmemo.ContentState(canon=session.canon, articles=session.articles, seeds=session.seeds,
                                      resolved=session.resolved)
    kept = buildmemo.load(ctx.state)
    # made by other code or another model: none of it is used, not even per seed or per record (an ingest or
    # canonicalisation fix must reach every article, not only the ones whose files changed)
    return kept if kept is not None and kept.code == memo_code(ctx) else None


def memo_code(ctx: BuildContext) -> str:
    return code_stamp() + " " + nlpmod.model_fingerprint(ctx.cfg.model)


def keep_content(ctx: BuildContext, session: Session | None, registry: Registry, problems: Problems, said: int,
                 articles: list[Article], seeds: SeedMemo, resolved: ResolveMemo, canonised: ResolveMemo,
                 report: BuildReport) -> None:
    """After store: the state the next build (this session's, or the next process's) may start from. A build
    with errors keeps none: it runs every stage next time."""
    stamp = None if problems.errors else canon_stamp(ctx, registry)  # after store: the record files it wrote
    if session is not None:
        session.articles, session.resolved, session.canon = articles, resolved, stamp
    if stamp is None:
        buildmemo.forget(ctx.state)
        return
    buildmemo.save(ctx.state, buildmemo.ContentState(
        canon=stamp, code=memo_code(ctx), articles=articles, seeds=seeds, resolved=resolved, canonised=canonised,
        problems=list(problems.items[said:]), kept=list(report.records_kept)))


def render_site(ctx: BuildContext, report: BuildReport, briefing: Briefing, session: Session | None,
                progress: bool = False) -> Published:
    """Briefing → Markdown pages under docs/, rendering only the pages whose key changed. Returns what these
    pages publish, for the pipeline to save once the site is swapped in (never before: see site/published.py)."""
    with report.timed("render"), stage("render", progress) as rendering:
        keys_file = ctx.state / "pages.json"
        keys = PageKeys.load(keys_file)
        keys_file.unlink(missing_ok=True)  # a build killed while writing pages renders all of them next time
        published = Published.load(ctx.state)
        cfg = ctx.cfg
        on_disk = docs_files(ctx.docs)  # one walk of docs/, not a stat per page
        pages = render_pages(briefing, ctx.templates, cfg.entity_min_mentions, cfg.entity_min_articles,
                             cfg.home_max_items, keys, on_disk.__contains__,
                             export=session is None or not session.exported,
                             digest_memo=session.digests if session is not None else None, published=published,
                             memo_dir=ctx.state)
        if session is not None:
            session.exported = True
        for file, key, message in briefing.render_problems:  # what rendering had to leave out: named, not fatal
            report.problems.add(file, None, key, message, severity="warning")
        report.search = search.mode(cfg.search, len(pages) + len(keys.unchanged), cfg.search_pagefind_from_pages)
        if report.search == "pagefind":
            pages["search.md"] = search.SEARCH_PAGE
        layout.guard_output(ctx.docs, "docs_dir")  # write_pages removes every file it did not produce
        layout.write_marker(ctx.docs)
        written = write_pages(pages, ctx.docs, keys.unchanged | {layout.MARKER})
        keys.save(keys_file)
        report.pages, report.pages_written = written.pages - 1, written.written  # the marker is no page
        rendering.done(f"{plural(report.pages, 'page')}, {report.pages_written} changed")
    return published


def docs_files(docs: Path) -> set[str]:
    """Every file under docs/, as paths relative to it with '/'."""
    out: set[str] = set()
    for dirpath, _dirs, names in os.walk(docs):
        rel = os.path.relpath(dirpath, docs).replace(os.sep, "/")
        out.update(name if rel == "." else f"{rel}/{name}" for name in names)
    return out


def _return_freed_memory() -> None:
    """Give the heap pages freed above back to the system (glibc keeps them otherwise), so that this
    process's peak does not add to MkDocs' and Pagefind's while they run."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def publish_site(ctx: BuildContext, mode: str, report: BuildReport | None = None) -> bool:
    """MkDocs (+ Pagefind) into site/, unless site/ was already built from exactly this docs/ and config.
    Only the pages that changed are rendered when the last published site says what it was built from
    (generator/site/incremental.py); `report.site` gets the builder's figures."""
    stamp_file = ctx.state / "site.stamp"
    stamp = site_stamp(ctx.root, ctx.cfg, mode)
    if (ctx.site / "index.html").exists() and stamp_file.exists() and stamp_file.read_text() == stamp:
        finish_search_index(ctx)
        return False
    indexer.supersede(ctx.root, ctx.site)  # a background indexer reads site/, about to be replaced
    manifest = ctx.state / "site-manifest.json"  # one for both modes: the configuration is in its stamp
    if mode == "pagefind":
        deferred = DeferredIndex(ctx.root, ctx.state, search.pagefind_command(ctx.site, indexer.OUT),
                                 search.index_site) if indexer.policy(ctx.cfg.search_index) == "background" else None
        figures = build_site(ctx.root, ctx.site, config_file=search.pagefind_config(ctx.root, ctx.state),
                             after_build=None if deferred else search.index_site, manifest=manifest,
                             deferred=deferred)
    else:
        indexer.pending_file(ctx.state).unlink(missing_ok=True)  # no Pagefind index is wanted
        figures = build_site(ctx.root, ctx.site, manifest=manifest)
    if report is not None:
        report.site = figures
    yamlio.atomic_write_text(stamp_file, stamp, durable=False)
    return True


def _published_message(report: BuildReport) -> str:
    if not report.published:
        return "site/ already up to date"
    if (report.site or {}).get("search") == "background":
        return "site/ built with MkDocs; the Pagefind index is being rebuilt in the background (the previous " \
               "one is served until then; `build --wait-search` waits for it)"
    return "site/ built with MkDocs" + (" and Pagefind" if report.search == "pagefind" else "")


def finish_search_index(ctx: BuildContext) -> None:
    """When site/ is not replaced: a Pagefind index left pending by a killed indexer is made again, in the
    background or now (search_index); with `wait`, a running indexer is waited for."""
    if not indexer.pending_file(ctx.state).exists() and indexer.policy(ctx.cfg.search_index) == "background":
        return
    indexer.resume(ctx.root, ctx.site, ctx.state, search.pagefind_command(ctx.site, indexer.OUT),
                   indexer.policy(ctx.cfg.search_index))


def article_from_record(rec: ArticleRecord, ctx: BuildContext) -> Article:
    """A hand-written record seen as an article, so that it can be parsed like a seed."""
    body = rec.body or ""
    return Article(id=rec.id, title=rec.title, published=rec.published, source_file=ctx.article_file(rec.id),
                   source_sha256="", body=body, paragraphs=paragraph_spans(body))


def echo_problems(problems: Problems) -> None:
    for p in problems.warnings + problems.errors:
        print(str(p), file=sys.stderr)

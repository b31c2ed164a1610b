"""What each child process runs: a full build, the engines, raw spaCy, plain MkDocs; `python -m tools.bench --child`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

from tools.bench.common import CHILD_MARK, STEPS_FILE, TREE_SAMPLED_ENV
from tools.bench.memory import MemorySampler, _maxrss_mb, dir_size, search_index_size


def child_build(root: Path, jobs: int, publish: bool = True, search_index: str | None = None) -> dict:
    """One build; with `search_index` (wait, background) as the setting. A search index left to the
    background indexer is waited for after the build: `index_wait_s` is how much longer it took, and its
    CPU time counts in cpu_children_s."""
    from generator.errors import ContentError
    from generator.pipeline import build

    if search_index:
        os.environ["BRIEFING_SEARCH_INDEX"] = search_index
    t0 = time.perf_counter()
    try:
        report = build(root, publish=publish, progress=False, jobs=jobs)
    except ContentError as exc:
        return {"error": f"content errors ({len(exc.problems)}): " + str(exc)[:1500]}
    seconds = time.perf_counter() - t0
    user_wall = process_age()  # what a user waits for: start-up to the build's end (not the figures below)
    index_wait = wait_for_indexer(root) if (getattr(report, "site", None) or {}).get("search") == "background" \
        else None
    return {"seconds": seconds, "user_wall": user_wall, "timings": report.timings, "articles": report.articles,
            **({"index_wait_s": index_wait} if index_wait is not None else {}),
            "parsed": report.extract.parsed, "cached": report.extract.cached, "words": report.extract.words,
            "extract_seconds": report.extract.seconds, "new_entities": report.new_entities,
            "new_topics": report.new_topics, "records_written": report.records_written,
            "pages": report.pages, "pages_written": report.pages_written,
            "errors": len(report.problems.errors), "warnings": len(report.problems.warnings),
            "search": getattr(report, "search", None), "site_build": getattr(report, "site", {}),
            **site_figures(root), **_maxrss_mb()}


def wait_for_indexer(root: Path) -> float:
    """Seconds until the background indexer this process started has swapped its index in (reaped here,
    so that its CPU time is in RUSAGE_CHILDREN)."""
    from generator.site import indexer

    t0 = time.perf_counter()
    try:
        pid = int(indexer.lock_file(root).read_text().split()[0])
        os.waitpid(pid, 0)
    except (OSError, ValueError, IndexError, ChildProcessError):
        while indexer.running(root):
            time.sleep(0.05)
    return time.perf_counter() - t0


def child_engine(root: Path, jobs: int, batch_size: int, executor: str) -> dict:
    """Extraction alone, every seed, a cold cache of its own, on `executor` (local pool or Dask), with the
    registry content/ holds now. Dask: a LocalCluster of `jobs` worker processes, one thread each."""
    from generator.config import load_config
    from generator.content.registry import load_registry
    from generator.errors import Problems
    from generator.extract.cache import ExtractionCache
    from generator.extract.run import extract_all, release
    from generator.ingest import ingest_seeds

    cfg = load_config(root)
    problems = Problems()
    arts = ingest_seeds(root / cfg.seeds_dir, root, problems, cfg.max_article_bytes)
    registry = load_registry(root / cfg.content_dir, root, problems)
    cache_dir = root / ".cache" / f"bench-engine-{executor}"
    shutil.rmtree(cache_dir, ignore_errors=True)
    t0 = time.perf_counter()
    _, stats = extract_all(arts, cfg.model, registry, ExtractionCache(cache_dir), jobs, batch_size, False,
                           executor, None)
    seconds = time.perf_counter() - t0  # cluster start-up and model loads included: what a build waits for
    unreaped = _dask_cpu() if executor == "dask" else 0.0
    release()
    shutil.rmtree(cache_dir, ignore_errors=True)
    figures = {"seconds": seconds, "parsed": stats.parsed, "words": stats.words, "executor": executor,
               "skipped": len(stats.skipped), **_maxrss_mb()}
    figures["cpu_children_s"] = figures.get("cpu_children_s", 0.0) + unreaped
    return figures


def _dask_cpu() -> float:
    """CPU seconds of what RUSAGE_CHILDREN never sees: the local cluster's workers (forked by a fork server,
    not by this process) and the fork server itself, read before the cluster stops."""
    import multiprocessing.forkserver

    from generator.extract import engines

    total = 0.0
    for engine in list(engines._ENGINES.values()):
        total += sum(t.user + t.system for t in engine.client.run(os.times).values())
    pid = getattr(multiprocessing.forkserver._forkserver, "_forkserver_pid", None)
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, TypeError):
        pass
    return total


def add_alias(path: Path, alias: str) -> None:
    """What an editor does: add an alias to one entity YAML file."""
    from generator import yamlio

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["aliases"] = [*(data.get("aliases") or []), alias]
    path.write_text(yamlio.dumps(data), encoding="utf-8")


def site_figures(root: Path) -> dict:
    site_bytes, site_files = dir_size(root / "site")
    return {"site_bytes": site_bytes, "site_files": site_files, "search_bytes": search_index_size(root / "site"),
            "docs_files": dir_size(root / "docs")[1]}


def analysis_texts(root: Path) -> list[str]:
    """Exactly the texts the extractor hands to spaCy for the seeds of a project."""
    from generator.config import load_config
    from generator.errors import Problems
    from generator.extract import analysis_text
    from generator.ingest import ingest_seeds

    cfg = load_config(root)
    arts = ingest_seeds(root / cfg.seeds_dir, root, Problems(), cfg.max_article_bytes)
    return [analysis_text(a) for a in arts]


def child_raw(root: Path, jobs: int, batch_size: int) -> dict:
    """Plain spaCy: the installed model, no custom components, nlp.pipe with n_process=jobs."""
    import spacy

    from generator.config import load_config

    cfg = load_config(root)
    texts = analysis_texts(root)
    t0 = time.perf_counter()
    nlp = spacy.load(cfg.model)
    load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    n = 0
    for doc in nlp.pipe(texts, n_process=jobs, batch_size=batch_size):
        n += 1
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "load_seconds": load_s, "docs": n, "words": sum(len(t.split()) for t in texts),
            "model": cfg.model, **_maxrss_mb()}


def child_mkdocs(root: Path, out: Path) -> dict:
    """A plain `mkdocs build` of the generated docs/ (not strict, no swap) into out."""
    shutil.rmtree(out, ignore_errors=True)
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(root / "mkdocs.yml"),
                           "-d", str(out)], cwd=root, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        return {"error": (proc.stderr or proc.stdout)[-1500:]}
    return {"seconds": seconds, **_maxrss_mb()}


def process_age() -> float:
    """Seconds since this process started (interpreter start-up included), from /proc."""
    try:
        with open("/proc/self/stat") as fh:
            start_ticks = int(fh.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime") as fh:
            uptime = float(fh.read().split()[0])
        return uptime - start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0




def _child_main(argv: list[str]) -> None:
    kind, root = argv[0], Path(argv[1])
    with MemorySampler(os.getpid(), enabled=not os.environ.get(TREE_SAMPLED_ENV)) as mem:
        if kind == "build":
            result = child_build(root, int(argv[2]), publish=argv[3] == "publish",
                                 search_index=argv[4] if len(argv) > 4 else None)
        elif kind == "raw":
            result = child_raw(root, int(argv[2]), int(argv[3]))
        elif kind == "mkdocs":
            result = child_mkdocs(root, Path(argv[2]))
        elif kind == "engine":
            result = child_engine(root, int(argv[2]), int(argv[3]), argv[4])
        else:
            raise SystemExit(f"unknown child kind {kind}")
    # every step is also appended beside the project, so that an interrupted run keeps its figures
    step = {"kind": kind, "project": root.name, "args": argv[2:], "child_wall": process_age(),
            **({"child_peak_tree_mb": mem.peak_kb / 1024} if mem.enabled else {}), **result}
    try:
        with open(root.parent / STEPS_FILE, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(step) + "\n")
    except OSError:
        pass
    print(CHILD_MARK + json.dumps(result), flush=True)



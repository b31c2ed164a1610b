"""Speed, scale and memory figures of the build on real corpora (issue 5): `make bench`.

    python -m tools.bench DATA_DIR [--sizes bbc reuters:1000 ...] [--quick] [--jobs N] [--json OUT]

For every data set it materialises corpus stories as seed files (Markdown with YAML front matter) in a
temporary project directory outside the repository (templates/ and mkdocs.yml are copied from the
repo; content/ starts empty), then measures, each build in its own child process:

  raw       spaCy `nlp.pipe` over the same texts the extractor reads, same process count (the yardstick)
  full      the real pipeline (`generator.pipeline.build`) from a cold cache, split by stage
  mkdocs    a plain `mkdocs build` (not strict) of the Markdown the full build generated (the yardstick)
  nochange  the same build again, nothing changed
  entity    the build after an editor changed the description of the most mentioned entity
  article   the build after one new seed arrived (the next story of the corpus)
  alias     the build after an editor added an alias to the most mentioned entity
  engines   extraction alone over every seed from a cold cache, on the local pool and on the Dask
            engine (a LocalCluster of --jobs worker processes started by the step), same registry

and prints one table: words/s, seconds by stage, pages, site size, search index size, peak memory,
and the issue's targets beside the measured figures. Corpus text never enters the repository: the
temporary project is deleted afterwards (unless --keep).

Memory is measured two ways: the peak RSS of the largest single process (getrusage, self and
children) and the peak of the summed PSS of the whole process tree (the build, its fork workers,
the mkdocs subprocess), sampled from /proc every 0.2 s. PSS splits shared copy-on-write pages fairly,
so the sum is what the build really costs the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import yaml

REPO = Path(__file__).resolve().parents[1]
CHILD_MARK = "BENCH-RESULT "

# the targets
TARGET_EXTRACT_RATIO = 0.9     # extraction words/s >= 0.9 x raw nlp.pipe words/s
TARGET_FULL_RATIO = 1.3        # full build <= 1.3 x (raw spaCy + plain mkdocs build)
TARGET_LINEAR = 11.0           # 10,000 vs 1,000 stories <= 11x
TARGET_NOCHANGE_S = 5.0        # no-change rebuild <= 5 s
TARGET_PEAK_MB = 2048          # peak memory <= 2 GB at 10,000 stories
TARGET_PREVIEW_S = 10.0        # live preview updated <= 10 s after an edit at 2,000 articles
# issue 19, at BBC 2,225 (2,000+ articles)
TARGET_SITE_ENTITY_S = 15.0    # make site after one entity description edit
TARGET_SITE_ARTICLE_S = 30.0   # make site after adding one article
TARGET_SITE_ALIAS_S = 30.0     # make site after an alias edit
TARGET_NOCHANGE_BIG_S = 3.0    # no-change rebuild
TARGET_ENGINE_RATIO = 1.2      # local pool words/s <= 1.2 x the Dask engine's

DEFAULT_SIZES = ("bbc", "reuters:1000", "reuters:10000")  # the sets; about 90 minutes on 2 cores
QUICK_SIZES = ("bbc:150", "reuters:100")


# ----------------------------------------------------------------------------- corpora -> seeds

@dataclass(frozen=True)
class Story:
    key: str                       # stable corpus id, used for the seed file name
    title: str
    published: Optional[str]       # ISO date or None
    text: str


def parse_size(spec: str) -> tuple[str, Optional[int]]:
    """'bbc' -> ('bbc', None) (all stories); 'reuters:1000' -> ('reuters', 1000)."""
    name, _, n = spec.partition(":")
    name = name.strip().lower()
    if name not in ("bbc", "reuters"):
        raise ValueError(f"unknown corpus '{name}' (bbc or reuters)")
    if n and (not n.isdigit() or int(n) < 1):
        raise ValueError(f"bad size '{n}' in '{spec}' (a positive number)")
    return name, int(n) if n else None


def corpus_file(data_dir: Path, name: str) -> Path:
    return data_dir / ("bbc.jsonl" if name == "bbc" else "reuters21578.jsonl")


def story_from_json(name: str, obj: dict) -> Optional[Story]:
    """One corpus line -> Story; None for lines without a body (Reuters has ~2,500 of them)."""
    text = (obj.get("text") or "").strip()
    if not text:
        return None
    if name == "bbc":
        return Story(key=str(obj["id"]).replace("/", "-"), title=" ".join((obj.get("title") or "").split()),
                     published=None, text=text)
    date = (obj.get("date") or "")[:10] or None
    return Story(key=f"reuters-{int(obj['newid']):05d}", title=" ".join((obj.get("title") or "").split()),
                 published=date, text=text)


def load_stories(path: Path, name: str, n: Optional[int], extra: int = 1) -> list[Story]:
    """The first n stories with a body, in corpus order (so 1,000 is a prefix of 10,000), plus `extra`
    more held back for the add-an-article rebuild."""
    out: list[Story] = []
    want = None if n is None else n + extra
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            story = story_from_json(name, json.loads(line))
            if story is not None:
                out.append(story)
                if want is not None and len(out) >= want:
                    break
    return out


def seed_text(story: Story) -> str:
    """A Markdown seed with YAML front matter (title, published when the corpus has a date)."""
    meta: dict = {"title": story.title or story.key}
    if story.published:
        meta["published"] = story.published
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{front}---\n\n{story.text.rstrip()}\n"


def write_seed(project: Path, index: int, story: Story) -> Path:
    path = project / "seeds" / f"{index:05d}_{story.key}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(seed_text(story), encoding="utf-8")
    return path


def make_project(dest: Path, stories: list[Story], repo: Path = REPO) -> Path:
    """A fresh project at dest: the repo's templates/ and mkdocs.yml, empty content/, the stories as seeds."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    shutil.copytree(repo / "templates", dest / "templates")
    shutil.copy2(repo / "mkdocs.yml", dest / "mkdocs.yml")
    for sub in ("articles", "entities", "topics"):
        (dest / "content" / sub).mkdir(parents=True)
    for i, story in enumerate(stories):
        write_seed(dest, i, story)
    return dest


# ----------------------------------------------------------------------------- measuring

def dir_size(path: Path) -> tuple[int, int]:
    """(bytes, files) under path."""
    total = files = 0
    if path.exists():
        for p in path.rglob("*"):
            if p.is_file():
                total += p.stat().st_size
                files += 1
    return total, files


def search_index_size(site: Path) -> int:
    """Bytes of the client-side search index: MkDocs' search_index.json (+ a pagefind/ bundle if any)."""
    total = 0
    idx = site / "search" / "search_index.json"
    if idx.exists():
        total += idx.stat().st_size
    total += dir_size(site / "pagefind")[0]
    return total


def _children(pid: int) -> list[int]:
    out = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            try:
                with open(f"/proc/{pid}/task/{tid}/children") as fh:
                    out.extend(int(x) for x in fh.read().split())
            except OSError:
                pass
    except OSError:
        pass
    return out


def _pss_kb(pid: int) -> int:
    for name, key in (("smaps_rollup", "Pss:"), ("status", "VmRSS:")):
        try:
            with open(f"/proc/{pid}/{name}") as fh:
                for line in fh:
                    if line.startswith(key):
                        return int(line.split()[1])
        except (OSError, ValueError):
            continue
    return 0


def tree_memory_kb(pid: int) -> int:
    """Summed PSS (kB) of a process and all its descendants."""
    total, todo, seen = 0, [pid], set()
    while todo:
        p = todo.pop()
        if p in seen:
            continue
        seen.add(p)
        total += _pss_kb(p)
        todo.extend(_children(p))
    return total


class MemorySampler:
    """Samples the summed PSS of a process tree in a thread; .peak_kb when stopped.

    Reading smaps_rollup walks the page tables of every process (tens of ms for a GB-sized one), so
    the interval adapts: at least `interval`, and 20x the time the last sample took (<= 5% overhead)."""

    def __init__(self, pid: int, interval: float = 0.5, enabled: bool = True):
        self.pid, self.interval, self.peak_kb, self.enabled = pid, interval, 0, enabled
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            t0 = time.perf_counter()
            self.peak_kb = max(self.peak_kb, tree_memory_kb(self.pid))
            self._stop.wait(max(self.interval, 20 * (time.perf_counter() - t0)))

    def __enter__(self):
        if self.enabled:
            self._thread.start()
        return self

    def __exit__(self, *exc):
        if self.enabled:
            self._stop.set()
            self._thread.join()


def run_child(args: list[str], timeout: float | None = None, profile: Optional[Path] = None) -> dict:
    """Run `python -m tools.bench --child ...` in a fresh process; its JSON result plus wall time and
    peak tree memory. A failed child yields {'error': ...}. With profile, py-spy (if installed) samples
    the child and its subprocesses from outside and writes collapsed stacks there."""
    cmd = [sys.executable, "-m", "tools.bench", "--child", *args]
    env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""),
           TREE_SAMPLED_ENV: "1"}  # the child need not sample its own memory: this process does
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    spy = None
    pyspy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if profile is not None and Path(pyspy).exists():
        profile.parent.mkdir(parents=True, exist_ok=True)
        spy = subprocess.Popen([pyspy, "record", "--pid", str(proc.pid), "--subprocesses", "--nonblocking",
                                "--rate", "20", "--format", "raw", "--output", str(profile)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with MemorySampler(proc.pid) as mem:
        out, err = proc.communicate(timeout=timeout)
    wall = time.perf_counter() - t0
    if spy is not None:
        try:
            spy.wait(timeout=60)
        except subprocess.TimeoutExpired:
            spy.kill()
    result: dict = {}
    for line in out.splitlines():
        if line.startswith(CHILD_MARK):
            result = json.loads(line[len(CHILD_MARK):])
    if proc.returncode != 0 or not result:
        result = {"error": (err or out).strip()[-2000:] or f"exit status {proc.returncode}"}
    # a build step's wall time ends when the build returns: the child's site and docs walks afterwards
    # (57,000 files at 10,000 stories, a second or more) are the benchmark's own work
    wall = min(wall, result.get("user_wall") or wall)
    result["wall"] = wall
    result["peak_tree_mb"] = mem.peak_kb / 1024
    if len(args) > 1:  # beside the child's own line in steps.jsonl: what this process measured
        try:
            with open(Path(args[1]).parent / STEPS_FILE, "a", encoding="utf-8") as fh:
                fh.write(json.dumps({"kind": "measured", "project": Path(args[1]).name, "wall": wall,
                                     "peak_tree_mb": result["peak_tree_mb"]}) + "\n")
        except OSError:
            pass
    return result


def _maxrss_mb() -> dict:
    """Peak RSS of this process and of its largest reaped child, and CPU seconds of both (user + system).
    CPU seconds are less disturbed than wall time when other work shares the machine."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"maxrss_self_mb": me.ru_maxrss / 1024, "maxrss_children_mb": kids.ru_maxrss / 1024,
            "cpu_self_s": me.ru_utime + me.ru_stime, "cpu_children_s": kids.ru_utime + kids.ru_stime}


def summarise_profile(path: Path, top: int = 25, rate: float = 20.0) -> str:
    """Collapsed stacks (py-spy --format raw) -> the functions with the most inclusive and self seconds.
    Samples of all processes are added up (so with 2 workers a second of wall time can hold 2 s)."""
    inclusive: dict[str, int] = {}
    own: dict[str, int] = {}
    total = 0
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        n = int(count)
        total += n
        frames = [f.strip() for f in stack.split(";") if f.strip()]
        frames = [re.sub(r":\d+\)$", ")", f) for f in frames if not f.startswith("process ")]  # by function
        for f in set(frames):
            inclusive[f] = inclusive.get(f, 0) + n
        if frames:
            own[frames[-1]] = own.get(frames[-1], 0) + n
    lines = [f"{path.name}: {total} samples = {total / rate:.1f} process-seconds"]
    lines.append("  inclusive s   self s   function (file:line)")
    for f in sorted(inclusive, key=lambda k: -inclusive[k])[:top]:
        lines.append(f"  {inclusive[f] / rate:11.1f} {own.get(f, 0) / rate:8.1f}   {f[:140]}")
    lines.append("  -- top self time --")
    for f in sorted(own, key=lambda k: -own[k])[:top]:
        lines.append(f"  {inclusive[f] / rate:11.1f} {own[f] / rate:8.1f}   {f[:140]}")
    return "\n".join(lines)


# ----------------------------------------------------------------------------- child processes

def child_build(root: Path, jobs: int, publish: bool = True) -> dict:
    from generator.errors import ContentError
    from generator.pipeline import build

    t0 = time.perf_counter()
    try:
        report = build(root, publish=publish, progress=False, jobs=jobs)
    except ContentError as exc:
        return {"error": f"content errors ({len(exc.problems)}): " + str(exc)[:1500]}
    seconds = time.perf_counter() - t0
    user_wall = process_age()  # what a user waits for: start-up to the build's end (not the figures below)
    return {"seconds": seconds, "user_wall": user_wall, "timings": report.timings, "articles": report.articles,
            "parsed": report.extract.parsed, "cached": report.extract.cached, "words": report.extract.words,
            "extract_seconds": report.extract.seconds, "new_entities": report.new_entities,
            "new_topics": report.new_topics, "records_written": report.records_written,
            "pages": report.pages, "pages_written": report.pages_written,
            "errors": len(report.problems.errors), "warnings": len(report.problems.warnings),
            "search": getattr(report, "search", None), "site_build": getattr(report, "site", {}),
            **site_figures(root), **_maxrss_mb()}


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
    release()
    shutil.rmtree(cache_dir, ignore_errors=True)
    return {"seconds": seconds, "parsed": stats.parsed, "words": stats.words, "executor": executor,
            "skipped": len(stats.skipped), **_maxrss_mb()}


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


STEPS_FILE = "steps.jsonl"
TREE_SAMPLED_ENV = "BRIEFING_BENCH_PARENT_SAMPLES"


def _child_main(argv: list[str]) -> None:
    kind, root = argv[0], Path(argv[1])
    with MemorySampler(os.getpid(), enabled=not os.environ.get(TREE_SAMPLED_ENV)) as mem:
        if kind == "build":
            result = child_build(root, int(argv[2]), publish=argv[3] == "publish")
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


def results_from_steps(path: Path) -> list["DatasetResult"]:
    """Rebuild the data sets of a (possibly interrupted) run from its steps.jsonl: per project, the steps
    come in the order raw, full, mkdocs, nochange, entity, article, alias, engines."""
    order = ("full", "nochange", "entity", "article", "alias")
    out: dict[str, DatasetResult] = {}
    last: dict[str, dict] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        step = json.loads(line)
        if step["kind"] == "measured":  # the parent's wall and tree memory of the step just before
            if step["project"] in last:
                last[step["project"]].update(wall=step["wall"], peak_tree_mb=step["peak_tree_mb"])
            continue
        last[step["project"]] = step
        label = step["project"].replace("-", ":", 1)
        res = out.setdefault(label, DatasetResult(label=label, stories=int(label.split(":")[1])
                                                  if label.split(":")[1].isdigit() else 0))
        step["wall"] = step.get("child_wall", 0.0)
        step["peak_tree_mb"] = step.get("child_peak_tree_mb", 0.0)
        if step["kind"] == "build" and not res.full:
            res.site_bytes, res.site_files = step.get("site_bytes", 0), step.get("site_files", 0)
            res.search_bytes, res.docs_files = step.get("search_bytes", 0), step.get("docs_files", 0)
        if step["kind"] == "raw":
            res.raw, res.words = step, step.get("words", 0)
            res.stories = res.stories or step.get("docs", 0)
        elif step["kind"] == "mkdocs":
            res.mkdocs = step
        elif step["kind"] == "engine":
            res.engines[step.get("executor") or step["args"][-1]] = step
        else:
            for name in order:
                if not getattr(res, name):
                    setattr(res, name, step)
                    break
    return list(out.values())


# ----------------------------------------------------------------------------- edits between rebuilds

def most_mentioned_entity(project: Path) -> Optional[Path]:
    """The registry file of the entity with the most mentions over all article records."""
    counts: dict[str, int] = {}
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for path in (project / "content" / "articles").glob("*.yml"):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}
        for actor in data.get("actors") or []:
            counts[actor["id"]] = counts.get(actor["id"], 0) + int(actor.get("mentions") or 0)
    ents = project / "content" / "entities"
    for eid in sorted(counts, key=lambda e: (-counts[e], e)):
        if (ents / f"{eid}.yml").exists():
            return ents / f"{eid}.yml"
    files = sorted(ents.glob("*.yml"))
    return files[0] if files else None


def edit_entity(path: Path, description: str = "Edited by the benchmark: a new description.") -> None:
    """What an editor does: change the description in one entity YAML file."""
    from generator import yamlio

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["description"] = description
    path.write_text(yamlio.dumps(data), encoding="utf-8")


# ----------------------------------------------------------------------------- live preview

def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, timeout: float = 30.0) -> Optional[str]:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            return resp.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, OSError, ValueError):
        return None


def measure_preview(project: Path, entity: Path, start_timeout: float = 3600, edit_timeout: float = 1800,
                    poll: float = 0.25) -> dict:
    """`generator serve` on the project: seconds from saving an entity edit to the served entity page
    showing it (what an editor waits for), plus the server's start-up time and peak memory."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/entities/{entity.stem}.html"
    env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    # the server's log goes to a file: a pipe nobody reads while we wait fills up (a large briefing logs
    # hundreds of warnings at start) and blocks the server for good
    log_file = project / "serve.log"
    t0 = time.perf_counter()
    with log_file.open("w", encoding="utf-8") as log:
        proc = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--root", str(project),
                                 "--port", str(port)], cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=log)
    out: dict = {}
    try:
        with MemorySampler(proc.pid) as mem:
            while _get(url, timeout=5) is None:
                if proc.poll() is not None or time.perf_counter() - t0 > start_timeout:
                    tail = log_file.read_text(encoding="utf-8", errors="replace")[-1500:]
                    return {"error": "server did not start: " + tail}
                time.sleep(1.0)
            out["startup_s"] = time.perf_counter() - t0
            time.sleep(2.0)  # let the watcher settle
            token = f"Preview check {int(time.time())}."
            t1 = time.perf_counter()
            edit_entity(entity, token)
            while True:
                page = _get(url, timeout=edit_timeout)
                if page is not None and token in page:
                    out["seconds"] = time.perf_counter() - t1
                    break
                if proc.poll() is not None or time.perf_counter() - t1 > edit_timeout:
                    return {"error": "the edit never showed", "startup_s": out["startup_s"]}
                time.sleep(poll)
        out["peak_tree_mb"] = mem.peak_kb / 1024
        out["wall"] = out["seconds"]
        return out
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# ----------------------------------------------------------------------------- one data set

@dataclass
class DatasetResult:
    label: str
    stories: int
    words: int = 0
    raw: dict = field(default_factory=dict)
    full: dict = field(default_factory=dict)
    mkdocs: dict = field(default_factory=dict)
    nochange: dict = field(default_factory=dict)
    entity: dict = field(default_factory=dict)
    article: dict = field(default_factory=dict)
    preview: dict = field(default_factory=dict)
    alias: dict = field(default_factory=dict)
    engines: dict = field(default_factory=dict)  # executor -> extraction figures
    site_bytes: int = 0
    site_files: int = 0
    search_bytes: int = 0
    docs_files: int = 0
    entity_file: str = ""


def bench_dataset(data_dir: Path, spec: str, jobs: int, batch_size: int, workdir: Path, keep: bool = False,
                  log=print, profile_dir: Optional[Path] = None, preview: bool = False,
                  engines: tuple[str, ...] = ("local", "dask")) -> DatasetResult:
    name, n = parse_size(spec)
    stories = load_stories(corpus_file(data_dir, name), name, n)
    if n is not None and len(stories) > n:
        base, held = stories[:n], stories[n]
    else:  # the whole corpus is the set: the added article comes from the other corpus
        other = "reuters" if name == "bbc" else "bbc"
        base = stories
        extra = load_stories(corpus_file(data_dir, other), other, 1, extra=0) \
            if corpus_file(data_dir, other).exists() else []
        held = extra[0] if extra else None
    label = f"{name}:{len(base)}"
    res = DatasetResult(label=label, stories=len(base))
    project = make_project(workdir / label.replace(":", "-"), base)

    def prof(step: str) -> Optional[Path]:
        return profile_dir / f"{label.replace(':', '-')}-{step}.txt" if profile_dir else None

    log(f"[{label}] project at {project} ({len(base)} seeds)")
    try:
        log(f"[{label}] raw spaCy nlp.pipe, n_process={jobs} ...")
        res.raw = run_child(["raw", str(project), str(jobs), str(batch_size)])
        res.words = res.raw.get("words", 0)
        _log_step(log, label, "raw", res.raw)
        log(f"[{label}] full build (cold cache) ...")
        res.full = run_child(["build", str(project), str(jobs), "publish"], profile=prof("full"))
        _log_step(log, label, "full", res.full)
        if "error" in res.full:
            return res
        res.site_bytes, res.site_files = dir_size(project / "site")
        res.search_bytes = search_index_size(project / "site")
        res.docs_files = dir_size(project / "docs")[1]
        log(f"[{label}] plain mkdocs build of the same docs/ ...")
        res.mkdocs = run_child(["mkdocs", str(project), str(project / "site.plain")])
        shutil.rmtree(project / "site.plain", ignore_errors=True)
        _log_step(log, label, "mkdocs", res.mkdocs)
        log(f"[{label}] no-change rebuild ...")
        res.nochange = run_child(["build", str(project), str(jobs), "publish"], profile=prof("nochange"))
        _log_step(log, label, "nochange", res.nochange)
        ent = most_mentioned_entity(project)
        if ent is not None:
            res.entity_file = ent.name
            edit_entity(ent)
            log(f"[{label}] rebuild after editing {ent.name} ...")
            res.entity = run_child(["build", str(project), str(jobs), "publish"], profile=prof("entity"))
            _log_step(log, label, "entity", res.entity)
        if held is not None:
            write_seed(project, len(base), held)
            log(f"[{label}] rebuild after adding one article ...")
            res.article = run_child(["build", str(project), str(jobs), "publish"], profile=prof("article"))
            _log_step(log, label, "article", res.article)
        if ent is not None:
            add_alias(ent, "Benchmark Alias Corp")
            log(f"[{label}] rebuild after adding an alias to {ent.name} ...")
            res.alias = run_child(["build", str(project), str(jobs), "publish"], profile=prof("alias"))
            _log_step(log, label, "alias", res.alias)
        for executor in engines:
            log(f"[{label}] extraction alone on the {executor} executor (cold cache) ...")
            res.engines[executor] = run_child(["engine", str(project), str(jobs), str(batch_size), executor])
            _log_step(log, label, f"engine {executor}", res.engines[executor])
        if preview and ent is not None:
            log(f"[{label}] live preview: `generator serve`, edit {ent.name}, wait for the page ...")
            res.preview = measure_preview(project, ent)
            if "error" not in res.preview:
                log(f"[{label}] preview: started in {res.preview['startup_s']:.1f}s, edit visible after "
                    f"{res.preview['seconds']:.1f}s, peak {res.preview['peak_tree_mb']:.0f} MB")
            else:
                log(f"[{label}] preview: FAILED: {res.preview['error']}")
    finally:
        if not keep:
            shutil.rmtree(project, ignore_errors=True)
    return res


def _log_step(log, label: str, step: str, r: dict) -> None:
    if "error" in r:
        log(f"[{label}] {step}: FAILED: {r['error']}")
    else:
        log(f"[{label}] {step}: {r['wall']:.1f}s wall, peak {r['peak_tree_mb']:.0f} MB")


# ----------------------------------------------------------------------------- the table

def ok(d: dict) -> dict:
    """A scenario's figures, or KeyError (shown as '-') when it failed or was not run."""
    if not d or "error" in d:
        raise KeyError("failed")
    return d


def _mb(b: int) -> str:
    return f"{b / 1e6:.1f} MB"


def extract_wps(r: DatasetResult) -> Optional[float]:
    """Corpus words per second of the extract stage (articles parsed twice count once: the user waits
    for the stage, whatever it does inside)."""
    t = r.full.get("timings", {}).get("extract") if "error" not in r.full else None
    words = r.words or r.raw.get("words")
    return words / t if t and words else None


def raw_wps(r: DatasetResult) -> Optional[float]:
    return r.raw["words"] / r.raw["seconds"] if r.raw.get("seconds") and "error" not in r.raw else None


def engine_wps(r: DatasetResult, executor: str) -> float:
    d = ok(r.engines.get(executor, {}))
    return d["words"] / d["seconds"]


def rendered(d: dict) -> str:
    """Pages MkDocs rendered in a rebuild, 'all' for a full build, '-' when it did not publish."""
    site = d.get("site_build") or {} if d and "error" not in d else {}
    if not site:
        return "-"
    return "all" if site.get("full") else f"{site.get('rendered', 0):,}"


def cpu(d: dict) -> float:
    d = ok(d)
    return d["cpu_self_s"] + d["cpu_children_s"]


def peak_mb(r: DatasetResult) -> float:
    return max([d.get("peak_tree_mb", 0.0) for d in (r.full, r.nochange, r.entity, r.article, r.alias, r.mkdocs)]
               or [0])


def peak_rss_mb(r: DatasetResult) -> float:
    vals = [max(d.get("maxrss_self_mb", 0.0), d.get("maxrss_children_mb", 0.0))
            for d in (r.full, r.nochange, r.entity, r.article, r.alias)]
    return max(vals or [0.0])


def format_table(results: list[DatasetResult], jobs: int) -> str:
    cols = [r.label for r in results]
    rows: list[tuple[str, list[str]]] = []

    def row(name, fn):
        vals = []
        for r in results:
            try:
                vals.append(fn(r))
            except (KeyError, TypeError, ZeroDivisionError):
                vals.append("-")
        rows.append((name, vals))

    row("stories (seeds)", lambda r: f"{r.stories:,}")
    row("words", lambda r: f"{r.words:,}")
    row(f"raw nlp.pipe words/s (n_process={jobs})", lambda r: f"{raw_wps(r):,.0f}")
    row("raw nlp.pipe seconds (+ model load)", lambda r: f"{ok(r.raw)['seconds']:.1f} (+{ok(r.raw)['load_seconds']:.1f})")
    row(f"extraction words/s (jobs={jobs})", lambda r: f"{extract_wps(r):,.0f}")
    row("extraction / raw throughput", lambda r: f"{extract_wps(r) / raw_wps(r):.2f}x")
    row("  articles parsed in the full build", lambda r: f"{ok(r.full)['parsed']:,} of {ok(r.full)['articles']:,}")
    row("full build wall s (child process)", lambda r: f"{ok(r.full)['wall']:.1f}")
    for stage in ("load", "extract", "store", "resolve", "render", "publish"):
        row(f"  stage {stage} s", lambda r, s=stage: f"{ok(r.full)['timings'][s]:.1f}")
    row("  python start + imports s", lambda r: f"{ok(r.full)['wall'] - ok(r.full)['seconds']:.1f}")
    row("full build CPU s, all processes", lambda r: f"{cpu(r.full):.1f}")
    row("raw nlp.pipe CPU s, all processes", lambda r: f"{cpu(r.raw):.1f}")
    row("plain mkdocs build s (CPU s)", lambda r: f"{ok(r.mkdocs)['seconds']:.1f} ({cpu(r.mkdocs):.1f})")
    row("full / (raw spaCy + plain mkdocs)",
        lambda r: f"{ok(r.full)['wall'] / (ok(r.raw)['seconds'] + ok(r.raw)['load_seconds'] + ok(r.mkdocs)['seconds']):.2f}x")
    row("  same, in CPU seconds (contention-proof)", lambda r: f"{cpu(r.full) / (cpu(r.raw) + cpu(r.mkdocs)):.2f}x")
    row("no-change rebuild s", lambda r: f"{ok(r.nochange)['wall']:.1f}")
    row("  of which publish (mkdocs) s", lambda r: f"{ok(r.nochange)['timings']['publish']:.1f}")
    row("rebuild after entity edit s (CPU s)",
        lambda r: f"{ok(r.entity)['wall']:.1f} ({cpu(r.entity):.1f}; {ok(r.entity)['parsed']} parsed)")
    row("rebuild after adding 1 article s (CPU s)",
        lambda r: f"{ok(r.article)['wall']:.1f} ({cpu(r.article):.1f}; {ok(r.article)['parsed']} parsed)")
    row("rebuild after an alias edit s (CPU s)",
        lambda r: f"{ok(r.alias)['wall']:.1f} ({cpu(r.alias):.1f}; {ok(r.alias)['parsed']} parsed)")
    row("  pages MkDocs rendered (entity / article / alias)",
        lambda r: " / ".join(rendered(getattr(r, k)) for k in ("entity", "article", "alias")))
    row("extraction alone words/s: local pool", lambda r: f"{engine_wps(r, 'local'):,.0f}")
    row("extraction alone words/s: dask engine", lambda r: f"{engine_wps(r, 'dask'):,.0f}")
    row("  local pool / dask engine", lambda r: f"{engine_wps(r, 'local') / engine_wps(r, 'dask'):.2f}x")
    row("  CPU s: local pool / dask engine", lambda r: f"{cpu(r.engines['local']):.1f} / {cpu(r.engines['dask']):.1f}")
    row("live preview: edit visible after s", lambda r: f"{ok(r.preview)['seconds']:.1f} (start {ok(r.preview)['startup_s']:.0f})")
    row("pages (generated Markdown)", lambda r: f"{ok(r.full)['pages']:,}")
    row("new entities / topics", lambda r: f"{ok(r.full)['new_entities']:,} / {ok(r.full)['new_topics']:,}")
    row("site size (files)", lambda r: f"{_mb(r.site_bytes)} ({r.site_files:,})")
    row("search index size", lambda r: _mb(r.search_bytes))
    row("peak memory, process tree PSS", lambda r: f"{peak_mb(r):,.0f} MB")
    row("peak RSS, largest process", lambda r: f"{peak_rss_mb(r):,.0f} MB")
    row("problems (errors / warnings)", lambda r: f"{ok(r.full)['errors']} / {ok(r.full)['warnings']}")
    row("failed steps", lambda r: ", ".join([k for k in ("raw", "full", "mkdocs", "nochange", "entity", "article",
                                                          "alias") if "error" in getattr(r, k)]
                                            + [f"engine {k}" for k, d in r.engines.items() if "error" in d])
        or "none")

    w0 = max(len(name) for name, _ in rows)
    widths = [max(len(c), *(len(v[i]) for _, v in rows)) for i, c in enumerate(cols)]
    lines = [" " * w0 + " | " + " | ".join(c.rjust(w) for c, w in zip(cols, widths))]
    lines.append("-" * len(lines[0]))
    for name, vals in rows:
        lines.append(name.ljust(w0) + " | " + " | ".join(v.rjust(w) for v, w in zip(vals, widths)))
    return "\n".join(lines)


def check_targets(results: list[DatasetResult]) -> list[tuple[str, str, Optional[bool]]]:
    """(target, measured, met?) for every target the results can answer; met is None when not measured."""
    out: list[tuple[str, str, Optional[bool]]] = []
    by = {r.label: r for r in results}
    for r in results:
        e, w = extract_wps(r), raw_wps(r)
        if e and w:
            out.append((f"extraction >= {TARGET_EXTRACT_RATIO}x raw nlp.pipe [{r.label}]", f"{e / w:.2f}x",
                        e / w >= TARGET_EXTRACT_RATIO))
    for r in results:
        if r.label.startswith("bbc") and r.full.get("wall") and r.mkdocs.get("seconds") and r.raw.get("seconds") \
                and "error" not in r.full:
            base = ok(r.raw)["seconds"] + ok(r.raw)["load_seconds"] + ok(r.mkdocs)["seconds"]
            out.append((f"full build <= {TARGET_FULL_RATIO}x (raw spaCy + plain mkdocs) [{r.label}]",
                        f"{ok(r.full)['wall']:.1f}s / {base:.1f}s = {ok(r.full)['wall'] / base:.2f}x",
                        ok(r.full)["wall"] / base <= TARGET_FULL_RATIO))
    small = by.get("reuters:1000")
    big = by.get("reuters:10000")
    if small and big and "error" not in small.full and "error" not in big.full and small.full.get("wall") \
            and big.full.get("wall"):
        ratio = big.full["wall"] / small.full["wall"]
        out.append((f"10,000 vs 1,000 stories <= {TARGET_LINEAR:.0f}x", f"{big.full['wall']:.0f}s / "
                    f"{small.full['wall']:.0f}s = {ratio:.1f}x", ratio <= TARGET_LINEAR))
    else:
        out.append((f"10,000 vs 1,000 stories <= {TARGET_LINEAR:.0f}x",
                    "not measured (needs --sizes reuters:1000 reuters:10000)", None))
    for r in results:
        if r.nochange.get("wall") and "error" not in r.nochange:
            out.append((f"no-change rebuild <= {TARGET_NOCHANGE_S:.0f}s [{r.label}]", f"{ok(r.nochange)['wall']:.1f}s",
                        ok(r.nochange)["wall"] <= TARGET_NOCHANGE_S))
    if big:
        out.append((f"peak memory <= {TARGET_PEAK_MB} MB at 10,000 stories", f"{peak_mb(big):,.0f} MB",
                    peak_mb(big) <= TARGET_PEAK_MB))
    else:
        out.append((f"peak memory <= {TARGET_PEAK_MB} MB at 10,000 stories", "not measured", None))
    for r in results:  # issue 19: make site after small edits, at 2,000+ articles
        if r.stories < 2000:
            continue
        for name, d, limit in (("one entity description edit", r.entity, TARGET_SITE_ENTITY_S),
                               ("adding one article", r.article, TARGET_SITE_ARTICLE_S),
                               ("an alias edit", r.alias, TARGET_SITE_ALIAS_S),
                               ("no change", r.nochange, TARGET_NOCHANGE_BIG_S)):
            if d.get("wall") and "error" not in d:
                out.append((f"make site after {name} <= {limit:.0f}s [{r.label}]", f"{d['wall']:.1f}s",
                            d["wall"] <= limit))
            else:
                out.append((f"make site after {name} <= {limit:.0f}s [{r.label}]", "not measured", None))
    for r in results:
        try:
            local, dask = engine_wps(r, "local"), engine_wps(r, "dask")
        except (KeyError, ZeroDivisionError):
            continue
        out.append((f"dask engine within {TARGET_ENGINE_RATIO}x of the local pool's words/s [{r.label}]",
                    f"{local:,.0f} / {dask:,.0f} words/s = {local / dask:.2f}x", local / dask <= TARGET_ENGINE_RATIO))
    timed = [r for r in results if r.stories >= 2000 and r.preview.get("seconds")]
    for r in timed:
        out.append((f"preview updated <= {TARGET_PREVIEW_S:.0f}s after an edit [{r.label}]",
                    f"{r.preview['seconds']:.1f}s (generator serve, edit -> page served)",
                    r.preview["seconds"] <= TARGET_PREVIEW_S))
    for r in results if not timed else ():  # no set was previewed: the nearest thing, a full rebuild
        if r.stories >= 2000 and r.entity.get("wall") and "error" not in r.entity:
            out.append((f"preview updated <= {TARGET_PREVIEW_S:.0f}s after an edit [{r.label}]",
                        f"{ok(r.entity)['wall']:.1f}s (proxy: edit -> rebuilt site/; --preview times `serve`)",
                        ok(r.entity)["wall"] <= TARGET_PREVIEW_S))
    return out


def format_targets(checks) -> str:
    mark = {True: "MET   ", False: "MISSED", None: "n/a   "}
    return "\n".join(f"  {mark[ok]} {name}: {measured}" for name, measured, ok in checks)


# ----------------------------------------------------------------------------- command line

def wants_preview(chosen: Optional[list[str]], spec: str) -> bool:
    """--preview absent: no; --preview alone: every set; --preview bbc: the bbc sets; --preview
    reuters:1000: that set as written in --sizes."""
    if chosen is None:
        return False
    chosen = [c.strip().lower() for c in chosen]
    return not chosen or spec.strip().lower() in chosen or parse_size(spec)[0] in chosen


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--child":
        _child_main(argv[1:])
        return 0
    if argv and argv[0] == "--summarise":  # python -m tools.bench --summarise PROFILE.txt [TOP]
        print(summarise_profile(Path(argv[1]), int(argv[2]) if len(argv) > 2 else 25))
        return 0
    from generator.extract.run import default_jobs

    ap = argparse.ArgumentParser(prog="python -m tools.bench", description=__doc__.split("\n\n")[0])
    ap.add_argument("data_dir", type=Path, nargs="?", default=None,
                    help="directory holding bbc.jsonl and reuters21578.jsonl (not needed with only --steps/--merge)")
    ap.add_argument("--sizes", nargs="+", default=None,
                    help=f"data sets: bbc, bbc:N, reuters:N (default: {' '.join(DEFAULT_SIZES)}, about 90 "
                         "minutes on 2 cores; --sizes reuters:1000 takes about 5)")
    ap.add_argument("--quick", action="store_true", help=f"small sets for a smoke run ({' '.join(QUICK_SIZES)})")
    ap.add_argument("--jobs", type=int, default=default_jobs(), help="extraction processes (default: all cores)")
    ap.add_argument("--batch-size", type=int, default=None, help="articles per batch (default: the config's)")
    ap.add_argument("--workdir", type=Path, default=None, help="where temporary projects go (default: a temp dir)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary projects")
    ap.add_argument("--preview", nargs="*", default=None, metavar="SET",
                    help="also time the live preview (`generator serve`, edit an entity, wait for the page) on "
                         "these sets: a corpus (bbc, reuters) or a set as given to --sizes (reuters:1000); "
                         "none named: every set")
    ap.add_argument("--engines", nargs="*", default=["local", "dask"], metavar="EXECUTOR",
                    help="executors whose extraction alone is timed on every set (default: local dask; none: "
                         "skip the step)")
    ap.add_argument("--json", type=Path, default=None, help="also write the raw figures as JSON here")
    ap.add_argument("--profile", type=Path, default=None,
                    help="sample every build with py-spy (if installed) and write collapsed stacks here")
    ap.add_argument("--steps", type=Path, nargs="*", default=(),
                    help="include data sets from the steps.jsonl of an earlier (even interrupted) run")
    ap.add_argument("--merge", type=Path, nargs="*", default=(),
                    help="include data sets from earlier --json files in the table (e.g. a separate 10,000 run); "
                         "without --sizes, only print the table")
    args = ap.parse_args(argv)

    from generator.records import Config

    if args.sizes:
        sizes = args.sizes
    elif (args.merge or args.steps) and not args.quick:
        sizes = ()  # only print the table of earlier runs
    else:
        sizes = QUICK_SIZES if args.quick else DEFAULT_SIZES
    batch = args.batch_size or Config().batch_size
    if sizes and args.data_dir is None:
        ap.error("DATA_DIR is required to run data sets")
    for spec in args.preview or ():  # a corpus name is fine even when not run (make bench BENCH="--sizes ...")
        if spec.strip().lower() not in ("bbc", "reuters") and not any(wants_preview([spec], s) for s in sizes):
            ap.error(f"--preview {spec}: not a corpus (bbc, reuters) nor one of the sets {' '.join(sizes)}")
    for spec in sizes:
        name, _ = parse_size(spec)
        if not corpus_file(args.data_dir, name).exists():
            print(f"no corpus file {corpus_file(args.data_dir, name)}", file=sys.stderr)
            return 2
    tmp = Path(tempfile.mkdtemp(prefix="briefing-bench-", dir=args.workdir))
    results: list[DatasetResult] = []
    for path in args.merge:
        for d in json.loads(path.read_text())["results"]:
            results.append(DatasetResult(**d))
    for path in args.steps:
        results.extend(results_from_steps(path))
    t0 = time.perf_counter()
    try:
        for spec in sizes:
            results.append(bench_dataset(args.data_dir, spec, args.jobs, batch, tmp, args.keep,
                                         log=lambda m: print(m, file=sys.stderr, flush=True),
                                         profile_dir=args.profile,
                                         preview=wants_preview(args.preview, spec),
                                         engines=tuple(args.engines)))
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    print(f"\nBriefing benchmark: {len(os.sched_getaffinity(0))} cores, jobs={args.jobs}, batch_size={batch}, "
          f"python {sys.version.split()[0]}, {time.perf_counter() - t0:.0f}s\n")
    print(format_table(results, args.jobs))
    print("\nTargets (issues 5 and 19):")
    print(format_targets(check_targets(results)))
    if args.json:
        args.json.write_text(json.dumps({"jobs": args.jobs, "batch_size": batch,
                                         "results": [r.__dict__ for r in results]}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

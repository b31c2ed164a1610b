"""One data set: every step in its own child process, and the results read back."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from tools.bench.children import add_alias
from tools.bench.corpus import corpus_file, load_stories, make_project, parse_size, write_seed
from tools.bench.edits import edit_entity, most_mentioned_entity
from tools.bench.memory import dir_size, run_child, search_index_size
from tools.bench.preview import measure_preview


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
                  engines: tuple[str, ...] = ("local", "dask"), search_index: str = "background") -> DatasetResult:
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
            res.entity = run_child(["build", str(project), str(jobs), "publish", search_index],
                                   profile=prof("entity"))
            _log_step(log, label, "entity", res.entity)
        if held is not None:
            write_seed(project, len(base), held)
            log(f"[{label}] rebuild after adding one article ...")
            res.article = run_child(["build", str(project), str(jobs), "publish", search_index],
                                    profile=prof("article"))
            _log_step(log, label, "article", res.article)
        if ent is not None:
            add_alias(ent, "Benchmark Alias Corp")
            log(f"[{label}] rebuild after adding an alias to {ent.name} ...")
            res.alias = run_child(["build", str(project), str(jobs), "publish", search_index],
                                  profile=prof("alias"))
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

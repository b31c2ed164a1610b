"""The table of figures and the targets beside them."""

from __future__ import annotations

from typing import Optional

from tools.bench.common import TARGET_ENGINE_RATIO, TARGET_EXTRACT_RATIO, TARGET_FULL_RATIO, TARGET_LINEAR, TARGET_NOCHANGE_BIG_S, TARGET_NOCHANGE_S, TARGET_PEAK_MB, TARGET_PREVIEW_S, TARGET_SITE_ALIAS_S, TARGET_SITE_ARTICLE_S, TARGET_SITE_ENTITY_S
from tools.bench.dataset import DatasetResult


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


def raw_wps(r: DatasetResult, with_load: bool = False) -> Optional[float]:
    """Raw nlp.pipe words/s; with_load: spacy.load counted too, as the extract stage counts its own model load
    (the like-for-like ratio: both sides load the model once and parse every text)."""
    if not r.raw.get("seconds") or "error" in r.raw:
        return None
    return r.raw["words"] / (r.raw["seconds"] + (r.raw.get("load_seconds", 0.0) if with_load else 0.0))


def engine_wps(r: DatasetResult, executor: str) -> float:
    d = ok(r.engines.get(executor, {}))
    return d["words"] / d["seconds"]


def rendered(d: dict) -> str:
    """Pages MkDocs rendered in a rebuild, 'all' for a full build, '-' when it did not publish."""
    site = d.get("site_build") or {} if d and "error" not in d else {}
    if not site:
        return "-"
    return "all" if site.get("full") else f"{site.get('rendered', 0):,}"


def index_ready(d: dict) -> str:
    """When the Pagefind index of a rebuild was complete: the build's own wall time when it indexed before
    the swap, plus the background indexer's time otherwise."""
    if not d or "error" in d:
        return "-"
    if (d.get("site_build") or {}).get("search") != "background":
        return f"{d['wall']:.1f}" if d.get("search") == "pagefind" else "-"
    return f"{d['wall'] + d.get('index_wait_s', 0.0):.1f}"


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
    row("extraction / raw throughput, both with model load", lambda r: f"{extract_wps(r) / raw_wps(r, True):.2f}x")
    row("  extraction / raw nlp.pipe alone (raw's load left out)", lambda r: f"{extract_wps(r) / raw_wps(r):.2f}x")
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
    row("  search index complete after s (entity / article / alias)",
        lambda r: " / ".join(index_ready(getattr(r, k)) for k in ("entity", "article", "alias")))
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
        e, w = extract_wps(r), raw_wps(r, with_load=True)
        if e and w:
            out.append((f"extraction >= {TARGET_EXTRACT_RATIO}x raw nlp.pipe, both with model load [{r.label}]",
                        f"{e / w:.2f}x",
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
                later = f" (search index complete after {index_ready(d)}s, in the background)" \
                    if (d.get("site_build") or {}).get("search") == "background" else ""
                out.append((f"make site after {name} <= {limit:.0f}s [{r.label}]", f"{d['wall']:.1f}s{later}",
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



"""The command line of `make bench`."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Optional

from tools.bench.children import _child_main
from tools.bench.common import DEFAULT_SIZES, QUICK_SIZES
from tools.bench.corpus import corpus_file, parse_size
from tools.bench.dataset import DatasetResult, bench_dataset, results_from_steps
from tools.bench.memory import summarise_profile
from tools.bench.report import check_targets, format_table, format_targets


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
    ap.add_argument("--search-index", choices=("background", "wait"), default="background",
                    help="search_index for the rebuilds after an edit (default background: the site is swapped in "
                         "with the previous Pagefind index and the time until the new one is in is reported too)")
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
                                         engines=tuple(args.engines), search_index=args.search_index))
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


"""Measuring: folder and index sizes, the memory of a process tree (PSS from /proc), child processes that report back."""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Optional

from tools.bench.common import CHILD_MARK, REPO, STEPS_FILE, TREE_SAMPLED_ENV


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



"""The live preview, timed: an edit until the served page shows it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Optional

from tools.bench.common import REPO
from tools.bench.edits import edit_entity
from tools.bench.memory import MemorySampler


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



"""`generator serve`: a live preview that re-renders on edits and keeps the last good site on errors."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.helpers import make_project


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as resp:
            return resp.read().decode("utf-8")
    except OSError:
        return None


def wait_for(predicate, timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.5)
    return False


@pytest.fixture()
def server(tmp_path):
    root = make_project(tmp_path / "proj")
    port = free_port()
    log = open(tmp_path / "serve.log", "w+")
    proc = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--root", str(root), "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        assert wait_for(lambda: fetch(base + "/entities/huawei.html") is not None, 120), \
            (tmp_path / "serve.log").read_text()
        yield root, base, tmp_path / "serve.log"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
        log.close()


def test_edit_is_rerendered_and_errors_keep_last_good_site(server):
    root, base, log = server
    entity = root / "content" / "entities" / "huawei.yml"
    entity.write_text(entity.read_text().replace("description: ''", "description: Shenzhen phone maker."))
    started = time.monotonic()
    assert wait_for(lambda: "Shenzhen phone maker." in (fetch(base + "/entities/huawei.html") or ""), 60), log.read_text()
    assert time.monotonic() - started < 60
    entity.write_text("id: huawei\nname: Huawei\ntype: [broken\n")
    assert wait_for(lambda: "content/entities/huawei.yml:3" in log.read_text(), 60), log.read_text()
    assert "Shenzhen phone maker." in (fetch(base + "/entities/huawei.html") or "")

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


def test_sigterm_stops_the_preview_and_removes_its_temporary_site(tmp_path):
    """MkDocs serves from a temporary folder that it removes only when it is stopped by Ctrl-C; a SIGTERM (a
    service manager, `kill`) used to leave a few MB in /tmp per preview."""
    root = make_project(tmp_path / "proj")
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    port = free_port()
    log = open(tmp_path / "serve.log", "w+")
    proc = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--root", str(root), "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                            env={**os.environ, "TMPDIR": str(tmp)})
    try:
        assert wait_for(lambda: fetch(f"http://127.0.0.1:{port}/entities/huawei.html") is not None, 120), \
            (tmp_path / "serve.log").read_text()
        assert any(p.name.startswith("mkdocs_") for p in tmp.iterdir())  # what it serves from
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=20) == 0, (tmp_path / "serve.log").read_text()
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()
    assert not [p.name for p in tmp.iterdir() if p.name.startswith("mkdocs_")]


def _rebuilds(log) -> int:
    return log.read_text().count("Detected file changes")


def test_one_edit_is_one_rebuild_then_the_server_is_idle(server):
    """Every build reads mkdocs.yml, templates and content/: with an observer that reports reads (inotify's
    open and close-without-write events) each build started the next, forever. One save, one rebuild."""
    root, base, log = server
    before = _rebuilds(log)
    entity = root / "content" / "entities" / "huawei.yml"
    entity.write_text(entity.read_text().replace("description: ''", "description: Maker of phones."))
    assert wait_for(lambda: "Maker of phones." in (fetch(base + "/entities/huawei.html") or ""), 60), log.read_text()
    time.sleep(8)  # the loop rebuilt about every 0.8 s while idle
    assert _rebuilds(log) - before == 1, log.read_text()


def test_port_in_use_is_reported_before_building_and_named(tmp_path):
    from click.testing import CliRunner

    from generator.cli import main

    root = make_project(tmp_path / "proj")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--root", str(root), "--port", str(port)])
    assert result.exit_code == 1
    assert f"127.0.0.1:{port}" in result.output and "PORT=" in result.output, result.output
    assert not (root / "docs").exists() and not any((root / "content" / "articles").iterdir())  # nothing built


def test_make_serve_takes_a_port():
    import pathlib

    repo = pathlib.Path(__file__).resolve().parents[2]
    out = subprocess.run(["make", "-n", "-C", str(repo), "serve", "PORT=8123"], capture_output=True, text=True,
                         check=True).stdout
    assert "generator serve --port 8123" in out


def test_preview_logs_warnings_as_warnings_and_errors_as_errors(tmp_path, monkeypatch, caplog):
    import logging
    import types

    from generator.site import serve_hook

    root = make_project(tmp_path / "proj", seeds=None)
    (root / "content" / "entities" / "acme.yml").write_text("id: acme\nname: Acme\ntype: [broken\n")
    (root / "content" / "topics" / "trade.yml").write_text(
        "id: trade\ntitle: Trade\nsummary: Trade.\nmatch:\n  entities: [nobody]\n  keywords: []\n")
    monkeypatch.setenv("BRIEFING_ROOT", str(root))
    monkeypatch.setattr(serve_hook, "_last_signature", None)
    with caplog.at_level(logging.INFO, logger="mkdocs.briefing"):
        serve_hook.on_pre_build(types.SimpleNamespace(config_file_path=str(root / "mkdocs.yml")))
    levels = {r.getMessage(): r.levelname for r in caplog.records}
    assert any("acme.yml" in m and lv == "ERROR" for m, lv in levels.items()), levels
    assert any("unknown entity 'nobody'" in m and lv == "WARNING" for m, lv in levels.items()), levels
    assert not any("warning:" in m and lv == "ERROR" for m, lv in levels.items()), levels
    assert any("1 error, 1 warning in content/" in m for m in levels), levels

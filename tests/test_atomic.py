"""Atomic work: content/ written by temp file + rename, site/ built aside and swapped in, a build killed at
any moment leaves content/ valid and the previous site/ whole, and a lock keeps two builds apart."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import ROOT, make_project

NEW_SEED = Path(__file__).resolve().parent / "bad_inputs" / "seeds" / "nested_quotes.txt"


def digest(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    return {p.relative_to(path).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(path.rglob("*")) if p.is_file()}


def env_for(cache: Path) -> dict:
    env = {**os.environ, "BRIEFING_CACHE_DIR": str(cache)}
    env.pop("BRIEFING_DEBUG", None)
    return env


def start_build(root: Path, cache: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "generator", "build", "--root", str(root), "--quiet"], cwd=ROOT,
                            env=env_for(cache), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def run_build(root: Path, cache: Path) -> subprocess.CompletedProcess:
    proc = start_build(root, cache)
    out, err = proc.communicate(timeout=600)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def content_problems(root: Path) -> list[str]:
    from generator.content.check import check_content
    from generator.records import Config

    problems, _, _ = check_content(root, Config())
    return [str(p) for p in problems.errors]


@pytest.fixture(scope="module")
def states(tmp_path_factory):
    """`before`: the two real seeds built; `after`: the same plus one new seed, built without interruption.
    Returns (before project dir, site digest before, site digest after, content digest after, cache,
    seconds an uninterrupted build of `after` takes with a warm cache, as the killed builds have)."""
    base = tmp_path_factory.mktemp("atomic")
    cache = base / "cache"
    before = make_project(base / "before")
    proc = run_build(before, cache)
    assert proc.returncode == 0, proc.stderr
    after = base / "after"
    shutil.copytree(before, after, symlinks=True)
    shutil.copy(NEW_SEED, after / "seeds" / NEW_SEED.name)
    proc = run_build(after, cache)
    assert proc.returncode == 0, proc.stderr
    assert digest(after / "site") != digest(before / "site")
    timing = base / "timing"
    shutil.copytree(before, timing, symlinks=True)
    shutil.copy(NEW_SEED, timing / "seeds" / NEW_SEED.name)
    t0 = time.monotonic()
    proc = run_build(timing, cache)
    seconds = time.monotonic() - t0
    assert proc.returncode == 0 and digest(timing / "site") == digest(after / "site")
    return before, digest(before / "site"), digest(after / "site"), digest(after / "content"), cache, seconds


def killed_copy(states, tmp_path: Path, when) -> tuple[Path, str]:
    """A copy of `before` with the new seed, whose build is killed (SIGKILL, main process only) when
    `when(root, elapsed)` says so. Returns the project and the build's output so far."""
    before, *_, cache, _ = states
    root = tmp_path / "proj"
    shutil.copytree(before, root, symlinks=True)
    shutil.copy(NEW_SEED, root / "seeds" / NEW_SEED.name)
    proc = start_build(root, cache)
    t0 = time.monotonic()
    while proc.poll() is None and not when(root, time.monotonic() - t0):
        time.sleep(0.01)
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    out, err = proc.communicate(timeout=60)
    return root, out + err


def assert_whole_and_recoverable(states, root: Path, output: str) -> None:
    before, site_before, site_after, content_after, cache, _ = states
    assert "Traceback" not in output
    # content/: every file still valid YAML that passes the schema; no editor-visible temp files
    assert content_problems(root) == []
    assert not [p for p in (root / "content").rglob("*") if p.is_file() and p.suffix not in (".yml", ".yaml")
                and not p.name.startswith(".")]
    # site/: exactly the previous site or exactly the new one, never a mixture or nothing
    now = digest(root / "site")
    assert now in (site_before, site_after), "site/ is neither the previous site nor the new one"
    # and the next build ends where an uninterrupted build would have
    proc = run_build(root, cache)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert digest(root / "site") == site_after
    assert digest(root / "content") == content_after
    assert not (root / "site.building").exists() and not (root / "site.previous").exists()
    assert not [p for d in ("content", "docs") for p in (root / d).rglob(".*.tmp")], "temporary files left behind"


@pytest.mark.parametrize("fraction", [0.6, 0.85, 0.95])
def test_killed_part_way(states, tmp_path, fraction):
    """Killed at a fraction of the time an uninterrupted build takes (extract, store, render, publish)."""
    root, output = killed_copy(states, tmp_path, lambda root, t: t >= fraction * states[-1])
    assert_whole_and_recoverable(states, root, output)


def test_killed_while_content_is_written(states, tmp_path):
    """Kill as soon as the build has started writing content/ (a new entity or record file appears)."""
    before = {p.name for p in (states[0] / "content").rglob("*.yml")}

    def writing(root, t):
        return any(p.name not in before for p in (root / "content").rglob("*"))
    root, output = killed_copy(states, tmp_path, writing)
    assert_whole_and_recoverable(states, root, output)


def test_killed_while_mkdocs_builds(states, tmp_path):
    """Kill while MkDocs is writing site.building/: site/ must be the previous one, untouched."""
    root, output = killed_copy(states, tmp_path, lambda root, t: (root / "site.building").is_dir())
    assert digest(root / "site") == states[1]
    time.sleep(0.5)  # the orphaned MkDocs (if any) would go on writing: it must have died with its parent
    assert_whole_and_recoverable(states, root, output)


def test_interrupted_with_ctrl_c_says_so(states, tmp_path):
    before, *_, cache, _ = states
    root = tmp_path / "proj"
    shutil.copytree(before, root, symlinks=True)
    shutil.copy(NEW_SEED, root / "seeds" / NEW_SEED.name)
    proc = start_build(root, cache)
    time.sleep(0.7 * states[-1])
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    if proc.returncode == 0:
        pytest.skip("the build finished before the interrupt")
    assert "Traceback" not in out + err
    assert proc.returncode == 130 and "interrupted" in err
    assert_whole_and_recoverable(states, root, out + err)


def test_two_builds_at_once(states, tmp_path):
    """Started together on one project: one builds, the other stops at once with a clear message."""
    before, *_, cache, _ = states
    root = tmp_path / "proj"
    shutil.copytree(before, root, symlinks=True)
    shutil.copy(NEW_SEED, root / "seeds" / NEW_SEED.name)
    procs = [start_build(root, cache) for _ in range(2)]
    results = [(p.wait(timeout=600), *p.communicate()) for p in procs]
    codes = sorted(rc for rc, _, _ in results)
    outputs = "\n".join(o + e for _, o, e in results)
    assert "Traceback" not in outputs
    assert codes in ([0, 0], [0, 1]), outputs
    if codes == [0, 1]:
        assert "another build of this project is running (pid" in outputs
    assert digest(root / "site") == states[2]
    assert digest(root / "content") == states[3]


def test_lock_held_elsewhere_stops_a_build_cleanly(states, tmp_path):
    from generator.lock import build_lock

    before, site_before, *_, cache, _ = states
    root = tmp_path / "proj"
    shutil.copytree(before, root, symlinks=True)
    shutil.copy(NEW_SEED, root / "seeds" / NEW_SEED.name)
    with build_lock(root):
        proc = run_build(root, cache)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1 and "Traceback" not in out
    assert f"another build of this project is running (pid {os.getpid()}" in out
    assert digest(root / "site") == site_before


def test_lock_is_released_when_its_holder_dies(tmp_path):
    from generator.lock import BuildLocked, build_lock

    code = ("import sys, time; from pathlib import Path; from generator.lock import build_lock\n"
            "with build_lock(Path(sys.argv[1])):\n    print('held', flush=True); time.sleep(60)\n")
    holder = subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    with pytest.raises(BuildLocked, match=r"pid \d+, started"):
        with build_lock(tmp_path):
            pass
    holder.kill()
    holder.wait()
    with build_lock(tmp_path, wait=5):
        pass


def test_lock_is_reentrant_in_one_thread_and_per_project(tmp_path):
    from generator.lock import build_lock

    with build_lock(tmp_path / "a"):
        with build_lock(tmp_path / "a"):  # a build inside a build (e.g. a hook) does not deadlock
            pass
        with build_lock(tmp_path / "b"):  # another project is not blocked
            pass


def test_atomic_write_leaves_the_old_file_when_interrupted(tmp_path, monkeypatch):
    from generator import yamlio

    path = tmp_path / "x.yml"
    path.write_text("id: old\n", encoding="utf-8")

    def boom(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(yamlio.os, "replace", boom)
    with pytest.raises(KeyboardInterrupt):
        yamlio.atomic_write_text(path, "id: new\n")
    assert path.read_text(encoding="utf-8") == "id: old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.yml"]  # no temp file left behind


def test_half_done_swap_is_repaired(tmp_path):
    """Without renameat2 the swap is two renames; a build killed between them leaves site/ missing and
    site.previous/ whole: the next publish puts it back before doing anything else."""
    from generator.site.publish import recover, swap_in

    site = tmp_path / "site"
    (tmp_path / "site.previous").mkdir()
    (tmp_path / "site.previous" / "index.html").write_text("old", encoding="utf-8")
    recover(site)
    assert (site / "index.html").read_text(encoding="utf-8") == "old"
    new = tmp_path / "site.building"
    new.mkdir()
    (new / "index.html").write_text("new", encoding="utf-8")
    swap_in(new, site)
    assert (site / "index.html").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_swap_without_renameat2(tmp_path, monkeypatch):
    from generator.site import publish

    monkeypatch.setattr(publish, "exchange", lambda a, b: False)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old", encoding="utf-8")
    new = tmp_path / "site.building"
    new.mkdir()
    (new / "index.html").write_text("new", encoding="utf-8")
    publish.swap_in(new, site)
    assert (site / "index.html").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_sweep_removes_only_our_temporary_files(tmp_path):
    from generator import yamlio

    (tmp_path / "articles").mkdir()
    ours = tmp_path / "articles" / ".x.yml.k2j_9abc.tmp"
    ours.write_text("half a file", encoding="utf-8")
    theirs = [tmp_path / "articles" / "notes.tmp", tmp_path / "articles" / ".editor-swap.tmp"]
    for p in theirs:
        p.write_text("keep", encoding="utf-8")
    assert yamlio.sweep_temp_files(tmp_path) == 1
    assert not ours.exists() and all(p.exists() for p in theirs)

"""Publish: MkDocs into a directory beside site/, then swap it in; only the changed pages are rendered.

The directory aside starts as a hard-linked copy of site/ when the state holds the manifest of what site/
was built from (made while the builder starts: it waits for the copy before it touches the directory);
generator/site/incremental.py then renders only the pages whose Markdown changed (and
those linking to pages that appeared or went away), or everything when the configuration, theme, tools
or navigation changed. The result is byte-identical to a full build (tests/site/test_incremental_publish.py).

A build that fails or is killed leaves the previous site/ whole:
- MkDocs writes into site.building/ (removed first, so a killed build's leftovers never mix in); the
  MkDocs process is killed with its parent (PR_SET_PDEATHSIG), so an orphan never writes there later.
- The swap is one atomic renameat2(RENAME_EXCHANGE) where the kernel and file system offer it. Otherwise
  it is two renames (site -> site.previous, site.building -> site); a build killed between them is
  repaired by the next one, which moves site.previous back before doing anything else.
"""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from generator import layout
from generator.errors import BriefingError
from generator.site import indexer

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_PR_SET_PDEATHSIG = 1

_libc: ctypes.CDLL | None
try:
    _libc = ctypes.CDLL(None, use_errno=True)
except OSError:  # pragma: no cover - not a POSIX libc
    _libc = None


def _die_with_parent() -> None:  # runs in the child between fork and exec
    if _libc is not None and hasattr(_libc, "prctl"):
        _libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def exchange(a: Path, b: Path) -> bool:
    """Atomically swap two directories; False when the system cannot (then nothing was changed)."""
    fn = getattr(_libc, "renameat2", None) if _libc is not None else None
    if fn is None:
        return False
    rc = fn(_AT_FDCWD, os.fsencode(str(a)), _AT_FDCWD, os.fsencode(str(b)), _RENAME_EXCHANGE)
    return rc == 0


def recover(site_dir: Path) -> None:
    """Undo a swap that a killed build left half done: site/ missing but site.previous/ whole."""
    old = site_dir.with_name(site_dir.name + ".previous")
    if not site_dir.exists() and old.is_dir():
        old.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
    for trash in site_dir.parent.glob(f"{site_dir.name}.building.discard-*"):  # a removal that was cut short
        if not _pid_alive(trash.name.rsplit("-", 2)[-2]):
            shutil.rmtree(trash, ignore_errors=True)


def _pid_alive(pid: str) -> bool:
    try:
        os.kill(int(pid), 0)
        return True
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True


def discard_later(path: Path) -> None:
    """Remove a directory after this build has returned: renamed aside at once, deleted by a detached
    `rm -rf` (20,000 unlinks took 15 s on a busy disk, after the new site was already served). A removal
    that did not finish is completed by the next build (recover)."""
    trash = path.with_name(f"{path.name}.discard-{os.getpid()}-{time.monotonic_ns()}")
    try:
        path.rename(trash)
        subprocess.Popen(["rm", "-rf", "--", str(trash)], start_new_session=True, stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError:
        shutil.rmtree(trash if trash.exists() else path, ignore_errors=True)


def swap_in(new: Path, site_dir: Path, discard=None) -> None:
    old = site_dir.with_name(site_dir.name + ".previous")
    if site_dir.is_dir() and exchange(new, site_dir):
        (discard or (lambda p: shutil.rmtree(p, ignore_errors=True)))(new)  # it now holds the previous site
        return
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    new.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)


def link_tree(src: Path, dst: Path) -> None:
    """dst as a copy of src made of hard links (a second or two for a site of 20,000 files; no data is
    copied). Whatever then writes into dst must unlink a file first: incremental.guard_writes does.

    Names are linked relative to open directory descriptors (os.scandir on a descriptor, os.link with
    src_dir_fd/dst_dir_fd): no path is joined in Python or resolved again by the kernel for each of
    the 21,000 files of a large site. A symbolic link is linked as itself, as os.link(follow_symlinks=False)."""
    os.makedirs(dst, exist_ok=True)
    src_fd = os.open(src, os.O_RDONLY | os.O_DIRECTORY)
    try:
        dst_fd = os.open(dst, os.O_RDONLY | os.O_DIRECTORY)
        try:
            _link_dir(src_fd, dst_fd)
        finally:
            os.close(dst_fd)
    finally:
        os.close(src_fd)


def _link_dir(src_fd: int, dst_fd: int) -> None:
    subdirs = []
    with os.scandir(src_fd) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                subdirs.append(entry.name)
            else:
                os.link(entry.name, entry.name, src_dir_fd=src_fd, dst_dir_fd=dst_fd, follow_symlinks=False)
    for name in subdirs:
        try:
            os.mkdir(name, dir_fd=dst_fd)
        except FileExistsError:
            pass
        sub_src = os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=src_fd)
        try:
            sub_dst = os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=dst_fd)
            try:
                _link_dir(sub_src, sub_dst)
            finally:
                os.close(sub_dst)
        finally:
            os.close(sub_src)


def _log_problems(log: str) -> str:
    """The builder's log without its INFO and DEBUG records (a record's indented lines go with it): the
    warnings that failed a strict build, an error, or a traceback."""
    kept, keep = [], True
    for line in log.splitlines():
        level = line.split(" ", 1)[0]
        if level in ("INFO", "DEBUG", "WARNING", "ERROR", "CRITICAL") and line[len(level):].lstrip().startswith("-"):
            keep = level not in ("INFO", "DEBUG")
        elif not line.startswith((" ", "\t")):
            keep = True
        if keep:
            kept.append(line)
    return "\n".join(kept)


@dataclass(frozen=True)
class DeferredIndex:
    """A search index made after the swap when it can be (generator/site/indexer.py): `command` indexes
    site/ into indexer.OUT; `index_now(tmp)` indexes the directory aside before the swap, which is what
    happens after a full MkDocs build or when site/ has no index to serve meanwhile."""

    root: Path
    state: Path
    command: list[str]
    index_now: Callable[[Path], None]


def build_site(root: Path, site_dir: Path, strict: bool = True, config_file: Path | None = None,
               after_build=None, manifest: Path | None = None, deferred: DeferredIndex | None = None) -> dict:
    """MkDocs (of `config_file`, default mkdocs.yml) into a directory aside, `after_build(tmp)`, then the swap.

    With `manifest` (what the current site/ was built from), the build is incremental: the directory
    aside starts as a hard-linked copy of site/ and only the pages that changed are rendered into it
    (generator/site/incremental.py says which; the result is what a full build gives). With `deferred`,
    an incremental build keeps the previous search index and swaps in at once; the index is rebuilt in
    the background. Returns the builder's figures: {"full": bool, "rendered": pages rendered, "pages":
    pages, "search": "background" when the index is being rebuilt, "seconds": {step: seconds}}.
    """
    layout.guard_output(site_dir, "site_dir")  # the swap below replaces site/ whole: only ever a built one
    clock = _Clock()
    recover(site_dir)
    tmp = site_dir.with_name(site_dir.name + ".building")
    shutil.rmtree(tmp, ignore_errors=True)
    previous = manifest if manifest is not None and manifest.is_file() and (site_dir / "index.html").is_file() \
        else None
    new_manifest = (manifest or tmp.with_name(tmp.name + ".manifest")).with_suffix(".new")
    new_manifest.unlink(missing_ok=True)
    tmp.mkdir(parents=True, exist_ok=True)
    # run by path: the builder imports only MkDocs, and this copy of it is the one meant
    cmd = [sys.executable, str(Path(__file__).with_name("incremental.py")), "--config",
           str(config_file or root / "mkdocs.yml"), "--site", str(tmp), "--manifest", str(new_manifest)]
    # never --quiet with --strict: it raises MkDocs' log level above the warnings strict mode counts, so a
    # broken link would pass (mkdocs issue #4126). The log is captured here and shown only if the build fails.
    cmd.append("--strict" if strict else "--quiet")
    if previous is not None:  # the copy is made while the builder starts (imports, configuration, manifest)
        cmd += ["--previous", str(previous), "--copy-on-stdin"]
    if manifest is not None:  # the theme's templates compiled once (Jinja checks each against its source)
        import jinja2

        cmd += ["--bytecode-cache", str(manifest.parent / f"templates-jinja-{jinja2.__version__}-{sys.version_info[0]}"
                                      f"{sys.version_info[1]}")]
    proc = subprocess.Popen(cmd, cwd=root, stdin=subprocess.PIPE if previous is not None else subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=_die_with_parent if os.name == "posix" else None)
    try:
        if previous is not None:
            _copy_for(proc, site_dir, tmp)
        clock.lap("copy")
        stdout, stderr = proc.communicate()
    except BaseException:
        proc.kill()
        proc.wait()
        shutil.rmtree(tmp, ignore_errors=True)
        new_manifest.unlink(missing_ok=True)
        raise
    if proc.returncode != 0:
        shutil.rmtree(tmp, ignore_errors=True)
        new_manifest.unlink(missing_ok=True)
        raise BriefingError("mkdocs build failed; the previous site/ is untouched:\n"
                            + (_log_problems(stderr) or stdout).strip())
    try:
        figures = json.loads(stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        figures = {}
    clock.lap("mkdocs")
    later = deferred is not None and figures.get("full") is False and indexer.has_index(tmp) \
        and indexer.has_index(site_dir)
    try:
        if deferred is not None and not later:
            deferred.index_now(tmp)
        if after_build is not None:
            after_build(tmp)
        clock.lap("search")  # or whatever after_build does
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        new_manifest.unlink(missing_ok=True)
        raise
    layout.write_marker(tmp)
    if later:  # before the swap: a build killed right after it leaves the index known to be stale
        assert deferred is not None
        indexer.pending_file(deferred.state).write_text("site/pagefind/ is an older site's index\n")
    swap_in(tmp, site_dir, discard=discard_later)
    if manifest is not None:
        # after the swap: a build killed in between leaves the older manifest, whose differences to docs/
        # are a superset of the true ones (pages are rendered again, never missed)
        os.replace(new_manifest, manifest)
    else:
        new_manifest.unlink(missing_ok=True)
    clock.lap("swap")
    if later:
        assert deferred is not None
        indexer.start(deferred.root, site_dir, deferred.state, deferred.command)
        figures["search"] = "background"
        clock.lap("search start")
    figures["seconds"] = clock.laps
    return figures


def _copy_for(proc: subprocess.Popen, site_dir: Path, tmp: Path) -> None:
    """The hard-linked copy of site/ into tmp, then a word to the builder waiting for it: `copied`, or
    `full` when this file system has no hard links (tmp is emptied: the builder makes a full build)."""
    try:
        link_tree(site_dir, tmp)
        word = "copied\n"
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True, exist_ok=True)
        word = "full\n"
    assert proc.stdin is not None
    try:
        proc.stdin.write(word)
        proc.stdin.close()
    except BrokenPipeError:  # the builder has already stopped: its exit status says why
        pass
    proc.stdin = None  # closed: communicate() has nothing more to send


class _Clock:
    """Seconds per step of a publish, for the build report and the benchmark."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._t = time.perf_counter()

    def lap(self, step: str) -> None:
        now = time.perf_counter()
        self.laps[step] = round(self.laps.get(step, 0.0) + now - self._t, 3)
        self._t = now

"""Pagefind in the background: the new site is swapped in with the previous search index, which is served
until a detached indexer has written the new index aside and swapped it in.

The `search_index` setting says which: `wait` indexes before the swap (the build returns with the final
site), `background` after it; `auto` is background for a build started at a terminal and wait otherwise
(CI, scripts, tests: whoever copies site/ away right after the build gets the final index). A first build,
a full MkDocs build and a site without an index always wait: there is no index to serve meanwhile.

The protocol (paths under the project):
- `.cache/search-index.lock`: an flock held by the indexer for its whole life. The build that starts it
  locks the file and hands the locked descriptor to the child (the lock belongs to the open file), so no
  indexer ever runs unlocked. The file names the indexer's pid.
- `.cache/state/search-index.pending`: written before the swap, removed by the indexer after its swap.
  Present while no indexer holds the lock: site/pagefind/ is an older site's index (an indexer was
  killed): the next build indexes again, even one that finds nothing else to do.
- The indexer writes into `site.building.search-<pid>/` beside site/ (Pagefind never reads its own
  output), then exchanges it with site/pagefind/ in one rename (renameat2 RENAME_EXCHANGE) and deletes the
  old index: site/pagefind/ is always one whole index, the old or the new.
- A build supersedes a running indexer before it reads or replaces site/ (SIGTERM to the indexer's
  process group, then it takes the lock: the kernel drops it when the indexer is dead, however it died),
  so the site an indexer reads never changes under it. Its half-written output is deleted.
- `wait` blocks until no indexer runs, then indexes in the foreground if the index is still pending.

When a build runs the indexer, this file is run by path (`python indexer.py ...`): it imports only the
standard library, like incremental.py.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: no background indexing
    fcntl = None  # type: ignore[assignment]

OUT = "{out}"  # in the indexing command: the directory it must write the index into
SUBDIR = "pagefind"
PENDING = "search-index.pending"


def policy(setting: str) -> str:
    """`wait` or `background` for the `search_index` setting (auto: background only at a terminal, not in CI)."""
    if setting in ("wait", "background"):
        return setting
    interactive = sys.stdout is not None and sys.stdout.isatty()
    return "background" if interactive and not os.environ.get("CI") else "wait"


def lock_file(root: Path) -> Path:
    return Path(root) / ".cache" / "search-index.lock"


def pending_file(state: Path) -> Path:
    return Path(state) / PENDING


def has_index(site: Path) -> bool:
    return (Path(site) / SUBDIR / "pagefind-entry.json").is_file()


def _open_lock(root: Path) -> int:
    path = lock_file(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)


def _try_lock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def running(root: Path) -> bool:
    """True while an indexer of this project holds its lock."""
    if fcntl is None:  # pragma: no cover
        return False
    fd = _open_lock(root)
    try:
        return not _try_lock(fd)
    finally:
        os.close(fd)


def supersede(root: Path, site: Path, grace: float = 10.0) -> bool:
    """Stop a running indexer (its work is for a site about to be replaced) and delete what it left aside.
    True when one was running. Call it holding the build lock, before site/ is read or replaced."""
    if fcntl is None:  # pragma: no cover
        return False
    fd = _open_lock(root)
    try:
        was_running = not _try_lock(fd)
        if was_running:
            pid = _holder_pid(fd)
            if pid:
                _signal_group(pid, signal.SIGTERM)
            deadline = time.monotonic() + grace
            while not _try_lock(fd):
                if time.monotonic() >= deadline and pid:
                    _signal_group(pid, signal.SIGKILL)
                    deadline = float("inf")
                time.sleep(0.02)
        _sweep(site)
        return was_running
    finally:
        os.close(fd)


def _holder_pid(fd: int) -> int:
    try:
        return int(os.pread(fd, 32, 0).decode("ascii", "replace").split()[0])
    except (OSError, ValueError, IndexError):
        return 0


def _signal_group(pid: int, sig: int) -> None:
    try:
        os.killpg(pid, sig)  # the indexer leads its own session: Pagefind goes with it
    except (ProcessLookupError, PermissionError):
        pass


def _sweep(site: Path) -> None:
    """Output of indexers that are gone (called with the lock held: none is running)."""
    for aside in Path(site).parent.glob(f"{Path(site).name}.building.search-*"):
        shutil.rmtree(aside, ignore_errors=True)


def start(root: Path, site: Path, state: Path, command: list[str]) -> int:
    """Run the indexer detached; returns its pid. `command` writes a Pagefind index of site/ into OUT."""
    fd = _open_lock(root)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # free: the build superseded any indexer before replacing site/
        _sweep(site)  # what a killed one left
        log = open(Path(state) / "search-index.log", "wb")
        try:
            proc = subprocess.Popen(
                [sys.executable, os.path.abspath(__file__), "--lock-fd", str(fd), "--site", str(site),
                 "--pending", str(pending_file(state)), "--", *command],
                pass_fds=(fd,), start_new_session=True, stdin=subprocess.DEVNULL, stdout=log,
                stderr=subprocess.STDOUT)
        finally:
            log.close()
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{proc.pid} search indexer of {site}\n".encode(), 0)
        return proc.pid
    finally:
        os.close(fd)  # the child holds the lock through its own copy of the descriptor


def wait(root: Path, site: Path, state: Path, command: list[str]) -> bool:
    """Block until no indexer runs; then, if site/'s index is still pending, index in the foreground.
    True when this call indexed."""
    if fcntl is None:  # pragma: no cover
        return False
    fd = _open_lock(root)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        _sweep(site)
        if not pending_file(state).exists() or not (Path(site) / "index.html").is_file():
            return False
        index_aside(Path(site), command, pending_file(state))
        return True
    finally:
        os.close(fd)


def resume(root: Path, site: Path, state: Path, command: list[str], how: str) -> None:
    """After a build that did not replace site/: finish a pending index (an indexer was killed)."""
    if how == "wait":
        wait(root, site, state, command)
    elif pending_file(state).exists() and not running(root) and (Path(site) / "index.html").is_file():
        start(root, site, state, command)


# ----------------------------------------------------------------------------- the indexer itself

def index_aside(site: Path, command: list[str], pending: Path) -> None:
    """Index site/ into a directory beside it, swap that in for site/pagefind/, drop the old index."""
    out = site.with_name(f"{site.name}.building.search-{os.getpid()}")
    shutil.rmtree(out, ignore_errors=True)
    proc = subprocess.run([str(out) if arg == OUT else arg for arg in command], capture_output=True, text=True,
                          preexec_fn=_die_with_parent if os.name == "posix" else None)
    if proc.returncode != 0 or not (out / "pagefind-entry.json").is_file():
        shutil.rmtree(out, ignore_errors=True)
        raise RuntimeError("pagefind failed; site/ keeps its previous index:\n" + (proc.stderr or proc.stdout))
    target = site / SUBDIR
    if not (target.is_dir() and _exchange(out, target)):
        old = out.with_name(out.name + ".old")
        if target.exists():
            target.rename(old)
        out.rename(target)
        out = old
    shutil.rmtree(out, ignore_errors=True)  # the old index
    pending.unlink(missing_ok=True)


_PR_SET_PDEATHSIG = 1
_libc: ctypes.CDLL | None
try:
    _libc = ctypes.CDLL(None, use_errno=True)
except OSError:  # pragma: no cover
    _libc = None


def _die_with_parent() -> None:
    if _libc is not None and hasattr(_libc, "prctl"):
        _libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def _exchange(a: Path, b: Path) -> bool:
    """renameat2(RENAME_EXCHANGE), as publish.exchange (this file imports nothing of the package)."""
    fn = getattr(_libc, "renameat2", None) if _libc is not None else None
    return fn is not None and fn(-100, os.fsencode(str(a)), -100, os.fsencode(str(b)), 2) == 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="index a built site aside, then swap the index in")
    ap.add_argument("--lock-fd", type=int, required=True)
    ap.add_argument("--site", type=Path, required=True)
    ap.add_argument("--pending", type=Path, required=True)
    ap.add_argument("command", nargs=argparse.REMAINDER)
    args = ap.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    try:
        os.nice(5)  # the editor's next build comes first
    except OSError:
        pass
    try:
        index_aside(args.site, command, args.pending)
    except (OSError, RuntimeError) as exc:
        print(exc, file=sys.stderr)
        return 1
    finally:
        os.close(args.lock_fd)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""One build at a time per project: an exclusive `flock` on <project>/.cache/build.lock.

The kernel releases the lock when the holding process ends, however it ends (even `kill -9`), so a
crashed build never leaves a stale lock behind. The file names the holder (pid, start time) for the
message a second build prints. The lock sits in the project, beside what it protects (content/, docs/,
site/), not in `cache_dir`: two builds of one project with different cache settings still exclude each
other, and projects sharing a cache directory do not block each other.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from generator.errors import BriefingError

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: no locking, builds must not overlap
    fcntl = None  # type: ignore[assignment]


class BuildLocked(BriefingError):
    """Another build of the same project holds the lock."""


_held: dict[tuple[str, int], int] = {}  # (lock path, thread) -> depth: a build inside a build does not deadlock
_guard = threading.Lock()


def lock_path(root: Path) -> Path:
    return Path(root).resolve() / ".cache" / "build.lock"


@contextmanager
def build_lock(root: Path, wait: float = 0.0) -> Iterator[Path]:
    """Hold the project's build lock for the duration of the block; raise BuildLocked if another
    process holds it for more than `wait` seconds."""
    path = lock_path(root)
    key = (str(path), threading.get_ident())
    with _guard:
        if _held.get(key):
            _held[key] += 1
            reentered = True
        else:
            reentered = False
    if reentered:
        try:
            yield path
        finally:
            with _guard:
                _held[key] -= 1
        return
    if fcntl is None:  # pragma: no cover
        yield path
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise BriefingError(f"cannot create the build lock {path}: {exc.strerror}; "
                            "check that the project directory is writable") from None
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise BuildLocked(f"another build of this project is running ({_holder(fd)}); "
                                      f"wait for it to finish and run the build again (lock: {path})") from None
                time.sleep(0.1)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}, started {dt.datetime.now().isoformat(timespec='seconds')}\n"
                  .encode(), 0)
        with _guard:
            _held[key] = 1
        try:
            yield path
        finally:
            with _guard:
                _held.pop(key, None)
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _holder(fd: int) -> str:
    try:
        text = os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
    except OSError:
        text = ""
    return text or "holder unknown"

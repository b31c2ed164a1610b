"""Work done in a forked child process while this one goes on with other work (the machine's second core).

`Forked(work)` forks; the child runs `work(done)` and exits, the parent goes on at once. `work` calls
`done()` when the result it leaves (a file: the child's memory is its own) is complete; what it does after
(saving a cache) may still run while the parent reads the result. `wait()` (parent) returns True once
`done()` was called, False when the child failed, exited without it, or took longer than `timeout`
seconds (it is then killed). `close()` reaps the child (killing it after `timeout`). The caller always has
a way to do the work itself: a child can only save time, never decide a result.

Where there is no fork (not POSIX) or it fails, Forked starts nothing and `wait()` is False. The child
never returns into the caller's code: it leaves with os._exit, without atexit handlers or flushing the
parent's buffered output, and it is killed if the parent dies first (Linux prctl PR_SET_PDEATHSIG).
"""

from __future__ import annotations

import gc
import os
import select
import signal
import time
from typing import Any, Callable, Optional

DONE = b"1"


def _die_with_parent() -> None:
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: a child left behind finishes its file and exits


def _quiet() -> None:
    """The child never writes to the parent's terminal: another thread of the parent (the progress spinner)
    may have held the lock of sys.stderr's buffer at the fork, and a write through it would wait forever."""
    import sys
    import warnings

    warnings.simplefilter("ignore")
    sys.stdout = sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - the child's until it exits


class Forked:
    def __init__(self, work: Callable[[Callable[[], Any]], Any], timeout: float = 600.0):
        self.timeout = timeout
        self.pid: Optional[int] = None
        self._read: Optional[int] = None
        self._ok: Optional[bool] = None
        if not hasattr(os, "fork"):
            return
        parent = os.getpid()
        r, w = os.pipe()
        freeze = gc.get_freeze_count() == 0  # else the caller froze them (render.py) and unfreezes them
        if freeze:
            gc.freeze()  # the objects made so far stay out of the child's collections: fewer pages copied
        try:
            pid = os.fork()
        except OSError:
            os.close(r)
            os.close(w)
            return
        finally:
            if freeze and os.getpid() == parent:
                gc.unfreeze()
        if pid == 0:  # the child: never returns from here
            code = 1
            try:
                os.close(r)
                _die_with_parent()
                _quiet()
                work(lambda: os.write(w, DONE))
                code = 0
            except BaseException:  # noqa: BLE001 - any failure is the parent's to handle (it does the work)
                pass
            finally:
                os._exit(code)
        os.close(w)
        self.pid, self._read = pid, r

    def wait(self) -> bool:
        """True when the child called done(); False when it failed, or did not within `timeout` (killed)."""
        if self._ok is not None:
            return self._ok
        self._ok = False
        if self._read is None:
            return False
        try:
            ready, _, _ = select.select([self._read], [], [], self.timeout)
            self._ok = bool(ready) and os.read(self._read, 1) == DONE
        except (OSError, ValueError):
            self._ok = False
        finally:
            os.close(self._read)
            self._read = None
        if not self._ok:
            self.close(kill=True)
        return self._ok

    def close(self, kill: bool = False) -> None:
        """Reap the child: wait for its exit (what it does after done(), for up to `timeout`), else kill it."""
        pid, self.pid = self.pid, None
        if pid is None:
            return
        if self._read is not None:
            os.close(self._read)
            self._read = None
            self._ok = False
        try:
            if not kill:
                end = time.monotonic() + self.timeout
                while time.monotonic() < end:
                    if os.waitpid(pid, os.WNOHANG)[0] == pid:
                        return
                    time.sleep(0.01)
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (ChildProcessError, ProcessLookupError, OSError):
            pass  # already reaped or gone

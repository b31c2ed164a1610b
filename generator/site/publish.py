"""Publish: `mkdocs build --strict` into a fresh directory beside site/, then swap it in.

A build that fails or is killed leaves the previous site/ whole:
- MkDocs writes into site.building/ (removed first, so a killed build's leftovers never mix in); the
  MkDocs process is killed with its parent (PR_SET_PDEATHSIG), so an orphan never writes there later.
- The swap is one atomic renameat2(RENAME_EXCHANGE) where the kernel and file system offer it. Otherwise
  it is two renames (site -> site.previous, site.building -> site); a build killed between them is
  repaired by the next one, which moves site.previous back before doing anything else.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from generator import layout
from generator.errors import BriefingError

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_PR_SET_PDEATHSIG = 1

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


def swap_in(new: Path, site_dir: Path) -> None:
    old = site_dir.with_name(site_dir.name + ".previous")
    if site_dir.is_dir() and exchange(new, site_dir):
        shutil.rmtree(new, ignore_errors=True)  # it now holds the previous site
        return
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    new.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)


def build_site(root: Path, site_dir: Path, strict: bool = True, config_file: Path | None = None,
               after_build=None) -> None:
    """mkdocs build (of `config_file`, default mkdocs.yml) aside; `after_build(tmp)` runs before the swap."""
    layout.guard_output(site_dir, "site_dir")  # the swap below replaces site/ whole: only ever a built one
    recover(site_dir)
    tmp = site_dir.with_name(site_dir.name + ".building")
    shutil.rmtree(tmp, ignore_errors=True)
    cmd = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--clean", "-f", str(config_file or root / "mkdocs.yml"),
           "-d", str(tmp)]
    if strict:
        cmd.insert(4, "--strict")
    proc = subprocess.run(cmd, cwd=root, capture_output=True, text=True,
                          preexec_fn=_die_with_parent if os.name == "posix" else None)
    if proc.returncode != 0:
        shutil.rmtree(tmp, ignore_errors=True)
        raise BriefingError("mkdocs build failed; the previous site/ is untouched:\n"
                            + (proc.stderr or proc.stdout).strip())
    if after_build is not None:
        try:
            after_build(tmp)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    layout.write_marker(tmp)
    swap_in(tmp, site_dir)

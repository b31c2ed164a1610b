"""Publish: `mkdocs build --strict` into a fresh directory beside site/, then swap it in.

A build that fails or is killed leaves the previous site/ whole.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from generator.errors import BriefingError


def build_site(root: Path, site_dir: Path, strict: bool = True) -> None:
    tmp = site_dir.with_name(site_dir.name + ".building")
    old = site_dir.with_name(site_dir.name + ".previous")
    shutil.rmtree(tmp, ignore_errors=True)
    cmd = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--clean", "-f", str(root / "mkdocs.yml"),
           "-d", str(tmp)]
    if strict:
        cmd.insert(4, "--strict")
    proc = subprocess.run(cmd, cwd=root, capture_output=True, text=True)
    if proc.returncode != 0:
        shutil.rmtree(tmp, ignore_errors=True)
        raise BriefingError("mkdocs build failed; the previous site/ is untouched:\n"
                            + (proc.stderr or proc.stdout).strip())
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    tmp.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)

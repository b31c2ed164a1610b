"""Stamps: what a build or a published site was made from, by file stat (nothing is parsed).

Every stamp is a `files_digest`: the stat (path, size, mtime) of every file under some folders plus a few strings.
inputs_stamp: seeds, content, templates, configs, the generator's code, the model and settings. A build
whose inputs carry the stamp of the last successful build has nothing to do.
site_stamp: docs/, mkdocs.yml and the tool versions. site/ built from the same stamp needs no MkDocs run.
The pipeline's canon stamp and the live preview's input stamp are made the same way.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

from generator.extract import model as nlpmod
from generator.records import Config


def state_dir(root: Path) -> Path:
    """What this project's last build made (stamps, the record memo), kept in the project like the build
    lock: the extraction cache (cache_dir) may be shared by several projects, this state may not."""
    return root / ".cache" / "state"


def files_with_stat(base: Path) -> list[tuple[str, os.stat_result]]:
    """Every file under base as (path, stat), sorted by path; strings, not Path objects: tens of thousands
    of files are walked on every build."""
    out = []
    for dirpath, _, filenames in os.walk(base):
        for name in filenames:
            path = os.path.join(dirpath, name)
            try:
                out.append((path, os.stat(path)))
            except OSError:
                continue  # removed while walking
    return sorted(out, key=lambda item: item[0])


def files_digest(bases: list[Path], extra: Sequence[str] = (), relative: bool = False,
                 skip: str | None = None) -> str:
    """One hash over the stat of every file under `bases` (paths relative to each base when `relative`,
    files whose path contains `skip` left out) and the strings in `extra`."""
    h = hashlib.sha256()
    for text in extra:
        h.update(text.encode() + b"\0")
    for base in bases:
        for path, st in files_with_stat(base):
            if skip is not None and skip in path:
                continue
            name = os.path.relpath(path, base) if relative else path
            h.update(f"{name}:{st.st_size}:{st.st_mtime_ns};".encode())
    return h.hexdigest()


def inputs_stamp(root: Path, cfg: Config) -> str:
    """Everything a build reads, by file stat (no parsing): seeds, content, templates, configs, the
    generator's own code, the model and the BRIEFING_* settings. Same stamp: same site. (search_index is
    left out: it says when the search index is made, never what the site holds.)"""
    import generator

    files = [(root / name).read_bytes().hex() if (root / name).exists() else "-"
             for name in ("briefing.yml", "mkdocs.yml")]
    return files_digest([root / cfg.seeds_dir, root / cfg.content_dir, root / "templates",
                         Path(generator.__file__).parent],
                        extra=[repr(sorted(cfg.model_dump(exclude={"search_index"}).items())),
                               nlpmod.model_fingerprint(cfg.model), *files,
                               str((root / cfg.site_dir / "index.html").exists())],
                        skip="__pycache__")


def last_build(root: Path, cfg: Config) -> dict | None:
    try:
        return json.loads((state_dir(root) / "last-build.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def site_stamp(root: Path, cfg: Config, mode: str) -> str:
    """What the published site was built from: docs/ (paths, sizes, mtimes), mkdocs.yml and tool versions."""
    versions = []
    for dist in ("mkdocs", "mkdocs-material", "pagefind"):
        try:
            versions.append(f"{dist}={metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            pass
    config = (root / "mkdocs.yml").read_bytes().hex() if (root / "mkdocs.yml").exists() else ""
    return files_digest([root / cfg.docs_dir], extra=[config, *versions, mode], relative=True)

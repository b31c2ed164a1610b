"""Stamps: what a build or a published site was made from, by file stat (nothing is parsed).

inputs_stamp: seeds, content, templates, configs, the generator's code, the model and settings. A build
whose inputs carry the stamp of the last successful build has nothing to do.
site_stamp: docs/, mkdocs.yml and the tool versions. site/ built from the same stamp needs no MkDocs run.
"""

from __future__ import annotations

import hashlib
import json
import os
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


def inputs_stamp(root: Path, cfg: Config) -> str:
    """Everything a build reads, by file stat (no parsing): seeds, content, templates, configs, the
    generator's own code, the model and the BRIEFING_* settings. Same stamp: same site."""
    import generator

    h = hashlib.sha256()
    h.update(repr(sorted(cfg.model_dump().items())).encode())
    h.update(nlpmod.model_fingerprint(cfg.model).encode())
    for base in (root / cfg.seeds_dir, root / cfg.content_dir, root / "templates", Path(generator.__file__).parent):
        for path, st in files_with_stat(base):
            if "__pycache__" not in path:
                h.update(f"{path}:{st.st_size}:{st.st_mtime_ns};".encode())
    for name in ("briefing.yml", "mkdocs.yml"):
        path = root / name
        h.update(path.read_bytes() if path.exists() else b"-")
    site_index = root / cfg.site_dir / "index.html"
    h.update(str(site_index.exists()).encode())
    return h.hexdigest()


def last_build(root: Path, cfg: Config) -> dict | None:
    try:
        return json.loads((state_dir(root) / "last-build.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def site_stamp(root: Path, cfg: Config, mode: str) -> str:
    """What the published site was built from: docs/ (paths, sizes, mtimes), mkdocs.yml and tool versions."""
    h = hashlib.sha256()
    h.update((root / "mkdocs.yml").read_bytes() if (root / "mkdocs.yml").exists() else b"")
    for dist in ("mkdocs", "mkdocs-material", "pagefind"):
        try:
            h.update(f"{dist}={metadata.version(dist)};".encode())
        except metadata.PackageNotFoundError:
            pass
    h.update(mode.encode())
    docs = root / cfg.docs_dir
    for path, st in files_with_stat(docs):
        h.update(f"{os.path.relpath(path, docs)}:{st.st_size}:{st.st_mtime_ns};".encode())
    return h.hexdigest()

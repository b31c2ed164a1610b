"""MkDocs hook used only by `generator serve`: re-run the briefing pipeline before each rebuild.

MkDocs' live-reload server watches content/, seeds/ and templates/ and calls on_pre_build. Invalid
content is reported with the editor-facing messages and nothing is regenerated, so the server keeps
serving the last good site (raising would make MkDocs' server hold every request until fixed).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.exceptions import Abort

log = logging.getLogger("mkdocs.briefing")
_last_signature: tuple | None = None


def _signature(root: Path) -> tuple:
    items = []
    for sub in ("content", "seeds", "templates", "briefing.yml"):
        path = root / sub
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file()) if path.exists() else []
        items.extend((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files)
    return tuple(items)


def on_serve(server, config, builder, **kwargs):
    """docs/ is written by on_pre_build itself: watching it too would rebuild every edit twice."""
    server.unwatch(config.docs_dir)
    return server


def on_pre_build(config, **kwargs):
    global _last_signature
    from generator.errors import BriefingError, ContentError
    from generator.pipeline import build

    root = Path(os.environ.get("BRIEFING_ROOT", Path(config.config_file_path).parent))
    signature = _signature(root)
    if signature == _last_signature:
        return  # only docs/ changed (written by the previous run): nothing to regenerate
    try:
        report = build(root, publish=False, progress=False)
    except ContentError as exc:
        # nothing was written: MkDocs rebuilds the last good docs/, and the server keeps answering
        for problem in exc.problems:
            log.error(str(problem))
        log.warning(f"{len(exc.problems)} problem(s) in content/: fix them and save; showing the last good site")
        return
    except BriefingError as exc:
        raise Abort(str(exc))
    _last_signature = _signature(root)
    if report.problems.errors:
        for problem in report.problems.errors:
            log.error(str(problem))
    for problem in report.problems.warnings:
        log.warning(str(problem))
    log.info(report.summary().replace("\n", "; "))

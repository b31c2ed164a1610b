"""MkDocs hook used only by `generator serve`: re-run the briefing pipeline before each rebuild.

MkDocs' live-reload server watches content/, seeds/ and templates/ and calls on_pre_build. Invalid
content is reported with the editor-facing messages and nothing is regenerated, so the server keeps
serving the last good site (raising would make MkDocs' server hold every request until fixed).
"""

from __future__ import annotations

import gc
import logging
import os
import shutil
from pathlib import Path

from mkdocs.exceptions import Abort

log = logging.getLogger("mkdocs.briefing")
_last_signature: str | None = None
_warned: set[str] = set()
_session = None  # generator.pipeline.Session: validated files and the last extraction, kept between edits


def _signature(root: Path) -> str:
    """The preview's inputs by stat: a change starts a build, docs/ written by the last build does not."""
    from generator.stamps import files_digest

    return files_digest([root / "content", root / "seeds", root / "templates"],
                        extra=[(root / "briefing.yml").read_bytes().hex() if (root / "briefing.yml").exists() else "-"])


def on_serve(server, config, builder, **kwargs):
    """docs/ is written by on_pre_build itself: watching it too would rebuild every edit twice. MkDocs polls
    what it watches every 0.5 s: with thousands of files in content/ the walk took most of a core and
    slowed every rebuild, so watch with the system's notifications (inotify) where there are some."""
    import watchdog.observers
    from watchdog.observers.polling import PollingObserver

    server.unwatch(config.docs_dir)
    if watchdog.observers.Observer is not PollingObserver and config.config_file_path:
        server.unwatch(config.config_file_path)
        server.observer = watchdog.observers.Observer()
        server.watch(config.config_file_path)
    return server


def on_pre_build(config, **kwargs):
    global _last_signature, _session
    from generator.errors import BriefingError, ContentError
    from generator.pipeline import Session, build

    root = Path(os.environ.get("BRIEFING_ROOT", Path(config.config_file_path).parent))
    signature = _signature(root)
    if signature == _last_signature:
        return  # only docs/ changed (written by the previous run): nothing to regenerate
    _session = _session or Session()
    gc.freeze()  # MkDocs' own objects (pages, search entries) need not be scanned by the collector again
    try:
        report = build(root, publish=False, progress=False, session=_session)
    except ContentError as exc:
        # nothing was written: MkDocs rebuilds the last good docs/, and the server keeps answering
        for problem in exc.problems:
            log.error(str(problem))
        log.warning(f"{len(exc.problems)} problem(s) in content/: fix them and save; showing the last good site")
        return
    except BriefingError as exc:
        raise Abort(str(exc))
    except Exception as exc:  # a bug: said in one line, and the preview keeps answering with the last good site
        log.error(f"internal error: {type(exc).__name__}: {exc} (a bug, not your content: please report it; "
                  "showing the last good site)")
        return
    _last_signature = _signature(root)
    if report.problems.errors:
        for problem in report.problems.errors:
            log.error(str(problem))
    global _warned
    warnings = [str(p) for p in report.problems.warnings]
    for text in warnings:
        if text not in _warned:  # each warning once per session: 600 of them on every edit would bury the news
            log.warning(text)
    if warnings and set(warnings) <= _warned:
        log.info(f"{len(warnings)} warning(s) as before (`python -m generator check` lists them)")
    _warned = set(warnings)
    log.info(report.summary().replace("\n", "; "))


def on_post_build(config, **kwargs):
    """Pagefind previews search with the index of the last `make site` (pages edited since show their old text)."""
    root = Path(os.environ.get("BRIEFING_ROOT", Path(config.config_file_path).parent))
    from generator.config import load_config

    published = root / load_config(root).site_dir / "pagefind"
    served = Path(config.site_dir) / "pagefind"
    if published.is_dir() and not served.exists() and (Path(config.docs_dir) / "search.md").exists():
        shutil.copytree(published, served)

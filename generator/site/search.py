"""Search that scales: MkDocs Material's own search for small briefings, Pagefind for large ones.

Material's search ships one JSON index of every page, fine for hundreds of pages and usable from file://
(with the offline plugin). At thousands of pages that index is tens of megabytes, downloaded before the
first result. Pagefind builds a chunked static index (site/pagefind/): a search downloads a few small
fragments. It needs the site to be served over http (any static host, or `make serve`); no network.

`search: auto` (the default) picks Pagefind from `search_pagefind_from_pages` pages on.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from generator.errors import BriefingError

ROOT_SELECTOR = "article.md-content__inner"


def mode(setting: str, pages: int, threshold: int) -> str:
    if setting in ("material", "pagefind"):
        return setting
    return "pagefind" if pages >= threshold else "material"


def pagefind_config(root: Path, out_dir: Path) -> Path:
    """A copy of mkdocs.yml for Pagefind builds: Material's search and offline plugins off, a Search page on."""
    try:
        cfg = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise BriefingError(f"mkdocs.yml: cannot read it for the Pagefind build: {exc}") from None
    plugins = [p for p in cfg.get("plugins", []) if (p if isinstance(p, str) else next(iter(p))) not in
               ("search", "offline")]
    cfg["plugins"] = plugins
    cfg["docs_dir"] = str((root / cfg.get("docs_dir", "docs")).resolve())
    theme = cfg.setdefault("theme", {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = str((root / theme["custom_dir"]).resolve())  # the copy lives elsewhere
    features = theme.setdefault("features", [])
    cfg["theme"]["features"] = [f for f in features if not f.startswith("search.")]
    nav = cfg.get("nav")
    if isinstance(nav, list) and not any(isinstance(i, dict) and "Search" in i for i in nav):
        nav.insert(1, {"Search": "search.md"})
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "mkdocs.pagefind.yml"
    path.write_text(yaml.safe_dump(cfg, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


SEARCH_PAGE = """---
title: Search
description: Search every article, person and organisation in the briefing
---

# Search

<div id="search" class="briefing-search"></div>
<link href="pagefind/pagefind-ui.css" rel="stylesheet">
<script src="pagefind/pagefind-ui.js"></script>
<script>
  window.addEventListener("DOMContentLoaded", function () {
    // ranking: a page's length counts for little (an entity's page, whose lists are not indexed, would
    // otherwise lose to any short page naming it), raw weighted counts weigh as much as frequency, and
    // a query the `names` metadata of an entity page covers (its name and aliases: templates/theme/entity.html)
    // counts for much more than the same words in an article's or a thread's title
    new PagefindUI({ element: "#search", showSubResults: true, showImages: false, autofocus: true,
                     ranking: { pageLength: 0.1, termFrequency: 0.5, metaWeights: { names: 50 } } });
  });
</script>
<noscript>Search needs JavaScript; every page is also reachable from the index pages.</noscript>
"""


def pagefind_command(site: Path, output: str | None = None) -> list[str]:
    """The Pagefind run over a built site: its index into site/pagefind/, or into `output` (a directory
    outside the site: generator/site/indexer.py, the index built in the background)."""
    where = ["--output-path", output] if output is not None else ["--output-subdir", "pagefind"]
    return [sys.executable, "-m", "pagefind", "--site", str(site), *where,
            "--root-selector", ROOT_SELECTOR, "--exclude-selectors", ".headerlink",
            "--exclude-selectors", ".briefing-entity-page li", "--silent"]  # see templates/theme/entity.html


def index_site(site: Path) -> None:
    """Run Pagefind (its binary ships in the pagefind[bin] wheel) over a built site.

    Pagefind has no incremental mode: the index is rebuilt over every page, also after an incremental
    MkDocs build (generator/site/indexer.py can do that after the swap instead). The previous index is
    removed first: in a hard-linked copy of the site its files are the live site's, and Pagefind would
    write through them."""
    import shutil

    shutil.rmtree(site / "pagefind", ignore_errors=True)
    from generator.site.publish import _die_with_parent

    proc = subprocess.run(pagefind_command(site), capture_output=True, text=True, preexec_fn=_die_with_parent)
    if proc.returncode != 0:
        raise BriefingError("pagefind failed; the previous site/ is untouched:\n" + (proc.stderr or proc.stdout))

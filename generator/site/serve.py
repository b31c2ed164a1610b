"""Live preview: MkDocs' dev server, with the briefing pipeline re-run whenever its inputs change."""

from __future__ import annotations

import os
from pathlib import Path


def serve(root: Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    import logging
    import sys

    from mkdocs.commands.serve import serve as mkdocs_serve

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s - %(message)s"))
    # MkDocs warns on every dirty rebuild; here dirty is the point (the navigation never lists
    # article or entity pages, so rebuilding only the changed pages leaves no stale links)
    handler.addFilter(lambda record: not record.getMessage().startswith("A 'dirty' build is being performed"))
    mk_log = logging.getLogger("mkdocs")
    mk_log.addHandler(handler)
    mk_log.setLevel(logging.INFO)
    mk_log.propagate = False

    from generator.site import search
    from generator.config import load_config
    from generator.stamps import last_build, state_dir

    root = root.resolve()
    os.environ["BRIEFING_ROOT"] = str(root)
    watch = [str(root / d) for d in ("content", "seeds", "templates") if (root / d).exists()]
    for name in ("briefing.yml", "mkdocs.yml"):
        if (root / name).exists():
            watch.append(str(root / name))
    cfg = load_config(root)
    # the search of the last build: a large briefing is previewed with the Pagefind configuration (Material's
    # search index of thousands of pages would be rewritten on every edit) and the index `make site` built
    pages = (last_build(root, cfg) or {}).get("pages", 0)
    config_file = root / "mkdocs.yml"
    if search.mode(cfg.search, pages, cfg.search_pagefind_from_pages) == "pagefind":
        config_file = search.pagefind_config(root, state_dir(root))
    os.chdir(root)
    # dirty: after an edit MkDocs converts only the pages whose Markdown the pipeline rewrote
    mkdocs_serve(config_file=str(config_file), livereload=True, watch=watch, build_type="dirty",
                 dev_addr=f"{host}:{port}", hooks=[str(Path(__file__).with_name("serve_hook.py"))])

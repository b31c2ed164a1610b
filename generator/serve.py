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
    mk_log = logging.getLogger("mkdocs")
    mk_log.addHandler(handler)
    mk_log.setLevel(logging.INFO)
    mk_log.propagate = False

    root = root.resolve()
    os.environ["BRIEFING_ROOT"] = str(root)
    watch = [str(root / d) for d in ("content", "seeds", "templates") if (root / d).exists()]
    if (root / "briefing.yml").exists():
        watch.append(str(root / "briefing.yml"))
    os.chdir(root)
    mkdocs_serve(config_file=str(root / "mkdocs.yml"), livereload=True, watch=watch,
                 dev_addr=f"{host}:{port}", hooks=[str(Path(__file__).with_name("serve_hook.py"))])

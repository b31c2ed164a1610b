"""Live preview: MkDocs' dev server, with the briefing pipeline re-run whenever its inputs change."""

from __future__ import annotations

import errno
import os
import socket
from pathlib import Path

from generator.errors import BriefingError


def check_address(host: str, port: int) -> None:
    """Fail before any build when the preview could not listen on host:port, naming the port (MkDocs finds out
    only after a full build, and says "Address already in use" without saying which)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise BriefingError(f"cannot serve on {host}:{port}: unknown host ({exc.strerror})") from None
    family, _, _, _, address = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as MkDocs' server binds
        try:
            sock.bind(address)
        except OSError as exc:
            hint = (f"port {port} is taken (another preview?): stop it, or choose another port with "
                    f"`make serve PORT={port + 1}` or `--port {port + 1}`")
            if exc.errno != errno.EADDRINUSE:
                hint = exc.strerror or str(exc)
            raise BriefingError(f"cannot serve on {host}:{port}: {hint}") from None


def _stop_on_sigterm() -> None:
    """SIGTERM (a service manager, `docker stop`, `kill`) stops the preview as Ctrl-C does: MkDocs then shuts its
    server down and removes the temporary site it serves from (a few MB in /tmp per preview otherwise)."""
    import signal

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)


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
    _stop_on_sigterm()
    # dirty: after an edit MkDocs converts only the pages whose Markdown the pipeline rewrote
    try:
        mkdocs_serve(config_file=str(config_file), livereload=True, watch=watch, build_type="dirty",
                     dev_addr=f"{host}:{port}", hooks=[str(Path(__file__).with_name("serve_hook.py"))])
    except OSError as exc:
        if exc.filename is not None:
            raise
        # taken between check_address and MkDocs' own bind
        raise BriefingError(f"cannot serve on {host}:{port}: {exc.strerror or exc}") from None

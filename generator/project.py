"""A briefing project on disk: what makes a directory one, and `briefing init DIR`, which writes a new one.

A project is a directory with mkdocs.yml and templates/ (what a build renders and publishes with) and
seeds/ and content/ (what it reads). The package ships the repository's templates and MkDocs
configuration as package data (generator/data/project/), so an installed `briefing` can start a project
anywhere; the templates are copied in, for the project's editors to change.
"""

from __future__ import annotations

import os
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from generator.errors import BriefingError

CONTENT_DIRS = ("articles", "entities", "topics")

README = """# {name}

A briefing: news articles in `seeds/`, a cross-linked website out. Made with `briefing init`.

| command | what it does |
|---|---|
| `briefing build` | extract new or changed seeds, update `content/`, render `docs/`, build the site into `site/` |
| `briefing serve` | live preview on http://127.0.0.1:8000 (`--port N` for another port) |
| `briefing check` | validate `briefing.yml` and every file in `content/`, each problem as `file:line: key: message` |
| `briefing new entity "Name" --type PERSON` | write a valid entity file (also `new article`, `new topic`) |
| `briefing --help` | every command and option |

- `seeds/`: the articles as delivered (plain text, Markdown with front matter, or HTML); never modified.
- `content/`: the YAML the build writes and editors correct (`articles/`, `entities/`, `topics/`): commit it.
- `templates/`, `mkdocs.yml`: how the pages look (Jinja2, MkDocs Material).
- `briefing.yml` (optional): settings, each documented in the editors' guide of the built site.

Open `site/index.html` after a build; the editors' guide is `site/guide.html`.
"""

GITIGNORE = "docs/\nsite/\nsite.building/\nsite.previous/\n.cache/\n"


def missing_parts(root: Path, for_build: bool = True) -> list[str]:
    """What `root` lacks to be a project: for a build, mkdocs.yml and templates/; for a check, any sign
    of one (content/, briefing.yml or mkdocs.yml)."""
    if for_build:
        return [name for name, ok in (("mkdocs.yml", (root / "mkdocs.yml").is_file()),
                                      ("templates/", (root / "templates" / "home.md.j2").is_file())) if not ok]
    signs = ("content", "briefing.yml", "mkdocs.yml")
    return [] if any((root / s).exists() for s in signs) else ["content/", "briefing.yml", "mkdocs.yml"]


def require_project(root: Path, for_build: bool = True) -> None:
    """Fail before anything is written when root is not a briefing project."""
    if not root.is_dir():
        raise BriefingError(f"{root}: no such directory (start a project there with `briefing init {root}`)")
    missing = missing_parts(root, for_build)
    if missing:
        raise BriefingError(f"{root} is not a briefing project (no {' or '.join(missing)} here): run it in a "
                            "project's directory or pass --root DIR, or start one with `briefing init DIR`")


def shipped() -> Traversable:
    """The project files shipped with the package (generator/data/project/)."""
    return resources.files("generator.data").joinpath("project")


def _copy_tree(src: Traversable, dest: Path, written: list[Path]) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    for item in sorted(src.iterdir(), key=lambda t: t.name):
        if item.name.startswith((".", "__")):
            continue
        if item.is_dir():
            _copy_tree(item, dest / item.name, written)
        else:
            _write(dest / item.name, item.read_bytes(), written)


def _write(path: Path, data: bytes, written: list[Path]) -> None:
    path.write_bytes(data)
    os.chmod(path, 0o644)
    written.append(path)


def init_project(target: Path) -> list[Path]:
    """Write a new, buildable project into target (created if missing; refused if it has files)."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise BriefingError(f"{target} exists and is not empty: `briefing init` writes only into a new or "
                            "empty directory (nothing was written)")
    source = shipped()
    if not source.joinpath("mkdocs.yml").is_file() or not source.joinpath("templates").is_dir():
        raise BriefingError("this installation has no project templates (generator/data/project/): reinstall "
                            "the package")
    written: list[Path] = []
    target.mkdir(parents=True, exist_ok=True)
    _write(target / "mkdocs.yml", source.joinpath("mkdocs.yml").read_bytes(), written)
    _copy_tree(source.joinpath("templates"), target / "templates", written)
    for sub in ("seeds", *(f"content/{d}" for d in CONTENT_DIRS)):
        (target / sub).mkdir(parents=True, exist_ok=True)
        _write(target / sub / ".gitkeep", b"", written)
    name = target.resolve().name.replace("-", " ").replace("_", " ").strip() or "Briefing"
    _write(target / "README.md", README.format(name=name[:1].upper() + name[1:]).encode(), written)
    _write(target / ".gitignore", GITIGNORE.encode(), written)
    return written

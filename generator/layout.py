"""Where the build reads and writes, and the rules that keep its output away from everything else.

The build empties and replaces its output folders (docs/ is cleaned of pages no longer produced, site/
is swapped for a fresh build, the caches are rewritten). So, whatever briefing.yml or BRIEFING_* say:

- the output folders (docs_dir, site_dir with its site.building/ and site.previous/ siblings, cache_dir,
  and the build's own state folder .cache/state) are distinct from each other, from the inputs (seeds_dir,
  content_dir, templates/) and from the project root, and none contains or lies inside another of them
  (nor contains the project root);
- a folder the build is about to empty or replace holds the marker the build writes into it
  (`.briefing-output`), or is empty or absent: anything else is someone's files, and is left alone.

Paths are compared after resolving symbolic links, so a link cannot smuggle one folder into another.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from generator.errors import BriefingError, Problem

MARKER = ".briefing-output"
MARKER_TEXT = ("This folder is written by the briefing generator and is emptied or replaced by every build.\n"
               "Do not keep anything else here.\n")
STATE_DIR = ".cache/state"  # generator.stamps.state_dir: the last build's stamps, page keys, record memo
INPUTS = ("seeds_dir", "content_dir", "templates")
OUTPUTS = ("docs_dir", "site_dir", "cache_dir", "state")
_LABELS = {"seeds_dir": "the seeds folder (seeds_dir)", "content_dir": "the content folder (content_dir)",
           "templates": "the templates folder (templates/)", "docs_dir": "the pages folder (docs_dir)",
           "site_dir": "the site folder (site_dir)", "cache_dir": "the extraction cache (cache_dir)",
           "state": "the build's state folder", "root": "the project folder itself"}


@dataclass(frozen=True)
class Place:
    setting: str  # docs_dir, site_dir, …; "templates", "state" and "root" are fixed
    value: str  # as written in the settings
    path: Path  # resolved


def places(root: Path, cfg) -> list[Place]:
    root = Path(root).resolve()
    out = [Place("root", ".", root)]
    for key in INPUTS + OUTPUTS:
        value = {"templates": "templates", "state": STATE_DIR}.get(key) or getattr(cfg, key)
        out.append(Place(key, value, (root / value).resolve()))
    return out


def _related(a: Path, b: Path) -> str | None:
    if a == b:
        return "is"
    if a.is_relative_to(b):
        return "is inside"
    if b.is_relative_to(a):
        return "contains"
    return None


def layout_problems(root: Path, cfg, where: dict[str, tuple[str, int | None]] | None = None) -> list[Problem]:
    """Every output folder that overlaps another folder of the project, as a problem naming the setting.

    `where` maps a setting to (file, line) where it was set: ("briefing.yml", 3), or
    ("BRIEFING_DOCS_DIR (environment)", None); settings left at their default are named in briefing.yml."""
    where = where or {}
    found = places(root, cfg)
    by_key = {p.setting: p for p in found}
    site = by_key["site_dir"].path
    sidecars = [site.with_name(site.name + ".building"), site.with_name(site.name + ".previous")]
    problems: list[Problem] = []
    reported: set[frozenset] = set()
    # an output that is the project folder, or contains it, holds everything else too: one message says it
    whole = {k for k in OUTPUTS if _related(by_key[k].path, by_key["root"].path) in ("is", "contains")}
    for out in (by_key[k] for k in OUTPUTS):
        paths = [out.path] + (sidecars if out.setting == "site_dir" else [])
        for other in found:
            if other.setting == out.setting or frozenset((out.setting, other.setting)) in reported:
                continue
            if other.setting in whole or (out.setting in whole and other.setting != "root"):
                continue
            relation = None
            for path in paths:
                relation = _related(path, other.path)
                if other.setting == "root" and relation == "is inside":
                    relation = None  # inside the project is where outputs belong
                if relation:
                    break
            if relation is None:
                continue
            reported.add(frozenset((out.setting, other.setting)))
            problems.append(_problem(out, other, relation, root, where))
    return problems


SETTINGS = ("docs_dir", "site_dir", "cache_dir", "seeds_dir", "content_dir")
_FLIP = {"is inside": "contains", "contains": "is inside", "is": "is"}


def _problem(out: Place, other: Place, relation: str, root: Path, where: dict) -> Problem:
    """Name the setting someone chose: the output folder, unless it is fixed or left at its default while
    the other one was set."""
    blame_out = out.setting in SETTINGS and (out.setting in where or other.setting not in where
                                             or other.setting not in SETTINGS)
    blame, rest = (out, other) if blame_out else (other, out)
    verb = relation if blame_out else _FLIP[relation]
    file, line = where.get(blame.setting, ("briefing.yml", None))
    emptied = blame if blame.setting in OUTPUTS else out
    return Problem(file, line, blame.setting,
                   f"'{blame.value}' {verb} {_LABELS[rest.setting]} ('{_shown(rest, root)}'): the build empties "
                   f"and replaces {_LABELS[emptied.setting]}, so it must be a folder of its own, apart from the "
                   "project's other folders",
                   fix=f"set {blame.setting} to a separate folder, e.g. the default '{_DEFAULTS[blame.setting]}'")


_DEFAULTS = {"docs_dir": "docs", "site_dir": "site", "cache_dir": ".cache/briefing", "seeds_dir": "seeds",
             "content_dir": "content"}


def _shown(place: Place, root: Path) -> str:
    try:
        rel = place.path.relative_to(Path(root).resolve()).as_posix()
        return rel or "."
    except ValueError:
        return str(place.path)


# ----------------------------------------------------------------------------- before emptying a folder

def holds_only_build_output(folder: Path) -> bool:
    """True when `folder` is absent, empty, or carries the marker the build writes into its output."""
    folder = Path(folder)
    if not folder.exists():
        return True
    if not folder.is_dir():
        return False
    if (folder / MARKER).is_file():
        return True
    with os.scandir(folder) as entries:
        names = {e.name for e in entries}
    if not names:
        return True
    # written by a build from before the marker: the generator's own style sheet and editors' guide
    return (folder / "assets" / "briefing.css").is_file() and bool({"guide.md", "guide.html"} & names)


def guard_output(folder: Path, setting: str) -> None:
    """Refuse (touching nothing) to empty or replace a folder that holds files the build did not write."""
    if not holds_only_build_output(folder):
        what = (f"holds files the build did not write (no {MARKER} marker)" if Path(folder).is_dir()
                else "is a file, not a folder")
        raise BriefingError(
            f"{folder}: {setting}: {what}; the build would empty or replace it, so it stopped and changed nothing "
            f"(fix: set {setting} to a new or empty folder; if {folder.name}/ is only an old build's output, "
            "delete it and build again)")
    if Path(folder).is_dir() and not os.access(folder, os.W_OK | os.X_OK):
        raise BriefingError(f"{folder}: {setting}: the folder is not writable, so the build cannot replace it "
                            f"(fix: chmod u+w {folder}, or set {setting} to a writable folder)")


def write_marker(folder: Path) -> None:
    path = Path(folder) / MARKER
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(MARKER_TEXT, encoding="utf-8")

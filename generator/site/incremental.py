"""MkDocs build that renders only what changed: `python generator/site/incremental.py ...` (run by publish.py).

The site directory it is given holds a hard-linked copy of the previous site (or nothing: then it is a
full build). The manifest of the previous build says what that site was made from: docs/ by stat, the
global inputs (MkDocs configuration, theme files, tool versions, this module), the navigation, and per
page what a full build would have taken from rendering it (anchors, links to anchors, link targets,
the title found in its first heading). A page is rendered again when:

- its Markdown changed (size or mtime), or it is new, or its output is missing;
- it links to a page or file that was added or removed (a link's output depends on whether its target
  exists; a link to a missing file also on the files MkDocs would suggest instead);
- a plugin rewrites its Markdown (the tags listing: its content depends on every page's tags).

Every other page is read (front matter, tags: plugins see every page, as in a full build) but not
converted, and keeps its previous output. Pages whose file is gone lose their output. Material's search
index (search/search_index.json) is the previous one with the entries of re-rendered pages replaced,
in the order a full build writes them. A different configuration, theme, tool version or navigation
means a full build, which is also what happens without a manifest. The result is byte-identical to a
full build of the same docs/ (tests/site/test_incremental_publish.py).

The copy shares inodes with the live site: every file this process opens for writing under the site
directory is unlinked (or copied, when appended to) first, so the live site is never written through.
"""

from __future__ import annotations

import argparse
import builtins
import gc
import hashlib
import io
import json
import logging
import os
import shutil
import stat
import sys
import time
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlsplit

MANIFEST_VERSION = 2  # 2: one line per page (read_manifest)
TOOLS = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "pygments", "jinja2", "pyyaml")


class NeedFullBuild(Exception):
    """The incremental plan cannot give a full build's result (navigation changed): start again, fully."""


# ----------------------------------------------------------------------------- writes never go through links

def guard_writes(site_dir: str) -> None:
    """Make `open` (builtins and io) break a hard link before a file under site_dir is written."""
    prefix = os.path.abspath(site_dir) + os.sep
    original = builtins.open

    def guarded_open(file, mode="r", *args, **kwargs):
        if isinstance(file, (str, bytes, os.PathLike)) and any(c in mode for c in "wax+"):
            path = os.path.abspath(os.fsdecode(file))
            if path.startswith(prefix):
                _unshare(path, keep="a" in mode or "+" in mode)
        return original(file, mode, *args, **kwargs)

    builtins.open = guarded_open
    io.open = guarded_open


def _unshare(path: str, keep: bool) -> None:
    try:
        st = os.lstat(path)
    except OSError:
        return
    if not stat.S_ISREG(st.st_mode) or st.st_nlink < 2:
        return
    if keep:  # appended to or updated in place: a private copy first
        tmp = path + ".unshare"
        shutil.copy2(path, tmp)
        os.replace(tmp, path)
    else:
        os.unlink(path)


# ----------------------------------------------------------------------------- what the site is made from

def docs_state(docs_dir: str) -> dict[str, list[int]]:
    """{path under docs/ ("/"-separated): [size, mtime_ns]} of every file, as os.walk and os.stat (following
    symbolic links) see them, sorted by path; by os.scandir (no relpath or join per file: 11,600 at BBC)."""
    out: dict[str, list[int]] = {}
    _scan_docs(docs_dir, "", out)
    return dict(sorted(out.items()))


def _scan_docs(directory: str, prefix: str, out: dict[str, list[int]]) -> None:
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return
    for entry in entries:
        try:
            is_dir = entry.is_dir()  # os.walk descends into directories, not into links to them
            if is_dir and not entry.is_symlink():
                _scan_docs(entry.path, prefix + entry.name + "/", out)
                continue
            if is_dir:
                continue
            st = entry.stat()
        except OSError:
            continue
        out[prefix + entry.name] = [st.st_size, st.st_mtime_ns]


def global_stamp(config_file: str, cfg, strict: bool, quiet: bool) -> str:
    """Everything besides docs/ that every page depends on."""
    h = hashlib.sha256(f"v{MANIFEST_VERSION};strict={strict};quiet={quiet};".encode())
    h.update(Path(config_file).read_bytes())
    h.update(Path(__file__).read_bytes())
    for dist in TOOLS:
        try:
            h.update(f"{dist}={metadata.version(dist)};".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{dist}=-;".encode())
    for theme_dir in cfg.theme.dirs:
        for dirpath, dirnames, names in os.walk(theme_dir):
            dirnames.sort()
            for name in sorted(names):
                st = os.stat(os.path.join(dirpath, name))
                h.update(f"{os.path.join(dirpath, name)}:{st.st_size}:{st.st_mtime_ns};".encode())
    h.update(os.environ.get("SOURCE_DATE_EPOCH", "-").encode())
    return h.hexdigest()


def nav_signature(items) -> list:
    out = []
    for item in items:
        children = getattr(item, "children", None)
        out.append([type(item).__name__, item.title, getattr(item, "url", None),
                    nav_signature(children) if children else None])
    return out


# ----------------------------------------------------------------------------- the build

class Plan:
    """Which pages are rendered, and what the others keep from the previous build."""

    def __init__(self, previous: dict | None, docs: dict, site_dir: str):
        self.previous = previous
        self.pages_before: dict = (previous or {}).get("pages", {})
        self.render: set[str] = set()
        self.rendered: set[str] = set()
        self.deps: dict[str, list[str]] = {}
        self.dynamic: set[str] = set()  # pages a plugin rewrote: rendered every time
        self.full = previous is None
        if self.full:
            return
        old = previous["docs"]
        changed = {p for p, st in docs.items() if old.get(p) != st}
        appeared_or_gone = (set(docs) - set(old)) | (set(old) - set(docs))
        self.render = set(changed)
        for src, info in self.pages_before.items():
            if src in docs and appeared_or_gone.intersection(info.get("deps", ())):
                self.render.add(src)
        for src in sorted(set(old) - set(docs)):  # outputs of files that are gone
            dest = previous["dest"].get(src)
            if dest:
                path = os.path.join(site_dir, dest)
                if os.path.isfile(path):
                    os.unlink(path)

    def renders(self, file) -> bool:
        return self.full or file.src_uri in self.render


def run(config_file: str, site_dir: str, strict: bool, quiet: bool, previous: dict | None,
        bytecode_dir: str | None = None, copied=None) -> dict:
    """The build. `copied()`, when given, blocks until the site directory holds the copy of the previous
    site and says whether it does (False: the copy failed, the directory is empty: a full build); until
    then nothing under the site directory is read or written, so the copy is made while MkDocs loads."""
    from mkdocs import utils
    from mkdocs.commands import build as mkbuild
    from mkdocs.config import load_config
    from mkdocs.plugins import event_priority
    from mkdocs.structure import files as mkfiles
    from mkdocs.structure import pages as mkpages

    logging.getLogger("mkdocs").setLevel(logging.ERROR if quiet else logging.INFO)
    cfg = load_config(config_file, strict=strict, site_dir=site_dir)
    stamp = global_stamp(config_file, cfg, strict, quiet)
    docs = docs_state(cfg.docs_dir)
    gc.freeze()  # MkDocs, its plugins and theme, imported and configured: they live to the end
    if copied is not None and not copied():  # always waited for: a full build also empties the directory
        previous = None
    if previous is not None and (previous.get("version") != MANIFEST_VERSION or previous.get("global") != stamp):
        previous = None
    plan = Plan(previous, docs, site_dir)
    docs_prefix = os.path.abspath(cfg.docs_dir) + os.sep
    state: dict = {"files": None, "nav": None}

    def in_docs(file) -> bool:
        return bool(file.abs_src_path) and os.path.abspath(file.abs_src_path).startswith(docs_prefix)

    # -- what rendering a page records (link targets, for the next build's plan)
    original_path_to_url = mkpages._RelativePathTreeprocessor.path_to_url

    def path_to_url(self, url):
        scheme, netloc, path, _query, _anchor = urlsplit(url)
        if not (scheme or netloc) and path:
            # what the link's output depends on: the file it resolves to (its url, or a warning when it goes
            # away); only a link that resolves to nothing (or an absolute one) also depends on the files
            # MkDocs tries next, which the warning names. 12,500 links on the pages of one added article.
            guesses = self._possible_target_uris(self.file, unquote(path).lstrip("/\\"), self.config.use_directory_urls)
            first = next(guesses)
            deps = plan.deps.setdefault(self.file.src_uri, set())
            deps.add(first)
            if url.startswith(("/", "\\")) or self.files.get_file_from_path(first) is None:
                deps.update(guesses)
        return original_path_to_url(self, url)

    # -- pages: rendered, or read and given what their last rendering found
    original_populate = mkbuild._populate_page
    original_build_page = mkbuild._build_page

    def populate(page, config, files, dirty=False):
        if plan.renders(page.file) or page.file.src_uri not in plan.pages_before \
                or not os.path.isfile(page.file.abs_dest_path):
            plan.render.add(page.file.src_uri)
            plan.rendered.add(page.file.src_uri)
            return original_populate(page, config, files, False)
        before = plan.pages_before[page.file.src_uri]
        config._current_page = page
        try:
            page = config.plugins.on_pre_page(page, config=config, files=files)
            if "meta" in before and not before.get("dynamic"):
                # the front matter as the last build read it: plugins see the same metadata (tags, title)
                # without 10,000 files read and parsed again; the Markdown itself is never converted
                page.markdown, page.meta = "", _json_copy(before["meta"])
            else:
                page.read_source(config)
            markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
        finally:
            config._current_page = None
        if before.get("dynamic") or markdown != page.markdown:  # a plugin fills it in (the tags listing)
            if not page.markdown and "meta" in before:
                page.read_source(config)
                markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
            plan.render.add(page.file.src_uri)
            plan.rendered.add(page.file.src_uri)
            config._current_page = page
            try:
                page.markdown = markdown
                page.render(config, files)
                page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
            finally:
                config._current_page = None
            return
        page._title_from_render = before.get("title")
        page.present_anchor_ids = set(before.get("anchors", ()))
        links = {}
        if state.get("by_uri") is None:
            state["by_uri"] = {f.src_uri: f for f in files}
        for target, anchors in before.get("links", {}).items():
            to = state["by_uri"].get(target)
            if to is not None:
                links[to] = dict(anchors)
        page.links_to_anchors = links

    def build_page(page, config, doc_files, nav, env, dirty=False, excluded=False):
        if page.file.src_uri in plan.render or plan.full:
            return original_build_page(page, config, doc_files, nav, env, False, excluded)

    original_copy = mkfiles.Files.copy_static_files

    def copy_static_files(self, dirty=False, *, inclusion=mkfiles.InclusionLevel.is_included):
        if plan.full:
            return original_copy(self, dirty=False, inclusion=inclusion)
        for file in self:
            if not file.is_documentation_page() and inclusion(file.inclusion):
                if in_docs(file):
                    if file.src_uri in plan.render or not os.path.isfile(file.abs_dest_path):
                        file.copy_file(dirty=False)
                else:
                    file.copy_file(dirty=True)  # theme files: same theme (global stamp), copied when newer

    class Incremental:  # a plugin: sees the files and the navigation as the build has them
        @event_priority(-1000)
        def on_env(self, env, config, files):
            state["files"] = files
            state["nav"] = nav_signature(mkbuild_nav[0].items)
            if not plan.full and state["nav"] != plan.previous.get("nav"):
                raise NeedFullBuild("navigation changed")
            gc.freeze()  # the files, pages and navigation live to the end: no collection walks them again
            return env

    class TemplateCache:  # a plugin: the theme's templates compiled once, not by every build (same output)
        @event_priority(1000)
        def on_env(self, env, config, files):
            if bytecode_dir:
                from jinja2 import FileSystemBytecodeCache

                os.makedirs(bytecode_dir, exist_ok=True)
                env.bytecode_cache = FileSystemBytecodeCache(bytecode_dir)
            return env

    mkbuild_nav: list = [None]
    original_get_navigation = mkbuild.get_navigation

    def get_navigation(files, config):
        mkbuild_nav[0] = original_get_navigation(files, config)
        gc.freeze()  # every file and page, and the navigation: they live to the end
        return mkbuild_nav[0]

    _merge_search_index(plan, state)
    mkpages._RelativePathTreeprocessor.path_to_url = path_to_url
    mkbuild._populate_page = populate
    mkbuild._build_page = build_page
    mkbuild.get_navigation = get_navigation
    mkfiles.Files.copy_static_files = copy_static_files
    if not plan.full:
        utils.clean_directory = lambda directory: None  # keep the previous site's files
    cfg.plugins["briefing-incremental"] = Incremental()
    cfg.plugins["briefing-template-cache"] = TemplateCache()
    on_page_markdown = cfg.plugins.on_page_markdown

    def recording_on_page_markdown(markdown, *, page, **kwargs):
        out = on_page_markdown(markdown, page=page, **kwargs)
        if out != markdown and markdown:
            plan.dynamic.add(page.file.src_uri)
        return out

    cfg.plugins.on_page_markdown = recording_on_page_markdown
    cfg.plugins.on_startup(command="build", dirty=False)
    try:
        mkbuild.build(cfg, dirty=False)
    finally:
        cfg.plugins.on_shutdown()
    return _manifest(plan, state, docs, stamp, cfg)


def _merge_search_index(plan: Plan, state: dict) -> None:
    """Material's search index: previous entries for pages not rendered, new ones for the rest, in page order."""
    try:
        from material.plugins.search import plugin as search_plugin
    except ImportError:  # pragma: no cover - Material not installed
        return
    original = search_plugin.SearchIndex.generate_search_index

    def generate(self, prev):
        if not plan.full:
            old = _previous_search_entries(plan)
            new: dict[str, list] = {}
            for entry in self.entries:
                new.setdefault(entry["location"].split("#", 1)[0], []).append(entry)
            merged = []
            for file in state["files"].documentation_pages():
                url = file.page.url if file.page is not None else file.url
                merged.extend(new.get(url, []) if file.src_uri in plan.rendered else old.get(url, []))
            self.entries = merged
        return original(self, prev)

    search_plugin.SearchIndex.generate_search_index = generate


def _previous_search_entries(plan: Plan) -> dict[str, list]:
    old: dict[str, list] = {}
    for entry in plan.previous.get("search_entries", []) or []:
        old.setdefault(entry["location"].split("#", 1)[0], []).append(entry)
    return old


def _manifest(plan: Plan, state: dict, docs: dict, stamp: str, cfg) -> dict:
    files = state["files"]
    pages, dest = {}, {}
    for file in files:
        if file.abs_src_path and file.src_uri in docs:
            dest[file.src_uri] = file.dest_uri
    for file in files.documentation_pages():
        page = file.page
        if page is None:
            continue
        if file.src_uri in plan.rendered or plan.full:
            pages[file.src_uri] = {
                **({"meta": page.meta} if _plain(page.meta) else {}),
                **({"dynamic": True} if file.src_uri in plan.dynamic else {}),
                "title": page._title_from_render,
                "anchors": sorted(page.present_anchor_ids or ()),
                "links": {to.src_uri: dict(sorted(a.items())) for to, a in sorted(
                    (page.links_to_anchors or {}).items(), key=lambda item: item[0].src_uri)},
                "deps": sorted(plan.deps.get(file.src_uri, ())),
            }
        else:
            pages[file.src_uri] = plan.pages_before[file.src_uri]
    search_entries = None
    index = os.path.join(cfg.site_dir, "search", "search_index.json")
    if os.path.isfile(index):
        try:
            with open(index, encoding="utf-8") as fh:
                search_entries = json.load(fh).get("docs")
        except ValueError:
            search_entries = None
    return {"version": MANIFEST_VERSION, "global": stamp, "nav": state["nav"], "docs": docs, "dest": dest,
            "pages": pages, "search_entries": search_entries,
            "rendered": len(plan.rendered) if not plan.full else len(pages), "full": plan.full}


def _json_copy(value):
    """A deep copy of a value read from JSON (dicts, lists, strings, numbers, booleans, None): what
    json.loads(json.dumps(value)) gives, ten times faster; plugins may change page.meta, never the manifest."""
    if isinstance(value, dict):
        return {key: _json_copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_json_copy(item) for item in value]
    return value


def _plain(value) -> bool:
    """True when JSON gives the value back unchanged (front matter of strings, numbers, lists, mappings)."""
    try:
        return json.loads(json.dumps(value)) == value and isinstance(value, dict)
    except (TypeError, ValueError):
        return False


# ----------------------------------------------------------------------------- the manifest file

def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))  # the C encoder: 10x json.dump


def read_manifest(path: str) -> dict | None:
    """The manifest a build wrote, or None (missing, unreadable, truncated, another format: a full build).

    The file is a line of everything but the pages, then one line per page, `[src, entry]`: a build
    writes again, as read, the lines of the pages it did not render (at BBC 11,500 of 11,600 pages
    after one added article, 18 MB serialised again every build otherwise). JSON never holds a raw
    newline, so a line is one value. Each page's line is kept in `manifest["lines"][src]`, with its entry."""
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        decode = json.JSONDecoder().raw_decode  # value by value through the text: no split, no copy
        head, pos = decode(text, 0)
        if not isinstance(head, dict) or head.get("version") != MANIFEST_VERSION:
            return None
        pages, lines = {}, {}
        while text[pos] == "\n" and pos + 1 < len(text):
            (src, entry), end = decode(text, pos + 1)
            pages[src] = entry
            lines[src] = (entry, text[pos + 1:end])
            pos = end
    except (OSError, ValueError, TypeError, IndexError):
        return None
    if pos != len(text) - 1 or text[pos] != "\n" or len(pages) != head.get("count"):  # cut short, or a page twice
        return None
    return {**head, "pages": pages, "lines": lines}


def write_manifest(path: str, manifest: dict, previous: dict | None) -> None:
    """`manifest` as read_manifest reads it; a page whose entry is the very one read from `previous`
    (not rendered: _manifest hands it on untouched) is written as the line it was read from."""
    lines = (previous or {}).get("lines", {})
    pages = manifest["pages"]
    head = {key: value for key, value in manifest.items() if key not in ("pages", "lines")}
    parts = [_dumps({**head, "count": len(pages)}), "\n"]
    for src, entry in pages.items():
        kept = lines.get(src)
        parts.append(kept[1] if kept is not None and kept[0] is entry else _dumps([src, entry]))
        parts.append("\n")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("".join(parts))


def _copied_on_stdin() -> bool:
    line = sys.stdin.readline()  # "" when the parent closed the pipe without a word: it failed
    return line.strip() == "copied"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--config", required=True)
    ap.add_argument("--site", required=True, help="the directory to build into (a copy of the previous site)")
    ap.add_argument("--previous", default=None, help="manifest of the site the directory is a copy of")
    ap.add_argument("--manifest", required=True, help="where to write this build's manifest")
    ap.add_argument("--strict", action="store_true")
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("--bytecode-cache", default=None, help="where Jinja keeps the theme's compiled templates")
    ap.add_argument("--copy-on-stdin", action="store_true",
                    help="the previous site is still being copied into --site: wait for a line on stdin "
                         "(`copied`, or anything else: the copy failed and --site is empty)")
    args = ap.parse_args(argv)
    logging.basicConfig(format="%(levelname)-8s-  %(message)s", stream=sys.stderr)
    logging.getLogger("mkdocs").propagate = True
    clock = {"start": time.perf_counter()}
    previous = read_manifest(args.previous) if args.previous else None
    # the manifest lives to the end and holds no cycle: out of the collector's way (at BBC a collection
    # of the oldest generation walked its 11,600 entries 5 times a build). Collection order changes no output.
    gc.freeze()
    clock["read manifest"] = time.perf_counter()
    guard_writes(args.site)
    from mkdocs.exceptions import Abort

    try:
        try:
            manifest = run(args.config, args.site, args.strict, args.quiet, previous, args.bytecode_cache,
                           copied=_copied_on_stdin if args.copy_on_stdin else None)
        except NeedFullBuild:
            from mkdocs import utils

            utils.clean_directory(args.site)
            os.execv(sys.executable, [sys.executable, os.path.abspath(__file__), "--config", args.config,
                                      "--site", args.site, "--manifest", args.manifest]
                     + (["--strict"] if args.strict else []) + (["--quiet"] if args.quiet else [])
                     + (["--bytecode-cache", args.bytecode_cache] if args.bytecode_cache else []))
    except Abort as exc:
        print(f"mkdocs: {exc}", file=sys.stderr)
        return 1
    clock["mkdocs"] = time.perf_counter()
    write_manifest(args.manifest, manifest, previous)
    clock["write manifest"] = time.perf_counter()
    marks = list(clock.items())
    seconds = {name: round(t - marks[i][1], 3) for i, (name, t) in enumerate(marks[1:])}
    print(json.dumps({"full": manifest["full"], "rendered": manifest["rendered"], "pages": len(manifest["pages"]),
                      "builder_seconds": seconds}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

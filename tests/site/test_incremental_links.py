"""Incremental publish of a bare MkDocs project: a page whose own Markdown did not change is rendered again
when a file it links to appears or goes away (the builder records, per link, the file it resolves to, and
for a link to a missing file also the files MkDocs would suggest), and the site is then byte for byte what
a full build gives. Also: the copy of the previous site is made while the builder starts, and a build whose
copy fails is a full one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator import layout
from generator.site import publish
from tests.helpers import file_tree

pytestmark = pytest.mark.e2e

CONFIG = """site_name: Links
docs_dir: docs
use_directory_urls: false
theme: {name: mkdocs}
plugins: []
nav:   # the same in every build here: a changed navigation is a full build
  - Home: index.md
validation:
  omitted_files: ignore
  links: {not_found: warn, anchors: warn, unrecognized_links: warn}
"""
INDEX = """# Harbour notes

The [ferry timetable](ferry.md#winter) and the [museum guide](museum.md), the [old pier](pier.html) and
the [boat club](club/).
"""
PAGES = {
    "ferry.md": "# Ferry timetable\n\n## Winter\n\nBoats leave at nine.\n",
    "about.md": "# About\n\nNotes on the harbour, written by its wardens.\n",
}


@pytest.fixture()
def project(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # the sitemap's dates: the same in both builds
    root = tmp_path / "proj"
    (root / "docs").mkdir(parents=True)
    (root / ".state").mkdir()
    (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    (root / "docs" / "index.md").write_text(INDEX, encoding="utf-8")
    for name, text in PAGES.items():
        (root / "docs" / name).write_text(text, encoding="utf-8")
    return root


def build(root: Path) -> dict:
    return publish.build_site(root, root / "site", strict=False, manifest=root / ".state" / "site-manifest.json")


def full_build(root: Path, dest: Path) -> dict[str, bytes]:
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(root / "mkdocs.yml"), "-d",
                    str(dest)], cwd=root, check=True, capture_output=True)
    layout.write_marker(dest)
    return file_tree(dest)


def assert_same_as_full_build(root: Path, tmp_path: Path) -> None:
    got, want = file_tree(root / "site"), full_build(root, tmp_path / "reference")
    assert sorted(got) == sorted(want)
    assert not [k for k in want if got[k] != want[k]]


def index_html(root: Path) -> str:
    return (root / "site" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("change", ["target goes away", "missing target appears", "suggested file appears",
                                    "directory index appears"])
def test_page_linking_to_a_file_that_appears_or_goes_away_is_rendered_again(project, tmp_path, change):
    root = project
    assert build(root)["full"] is True
    index_before = (root / "docs" / "index.md").stat()
    if change == "target goes away":
        (root / "docs" / "ferry.md").unlink()
    elif change == "missing target appears":
        (root / "docs" / "museum.md").write_text("# Museum guide\n\nOpen on Sundays.\n", encoding="utf-8")
    elif change == "suggested file appears":  # pier.html resolves to nothing; MkDocs would suggest pier.md
        (root / "docs" / "pier.md").write_text("# Old pier\n\nBuilt of oak.\n", encoding="utf-8")
    else:
        (root / "docs" / "club").mkdir()
        (root / "docs" / "club" / "index.md").write_text("# Boat club\n\nSailing lessons.\n", encoding="utf-8")
    figures = build(root)
    assert (root / "docs" / "index.md").stat().st_mtime_ns == index_before.st_mtime_ns  # its Markdown is the same
    assert figures["full"] is False and figures["rendered"] < figures["pages"]
    assert_same_as_full_build(root, tmp_path)
    if change == "target goes away":
        assert 'href="ferry.html#winter"' not in index_html(root)
    elif change == "missing target appears":
        assert 'href="museum.html"' in index_html(root)


def test_unrelated_page_is_not_rendered_again(project, tmp_path):
    """The link targets of about.md (none) did not change: only the new page is rendered."""
    root = project
    build(root)
    about = (root / "site" / "about.html").stat().st_ino
    (root / "docs" / "tides.md").write_text("# Tides\n\nHigh water at noon.\n", encoding="utf-8")
    figures = build(root)
    assert figures["full"] is False and figures["rendered"] == 1
    assert (root / "site" / "about.html").stat().st_ino == about  # the previous file, hard-linked
    assert_same_as_full_build(root, tmp_path)


def test_copy_that_fails_gives_a_full_build(project, tmp_path, monkeypatch):
    """No hard links on this file system: the builder is told, and builds everything into an empty directory."""
    root = project
    build(root)
    (root / "docs" / "about.md").write_text("# About\n\nNotes, rewritten.\n", encoding="utf-8")

    def no_links(src, dst):
        (dst / "stale.html").write_text("half a copy")
        raise OSError("no hard links here")

    monkeypatch.setattr(publish, "link_tree", no_links)
    figures = build(root)
    assert figures["full"] is True
    assert_same_as_full_build(root, tmp_path)


def test_link_tree_copies_every_file_as_a_hard_link(tmp_path):
    src = tmp_path / "site"
    (src / "a" / "b").mkdir(parents=True)
    for rel in ("index.html", "a/page.html", "a/b/deep.html"):
        (src / rel).write_text(rel)
    (src / "a" / "self.html").symlink_to("page.html")
    publish.link_tree(src, tmp_path / "copy")
    assert file_tree(tmp_path / "copy") == file_tree(src)
    assert (tmp_path / "copy" / "a" / "b" / "deep.html").stat().st_ino == (src / "a" / "b" / "deep.html").stat().st_ino
    assert (tmp_path / "copy" / "a" / "self.html").is_symlink()


def test_manifest_lines_of_pages_not_rendered_are_written_back_as_read(tmp_path):
    from generator.site import incremental

    manifest = {"version": incremental.MANIFEST_VERSION, "global": "g", "nav": [], "docs": {"a.md": [1, 2]},
                "dest": {"a.md": "a.html"}, "full": False, "rendered": 1,
                "pages": {"a.md": {"title": "Ferry \u00e9t\u00e9\nline", "anchors": ["x"], "links": {}, "deps": []},
                          "b.md": {"title": "Pier", "anchors": [], "links": {"a.md": {"x": "a.md#x"}},
                                   "deps": ["a.md"]}}}
    path = tmp_path / "m.json"
    incremental.write_manifest(str(path), manifest, None)
    read = incremental.read_manifest(str(path))
    assert read is not None and {k: v for k, v in read.items() if k not in ("lines", "count")} == manifest
    # b.md handed on untouched (its line is reused), a.md rendered again (a new entry)
    again = {**manifest, "pages": {"a.md": {**manifest["pages"]["a.md"], "title": "Ferry"},
                                   "b.md": read["pages"]["b.md"]}}
    incremental.write_manifest(str(tmp_path / "m2.json"), again, read)
    second = incremental.read_manifest(str(tmp_path / "m2.json"))
    assert second is not None and second["pages"] == again["pages"]
    assert second["lines"]["b.md"][1] == read["lines"]["b.md"][1]


@pytest.mark.parametrize("damage", ["cut in a line", "last line gone", "no final newline", "lines joined",
                                    "empty", "version 1"])
def test_damaged_manifest_reads_as_none(tmp_path, damage):
    """A manifest that is not whole is no manifest: the build is a full one, never one that misses pages."""
    from generator.site import incremental

    pages = {f"p{i}.md": {"title": f"Page {i}", "anchors": [], "links": {}, "deps": []} for i in range(3)}
    path = tmp_path / "m.json"
    incremental.write_manifest(str(path), {"version": incremental.MANIFEST_VERSION, "pages": pages}, None)
    text = path.read_text(encoding="utf-8")
    damaged = {"cut in a line": text[:-10], "last line gone": text[:text.rstrip("\n").rindex("\n") + 1],
               "no final newline": text[:-1], "lines joined": text.replace("]\n[", "][", 1), "empty": "",
               "version 1": '{"version":1,"pages":{}}'}[damage]
    path.write_text(damaged, encoding="utf-8")
    assert incremental.read_manifest(str(path)) is None

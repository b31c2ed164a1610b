"""Incremental publish: after an edit, an added and a removed article, site/ is byte for byte what a full
MkDocs build of the same docs/ gives, while only the changed pages were rendered; the live site is
never written through the hard-linked copy the build works in. With Pagefind, the edit and the removal
are published with the search index rebuilt in the background (the old one served meanwhile), the added
article with the index made before the swap (search_index: wait)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.pipeline import build
from generator import layout
from generator.site import indexer, publish, search
from generator.site.incremental import _unshare
from generator.stamps import state_dir
from tests.helpers import file_tree, make_project

pytestmark = pytest.mark.e2e

# invented stories (not from any corpus)
INVENTED = {
    "harbour.md": ("Harbour authority approves new ferry terminal", "2024-03-04",
                   "The Lakeside Harbour Authority approved a new ferry terminal on Monday, its chair Maria Okafor "
                   "said. \"The terminal will carry two million passengers a year,\" Okafor told reporters in "
                   "Port Elsin.\n\nConstruction by Brightwater Engineering starts in June and should end in 2026."),
    "orchard.md": ("Orchard growers report record apple harvest", "2024-09-18",
                   "Growers in the Vell Valley picked a record apple harvest this autumn, the Vell Valley Growers "
                   "Union said on Wednesday.\n\n\"We have never seen trees this heavy,\" said Tomas Reyes, who "
                   "farms near Port Elsin. Prices fell by a tenth at the Brightwater market."),
}
ADDED = ("museum.md", ("Port Elsin museum reopens after restoration", "2024-11-02",
                       "The Port Elsin Maritime Museum reopened on Saturday after two years of restoration, its "
                       "director Ana Lindqvist said.\n\n\"Every ship model has been cleaned by hand,\" Lindqvist "
                       "said. Maria Okafor of the Lakeside Harbour Authority cut the ribbon."))


def write_seed(root: Path, name: str, story: tuple[str, str, str]) -> None:
    title, published, text = story
    (root / "seeds" / name).write_text(f"---\ntitle: {title}\npublished: {published}\n---\n\n{text}\n",
                                       encoding="utf-8")


def full_build(root: Path, mode: str, dest: Path) -> dict[str, bytes]:
    """What `mkdocs build` from scratch (then Pagefind, in that mode) makes of the current docs/, with the
    marker every publish leaves in site/ (generator/layout.py: the folder is the build's to replace)."""
    shutil.rmtree(dest, ignore_errors=True)
    config = search.pagefind_config(root, dest.parent / "cfg") if mode == "pagefind" else root / "mkdocs.yml"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--strict", "-f", str(config), "-d",
                    str(dest)], cwd=root, check=True, capture_output=True)
    if mode == "pagefind":
        search.index_site(dest)
    layout.write_marker(dest)
    return file_tree(dest)


PUBLISHED_BEFORE: dict[Path, str | None] = {}  # published.json as the last build found it


def fresh_render(root: Path) -> dict[str, str]:
    """Every page rendered from scratch from the same content: no page keys, no thread or export memo, and
    the published manifest the last build started from."""
    from generator.config import load_config
    from generator.context import BuildContext
    from generator.pipeline import BuildReport, make_briefing
    from generator.site.published import Published
    from generator.site.render import render_pages

    ctx = BuildContext(root, load_config(root))
    b = make_briefing(ctx, BuildReport(), 1, None, False)
    before = PUBLISHED_BEFORE.get(root)
    published = Published(previous=json.loads(before)) if before else Published()
    return render_pages(b, ctx.templates, ctx.cfg.entity_min_mentions, ctx.cfg.entity_min_articles,
                        ctx.cfg.home_max_items, published=published)


def assert_docs_as_rendered_from_scratch(root: Path) -> None:
    """docs/, made by a build that reused page keys and the memos of .cache/state, is what rendering
    everything afresh gives."""
    want = fresh_render(root)
    for rel, text in sorted(want.items()):
        assert (root / "docs" / rel).read_text(encoding="utf-8") == text, rel
    extra = {"search.md", "assets/briefing.css", layout.MARKER}
    on_disk = {str(p.relative_to(root / "docs")) for p in (root / "docs").rglob("*") if p.is_file()}
    assert on_disk - extra == set(want)


def assert_same_as_full_build(root: Path, mode: str, tmp: Path) -> None:
    assert_docs_as_rendered_from_scratch(root)
    got, want = file_tree(root / "site"), full_build(root, mode, tmp / "reference")
    assert sorted(got) == sorted(want), (sorted(set(got) ^ set(want)))[:10]
    differ = sorted(k for k in want if got[k] != want[k])
    assert not differ, differ[:10]


def publish_build(root: Path, mode: str, monkeypatch, background: bool, full: bool = False):
    """One build; with Pagefind in the background, check that the previous index was served until the new
    one was swapped in, then wait for it as `briefing build --wait-search` does (a build with nothing to do)."""
    monkeypatch.setenv("BRIEFING_SEARCH_INDEX", "background" if background else "wait")
    manifest = state_dir(root) / "published.json"
    PUBLISHED_BEFORE[root] = manifest.read_text(encoding="utf-8") if manifest.exists() else None
    before = file_tree(root / "site" / "pagefind")
    report = build(root, progress=False)
    if mode != "pagefind":
        assert "search" not in report.site
        return report
    assert report.site.get("search") == ("background" if background and not full else None)
    served = file_tree(root / "site" / "pagefind")  # right after the build: the old index, or the new one if done
    monkeypatch.setenv("BRIEFING_SEARCH_INDEX", "wait")
    assert build(root, progress=False).unchanged
    assert not indexer.running(root) and not indexer.pending_file(state_dir(root)).exists()
    assert served in (before, file_tree(root / "site" / "pagefind"))
    assert not list(root.glob("site.building.search-*"))  # nothing left aside by an indexer
    return report


@pytest.fixture(scope="module", params=["material", "pagefind"])
def project(request, tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp(f"incr-{request.param}") / "proj")
    for name, story in INVENTED.items():
        write_seed(root, name, story)
    (root / "briefing.yml").write_text(f"search: {request.param}\n", encoding="utf-8")
    report = build(root, progress=False)
    assert report.site["full"] is True
    return root, request.param


def test_first_build_is_full_and_matches(project, tmp_path):
    root, mode = project
    assert_same_as_full_build(root, mode, tmp_path)


def test_entity_description_edit_renders_few_pages(project, tmp_path, monkeypatch):
    root, mode = project
    entity = root / "content" / "entities" / "huawei.yml"
    text = entity.read_text(encoding="utf-8")
    entity.write_text(text.replace("description: ''", "description: A maker of telephones (edited)."), "utf-8")
    report = publish_build(root, mode, monkeypatch, background=True)
    assert report.site["full"] is False
    assert 1 <= report.site["rendered"] <= 4 < report.site["pages"]
    assert "A maker of telephones (edited)." in (root / "site" / "entities" / "huawei.html").read_text("utf-8")
    assert_same_as_full_build(root, mode, tmp_path)


def test_added_article(project, tmp_path, monkeypatch):
    root, mode = project
    write_seed(root, *ADDED)
    report = publish_build(root, mode, monkeypatch, background=False)
    assert report.site["full"] is False and report.site["rendered"] < report.site["pages"]
    assert any(p.name.startswith("port-elsin-museum") for p in (root / "site" / "articles").iterdir())
    assert_same_as_full_build(root, mode, tmp_path)


def test_removed_article(project, tmp_path, monkeypatch):
    root, mode = project
    (root / "seeds" / "orchard.md").unlink()
    report = publish_build(root, mode, monkeypatch, background=True)
    assert report.site["full"] is False and report.site["rendered"] < report.site["pages"]
    assert not any(p.name.startswith("orchard-growers") for p in (root / "site" / "articles").iterdir())
    assert_same_as_full_build(root, mode, tmp_path)


def test_record_edited_by_hand(project, tmp_path, monkeypatch):
    """An editor's change to a stored record (its summary) reaches its pages, the threads and the export."""
    root, mode = project
    record = next(p for p in sorted((root / "content" / "articles").glob("*.yml")) if p.name.startswith("harbour"))
    text = record.read_text(encoding="utf-8")
    assert "\nsummary: " in text
    head, rest = text.split("\nsummary: ", 1)
    record.write_text(head + "\nsummary: A summary written by hand.\n" + rest.split("\n", 1)[1], encoding="utf-8")
    report = publish_build(root, mode, monkeypatch, background=False)
    assert report.site["full"] is False
    assert "A summary written by hand." in (root / "docs" / "data" / "briefing.json").read_text(encoding="utf-8")
    assert_same_as_full_build(root, mode, tmp_path)


def test_configuration_change_is_a_full_build(project, tmp_path, monkeypatch):
    root, mode = project
    cfg = root / "mkdocs.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("site_name: Briefing", "site_name: The Briefing"),
                   encoding="utf-8")
    report = publish_build(root, mode, monkeypatch, background=True, full=True)  # indexed before the swap
    assert report.site["full"] is True
    assert_same_as_full_build(root, mode, tmp_path)


def test_live_site_is_never_written_through(project):
    """While the copy is built, site/ keeps every byte (the copy shares its files' inodes)."""
    root, mode = project
    if mode != "material":
        pytest.skip("one mode is enough")
    before = file_tree(root / "site")
    seen = {}

    def check(tmp: Path) -> None:
        seen["during"] = file_tree(root / "site")
        raise RuntimeError("stop before the swap")

    for page in ("index.md", "entities/huawei.md"):
        path = root / "docs" / page
        path.write_text(path.read_text(encoding="utf-8") + "\nChanged.\n", encoding="utf-8")
    with pytest.raises(RuntimeError):
        publish.build_site(root, root / "site", after_build=check, manifest=state_dir(root) / "site-manifest.json")
    assert seen["during"] == before
    assert file_tree(root / "site") == before


def test_unshare_breaks_hard_links(tmp_path):
    live, copy = tmp_path / "live.txt", tmp_path / "copy.txt"
    live.write_text("old")
    os.link(live, copy)
    _unshare(str(copy), keep=False)
    assert not copy.exists() and live.read_text() == "old"
    os.link(live, copy)
    _unshare(str(copy), keep=True)
    with open(copy, "a") as fh:
        fh.write(" and more")
    assert live.read_text() == "old" and copy.read_text() == "old and more"


def test_previous_site_is_discarded_after_the_build(tmp_path):
    site = tmp_path / "site"
    old = tmp_path / "site.building"
    for d, text in ((site, "new"), (old, "old")):
        d.mkdir()
        (d / "index.html").write_text(text)
    publish.discard_later(old)
    assert not old.exists() and (site / "index.html").read_text() == "new"
    leftover = tmp_path / "site.building.discard-999999999-1"  # a removal cut short by a dead process
    leftover.mkdir()
    publish.recover(site)
    assert not leftover.exists()
    for _ in range(100):  # the detached rm -rf
        if sorted(p.name for p in tmp_path.iterdir()) == ["site"]:
            break
        import time
        time.sleep(0.05)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]

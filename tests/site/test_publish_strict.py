"""Publishing is strict: a page MkDocs warns about (a broken link, a missing anchor) fails the build with the
warning in the message and leaves the previous site alone, while a clean build prints nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import BriefingError
from generator.site.publish import _log_problems, build_site

CONFIG = ("site_name: Strict test\ndocs_dir: docs\nuse_directory_urls: false\ntheme:\n  name: material\n"
          "validation:\n  links:\n    not_found: warn\n    anchors: warn\n")  # as the project's mkdocs.yml


def _project(tmp: Path, pages: dict[str, str]) -> Path:
    root = tmp / "proj"
    (root / "docs").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    for name, text in pages.items():
        (root / "docs" / name).write_text(text, encoding="utf-8")
    return root


def test_a_clean_site_builds_and_says_nothing(tmp_path, capfd):
    root = _project(tmp_path, {"index.md": "# Home\n\nSee [the other page](other.md#a-section).\n",
                               "other.md": "# Other\n\n## A section\n\nText.\n"})
    build_site(root, root / "site")
    assert (root / "site" / "index.html").is_file() and (root / "site" / "other.html").is_file()
    out, err = capfd.readouterr()
    assert out == "" and err == ""


@pytest.mark.parametrize("link, named", [
    ("[gone](no-such-page.md)", "no-such-page.md"),
    ("[gone](other.md#no-such-anchor)", "no-such-anchor"),
])
def test_a_warning_fails_the_strict_build_with_a_clear_message(tmp_path, link, named):
    root = _project(tmp_path, {"index.md": "# Home\n\nWorking.\n", "other.md": "# Other\n\nText.\n"})
    build_site(root, root / "site")
    before = (root / "site" / "index.html").read_bytes()
    (root / "docs" / "index.md").write_text(f"# Home\n\nSee {link}.\n", encoding="utf-8")
    with pytest.raises(BriefingError) as info:
        build_site(root, root / "site")
    message = str(info.value)
    assert "mkdocs build failed" in message and "strict mode" in message
    assert "index.md" in message and named in message
    assert "INFO" not in message  # the progress lines of the log are left out
    assert (root / "site" / "index.html").read_bytes() == before  # the previous site is untouched
    assert not (root / "site.building").exists()


def test_the_same_warning_passes_when_not_strict(tmp_path):
    root = _project(tmp_path, {"index.md": "# Home\n\nSee [gone](no-such-page.md).\n"})
    build_site(root, root / "site", strict=False)
    assert (root / "site" / "index.html").is_file()


def test_log_problems_keeps_warnings_errors_and_tracebacks_without_info_records():
    log = ("INFO    -  Cleaning site directory\n"
           "INFO    -  The following pages are not in nav:\n"
           "  - a.md\n"
           "WARNING -  Doc file 'x.md' contains a link 'y.md', but the target is not found.\n"
           "Traceback (most recent call last):\n"
           "  File \"build.py\", line 3, in run\n"
           "ValueError: boom\n"
           "DEBUG   -  detail\n"
           "mkdocs: Aborted with 1 warnings in strict mode!")
    assert _log_problems(log).splitlines() == [
        "WARNING -  Doc file 'x.md' contains a link 'y.md', but the target is not found.",
        "Traceback (most recent call last):",
        "  File \"build.py\", line 3, in run",
        "ValueError: boom",
        "mkdocs: Aborted with 1 warnings in strict mode!",
    ]

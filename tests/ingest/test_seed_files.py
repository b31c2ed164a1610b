"""Which files are seeds: symbolic links, FIFOs, devices, byte-identical copies and renamed seeds
(generator/ingest/seedfiles.py and ingest_seeds). Symlinks cannot live in the copied bad-input corpus,
so they are made here."""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

import pytest

from generator.errors import Problems
from generator.ingest import IngestError, ingest_file, ingest_seeds
from generator.ingest.seedfiles import read_bounded
from tests.helpers import make_project

TEXT = "Regulator opens a review\n\nThe regulator said on Monday that it would review the contract.\n"
OTHER = "Council approves a budget\n\nThe council approved the budget on Tuesday after a long debate.\n"


def _ingest(root: Path, known: dict | None = None, known_sha: dict | None = None):
    problems = Problems()
    arts = ingest_seeds(root / "seeds", root, problems, 5_000_000, known or {}, known_sha=known_sha)
    return arts, problems


def _messages(problems: Problems, rel: str) -> list[str]:
    return [p.message for p in problems.items if p.file == rel]


@pytest.fixture
def root(tmp_path):
    root = make_project(tmp_path / "proj", seeds=None)
    (root / "seeds" / "real.txt").write_text(TEXT)
    return root


@pytest.mark.parametrize("name,target,expected", [
    ("passwd.txt", "/etc/passwd", "a symbolic link to a file outside the seeds folder"),
    ("config.txt", "../briefing.yml", "a symbolic link to a file outside the seeds folder"),
    ("gone.txt", "nowhere.txt", "a broken symbolic link"),
    ("folder.txt", "/etc", "a symbolic link to a folder"),
    ("loop.txt", "loop.txt", "a loop of symbolic links"),
])
def test_bad_symlinks_are_reported_and_not_followed(root, name, target, expected):
    (root / "briefing.yml").write_text("jobs: 1\n")
    os.symlink(target, root / "seeds" / name)
    arts, problems = _ingest(root)
    assert [a.source_file for a in arts] == ["seeds/real.txt"]
    found = _messages(problems, f"seeds/{name}")
    assert found and expected in found[0] and "skipped" in found[0], [str(p) for p in problems.items]


def test_a_symlinked_folder_is_not_walked(root, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.txt").write_text(OTHER)
    os.symlink(outside, root / "seeds" / "more")
    arts, problems = _ingest(root)
    assert [a.source_file for a in arts] == ["seeds/real.txt"]
    assert "a symbolic link to a folder" in _messages(problems, "seeds/more")[0]


def test_a_link_inside_the_seeds_folder_is_a_second_name(root):
    (root / "seeds" / "sub").mkdir()
    (root / "seeds" / "sub" / "other.txt").write_text(OTHER)
    os.symlink("sub/other.txt", root / "seeds" / "alias.txt")
    arts, problems = _ingest(root)
    # the link and its target are one file: published once, the copy reported as a duplicate
    assert sorted(a.title for a in arts) == ["Council approves a budget", "Regulator opens a review"]
    assert any("duplicate" in m for m in _messages(problems, "seeds/sub/other.txt") + _messages(problems,
                                                                                                "seeds/alias.txt"))


def test_a_fifo_is_refused_without_blocking(root):
    os.mkfifo(root / "seeds" / "pipe.txt")
    done = threading.Event()
    result = {}

    def run():
        result["out"] = _ingest(root)
        done.set()

    threading.Thread(target=run, daemon=True).start()
    assert done.wait(20), "ingest blocked on a FIFO"
    arts, problems = result["out"]
    assert [a.source_file for a in arts] == ["seeds/real.txt"]
    assert "a FIFO (named pipe), not a regular file" in _messages(problems, "seeds/pipe.txt")[0]


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_devices_are_refused(tmp_path, device):
    with pytest.raises(IngestError, match="a character device, not a regular file"):
        ingest_file(Path(device), tmp_path, 5_000_000)


def test_extract_command_refuses_dev_zero_and_a_fifo(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from generator.cli import main

    monkeypatch.chdir(tmp_path)
    os.mkfifo(tmp_path / "pipe")
    import generator.extract.model as nlpmod
    monkeypatch.setattr(nlpmod, "load", lambda *a, **k: None)  # no model needed: nothing gets that far
    result = CliRunner().invoke(main, ["extract", "/dev/zero", str(tmp_path / "pipe")])
    assert result.exit_code == 1
    assert "/dev/zero: a character device, not a regular file" in result.output
    assert "pipe: a FIFO (named pipe), not a regular file" in result.output


def test_reads_are_bounded(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 5000)
    assert read_bounded(path, 5000) == b"a" * 5000
    with pytest.raises(IngestError, match="over the max_article_bytes limit of 4,999"):
        read_bounded(path, 4999)


# ----------------------------------------------------------------------------- copies and renames

def test_a_byte_identical_copy_is_a_duplicate(root):
    (root / "seeds" / "real copy.txt").write_text(TEXT)
    arts, problems = _ingest(root)
    assert [a.source_file for a in arts] == ["seeds/real copy.txt"]  # the first by path: no record names either
    assert "the same bytes as seeds/real copy.txt: a duplicate" in _messages(problems, "seeds/real.txt")[0]


def test_the_copy_a_record_names_is_the_one_kept(root):
    (root / "seeds" / "a-copy.txt").write_text(TEXT)
    arts, problems = _ingest(root, known={"seeds/real.txt": "regulator-opens-a-review"})
    assert [(a.source_file, a.id) for a in arts] == [("seeds/real.txt", "regulator-opens-a-review")]
    assert "duplicate" in _messages(problems, "seeds/a-copy.txt")[0]


def test_a_renamed_seed_keeps_its_id_without_a_warning(root):
    sha = hashlib.sha256(TEXT.encode()).hexdigest()
    (root / "seeds" / "real.txt").rename(root / "seeds" / "renamed.txt")
    (root / "seeds" / "new.txt").write_text("Regulator opens a review\n\nA different text with the same title.\n")
    known = {"seeds/real.txt": "regulator-opens-a-review"}
    arts, problems = _ingest(root, known=known, known_sha={sha: "seeds/real.txt"})
    ids = {a.source_file: (a.id, a.renamed_from) for a in arts}
    assert ids["seeds/renamed.txt"] == ("regulator-opens-a-review", "seeds/real.txt")
    assert ids["seeds/new.txt"][0] != "regulator-opens-a-review"
    assert not _messages(problems, "seeds/renamed.txt")


def test_a_copy_beside_the_original_is_no_rename(root):
    sha = hashlib.sha256(TEXT.encode()).hexdigest()
    (root / "seeds" / "zz-copy.txt").write_text(TEXT)
    arts, _ = _ingest(root, known={"seeds/real.txt": "r"}, known_sha={sha: "seeds/real.txt"})
    assert [(a.source_file, a.id, a.renamed_from) for a in arts] == [("seeds/real.txt", "r", None)]


@pytest.mark.parametrize("title,expected", [("Index", "index-"), ("INDEX", "index-")])
def test_a_seed_titled_index_does_not_take_the_index_page(root, title, expected):
    (root / "seeds" / "index.txt").write_text(f"{title}\n\nThe index of prices rose on Monday, the office said.\n")
    arts, problems = _ingest(root)
    art = next(a for a in arts if a.source_file == "seeds/index.txt")
    assert art.id.startswith(expected) and art.id != "index"
    assert "names one of the site's index pages" in _messages(problems, "seeds/index.txt")[0]


@pytest.mark.parametrize("path, shown", [
    ("/proj/seeds/2021 harbour.txt", "seeds/2021 harbour.txt"),
    ("/proj/content/articles/note.yaml", "content/articles/note.yaml"),
    ("/elsewhere/seeds/a.txt", "/elsewhere/seeds/a.txt"),  # outside the project: as it is
    ("/proj", "."),
])
def test_a_path_is_shown_relative_to_the_project_when_inside_it(path, shown):
    from generator.errors import shown_path

    assert shown_path(Path(path), Path("/proj")) == shown

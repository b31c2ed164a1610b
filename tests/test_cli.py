"""CLI: --help, and `extract` printing records without touching content/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import make_project

ROOT = Path(__file__).resolve().parent.parent
SEED_A = ROOT / "seeds" / "000_2ae35d2baa106c35.txt"
SEED_B = ROOT / "seeds" / "002_6e924bfd13a55e2f.txt"


def test_help_lists_commands():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for command in ("build", "extract"):
        assert command in result.output


def test_extract_jsonl_one_line_per_file_in_order(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["extract", str(SEED_B), str(SEED_A), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert first["title"].startswith("No American mates") and second["title"].startswith("Verizon")
    assert not (tmp_path / "content").exists()


def test_extract_published_overrides_and_resolves_relative_dates(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["extract", str(SEED_A), "--published", "2018-01-30", "--format", "json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert record["published"] == "2018-01-30"
    week = next(d for d in record["dates"] if d["text"] == "this week")
    assert week["value"] == "2018-W05"


def test_extract_yaml_and_bad_file(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = CliRunner().invoke(main, ["extract", str(SEED_B), str(empty), "--format", "yaml"])
    assert result.exit_code == 1
    assert "empty.txt" in result.output and "Traceback" not in result.output
    assert "title: No American mates" in result.output


# ----------------------------------------------------------------------------- new entity

def _new(root, *args):
    return CliRunner().invoke(main, ["new", "entity", *args, "--root", str(root)])


@pytest.mark.parametrize("given, stored", [
    ("PERSON", "PERSON"), ("person", "PERSON"), ("PER", "PERSON"), ("Per", "PERSON"),
    ("organisation", "ORG"), ("Organization", "ORG"), ("org", "ORG"), ("country", "GPE"),
    ("work of art", "WORK_OF_ART"), ("location", "LOC"),
])
def test_new_entity_type_any_case_and_synonyms(tmp_path, given, stored):
    root = make_project(tmp_path / "p", seeds=None)
    result = _new(root, "Harlow Example", "--type", given)
    assert result.exit_code == 0, result.output
    data = yaml.safe_load((root / "content" / "entities" / "harlow-example.yml").read_text())
    assert data["type"] == stored


def test_new_entity_bad_type_lists_the_valid_values(tmp_path):
    root = make_project(tmp_path / "p", seeds=None)
    result = _new(root, "Harlow Example", "--type", "misc")
    assert result.exit_code == 1
    assert "internal error" not in result.output and "unknown entity type 'misc'" in result.output
    assert all(t in result.output for t in ("PERSON", "ORG", "GPE", "WORK_OF_ART"))
    assert not (root / "content" / "entities" / "harlow-example.yml").exists()


def test_new_help_lists_the_entity_types():
    out = CliRunner().invoke(main, ["new", "--help"], terminal_width=200).output
    assert all(t in out for t in ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "EVENT", "LAW"))


@pytest.mark.parametrize("name, expected", [
    ("Priya Raman", "PERSON"),       # reads as a person's name
    ("Harlow Bank", "ORG"),          # reads as an organisation
    ("Test Person", None),           # tells nothing: asked for, never filed as ORG by default
])
def test_new_entity_type_from_the_name(tmp_path, name, expected):
    root = make_project(tmp_path / "p", seeds=None)
    result = _new(root, name)
    path = root / "content" / "entities" / f"{name.lower().replace(' ', '-')}.yml"
    if expected is None:
        assert result.exit_code == 1 and "--type" in result.output and "PERSON" in result.output, result.output
        assert not path.exists()
    else:
        assert result.exit_code == 0, result.output
        assert yaml.safe_load(path.read_text())["type"] == expected
        assert expected in result.output  # says which type it chose


def test_new_entity_without_mentions_is_reported(tmp_path):
    root = make_project(tmp_path / "p", seeds=None)
    (root / "seeds" / "a.txt").write_text("Harbour budget approved\n\nThe Eastbrook council approved it. "
                                          "Eastbrook will dredge the channel.\n")
    quiet = _new(root, "Eastbrook", "--type", "GPE")
    assert quiet.exit_code == 0 and "no page" not in quiet.output
    result = _new(root, "Calder Aerospace", "--type", "ORG")
    assert result.exit_code == 0
    assert "'Calder Aerospace' 0 times" in result.output and "no page" in result.output

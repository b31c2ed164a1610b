"""CLI: --help, and `extract` printing records without touching content/."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from generator.cli import main

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

"""Progress of long stages: kept on screen on a terminal, one line per stage elsewhere."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time

from generator import progress
from tests.helpers import make_project


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_piped_output_gets_one_line_per_stage():
    out = io.StringIO()
    with progress.Stage("render", True, stream=out) as st:
        st.done("12 pages, 3 changed")
    with progress.Stage("extract", True, total=3, unit="article", stream=out) as st:
        for _ in range(3):
            st.update()
        st.done("3 articles parsed")
    lines = out.getvalue().splitlines()
    assert len(lines) == 2 and "\r" not in out.getvalue() and "\x1b" not in out.getvalue()
    assert lines[0].startswith("render: 12 pages, 3 changed (") and lines[0].endswith(" s)")
    assert lines[1].startswith("extract: 3 articles parsed (")


def test_on_a_terminal_a_live_line_is_drawn_and_the_final_line_stays(monkeypatch):
    monkeypatch.setattr(progress, "DRAW_AFTER", 0.0)
    monkeypatch.setattr(progress, "REDRAW", 0.05)
    out = Terminal()
    with progress.Stage("publish", True, stream=out) as st:
        time.sleep(0.3)
        st.done("site/ built with MkDocs")
    text = out.getvalue()
    assert "publish: working…" in text  # the live line while it runs
    assert text.endswith("\n") and text.rsplit("\r", 1)[-1].startswith("publish: site/ built with MkDocs (")


def test_disabled_or_silent_stages_print_nothing():
    out = io.StringIO()
    with progress.Stage("model", False, stream=out) as st:
        st.done("x")
    with progress.Stage("model", True, stream=out) as st:
        st.silent()
    assert out.getvalue() == ""


def test_a_piped_build_reports_every_stage_on_stderr(tmp_path):
    root = make_project(tmp_path / "proj")
    proc = subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(root)], capture_output=True,
                          text=True, env={**os.environ, "BRIEFING_CACHE_DIR": str(tmp_path / "cache")}, timeout=600)
    assert proc.returncode == 0, proc.stderr
    stages = [line.split(":", 1)[0] for line in proc.stderr.splitlines() if line.endswith(" s)")]
    assert stages == ["model", "extract", "render", "publish"], proc.stderr
    assert "2 articles parsed" in proc.stderr and "site/ built with MkDocs" in proc.stderr
    assert "\r" not in proc.stderr
    assert proc.stdout.startswith("built 2 articles")

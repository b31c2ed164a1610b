"""Text hygiene (issue 12, items 11-12): YAML escapes (\\0, \\e) never reach <title>, <meta> or title= raw;
bidi overrides are neutralised; a seed's name with a newline or ESC is printed escaped; the meta
description is cut before escaping; operating-system errors name the file and a fix."""

from __future__ import annotations

import errno
import html
import re

import pytest

from generator.errors import Problem, os_error_message, printable
from generator.site.textsafe import clean, html_text, md, meta_text
from tests.helpers import make_project

RAW = ("\x00", "\x1b", "\x07", "\u202e", "\u202d", "\u2066")


@pytest.mark.parametrize("text", ["Evil\x00corp", "Red\x1b[31m alert", "Bell\x07", "Zed \u202egnp.exe",
                                  "\u2066isolated\u2069 name", "line\u0085break"])
def test_attributes_and_front_matter_carry_no_raw_controls(text):
    for out in (clean(text), meta_text(text), html_text(text), str(md(text))):
        assert not any(c in out for c in RAW), repr(out)


def test_a_bidi_override_cannot_reverse_a_name():
    assert clean("photo \u202egnp.exe") == "photo gnp.exe"  # the bytes' order is what the reader sees


@pytest.mark.parametrize("text,limit", [("R&D " * 120, 300), ("a<b " * 200, 300), ('"quoted" ' * 60, 300),
                                        ("x" * 400, 300), ("short & sweet", 300)])
def test_the_meta_description_is_cut_before_escaping(text, limit):
    out = meta_text(text, limit)
    assert html.unescape(out).startswith(html.unescape(meta_text(text))[:20])
    assert not re.search(r"&(?!amp;|lt;|gt;|quot;|#x27;)", out), out[-30:]  # no entity cut in half
    assert len(html.unescape(out)) <= limit


@pytest.mark.parametrize("name", ["seeds/a\nseeds/b.txt:1: all good", "seeds/\x1b[2Jclear.txt", "seeds/\u202etxt.exe",
                                  "seeds/cr\rreturn.txt"])
def test_file_names_are_printed_escaped(name):
    line = str(Problem(name, None, "", "a message"))
    assert "\n" not in line and "\r" not in line and "\x1b" not in line and "\u202e" not in line
    assert line.endswith(": a message")
    assert printable("plain seeds/ok.txt") == "plain seeds/ok.txt"


# ----------------------------------------------------------------------------- operating-system errors

@pytest.mark.parametrize("code,expected", [(errno.EACCES, "permission denied (fix: make content/articles writable"),
                                           (errno.ENOSPC, "the disk is full (fix: free some space"),
                                           (errno.EROFS, "read-only")])
def test_os_errors_name_the_file_and_a_fix(code, expected):
    message = os_error_message(OSError(code, "whatever", "content/articles/x.yml"))
    assert message.startswith("content/articles/x.yml: ") and expected in message


def test_an_unwritable_folder_names_the_file_being_written_not_a_temporary_one(tmp_path, monkeypatch):
    import tempfile

    from generator import yamlio

    def refuse(prefix, suffix, dir):
        raise PermissionError(errno.EACCES, "Permission denied", f"{dir}/{prefix}k3j2h1g0{suffix}")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(OSError) as info:
        yamlio.atomic_write_text(tmp_path / "articles" / "a.yml", "id: a\n")
    assert info.value.filename == str(tmp_path / "articles" / "a.yml")


def test_a_full_disk_names_the_file(tmp_path, monkeypatch):
    from generator import yamlio

    def full(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(yamlio.os, "replace", full)
    with pytest.raises(OSError) as info:
        yamlio.atomic_write_text(tmp_path / "a.yml", "id: a\n")
    assert info.value.filename == str(tmp_path / "a.yml")
    assert not list(tmp_path.glob(".*.tmp"))  # the temporary file is gone


def test_the_cli_prints_one_line_with_the_fix(tmp_path, monkeypatch):
    import tempfile

    from click.testing import CliRunner

    from generator.cli import main

    root = make_project(tmp_path / "proj", seeds=None)

    def refuse(prefix, suffix, dir):
        raise PermissionError(errno.EACCES, "Permission denied", f"{dir}/{prefix}k3j2h1g0{suffix}")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    result = CliRunner().invoke(main, ["new", "entity", "Acme", "--root", str(root)])
    assert result.exit_code == 1
    assert f"{root}/content/entities/acme.yml: permission denied (fix: make {root}/content/entities writable" \
        in result.output
    assert "k3j2h1g0" not in result.output and "Traceback" not in result.output


# ----------------------------------------------------------------------------- one real build

ENTITY = 'id: zed-corp\nname: "Zed\\eCorp"\ntype: ORG\naliases: [Zed Corp]\ndescription: "Null\\0 and \\u202Egnp.exe"\n'
SEED_MD = ('---\ntitle: "Rates \\e[31mrise \\u202Egnp.exe"\npublished: 2018-03-01\n---\n\nZed Corp said on Monday '
           'that rates would rise. Zed Corp said the rise was small.\n')
EDITORIAL = ("id: r-and-d-note\ntitle: A note on R&D\npublished: 2018-03-02\nsummary: '" + "R&D spending rose. " * 30
             + "'\nbody: Zed Corp spent more on R&D.\nreview: {status: reviewed}\n")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    import subprocess
    import sys

    from tests.helpers import ROOT

    root = make_project(tmp_path_factory.mktemp("hygiene") / "proj", seeds=None)
    (root / "content" / "entities" / "zed-corp.yml").write_text(ENTITY)
    (root / "seeds" / "rates.md").write_text(SEED_MD)
    (root / "seeds" / "odd\nname\x1b[2J.txt").write_text("")  # empty: reported, under its escaped name
    (root / "content" / "articles" / "r-and-d-note.yml").write_text(EDITORIAL)
    proc = subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(root), "--quiet"], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    return root, proc


def test_the_build_output_prints_an_odd_name_escaped(built):
    root, proc = built
    assert proc.returncode == 0, proc.stderr
    assert "seeds/odd\\nname\\x1b[2J.txt: warning: empty file" in proc.stderr
    assert "\x1b" not in proc.stderr


def test_no_raw_controls_or_overrides_in_any_page(built):
    root, _ = built
    pages = sorted((root / "site").rglob("*.html"))
    assert len(pages) > 10
    bad = [(p.name, c) for p in pages for c in RAW if c in p.read_text(encoding="utf-8")]
    assert not bad, bad


def test_the_description_is_cut_whole(built):
    root, _ = built
    page = (root / "site" / "articles" / "r-and-d-note.html").read_text(encoding="utf-8")
    m = re.search(r'<meta name="description" content="([^"]*)"', page)
    assert m, "no description"
    assert not re.search(r"&(?!amp;|lt;|gt;|quot;|#x27;|#39;)", m[1]), m[1][-40:]
    assert html.unescape(m[1]).endswith("…")

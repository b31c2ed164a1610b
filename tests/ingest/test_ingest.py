"""Ingest: plain-text seeds as they really arrive, Markdown with front matter, HTML."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.ingest import IngestError, assign_ids, ingest_text, split_plain_text, title_from_lede
from generator.ingest.truecase import truecase


@pytest.mark.parametrize("text, published, headline, standfirst, body_start", [
    (" date 2018-01-10 No American mates\n\nWon't sell in the US\n\nFor decades now Huawei grew.",
     dt.date(2018, 1, 10), "No American mates", ["Won't sell in the US"], "For decades"),
    ("date 2018-01-10\nA headline\n\nThe body starts here. It goes on.",
     dt.date(2018, 1, 10), None, [], None),
    ("Headline without date\n\nStandfirst one\n\nStandfirst two\n\nBody sentence one. Two.",
     None, "Headline without date", ["Standfirst one", "Standfirst two"], "Body sentence one"),
    ("VERIZON HAS REPORTEDLY followed AT&T. More text here.\n\nSecond paragraph.",
     None, None, [], "VERIZON HAS REPORTEDLY"),
])
def test_split_plain_text(text, published, headline, standfirst, body_start):
    got_date, got_head, got_sf, body = split_plain_text(text)
    assert got_date == published
    if headline is not None or body_start is not None:
        assert got_head == headline
        assert got_sf == standfirst
        assert body.startswith(body_start)


def test_date_line_then_headline_on_next_line():
    _, head, _, body = split_plain_text("date 2018-01-10\nA headline\n\nThe body starts here.")
    assert head is None or head == "A headline"
    assert "The body starts here." in body


@pytest.mark.parametrize("tail", [" µ", "\n\nµ", " ■", "\n\nENDS", " (END)", "\n\n-30-", "  µ  \n"])
def test_stray_end_marks_are_removed(tail):
    _, _, _, body = split_plain_text("Title\n\nThe story ends here." + tail)
    assert body == "The story ends here."


def test_body_text_is_not_rewritten():
    text = "Title\n\nOdd  spacing,  kept.\nLine two “curly”.\n\nPara 2."
    _, _, _, body = split_plain_text(text)
    assert body == "Odd  spacing,  kept.\nLine two “curly”.\n\nPara 2."


def test_markdown_front_matter():
    art = ingest_text("---\ntitle: Hello world\npublished: 2020-02-03\nsource: Example News\n"
                      "url: https://example.org/a\n---\nBody text here. More.\n", "seeds/a.md", "0" * 64)
    assert (art.title, art.published, art.source_name, art.url) == (
        "Hello world", dt.date(2020, 2, 3), "Example News", "https://example.org/a")
    assert art.body == "Body text here. More."
    assert art.id == "hello-world"


def test_front_matter_without_end_is_an_error_with_line():
    with pytest.raises(IngestError) as err:
        ingest_text("---\ntitle: x\nBody", "seeds/a.md", "0" * 64)
    assert err.value.line == 1 and "closing" in str(err.value)


def test_html_seed():
    art = ingest_text("<html><head><title>T</title><script>alert(1)</script></head><body><h1>Big news</h1>"
                      "<p>First para.</p><p>Second &amp; last.</p></body></html>", "seeds/a.html", "0" * 64)
    assert art.title == "Big news"
    assert "alert" not in art.body and "Second & last." in art.body


def test_empty_article_is_an_error():
    with pytest.raises(IngestError):
        ingest_text("   \n\n  ", "seeds/a.txt", "0" * 64)


def test_title_from_caps_lede_is_recased_and_cut():
    body = "VERIZON HAS REPORTEDLY followed the lead of AT&T. Verizon has said little."
    assert title_from_lede(body) == "Verizon has reportedly followed the lead of AT&T"


@pytest.mark.parametrize("text, expected", [
    ("VERIZON HAS REPORTEDLY followed AT&T. Verizon has said nothing.",
     "Verizon has reportedly followed AT&T. Verizon has said nothing."),
    ("THE US GOVERNMENT said so. The US agreed.", "The US government said so. The US agreed."),
    ("No caps here at all.", "No caps here at all."),
    ("A single WORD in caps stays.", "A single WORD in caps stays."),
])
def test_truecase(text, expected):
    out = truecase(text)
    assert out == expected and len(out) == len(text)


def test_ids_are_unique_and_stable():
    a = ingest_text("AT&T\n\nBody one. More words.", "seeds/1.txt", "1" * 64)
    b = ingest_text("AT-T\n\nBody two. More words.", "seeds/2.txt", "2" * 64)
    assert a.id == b.id == "at-t"
    first = assign_ids([a, b], {})
    assert first[0].id == "at-t" and first[1].id != "at-t"
    # a source keeps the id its record already has, whatever arrives later
    again = assign_ids([b, a], {"seeds/2.txt": "at-t"})
    assert {x.source_file: x.id for x in again}["seeds/2.txt"] == "at-t"
    assert len({x.id for x in again}) == 2

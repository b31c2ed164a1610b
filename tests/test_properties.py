"""Property-based tests (Hypothesis): ingest, YAML round-trips, slugs and escaping hold for any input."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from generator import yamlio
from generator.ingest import (MAX_BODY_CHARS, MAX_HEADLINE_CHARS, IngestError, assign_ids, decode, ingest_text,
                              make_slug, split_front_matter)
from generator.records import ID_PATTERN, ArticleRecord, Quote, Source
from generator.site.textsafe import md, meta_text

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ID_RE = re.compile(ID_PATTERN)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")

# text that looks like articles: words, quote marks, punctuation, newlines, markup, odd unicode
ARTICLE_ALPHABET = st.sampled_from(list("abcXYZ019 .,;:!?'\"“”‘’«»-–—\n\n\t#*_[]{}()<>&|!~^=$%@/\\`")
                                   + ["date 2018-02-30 ", "---\n", "{{ x }}", "{% if %}", "<script>", "ENDS", "µ",
                                      "\r\n", "\r", "\u2028", "\u00a0", "é", "日本", "\U0001f600", "\x00", "\x1b"])
article_text = st.lists(ARTICLE_ALPHABET, max_size=200).map("".join) | st.text(max_size=400)


@SETTINGS
@given(text=article_text, suffix=st.sampled_from([".txt", ".md", ".html"]))
def test_ingest_never_crashes_and_keeps_its_promises(text, suffix):
    try:
        art = ingest_text(text, f"seeds/x{suffix}", "0" * 64)
    except IngestError as exc:
        assert str(exc)  # a message, never an empty one
        return
    assert ID_RE.match(art.id) and len(art.id) <= 60
    assert art.title and "\n" not in art.title and art.title == art.title.strip()
    assert len(art.title) <= MAX_HEADLINE_CHARS + 1
    assert art.body.strip() and any(c.isalnum() for c in art.body) and len(art.body) <= MAX_BODY_CHARS
    last = 0
    for a, b in art.paragraphs:  # paragraph offsets index the body, in order, without overlap
        assert last <= a < b <= len(art.body)
        assert art.body[a:b] == art.body[a:b].strip()
        last = b


@SETTINGS
@given(raw=st.binary(max_size=600))
def test_decode_any_bytes(raw):
    try:
        text, warning = decode(raw)
    except IngestError as exc:
        assert "binary" in str(exc) or "byte-order mark" in str(exc)
        return
    assert not CONTROL.search(text)
    assert warning is None or isinstance(warning, str)


@SETTINGS
@given(text=st.text(max_size=300), codec=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_decode_round_trips_text(text, codec):
    assume(not CONTROL.search(text) and not re.search(r"[\ud800-\udfff]", text))
    assume(codec != "utf-8" or not text.startswith("\ufeff"))
    assert decode(text.encode(codec)) == (text, None)


@SETTINGS
@given(text=st.text(max_size=300))
def test_front_matter_parser_never_crashes(text):
    for candidate in (text, "---\n" + text, "---\n" + text + "\n---\nbody"):
        try:
            meta, body = split_front_matter(candidate)
        except IngestError as exc:
            assert exc.line is None or exc.line >= 1
            continue
        assert isinstance(meta, dict) and isinstance(body, str)


# ------------------------------------------------------------------------------------------ YAML

scalars = (st.none() | st.booleans() | st.integers(min_value=-10**12, max_value=10**12)
           | st.text(max_size=60) | st.dates(min_value=dt.date(1000, 1, 1)))
plain_data = st.recursive(scalars, lambda inner: st.lists(inner, max_size=5)
                          | st.dictionaries(st.text(min_size=1, max_size=20), inner, max_size=5), max_leaves=25)


@SETTINGS
@given(data=st.dictionaries(st.text(min_size=1, max_size=20), plain_data, max_size=6))
def test_yaml_round_trip(data):
    assume(not any(re.search(r"[\ud800-\udfff]", k) for k in data))
    text = yamlio.dumps(yamlio.plain(data))
    try:
        loaded = yamlio.loads(text)
    except yamlio.YamlFileError as exc:
        # only what the loader refuses on purpose, never something it wrote itself
        pytest.fail(f"dumped YAML does not load back: {exc} (line {exc.line})\n{text}")
    assert loaded.data == data


@SETTINGS
@given(text=st.text(max_size=400) | st.lists(st.sampled_from(
    ["a:", " b", "- ", "&x ", "*x", "!!python/object:os.system", "[", "]", "{", "}", "\n", "  ", "'", '"',
     "2018-02-30", "? ", "|", ">", "---", "...", "%YAML 1.1", "\t", "\x07", "\ufeff", "1e400", "0x1f", "~"]),
    max_size=60).map("".join))
def test_yaml_loader_only_raises_its_own_error(text):
    try:
        loaded = yamlio.loads(text)
    except yamlio.YamlFileError as exc:
        assert str(exc) and (exc.line is None or exc.line >= 1)
        return
    assert loaded.data is None or isinstance(loaded.data, (dict, list, str, int, float, bool, dt.date))


record_text = st.text(max_size=80).filter(lambda s: not re.search(r"[\ud800-\udfff]", s))


@SETTINGS
@given(title=record_text.filter(str.strip), summary=record_text, quote=record_text, label=record_text,
       body=record_text, published=st.none() | st.dates(min_value=dt.date(1000, 1, 1)))
def test_article_record_round_trips_through_its_file(title, summary, quote, label, body, published):
    from generator.content.store import record_text as write

    rec = ArticleRecord(id="some-article", title=title, published=published, summary=summary, body=body or None,
                        source=Source(file=None), quotes=[Quote(text=quote, start=0, end=1, speaker_label=label)])
    again = ArticleRecord.model_validate(yamlio.loads(write(rec)).data)
    assert again.model_dump(exclude={"review"}) == rec.model_dump(exclude={"review"})


# ------------------------------------------------------------------------------------------ slugs

@SETTINGS
@given(title=st.text(max_size=200), fallback=st.text(max_size=40))
def test_slug_is_always_a_valid_id(title, fallback):
    slug = make_slug(title, fallback)
    assert ID_RE.match(slug) and len(slug) <= 60
    assert slug == make_slug(title, fallback)  # deterministic


@SETTINGS
@given(titles=st.lists(st.sampled_from(["AT&T", "AT-T", "at t", "!!!", "", "Huawei", "HUAWEI", "日本"]) | st.text(max_size=20),
                       min_size=1, max_size=12),
       keep=st.data())
def test_assigned_ids_are_unique_valid_and_stable(titles, keep):
    from generator.records import Article

    arts = [Article(id=make_slug(t, f"seed-{i}"), title=t or "x", published=None, source_file=f"seeds/{i:02d}.txt",
                    source_sha256="", body="text") for i, t in enumerate(titles)]
    first = assign_ids(arts, {})
    ids = [a.id for a in first]
    assert len(set(ids)) == len(ids) and all(ID_RE.match(i) for i in ids)
    # ids already given keep their value whatever arrives later (a new seed never steals an id)
    known = {a.source_file: a.id for a in first if keep.draw(st.booleans())}
    extra = Article(id=ids[0], title="late", published=None, source_file="seeds/zz.txt", source_sha256="", body="t")
    second = assign_ids(arts + [extra], known)
    assert all(a.id == known[a.source_file] for a in second if a.source_file in known)
    assert len({a.id for a in second}) == len(second)
    assert assign_ids(arts, {}) == first  # deterministic


# ------------------------------------------------------------------------------------------ escaping

@SETTINGS
@given(text=st.text(max_size=200))
def test_md_escape_is_inert_and_lossless(text):
    out = str(md(text))
    bare = re.sub(r"&(?:amp|lt|gt|#\d+);", "", out)
    assert not re.search(r"[<>\"'`*_\[\]{}()|!~^=$:#+@%\\&]", bare)  # nothing Markdown or HTML could act on
    assert not CONTROL.search(out)
    shown = BIDI.sub("", CONTROL.sub("\ufffd", re.sub(r"\s+", " ", text)))
    assert html.unescape(out) == shown  # the reader sees the same characters (bidi overrides neutralised)


@SETTINGS
@given(text=st.text(max_size=200))
def test_meta_text_has_no_markup(text):
    out = meta_text(text)
    assert "<" not in out and ">" not in out
    shown = BIDI.sub("", CONTROL.sub("\ufffd", " ".join(text.split())))  # no raw NUL or ESC reaches <title>
    assert html.unescape(out) == shown.replace("<", "‹").replace(">", "›")


# ------------------------------------------------------------------------------------------ no quadratic regexes

@pytest.mark.parametrize("make", [
    lambda n: "Title\n\nSome text" + " " * n + "end.",              # a run of spaces mid-body (end marks)
    lambda n: "date" + " " * n + "x\n\nTitle\n\nBody text.",       # a run of spaces after 'date'
    lambda n: " " * n + "\n\nTitle\n\nBody text.",                 # a first line of spaces
    lambda n: "Title\n\n" + "a " * (n // 2) + "\t" * 10,           # no sentence end at all
    lambda n: "Title\n\n" + "µ " * (n // 2),                       # end marks all the way
    lambda n: "---\ntitle: x\n---\n" + " " * n + "Body.",          # Markdown seed with a long gap
], ids=["gap", "date-line", "blank-first-line", "no-sentence-end", "end-marks", "markdown-gap"])
def test_ingest_is_linear_on_long_runs(make):
    import time

    text = make(200_000)
    t0 = time.perf_counter()
    try:
        ingest_text(text, "seeds/x.md" if text.startswith("---") else "seeds/x.txt", "0")
    except IngestError:
        pass
    assert time.perf_counter() - t0 < 2.0

"""The evaluator: pure metrics, gold readers and scoring on synthetic data (tests/data/eval, written for
these tests in the gold sets' shapes), and one end-to-end run of `python -m generator.evaluate`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.evaluate import gold
from generator.evaluate.gold import Span
from generator.evaluate.metrics import PRF, jaccard, match_one_to_one, normal_span, span_match_score, token_offsets
from generator.evaluate.score import merge_fragments, score_entities, score_quotes, score_timexes, speaker_ok

DATA = Path(__file__).resolve().parents[1] / "data" / "eval"


@pytest.mark.parametrize("tp, n_p, n_g, f1", [(0, 0, 0, 0.0), (1, 1, 1, 1.0), (1, 2, 1, 2 / 3), (3, 4, 6, 0.6)])
def test_prf(tp, n_p, n_g, f1):
    assert PRF(tp, n_p, tp, n_g).f1 == pytest.approx(f1)


@pytest.mark.parametrize("a, b, expected", [
    ((0, 11), (0, 11), 1.0),
    ((0, 11), (12, 20), 0.0),
    ((0, 7), (0, 18), 0.5),  # "one two" vs "one two three four"
])
def test_jaccard_on_token_offsets(a, b, expected):
    text = "one two three four"
    assert jaccard(token_offsets(text, [a]), token_offsets(text, [b])) == pytest.approx(expected, abs=0.01)


@pytest.mark.parametrize("text, expected", [
    ("the United States", "United States"),
    ("Boeing's", "Boeing"),
    ("“Dreamliner", "Dreamliner"),
    ("Airbus", "Airbus"),
])
def test_normal_span(text, expected):
    a, b = normal_span(text, 0, len(text))
    assert text[a:b] == expected


def test_one_to_one_matching_prefers_the_best_pair():
    pairs = match_one_to_one([0, 1], [0, 1], lambda s, g: {(0, 0): 0.4, (0, 1): 0.9, (1, 1): 0.5}.get((s, g), 0))
    assert sorted(pairs) == [(0, 1)]


@pytest.mark.parametrize("system, expected", [
    ((10, 14), 1),  # "2009" inside "from 2009 to 2011": the gold "2009", not the enclosing range
    ((5, 22), 0),   # the whole range: the range
])
def test_span_matching_prefers_the_closest_extent(system, expected):
    gold_spans = [Span(5, 22, "DURATION", "P2Y"), Span(10, 14, "DATE", "2009")]
    pairs = match_one_to_one([Span(*system, "DATE", "2009")], gold_spans, span_match_score)
    assert pairs == [(0, expected)]


def test_meantime_reader_blanks_the_date_line_and_reads_a_malformed_dct():
    docs = gold.meantime(DATA / "meantime_en.jsonl")
    first, second = docs
    assert first.text.split("\n")[1].strip() == ""
    assert len(first.text) == len(first.text.replace("March 03, 2008", " " * 14))
    assert first.dct == dt.date(2008, 3, 3)
    assert second.dct == dt.date(2009, 4, 2)  # dct "02-04-2009": the date line decides
    assert all(t.start is not None for t in first.timexes)
    assert "2008-03-03" not in [t.value for t in first.timexes if t.start < first.text.index("Norbex, a")]
    assert [first.text[e.start:e.end] for e in first.entities if e.label == "PER"] == ["Dana Whitfield"]


def test_only_the_annotated_region_is_scored():
    doc = gold.meantime(DATA / "meantime_en.jsonl")[0]
    late = doc.text.index("Dana Whitfield also")
    system = [gold.Span(late, late + 14, "PER")] + [gold.Span(e.start, e.end, e.label) for e in doc.entities]
    score = score_entities(doc, system)
    assert score.typed.p == 1.0 and score.typed.r == 1.0


def test_timex_value_needs_the_exact_value():
    doc = gold.meantime(DATA / "meantime_en.jsonl")[1]
    right = [gold.Span(t.start, t.end, t.label, t.value) for t in doc.timexes]
    wrong = [gold.Span(t.start, t.end, t.label, "XXXX") for t in doc.timexes]
    assert score_timexes(doc, right).value.f1 == 1.0
    assert score_timexes(doc, wrong).value.f1 == 0.0
    assert score_timexes(doc, wrong).relaxed.f1 == 1.0


def test_quote_scoring_ignores_quotes_filed_as_indirect():
    doc = gold.polnear(DATA / "polnear_dev.jsonl")[0]
    text = doc.text
    a = text.index("it would fail")
    system = [{"start": a, "end": a + 13, "speaker_span": None, "speaker_text": None}]
    score = score_quotes(doc, system)
    assert score.detect.n_p == 0 and score.detect.n_g == 3


@pytest.mark.parametrize("ours, source, source_text, ok", [
    ({"speaker_span": (10, 15), "speaker_text": "Maria"}, (0, 12), "x", True),
    ({"speaker_span": (50, 52), "speaker_text": "he"}, (0, 2), "He", True),
    ({"speaker_span": (50, 60), "speaker_text": "the mayor", "speaker_name": "Omar Haddad"}, (0, 5), "Haddad", True),
    ({"speaker_span": None, "speaker_text": None}, (0, 5), "Haddad", False),
    ({"speaker_span": (50, 60), "speaker_text": "the mayor"}, (0, 5), "the council", False),
])
def test_speaker_ok(ours, source, source_text, ok):
    assert speaker_ok(ours, source, source_text) is ok


def test_split_quotes_of_one_speaker_are_one_quotation():
    quotes = [{"start": 1, "end": 5, "speaker_span": (7, 9)}, {"start": 20, "end": 30, "speaker_span": (7, 9)},
              {"start": 50, "end": 60, "speaker_span": (7, 9)}]
    merged = merge_fragments(quotes, [(0, 40), (41, 70)])
    assert [(q["start"], q["end"]) for q in merged] == [(1, 30), (50, 60)]


def test_end_to_end_tables(capsys):
    from generator.evaluate.__main__ import main

    assert main([str(DATA)]) == 0
    out = capsys.readouterr().out
    for heading in ("DIRECT QUOTES", "TIME EXPRESSIONS", "NAMED ENTITIES", "SPEED", "TARGETS"):
        assert heading in out
    quotes_row = next(line for line in out.splitlines() if line.strip().startswith("detection"))
    assert "1.000 1.000 1.000" in quotes_row  # the synthetic quotes are all found, none invented
    assert "w/s" in out


def test_missing_data_dir_is_an_error_not_a_crash(tmp_path, capsys):
    from generator.evaluate.__main__ import main

    assert main([str(tmp_path)]) == 2

"""The who-said-it evaluator on an invented gold file (no spaCy needed)."""

from __future__ import annotations

import json
from types import SimpleNamespace as NS

import pytest

from generator.evaluate import attribution as at

TEXT = ('Jane Roe met Tom Kale. "We will build it," she said. "Not now," said Tom Kale. '
        '"Maybe," a spokesperson said.')


def _gold(tmp_path):
    quotes = [{"quote": '"We will build it,"', "reference": "Jane Roe", "quote_index": "(23,42)"},
              {"quote": '"Not now,"', "reference": "Tom Kale"},
              {"quote": '"Maybe,"', "reference": "Tom Kale"},
              {"quote": "that it was late", "reference": "Jane Roe"}]  # indirect: not scored
    row = {"doc_id": "d1", "rawtext": TEXT, "objectid_utc": "2018-12-17T23:01:22Z", "quotations": repr(quotes)}
    path = tmp_path / "ggt_dev.jsonl"
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    return path


def _q(text, speaker=None, label=None, kind="direct"):
    a = TEXT.index(text)
    return NS(start=a, end=a + len(text), speaker=speaker, speaker_label=label, speaker_text=None, kind=kind)


def test_load_direct_quotes_only(tmp_path):
    (doc,) = at.load(_gold(tmp_path))
    assert [TEXT[g.start:g.end] for g in doc.quotes] == ['"We will build it,"', '"Not now,"', '"Maybe,"']
    assert str(doc.dct) == "2018-12-17"


@pytest.mark.parametrize("gold, speaker, label, verdict", [
    ("Jane Roe", "jane-roe", None, "right"),
    ("Jane Roe", "tom-kale", None, "wrong"),
    ("Jane Roe", None, "Roe's spokesperson", "right"),
    ("Jane Roe", None, "a spokesperson", "none"),
    ("Jane Roe", None, None, "none"),
])
def test_judge(gold, speaker, label, verdict):
    names = {"jane-roe": {"jane", "roe"}, "tom-kale": {"tom", "kale"}}
    assert at.judge(gold, speaker, label, names) == verdict


def test_score_and_baseline(tmp_path):
    docs = at.load(_gold(tmp_path))
    kale = TEXT.index("Tom Kale")
    actors = [NS(id="jane-roe", name="Jane Roe", type="PERSON", spans=[(0, 8)]),
              NS(id="tom-kale", name="Tom Kale", type="PERSON", spans=[(kale, kale + 8), (64, 72)])]
    rec = NS(actors=actors, quotes=[_q("We will build it,", "jane-roe"), _q("Not now,", "tom-kale"),
                                    _q("Maybe,", None, "a spokesperson")])
    ours, base, detect = at.score(docs, [rec])
    assert (ours.right, ours.wrong, ours.none) == (2, 0, 1)
    assert (base.right, base.wrong, base.none) == (2, 1, 0)  # nearest person before: "she" -> Tom Kale
    assert detect.f1 == 1.0

"""The shared Doc view equals what spaCy's own Token, Span and Doc attributes say (invented sentences)."""

from __future__ import annotations

import pytest

from generator.extract import docview

TEXTS = [
    "Dana Whitfield, the CEO of Orvane Systems Inc., said on Tuesday that the firm would sell 40 A380s.",
    "HEADLINE IN CAPITALS\n\nThe Kelmoor council met.  Two spaces, then a tab\tand a line.\n\"We will,\" she said.",
    "Mr. Pell and Ms. Ilves, who lead the Tarrow Party, spoke; their aides and the mayor's staff did not.",
    "",
    " ",
    "\n\n",
    "Yes.",
    "The new Galaxy Q9 phone, its maker's latest, and older models were shown in Brimford and Lusk.",
]
LISTS = [("text", "text"), ("lower", "lower_"), ("pos", "pos_"), ("tag", "tag_"), ("lemma", "lemma_"),
         ("ent_type", "ent_type_"), ("is_alpha", "is_alpha"), ("is_title", "is_title"), ("is_stop", "is_stop"),
         ("is_punct", "is_punct"), ("is_space", "is_space"), ("like_num", "like_num"), ("idx", "idx")]


@pytest.fixture(scope="module")
def docs(nlp):
    return list(nlp.pipe(TEXTS))


@pytest.mark.parametrize("index", range(len(TEXTS)))
@pytest.mark.parametrize("name, attr", LISTS)
def test_token_lists(docs, index, name, attr):
    doc = docs[index]
    assert list(getattr(docview.view(doc), name)) == [getattr(t, attr) for t in doc]


@pytest.mark.parametrize("index", range(len(TEXTS)))
def test_text_sentences_and_chunks(docs, index):
    doc = docs[index]
    v = docview.view(doc)
    assert v.string == doc.text
    assert v.sent_bounds == [(s.start, s.end) for s in doc.sents]
    assert v.sent_chars == [(s.start_char, s.end_char) for s in doc.sents]
    assert [(s.start, s.end) for s in v.sents] == v.sent_bounds
    for t in doc:
        assert (v.sent_of(t.i).start, v.sent_of(t.i).end) == (t.sent.start, t.sent.end)
    for a, b in [(0, len(doc)), (1, 3), (2, 2)]:
        if b <= len(doc):
            assert v.span_text(a, b) == doc[a:b].text
    assert v.noun_chunks() == [(c.start, c.end) for c in doc.noun_chunks]
    assert v.where("POS", "VERB") == [t.i for t in doc if t.pos_ == "VERB"]
    assert v.where("POS", "NOUN", "PROPN", "PRON") == [t.i for t in doc if t.pos_ in ("NOUN", "PROPN", "PRON")]
    assert v.where("ENT_TYPE", "ORG") == [t.i for t in doc if t.ent_type_ == "ORG"]


def test_one_view_per_doc_until_forgotten(docs):
    doc = docs[0]
    first = docview.view(doc)
    assert docview.view(doc) is first
    docview.forget(doc)
    assert docview.view(doc) is not first
    docview.forget(doc)
    docview.forget(doc)  # forgetting twice is harmless


def test_the_record_leaves_no_view_behind(nlp):
    from generator.content.registry import Registry
    from generator.extract import analysis_text, extract_article
    from generator.records import Article

    body = "Dana Whitfield said the Kelmoor council would meet on Friday."
    art = Article(id="a", title="t", published=None, source_file="seeds/a.md", source_sha256="", body=body,
                  paragraphs=((0, len(body)),))
    doc = nlp(analysis_text(art))
    reg = Registry()
    reg.build_index()
    extract_article(art, nlp, reg, doc)
    assert "briefing_view" not in doc.user_data

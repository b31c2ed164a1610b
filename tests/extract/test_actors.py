"""Actors: names cleaned, clustered and typed. Pure functions first, then the rules on the real parse.

Synthetic sentences written for these tests; organisation and person names are invented or generic.
"""

from __future__ import annotations

import pytest

from generator.extract.actors import Mention, clean_span, resolve_mentions


@pytest.mark.parametrize("text, expected", [
    ("the United States", "United States"),
    ("Huawei's", "Huawei"),
    ("Mr. Richard Yu", "Richard Yu"),
    ("“Verizon”", "Verizon"),
    ("“”", None),
    ("...", None),
    ("the Board\nof Trade", None),
])
def test_clean_span(text, expected):
    span = clean_span(text, 0, len(text))
    assert (text[span[0]:span[1]] if span else None) == expected


def _m(start, text, label, cue=None):
    return Mention(start, start + len(text), text, label, start, cue)


def test_surname_joins_the_full_name_and_cues_outvote_the_model():
    mentions = [_m(0, "Dana Whitfield", "PERSON"), _m(40, "Whitfield", "ORG"), _m(80, "Whitfield", "PERSON"),
                _m(120, "Norbex", "GPE"), _m(160, "Norbex", "GPE"), _m(200, "Norbex", "GPE", cue="ORG")]
    resolved, actors = resolve_mentions(mentions, lambda s: None)
    assert [r.actor for r in resolved] == ["dana-whitfield"] * 3 + ["norbex"] * 3
    assert actors["dana-whitfield"]["type"] == "PERSON"
    assert actors["norbex"]["type"] == "ORG"  # one "Norbex's CEO" outweighs two GPE labels


def test_registry_wins():
    lookup = {"US": ("united-states", "United States", "GPE")}.get
    resolved, actors = resolve_mentions([_m(0, "US", "ORG")], lookup)
    assert resolved[0].actor == "united-states" and actors["united-states"]["type"] == "GPE"


@pytest.mark.parametrize("text, name, typ", [
    # context cues
    ("Officials in the Trump administration met on Monday.", "Trump", "PERSON"),
    ("A senior official in Trump's administration spoke.", "Trump", "PERSON"),
    ("Norbex's chief executive resigned on Friday.", "Norbex", "ORG"),
    ("She bought shares of Norbex last year.", "Norbex", "ORG"),
    ("Norbex has dropped all plans to sell the phones.", "Norbex", "ORG"),
    # names the registry's ruler split are joined again
    ("The US Postal Service raised prices.", "US Postal Service", "ORG"),
    ("The US Federal Reserve raised rates.", "Federal Reserve", "ORG"),  # one page (variants.yml)
    ("He flew to North America in May.", "North America", "GPE"),
    # products: a maker and a model designator, or a model designator used as a noun
    ("The Airbus A380 landed safely.", "Airbus A380", "PRODUCT"),
    ("Boeing's 787 flew for the first time.", "787", "PRODUCT"),
])
def test_types_from_context(extract_record, text, name, typ):
    record = extract_record(text)
    types = {a.name: a.type for a in record.actors}
    assert types.get(name) == typ, types


@pytest.mark.parametrize("text, not_a_name", [
    ("The plane took off at 18:00 UTC on Tuesday.", "UTC"),
    ("The deal is worth US$ 40 billion.", "US"),
    # wire-service results tables (invented lines in the Reuters style)
    ("Acme Industries Inc said its first quarter profit rose.\nShr 40 cts vs 35 cts\nAvg shrs 4,100,000", "Avg"),
    ("The bank set the rate at 7.80 H.K. Dlrs per U.S. Dlrs on Monday, Northwind Corp said.", "U.S. Dlrs"),
    ("The bank set the rate at 7.80 H.K. Dlrs per U.S. Dlrs on Monday, Northwind Corp said.", "H.K. Dlrs"),
])
def test_time_zones_and_currency_prefixes_are_not_actors(extract_record, text, not_a_name):
    record = extract_record(text)
    assert not_a_name not in {a.name for a in record.actors} | {
        text[s:e] for a in record.actors for s, e in a.spans}


def test_seed_people_and_organisations(extract_record):
    text = ("Verizon has dropped all plans to sell the phones. Huawei has yet to comment on its partnership "
            "with Verizon, but the firm's CEO, Richard Yu, hit out at the market. A senior official in "
            "Trump's administration told Reuters this week.")
    types = {a.id: a.type for a in extract_record(text).actors}
    assert types["verizon"] == "ORG"
    assert types["huawei"] == "ORG"
    assert types["richard-yu"] == "PERSON"
    assert types["trump"] == "PERSON"


def test_a_lone_title_is_not_an_actor(nlp):
    """A registry entry "Mr" (from one bad guess) makes the EntityRuler tag every "Mr": never an actor."""
    from spacy.tokens import Span

    from generator.extract.actors import mentions_from_doc

    text = "Mr Brown met Mr Green. Mr said nothing, and Dr. was away."
    doc = nlp(text)
    titles = [Span(doc, t.i, t.i + 1, label="GPE") for t in doc if t.text in ("Mr", "Dr.") and
              (t.i + 1 == len(doc) or not doc[t.i + 1].text[:1].isupper())]
    assert titles  # the lone titles in the third sentence
    doc.ents = [e for e in doc.ents if not any(e.start < t.end and t.start < e.end for t in titles)] + titles
    mentions = [m.text for m in mentions_from_doc(doc, text)]
    assert "Mr" not in mentions and "Dr." not in mentions and "Dr" not in mentions

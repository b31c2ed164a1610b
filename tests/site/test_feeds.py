"""The Atom feed and the briefing as JSON: well-formed, escaped, deterministic, valid against the schema.

The schema (data/briefing.schema.json) is generated from the pydantic models of generator/site/export.py;
`validate` checks the data against the same models, strictly.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from pydantic import ValidationError

from generator.site import feeds
from generator.site.export import BriefingExport
from generator.site.views import build_views
from tests.synthetic import HOSTILE, big_briefing

ATOM = "{http://www.w3.org/2005/Atom}"


def validate(text: str) -> list[str]:
    """Errors of the JSON text against the export's models (the models the schema is generated from),
    strictly: no coercion, no unknown key."""
    try:
        BriefingExport.model_validate_json(text, strict=True)
    except ValidationError as exc:
        return [f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()]
    return []


@pytest.fixture(scope="module")
def briefing():
    return big_briefing(n_entities=60, n_articles=30)


@pytest.fixture(scope="module")
def views(briefing):
    return build_views(briefing, 1, 1)


def test_validator_catches_errors(briefing, views):
    data = json.loads(feeds.briefing_json(briefing, views))
    assert validate(json.dumps({"format": "briefing/1"}))  # missing keys
    data["entities"][0]["cooccurs_with"] = [{"id": "A B", "articles": -1, "x": 1}]
    data["counts"]["articles"] = "30"  # no coercion
    errors = validate(json.dumps(data))
    assert len(errors) == 4, errors
    assert any(e.endswith("Extra inputs are not permitted") for e in errors)


def test_the_schema_is_generated_from_the_export_models():
    schema = json.loads(feeds.schema_json())
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema" and schema["title"] == "Briefing"
    assert schema == json.loads(feeds.dumps(BriefingExport.model_json_schema(by_alias=True)
                                            | {"$schema": schema["$schema"], "$id": "briefing.schema.json"}))
    objects = [schema, *schema["$defs"].values()]
    assert all(o.get("additionalProperties") is False and set(o["required"]) == set(o["properties"])
               for o in objects if o.get("type") == "object")
    assert {"Article", "Entity", "Quote", "DateMention", "Topic"} <= set(schema["$defs"])


def test_briefing_json_is_valid_against_its_schema(briefing, views):
    text = feeds.briefing_json(briefing, views)
    data = json.loads(text)
    assert validate(text) == []
    assert data["counts"] == {k: len(data[k]) for k in ("articles", "entities", "quotes", "dates", "topics")}
    assert data["counts"]["articles"] == 30 and data["counts"]["quotes"] == 30


def test_briefing_json_escapes_and_round_trips_untrusted_text(briefing, views):
    text = feeds.briefing_json(briefing, views)
    assert "<" not in text and ">" not in text and "&" not in text  # inert even if pasted into HTML
    data = json.loads(text)
    hostile = next(a for a in data["articles"] if a["id"] == "article-001")
    assert hostile["title"].endswith(HOSTILE)  # the same words, exactly
    body = hostile["text"]
    for a, b in hostile["sentences"]:
        assert body[a:b].startswith("Sentence")  # offsets index the text in the file


def test_briefing_json_links_pages(briefing, views):
    data = json.loads(feeds.briefing_json(briefing, views))
    assert all(e["page"] is None or e["page"] == f"entities/{e['id']}.html" for e in data["entities"])
    assert all(re.fullmatch(r"articles/[a-z0-9-]+\.html#s-\d+", q["page"]) for q in data["quotes"])
    assert {d["value"] for d in data["dates"]} >= {"2012", "2018-01-10", "PRESENT_REF"}
    assert next(d for d in data["dates"] if d["value"] == "2016-Q3")["starts"] == "2016-07-01"


def test_feed_is_well_formed_atom(briefing):
    xml = feeds.atom_feed(briefing)
    root = ET.fromstring(xml.encode("utf-8"))
    assert root.tag == ATOM + "feed"
    for key in ("title", "id", "updated", "author"):
        assert root.find(ATOM + key) is not None
    entries = root.findall(ATOM + "entry")
    assert len(entries) == 30
    ids = [e.find(ATOM + "id").text for e in entries]
    assert len(set(ids)) == 30 and all(i.startswith("urn:uuid:") for i in ids)
    stamps = [e.find(ATOM + "updated").text for e in entries]
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}T00:00:00Z", s) for s in stamps)
    dated = [e.find(ATOM + "published").text for e in entries if e.find(ATOM + "published") is not None]
    assert dated == sorted(dated, reverse=True)  # newest first
    assert root.find(ATOM + "updated").text == max(dated)
    hrefs = [e.find(ATOM + "link").get("href") for e in entries]
    assert all(re.fullmatch(r"articles/article-\d{3}\.html", h) for h in hrefs)


def test_feed_escapes_untrusted_text(briefing):
    xml = feeds.atom_feed(briefing)
    assert "<script" not in xml and "\x01" not in xml
    root = ET.fromstring(xml.encode("utf-8"))
    titles = [e.find(ATOM + "title").text for e in root.findall(ATOM + "entry")]
    assert any(t.endswith('<script>alert("x")</script> & \'quotes\' ]]>') for t in titles)
    via = root.find(f"{ATOM}entry/{ATOM}link[@rel='via']")
    assert via.get("href") == "https://example.org/a?b=1&c=2"


def test_feeds_are_deterministic():
    def once():
        b = big_briefing(n_entities=60, n_articles=30)
        from generator.site.render import picture_and_data_files

        return {path: make() for path, make in picture_and_data_files(b, build_views(b, 1, 1)).items()}

    assert once() == once()


def test_real_site_has_feed_and_valid_data(seed_build):
    root, _ = seed_build
    site = root / "site"
    ET.fromstring((site / "feed.xml").read_bytes())
    text = (site / "data" / "briefing.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert validate(text) == []
    assert json.loads((site / "data" / "briefing.schema.json").read_text(encoding="utf-8"))["$defs"]
    assert data["counts"]["articles"] == 2
    speakers = {q["speaker"] for q in data["quotes"]}
    assert "richard-yu" in speakers
    for q in data["quotes"]:
        art = next(a for a in data["articles"] if a["id"] == q["article"])
        assert q["text"][:20] in art["text"][max(0, q["start"] - 2):q["end"] + 2]  # offsets index the text


def test_the_feed_carries_the_latest_articles_only(monkeypatch):
    monkeypatch.setattr(feeds, "FEED_ENTRIES", 7)
    b = big_briefing(n_entities=30, n_articles=40)
    root = ET.fromstring(feeds.atom_feed(b).encode("utf-8"))
    entries = root.findall(ATOM + "entry")
    assert len(entries) == 7
    newest = sorted((r for r in b.articles if r.published), key=lambda r: r.published, reverse=True)[:7]
    assert [e.find(ATOM + "title").text for e in entries] == [r.title for r in newest]


BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]


@pytest.mark.parametrize("control", BIDI + ["\u2028", "\u2029"])
def test_briefing_json_escapes_bidi_controls_and_keeps_the_offsets(control):
    small = big_briefing(n_entities=30, n_articles=5)
    rec = small.articles[0]
    trick = f"Invoice {control}fdp.exe{chr(0x202c) if control in BIDI else ''} attached"
    small.bodies[rec.id] = trick + " " + small.bodies[rec.id]
    shift = len(trick) + 1
    small.articles[0] = rec.model_copy(update={
        "title": trick, "sentences": [(0, len(trick))] + [(a + shift, b + shift) for a, b in rec.sentences]})
    text = feeds.briefing_json(small, build_views(small, 1, 1))
    assert not any(c in text for c in BIDI + ["\u2028", "\u2029"])  # the file shows nothing reordered
    assert f"\\u{ord(control):04x}" in text
    article = next(a for a in json.loads(text)["articles"] if a["id"] == rec.id)
    assert article["title"] == trick  # the data is unchanged: every character is still there
    a, b = article["sentences"][0]
    assert article["text"][a:b] == trick  # so offsets into the text still point at the same words
    assert validate(text) == []

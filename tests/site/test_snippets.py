"""The snippet functions of the page loops write what the Jinja macros they replace wrote, byte for byte,
and the fast YAML dump writes what yaml.dump wrote."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import jinja2
import pytest
import yaml

from generator import yamlio
from generator.records import ArticleRecord, Briefing, Entity
from generator.site import snippets
from generator.site.render import environment
from generator.site.views import SentenceRow, Views

NAMES = ["Ada Lovelace", "R&D <Labs> \"Ltd\"", "O'Brien_*Group*", "Zoë {x} [y] (z) `code` $5 #1", "a\u202ebidi\u0007"]

MACROS = """{% import "_macros.md.j2" as m with context %}
{{ m.entity(eid, root) }}|{{ m.badge(kind) }}|{{ m.sentence(rec, n, root) }}|{{ row(r) }}|{{ html_row(r) }}"""
ROWS = """{% macro row(r) -%}
{% for text, name in r.segments %}{% if name %}**{{ text }}**{% else %}{{ text }}{% endif %}{% endfor %} [→ sentence {{ r.sentence }}]({{ m.sentence(r.article, r.sentence, root) }})
{%- endmacro %}
{% macro html_row(r) -%}
<li>{% for text, name in r.segments %}{% if name %}<strong>{{ text }}</strong>{% else %}{{ text }}{% endif %}{% endfor %} <a href="{{ root|safe }}articles/{{ r.article.id|safe }}.html#s-{{ r.sentence }}">→ sentence {{ r.sentence }}</a></li>
{%- endmacro %}
"""
FUNCS = "{{ entity_link(v, eid, root) }}|{{ badge(kind) }}|{{ sentence_url(rec, n, root) }}|" \
        "{{ sentence_row(r, root) }}|{{ sentence_item(r, root) }}"


def _views(name: str, with_page: bool) -> tuple[Views, ArticleRecord]:
    ent = Entity(id="ent-1", name=name, type="PERSON")
    rec = ArticleRecord.model_validate({"id": "art-1", "title": "A title", "summary": "s",
                                        "review": {"status": "extracted"}, "source": {"file": "seeds/a.md"}})
    b = Briefing(articles=[rec], entities={ent.id: ent}, topics={}, bodies={rec.id: "x"})
    return Views(b, {ent.id} if with_page else set()), rec


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("with_page", [True, False])
@pytest.mark.parametrize("kind", ["PERSON", "ORG", "NEW<TYPE>"])
def test_snippets_write_what_the_macros_wrote(tmp_path, name, with_page, kind):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "_macros.md.j2").write_text(
        (Path(__file__).parents[2] / "templates" / "_macros.md.j2").read_text())
    (templates / "old.md.j2").write_text(ROWS.replace("{% macro row", MACROS.split("\n")[0] + "\n{% macro row", 1)
                                         + MACROS.split("\n", 1)[1])
    (templates / "new.md.j2").write_text(FUNCS)
    env = environment(templates)
    v, rec = _views(name, with_page)
    r = SentenceRow(rec, 3, [("Before ", False), (name, True), (" after * _x_ <b>", False)])
    args = dict(v=v, entities=v.briefing.entities, eid="ent-1", root="../", kind=kind, rec=rec, n=3, r=r)
    old = env.get_template("old.md.j2").render(**args).strip()
    assert env.get_template("new.md.j2").render(**args) == old
    assert "<b>" not in old and "\u202e" not in old  # still escaped


def test_pages_near_keeps_order_and_only_entities_with_pages():
    v, _ = _views("A", True)
    v.cooccur["ent-1"] = [("b", 5), ("c", 3), ("d", 3), ("e", 1)]
    v.pages |= {"c", "e"}
    assert snippets.pages_near(v, "ent-1") == [("c", 3), ("e", 1)]
    assert snippets.pages_near(v, "nobody") == []


def _reference_dump(data) -> str:
    return yaml.dump(data, Dumper=yamlio._Dumper, sort_keys=False, allow_unicode=True, width=100,
                     default_flow_style=False)


DOCS = [
    {"title": "Plain words", "n": 3, "ok": True, "none": None, "when": dt.date(2020, 1, 2)},
    {"at": dt.datetime(2020, 1, 2, 3, 4, 5), "f": [1.5, float("inf"), -0.0, 1e17], "nan": float("nan")},
    {"spans": [[0, 5], [7, 12]], "ids": ["a", "b"], "empty": [], "nested": {"deep": [{"x": "y"}]}},
    {"multi": "line one\nline two\n", "trail": "ends with space \n", "cr": "a\rb", "ls": "a\u2028b"},
    {"yes": "yes", "num": "012", "colon": "a: b", "hash": "# c", "quote": "'q'", "dash": "- x", "tilde": "~"},
    {"long": "word " * 60, "list": ["a long string " * 3, "b"], "tuple": (1, 2), "pairs": ((1, 2.5),)},
    {"unicode": "Zoë “quoted” – dash", "ctrl": "bell\x07", "bom": "\ufeffx", "empty": ""},
]


@pytest.mark.parametrize("data", DOCS)
def test_dumps_is_yaml_dump(data):
    assert yamlio.dumps(data) == _reference_dump(data)


def test_dumps_refuses_what_a_safe_dumper_refuses():
    with pytest.raises(yaml.representer.RepresenterError):
        yamlio.dumps({"x": object()})


def test_environment_does_not_reload_templates(tmp_path):
    assert environment(tmp_path).auto_reload is False
    assert isinstance(environment(tmp_path).loader, jinja2.FileSystemLoader)

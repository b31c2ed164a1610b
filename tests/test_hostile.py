"""Hostile text: script, event handlers, javascript: links, raw HTML, Markdown and MkDocs syntax and Jinja
syntax in article text, titles, quotes, front matter and editors' YAML appear in the site as the text
they are, and never execute, render as markup or get evaluated. One real build, every built file scanned.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.helpers import make_project

SEED_TXT = """\
<script>alert("T1")</script> Evilcorp {{ 7*7 }} **bold** [[wiki]]

<img src=x onerror=alert('B1')> Evilcorp said on Monday that the plan was ready. See [click](javascript:alert('B2')) and <a href="javascript:alert('B3')">this link</a>.

!!! warning "Admonition B4"
    indented text

---

# Not a heading B5

<!-- material/tags -->

Raw <iframe src="https://evil.example/B6"></iframe> and <b>bold B7</b> and **md bold B8** and `code B9` and {{ config.site_name }} and {% include "base.html" %} and {# comment #} and {% raw %}x{% endraw %}.

"<script>alert('Q1')</script> is what we found, {{ 7*7 }}," the Evilcorp spokesman said. "[[Q2]] and !!! note and --- too," he added.
"""

SEED_MD = """\
---
title: "<img src=x onerror=alert('T2')> {{ 7*7 }} {% if true %}yes{% endif %}"
url: "javascript:alert('U1')"
source: "<script>alert('S1')</script>"
standfirst: ["<svg onload=alert('SF1')> **standfirst**", "{{ lipsum() }}"]
published: 2018-01-10
---

Evilcorp met the regulator on Tuesday. "We have nothing to hide <b onmouseover=alert('Q3')>here</b>," Evilcorp said.
"""

SEED_HTML = """\
<html><head><title>&lt;script&gt;alert('T3')&lt;/script&gt; HTML seed</title>
<script>alert('X1')</script></head>
<body onload="alert('X2')"><p>Evilcorp wrote &lt;img src=x onerror=alert('X3')&gt; in a
<a href="javascript:alert('X4')">letter</a> on Monday.</p><p>{{ 7*7 }} &amp;lt;b&amp;gt;</p></body></html>
"""

ENTITY = """\
id: evilcorp
name: "Evilcorp <script>alert('E1')</script>"
type: ORG
aliases: [Evilcorp, "{{ 7*7 }} alias"]
description: "[x](javascript:alert('E2')) {{ 7*7 }} <!-- material/tags --> !!! danger <img src=x onerror=alert('E3')>"
links: ["javascript:alert('E4')", "https://example.com/\\"onmouseover=alert('E5')", "https://example.com/ok?a=1&b=<script>"]
"""

TOPIC = """\
id: evil-topic
title: "<svg onload=alert('TP1')> {{ 7*7 }} R&D \\"quoted\\""
summary: "{% for x in range(3) %}{{ x }}{% endfor %} !!! note <script>alert('TP2')</script> [[TP3]]"
match: {keywords: [regulator], entities: [evilcorp]}
"""

EDITORIAL = """\
id: editorial-note
title: "Note {{ 7*7 }} <script>alert('H1')</script>"
published: 2018-01-11
summary: "</div><script>alert('H2')</script> {% raw %} !!! tip"
topics: [evil-topic]
body: |
  Evilcorp wrote </div><script>alert('H3')</script> on Monday.

  "<img src=x onerror=alert('H4')>," the regulator said.
quotes:
  - {text: "<img src=x onerror=alert('H4')>,", start: 70, end: 103, speaker_label: "<b onclick=alert('H5')>a source</b> {{ 7*7 }}"}
review: {status: reviewed}
"""

FILES = {
    "seeds/hostile.txt": SEED_TXT,
    "seeds/hostile.md": SEED_MD,
    "seeds/hostile.html": SEED_HTML,
    "content/entities/evilcorp.yml": ENTITY,
    "content/topics/evil-topic.yml": TOPIC,
    "content/articles/editorial-note.yml": EDITORIAL,
}

# attributes that carry text for people (escaped text is fine there); anything else must stay clean
TEXT_ATTRS = {"title", "alt", "content", "aria-label", "label", "term", "placeholder", "id", "name", "value"}
URL_ATTRS = {"href", "src", "xlink:href", "action", "formaction", "srcdoc", "data", "poster", "background"}
FORBIDDEN_TAGS = {"iframe", "frame", "object", "embed", "applet", "base", "foreignobject"}  # (forms: the theme's search)


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str]], list[str]]] = []  # tag, attrs, open ancestors
        self.stack: list[str] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self.title = ""

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, [(k, v or "") for k, v in attrs], list(self.stack)))
        if tag not in ("br", "img", "meta", "link", "input", "hr", "source", "wbr"):
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, [(k, v or "") for k, v in attrs], list(self.stack)))

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        if "script" in self.stack:
            self.scripts.append(data)
        elif "title" in self.stack and "head" in self.stack:
            self.title += data
        elif "style" not in self.stack:
            self.text.append(data)

    def visible(self) -> str:
        return " ".join("".join(self.text).split())


def parse(text: str) -> Page:
    page = Page()
    page.feed(text)
    page.close()
    return page


def violations(page: Page, where: str) -> list[str]:
    out = []
    for tag, attrs, _ in page.elements:
        if tag in FORBIDDEN_TAGS:
            out.append(f"{where}: <{tag}> element")
        for key, value in attrs:
            flat = re.sub(r"[\s\x00-\x1f]+", "", value).lower()
            if key.startswith("on"):
                out.append(f"{where}: <{tag} {key}=...> event handler")
            if key in URL_ATTRS and re.match(r"(javascript|vbscript|data):", flat):
                out.append(f"{where}: <{tag} {key}={value[:60]!r}> script URL")
            if "alert(" in value and key not in TEXT_ATTRS and not key.startswith("data-"):
                out.append(f"{where}: <{tag} {key}={value[:60]!r}> payload in an attribute")
            if key == "style" and ("expression(" in flat or "url(" in flat and "javascript" in flat):
                out.append(f"{where}: <{tag} style=...> script in a style")
        if tag == "script":
            src = dict(attrs).get("src", "")
            if src and (re.match(r"^[a-z]+:|^//", src, re.I) or "assets/" not in src and "search/" not in src):
                out.append(f"{where}: <script src={src!r}> from outside the site")
    out += [f"{where}: script text holds a payload: {s[:60]!r}" for s in page.scripts if "alert(" in s]
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from generator.pipeline import build

    root = make_project(tmp_path_factory.mktemp("hostile") / "proj", seeds=None)
    for rel, text in FILES.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    report = build(root, progress=False)
    assert not report.problems.errors, [str(p) for p in report.problems.errors]
    return root / "site"


def pages(site: Path, *suffixes: str) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.is_file() and p.suffix in suffixes)


def article_page(site: Path, stem_start: str) -> Page:
    found = [p for p in (site / "articles").glob(f"{stem_start}*.html")]
    assert len(found) == 1, sorted(p.name for p in (site / "articles").glob("*.html"))
    return parse(found[0].read_text(encoding="utf-8"))


def test_every_article_was_built(site):
    names = sorted(p.name for p in (site / "articles").glob("*.html"))
    assert len(names) == 5, names  # index + three seeds + the hand-written article


def test_nothing_executable_in_any_built_file(site):
    """Every HTML, SVG and XML file: no event handlers, no script URLs, no foreign elements or scripts."""
    found = []
    files = pages(site, ".html", ".svg", ".xml")
    assert len(files) > 15
    for path in files:
        found += violations(parse(path.read_text(encoding="utf-8")), path.relative_to(site).as_posix())
    assert not found, "\n".join(found)


def test_search_index_text_is_inert(site):
    """Material shows search results as HTML: the index must hold escaped text, never markup."""
    data = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    found = []
    for doc in data["docs"]:
        for field in ("title", "text"):
            found += scan_fragment(doc.get(field, ""), f"search_index {doc['location']} {field}",
                                   ("script", "img", "svg", "b", "iframe"))
    assert not found, "\n".join(found)


def scan_fragment(html: str, where: str, forbidden: tuple[str, ...]) -> list[str]:
    """Violations in an HTML fragment (escaped text, handlers, URLs) plus any element it must not hold."""
    parsed = parse(html)
    return violations(parsed, where) + [f"{where}: <{tag}> element" for tag, _, _ in parsed.elements
                                        if tag in forbidden]


@pytest.mark.parametrize("literal", [
    '<script>alert("T1")</script> Evilcorp {{ 7*7 }} **bold** [[wiki]]',
    "<img src=x onerror=alert('B1')>",
    "[click](javascript:alert('B2'))",
    """<a href="javascript:alert('B3')">this link</a>""",
    '!!! warning "Admonition B4"',
    "# Not a heading B5",
    "<!-- material/tags -->",
    '<iframe src="https://evil.example/B6"></iframe>',
    "<b>bold B7</b>",
    "**md bold B8**",
    "`code B9`",
    "{{ config.site_name }}",
    '{% include "base.html" %}',
    "{# comment #}",
    "{% raw %}x{% endraw %}",
    "<script>alert('Q1')</script> is what we found, {{ 7*7 }},",
    "[[Q2]] and !!! note and --- too,",
])
def test_article_text_is_shown_as_typed(site, literal):
    page = article_page(site, "script-alert-t1")
    assert literal in page.visible(), page.visible()[:3000]


def article_text_html(site: Path, stem_start: str) -> str:
    """The raw HTML of the article text block (`<div class="briefing-text">…</div>`)."""
    raw = next((site / "articles").glob(f"{stem_start}*.html")).read_text(encoding="utf-8")
    start = raw.index('<div class="briefing-text"')
    return raw[start:raw.index("</div>", start) + len("</div>")]


@pytest.mark.parametrize("stem", ["script-alert-t1", "img-src-x-onerror", "script-alert-t3", "editorial-note"])
def test_markdown_and_mkdocs_syntax_do_nothing_inside_article_text(site, stem):
    """Inside the article text only paragraphs, sentence spans, line breaks and entity links exist: no
    headings, rules, admonitions, bold, code, tags index or raw HTML made from what the article says."""
    block = parse(article_text_html(site, stem))
    tags = {tag for tag, _, _ in block.elements}
    assert tags <= {"div", "p", "span", "br", "a"}, tags
    for tag, attrs, _ in block.elements:
        if tag == "a":
            a = dict(attrs)
            assert a.get("class") == "mention" and a["href"].startswith("../entities/"), attrs


def test_jinja_is_never_evaluated(site):
    everything = "\n".join(parse(p.read_text(encoding="utf-8")).visible() for p in pages(site, ".html"))
    assert "{{ 7*7 }}" in everything
    assert "{% if true %}yes{% endif %}" in everything
    assert "{% for x in range(3) %}{{ x }}{% endfor %}" in everything
    assert "{{ lipsum() }}" in everything
    assert "Lorem ipsum" not in everything and "lorem ipsum" not in everything.lower()


def test_front_matter_fields_are_text(site):
    page = article_page(site, "img-src-x-onerror")
    text = page.visible()
    assert "<img src=x onerror=alert('T2')> {{ 7*7 }} {% if true %}yes{% endif %}" in text
    assert "<script>alert('S1')</script>" in text  # source name
    assert "<svg onload=alert('SF1')> **standfirst**" in text
    hrefs = [dict(a).get("href", "") for tag, a, _ in page.elements if tag == "a"]
    assert not [h for h in hrefs if "javascript" in h.lower() or "(" in h], hrefs
    source = [dict(a).get("href") for tag, a, _ in page.elements if tag == "a" and dict(a).get("href") == "#"]
    assert source, "the javascript: url should have become an inert '#'"
    assert "<" not in page.title and "alert('T2')" in page.title  # <title>: look-alike brackets, same words


def test_html_seed_keeps_only_text(site):
    page = article_page(site, "script-alert-t3")
    text = page.visible()
    assert "Evilcorp wrote <img src=x onerror=alert('X3')> in a letter on Monday." in text
    assert "{{ 7*7 }} &lt;b&gt;" in text
    assert "X1" not in text and "X2" not in text  # the seed's own script and handler are dropped


def test_editor_yaml_is_text(site):
    ent = parse((site / "entities" / "evilcorp.html").read_text(encoding="utf-8"))
    text = ent.visible()
    assert "Evilcorp <script>alert('E1')</script>" in text
    assert "[x](javascript:alert('E2')) {{ 7*7 }} <!-- material/tags --> !!! danger <img src=x onerror=alert('E3')>" in text
    links = [dict(a).get("href", "") for tag, a, _ in ent.elements if tag == "a"]
    assert not [h for h in links if "javascript" in h.lower() or "<" in h or "(" in h or '"' in h], links
    topic = parse((site / "topics" / "evil-topic.html").read_text(encoding="utf-8")).visible()
    assert "<svg onload=alert('TP1')> {{ 7*7 }} R&D \"quoted\"" in topic
    # tags and <title> come from front matter: brackets become look-alikes there, '&' and quotes stay as typed
    tags = parse((site / "tags.html").read_text(encoding="utf-8")).visible()
    assert "‹svg onload=alert('TP1')› {{ 7*7 }} R&D \"quoted\"" in tags
    assert "{% for x in range(3) %}{{ x }}{% endfor %} !!! note <script>alert('TP2')</script> [[TP3]]" in topic
    note = article_page(site, "editorial-note").visible()
    assert "Evilcorp wrote </div><script>alert('H3')</script> on Monday." in note
    assert "</div><script>alert('H2')</script> {% raw %} !!! tip" in note


def test_feed_carries_text_not_markup(site):
    """Feed readers render type="html" fields as HTML: every text field is type text, or inert HTML."""
    import xml.etree.ElementTree as ET

    feeds = pages(site, ".xml")
    feeds = [p for p in feeds if "sitemap" not in p.name]
    if not feeds:
        pytest.skip("no feed in this site")
    found = []
    for path in feeds:
        for el in ET.parse(path).getroot().iter():
            kind = el.get("type", "text")
            if el.text and kind in ("html", "xhtml", "text/html"):
                found += scan_fragment(el.text, f"{path.name} <{el.tag}>", ("script", "img", "svg", "b"))
    assert not found, "\n".join(found)


# ------------------------------------------------------------------------------------------ safe YAML only

@pytest.mark.parametrize("doc", [
    "x: !!python/object/apply:os.system ['touch {marker}']",
    "x: !!python/object/new:os.system ['touch {marker}']",
    "x: !!python/name:os.system",
    "x: !!python/module:os",
    "!!python/object/apply:subprocess.check_output [['touch', '{marker}']]",
    "x: !<tag:yaml.org,2002:python/object/apply:os.system> ['touch {marker}']",
    "x: !!binary aGVsbG8=",
    "x: !!set {{a, b}}",
])
def test_yaml_never_constructs_objects(doc, tmp_path):
    from generator import yamlio

    marker = tmp_path / "pwned"
    with pytest.raises(yamlio.YamlFileError) as err:
        yamlio.loads(doc.format(marker=marker))
    assert err.value.line == 1 and "not allowed" in str(err.value)
    assert not marker.exists()


def test_no_unsafe_loader_eval_or_unescaped_template_in_the_code():
    """Every YAML load in generator/ goes through a safe loader; no pickle, eval, exec or shell; every
    Jinja environment escapes."""
    code = Path(__file__).resolve().parent.parent / "generator"
    found = []
    for path in sorted(code.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        rel = path.relative_to(code.parent).as_posix()
        for n, line in enumerate(text.splitlines(), 1):
            if re.search(r"yaml\.(unsafe_load|full_load|load_all)\(|(Full|Unsafe)Loader|yaml\.Loader\b", line):
                found.append(f"{rel}:{n}: unsafe YAML loader: {line.strip()}")
            if re.search(r"yaml\.load\(", line) and "Loader=" not in line:
                found.append(f"{rel}:{n}: yaml.load without a loader: {line.strip()}")
            if re.search(r"\bimport pickle|\bpickle\.|\beval\(|\bexec\(|shell=True|os\.system\(", line):
                found.append(f"{rel}:{n}: {line.strip()}")
        for m in re.finditer(r"jinja2\.Environment\((.*?)\)\n", text, re.S):
            if "autoescape=True" not in m.group(1):
                found.append(f"{rel}: a Jinja environment without autoescape=True")
    assert not found, "\n".join(found)


def test_mention_tooltips_show_the_name_once_escaped(site):
    """The tooltip of an entity link is the entity's name as written (escaped once, not twice:
    `AT&T` must not show as `AT&amp;T`)."""
    page = article_page(site, "script-alert-t1")
    titles = {dict(a).get("title") for tag, a, _ in page.elements if tag == "a" and dict(a).get("class") == "mention"}
    assert titles == {"Evilcorp <script>alert('E1')</script>"}, titles


def test_no_double_escaping_anywhere(seed_build):
    """Real articles (AT&T, quotes, apostrophes): no page shows an entity such as `&amp;` or `&#39;`
    to the reader, in text or in a tooltip, title or description."""
    root, _ = seed_build
    found = []
    for path in pages(root / "site", ".html"):
        page = parse(path.read_text(encoding="utf-8"))
        shown = [page.visible(), page.title] + [v for _, attrs, _ in page.elements for k, v in attrs
                                                if k in ("title", "alt", "content", "aria-label")]
        for text in shown:
            m = re.search(r"&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);", text)
            if m:
                found.append(f"{path.relative_to(root / 'site')}: shows {m.group(0)!r} in {text[max(0, m.start() - 40):m.end() + 20]!r}")
    assert not found, "\n".join(found[:20])


def test_yaml_size_limits_are_clear(monkeypatch):
    """Bounded input: bytes, nesting depth and number of values, each refused with the limit named."""
    from generator import yamlio

    with pytest.raises(yamlio.YamlFileError, match="larger than the 2 MB limit"):
        yamlio.loads("a: " + "x" * (yamlio.MAX_YAML_BYTES + 1))
    with pytest.raises(yamlio.YamlFileError, match="nested more than 40 levels") as err:
        yamlio.loads("a:\n  b: " + "[" * 60 + "]" * 60)
    assert err.value.line == 2
    monkeypatch.setattr(yamlio, "MAX_YAML_NODES", 1000)
    with pytest.raises(yamlio.YamlFileError, match="more than 1,000 values in one file") as err:
        yamlio.loads("a:\n" + "- x\n" * 2000)
    assert err.value.line == 999  # the line of the value past the limit (mapping, key and list come first)
    assert yamlio.loads("a:\n" + "- x\n" * 900).data == {"a": ["x"] * 900}

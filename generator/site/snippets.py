"""The small snippets the big page loops repeat (an entity's link, a type badge, a sentence row), as plain
functions for the templates: the same text as the macros of templates/_macros.md.j2 and entity.md.j2, byte for
byte, without the cost of a Jinja macro call (tens of thousands of them on the entity pages of a large site).

Every value goes through the environment's escaping (`out`: what `{{ value }}` does), so a name or a sentence
from an article stays inert text exactly as in a template.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from generator.records import TYPE_LABELS
from generator.site.textsafe import finalize
from generator.site.views import SentenceRow, Views


def out(value) -> Markup:
    """What `{{ value }}` writes: the finalize hook, then autoescaping."""
    return escape(finalize(value))


def entity_link(v: Views, eid: str, root: str) -> Markup:
    """m.entity: the entity's name, linked to its page when it has one."""
    name = out(v.briefing.entities[eid].name)
    if eid in v.pages:
        return Markup(f"[{name}]({Markup(root)}entities/{Markup(eid)}.md)")
    return name


def badge(kind: str) -> Markup:
    """m.badge: the type label in a badge."""
    return Markup(f'<span class="badge badge-{Markup(kind)}">{out(TYPE_LABELS.get(kind, kind))}</span>')


def sentence_url(rec, n, root: str) -> Markup:
    """m.sentence: the link to sentence `n` of an article."""
    return Markup(f"{Markup(root)}articles/{Markup(rec.id)}.md#s-{out(n)}")


def sentence_row(r: SentenceRow, root: str) -> Markup:
    """entity.md.j2's row: the sentence, the entity's mentions in bold, and its link."""
    text = "".join(f"**{out(t)}**" if named else out(t) for t, named in r.segments)
    return Markup(f"{text} [→ sentence {out(r.sentence)}]({sentence_url(r.article, r.sentence, root)})")


def sentence_item(r: SentenceRow, root: str) -> Markup:
    """entity.md.j2's html_row: the same as a list item of HTML (inside <details>, where Markdown is not read)."""
    text = "".join(f"<strong>{out(t)}</strong>" if named else out(t) for t, named in r.segments)
    return Markup(f'<li>{text} <a href="{Markup(root)}articles/{Markup(r.article.id)}.html#s-{out(r.sentence)}">'
                  f"→ sentence {out(r.sentence)}</a></li>")


def pages_near(v: Views, eid: str) -> list[tuple[str, int]]:
    """The entities named with `eid` that have a page, most shared articles first."""
    return [pair for pair in v.cooccur.get(eid, []) if pair[0] in v.pages]


SNIPPET_GLOBALS = {f.__name__: f for f in (entity_link, badge, sentence_url, sentence_row, sentence_item, pages_near)}

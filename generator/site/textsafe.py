"""Untrusted text -> inert Markdown/HTML. Article text never becomes markup, script or template code.

`md` escapes HTML and every character Markdown or its extensions could act on, as numeric character
references; the browser shows the same characters, Markdown sees nothing to interpret.
"""

from __future__ import annotations

import re

from markupsafe import Markup

_SPECIAL = {c: f"&#{ord(c)};" for c in "&<>\"'\\`*_[]{}()|!~^=$:#+@%"}
_SPECIAL["&"] = "&amp;"
_SPECIAL["<"] = "&lt;"
_SPECIAL[">"] = "&gt;"
# control characters are never text: shown as the replacement character (NEL, a line break, as a space)
_SPECIAL.update({chr(c): "\ufffd" for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)]})
_SPECIAL["\x85"] = " "
# bidirectional embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI) are dropped: text
# from an article or an editor must not reorder what the reader sees ("exe.png" whose bytes say "png.exe")
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_SPECIAL.update({c: "" for c in BIDI_CONTROLS})
_ESCAPE = str.maketrans(_SPECIAL)  # one C-level pass per string, not a Python step per character
_CLEAN = {ord(c): v for c, v in _SPECIAL.items() if len(c) == 1 and (ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0
                                                                        or c in BIDI_CONTROLS)}


_SPACES = re.compile(r"\s+")
# md() of the strings a build escapes again and again (names, titles, the sentences of several entity pages):
# each is escaped once. Bounded, so that a long-running preview does not grow with it; only speed depends on it.
_MEMO: dict[str, Markup] = {}
MEMO_ENTRIES, MEMO_LONGEST = 50_000, 400


def md(value) -> Markup:
    """Escape any value for inline use in Markdown (whitespace folded to single spaces)."""
    if type(value) is str:
        hit = _MEMO.get(value)
        if hit is not None:
            return hit
        out = Markup(_SPACES.sub(" ", value).translate(_ESCAPE))
        if len(value) <= MEMO_LONGEST:
            if len(_MEMO) >= MEMO_ENTRIES:
                _MEMO.clear()
            _MEMO[value] = out
        return out
    if isinstance(value, Markup):
        return value
    text = _SPACES.sub(" ", str(value)) if value is not None else ""
    return Markup(text.translate(_ESCAPE))


def quote_text(value: str) -> Markup:
    """A quote for display: as written, without the comma or colon that hands over to the cue."""
    return md(str(value).strip().rstrip(",;:").rstrip())


def html_text(value: str) -> str:
    """Escape for HTML element content, keeping Markdown-significant characters inert as well."""
    return value.translate(_ESCAPE)


def finalize(value):
    """Jinja finalize hook: every {{ expression }} is escaped unless a template marked it safe."""
    if type(value) is str:
        return md(value)
    if isinstance(value, Markup):
        return value
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return md(value)


def clean(value) -> str:
    """Text without control characters (shown as U+FFFD, NEL as a space) or bidirectional controls (dropped):
    for attributes and front matter, where the YAML escapes \\0 or \\e would otherwise arrive raw."""
    return str(value if value is not None else "").translate(_CLEAN)


def meta_text(value: str, limit: int | None = None) -> str:
    """Text for front matter (title, description, tags): MkDocs puts these into HTML unescaped, and
    Material's `striptags` would unescape entities, so angle brackets are replaced by look-alikes
    and the rest escaped. What the reader sees stays the same words. `limit` cuts the text (at a word,
    with an ellipsis) before escaping, so that no entity is ever cut in half ("R&a")."""
    import html

    text = clean(" ".join(str(value).split())).replace("<", "‹").replace(">", "›")
    if limit is not None and len(text) > limit:
        text = (text[:limit - 1].rsplit(" ", 1)[0] if " " in text[:limit - 1] else text[:limit - 1]) + "…"
    return html.escape(text, quote=True)

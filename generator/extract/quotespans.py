"""Find quoted spans in text: straight and curly, double and single marks, across paragraphs.

Pure text, no parse. Never raises on odd input: unbalanced marks degrade to "no quote here".
A paragraph that opens a quote without closing it continues into the next paragraph when that one
opens with a quote mark too (the newspaper convention for multi-paragraph quotes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN_DOUBLE = "“„«"
CLOSE_DOUBLE = "”»"
OPEN_SINGLE = "‘‹"
CLOSE_SINGLE = "’›"
STRAIGHT_DOUBLE = '"'
STRAIGHT_SINGLE = "'"
_OPEN_CONTEXT = " \t\n([{—–-/"
_SOFT_OPEN = ",;:…"


@dataclass(frozen=True)
class QuoteSpan:
    start: int  # first character inside the marks
    end: int  # one past the last character inside the marks
    open_mark: int  # offset of the opening mark
    close_mark: int  # offset of the closing mark (or the end of the paragraph when it never closed)
    paragraphs: int = 1  # how many paragraphs the quote runs over
    closed: bool = True


def _role(text: str, i: int) -> str | None:
    """'open', 'close', 'either' or None (an apostrophe or not a quote mark at all)."""
    c = text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if c in OPEN_DOUBLE:
        if (prev.isalnum() or prev in ".,!?;:…") and (nxt.isspace() or i + 1 == len(text)):
            return "close"  # 'Mostly False.“': an opening mark typed where a closing one belongs
        return "open"
    if c in CLOSE_DOUBLE:
        if (prev.isspace() or i == 0) and (nxt.isalnum() or nxt in "…"):
            return "open"  # '\n”Fear. I am ...': a closing mark typed where an opening one belongs
        return "close"
    if c in OPEN_SINGLE:
        return "open" if not prev.isalnum() else None
    if c in CLOSE_SINGLE or c == STRAIGHT_SINGLE:
        if prev.isalnum() and nxt.isalnum():
            return None  # won't, Huawei's
        if prev in _OPEN_CONTEXT or prev in OPEN_DOUBLE:
            return "open" if (nxt.isalnum() or nxt in "…") else None
        if nxt.isalnum():
            return "open" if prev in _SOFT_OPEN else None
        return "close"
    if c == STRAIGHT_DOUBLE:
        if prev in _OPEN_CONTEXT or prev in OPEN_SINGLE or i == 0:
            return "either" if nxt.isspace() else "open"
        if nxt.isspace() or nxt in ".,;:!?)]}—–-…'’" or i + 1 == len(text):
            return "close"
        if prev in _SOFT_OPEN:
            return "open"
        return "either"
    return None


# the marks of each family, found by the regex engine rather than by a Python loop over every character
_DOUBLE_MARKS = re.compile("[" + re.escape(OPEN_DOUBLE + CLOSE_DOUBLE + STRAIGHT_DOUBLE) + "]")
_SINGLE_MARKS = re.compile("[" + re.escape(OPEN_SINGLE + CLOSE_SINGLE + STRAIGHT_SINGLE) + "]")


def _same_style(a: str, b: str) -> bool:
    """Straight and typographic marks do not continue each other's quotes across paragraphs."""
    return (a == STRAIGHT_DOUBLE) == (b == STRAIGHT_DOUBLE)


def _scan_paragraph(text: str, a: int, b: int, kind_double: bool) -> tuple[list[tuple[int, int]], int | None]:
    """Pairs (open, close) of one family of marks in text[a:b]; plus an unclosed open mark, if any."""
    pairs: list[tuple[int, int]] = []
    open_at: int | None = None
    for found in (_DOUBLE_MARKS if kind_double else _SINGLE_MARKS).finditer(text, a, b):
        i = found.start()
        c = text[i]
        role = _role(text, i)
        if role is None:
            continue
        if open_at is None:
            if role in ("open", "either"):
                open_at = i
        elif role in ("close", "either"):
            pairs.append((open_at, i))
            open_at = None
        elif role == "open" and c == text[open_at]:
            open_at = i  # a second opening mark: the first was stray
    return pairs, open_at


def find_quotes(text: str, paragraphs: list[tuple[int, int]] | tuple[tuple[int, int], ...]) -> list[QuoteSpan]:
    """Top-level quoted spans in reading order. Single marks count only outside double ones."""
    found: list[QuoteSpan] = []
    pending: tuple[int, int] | None = None  # (open mark, paragraphs so far) of a quote continuing on
    paras = list(paragraphs) or [(0, len(text))]
    for idx, (a, b) in enumerate(paras):
        starts_with_open = a < b and text[a] in OPEN_DOUBLE + STRAIGHT_DOUBLE and \
            (pending is None or _same_style(text[pending[0]], text[a]))
        if pending is not None and not starts_with_open:
            pending = None  # the continuation never came: drop the dangling quote
        pairs, dangling = _scan_paragraph(text, a, b, kind_double=True)
        if pending is not None and starts_with_open:
            # this paragraph's first mark re-opens the pending quote
            first_pairs = [p for p in pairs if p[0] == a]
            if first_pairs:
                close = first_pairs[0][1]
                open_mark, count = pending
                found.append(QuoteSpan(open_mark + 1, close, open_mark, close, count + 1))
                pairs = [p for p in pairs if p[0] != a]
                pending = None
            elif dangling == a:
                pending = (pending[0], pending[1] + 1)
                dangling = None
                pairs = []
        for o, c in pairs:
            found.append(QuoteSpan(o + 1, c, o, c))
        if dangling is not None and pending is None:
            next_opens = idx + 1 < len(paras) and text[paras[idx + 1][0]] in OPEN_DOUBLE + STRAIGHT_DOUBLE and \
                _same_style(text[dangling], text[paras[idx + 1][0]])
            if next_opens:
                pending = (dangling, 1)
            elif dangling == a and b - a > 20:
                found.append(QuoteSpan(a + 1, b, a, b, 1, closed=False))  # opened, never closed
        # single marks used as primary quotes, outside any double-quoted span
        singles, _ = _scan_paragraph(text, a, b, kind_double=False)
        inside = [(q.open_mark, q.close_mark) for q in found]
        for o, c in singles:
            if not any(x <= o <= y for x, y in inside) and c - o > 2:  # not rock 'n' roll
                found.append(QuoteSpan(o + 1, c, o, c))
    if pending is not None:
        pass  # a quote opened in the last paragraph and never closed: dropped
    out = sorted(set(q for q in found if q.end > q.start), key=lambda q: (q.start, q.end))
    return [q for q in out if text[q.start:q.end].strip()]

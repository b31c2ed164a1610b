"""Text every reader shares: bytes to text, paragraphs, stray end marks, the error a bad seed raises."""

from __future__ import annotations

import re

_END_MARK = re.compile(r"(?:\s+(?:[µ■□▪●•◆♦#*~†‡§¶]|\(?ENDS?\)?|-30-|###|\[END\]))+\s*$")
PARA_SPLIT = re.compile(r"\n[ \t]*\n")
# C0 controls other than tab/newline/CR, DEL, C1 controls and unpaired surrogates: never text
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


class IngestError(Exception):
    def __init__(self, message: str, line: int | None = None, key: str = ""):
        self.line, self.key = line, key
        super().__init__(message)


def decode(raw: bytes) -> tuple[str, str | None]:
    """Bytes -> text. Returns (text, warning). Raises IngestError for binary data.

    UTF-8 (with or without BOM), UTF-16/32 with a BOM, UTF-16 without one, else Windows-1252 with a
    warning. Control characters become spaces (same length, so nothing else moves)."""
    text, warning = _decode(raw)
    first = _CONTROL.search(text)
    if first is not None:
        n = len(_CONTROL.findall(text))
        line = text[: first.start()].count("\n") + 1
        text = _CONTROL.sub(" ", text)
        warning = (warning + "; " if warning else "") + (
            f"{n} control character(s) replaced by spaces (first on line {line})")
    return text, warning


def _decode(raw: bytes) -> tuple[str, str | None]:
    for bom, codec in ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                       (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if raw.startswith(bom):
            try:
                return raw.decode(codec), None
            except UnicodeDecodeError as exc:
                raise IngestError(f"starts with a {codec.upper()} byte-order mark but is not valid {codec.upper()} "
                                  f"(bad bytes at offset {exc.start}); save it as UTF-8") from None
    head = raw[:8192]
    if b"\x00" in head:
        even, odd = head[0::2].count(0), head[1::2].count(0)
        if len(head) >= 4 and max(even, odd) >= len(head) // 4 and min(even, odd) == 0:
            codec = "utf-16-le" if odd else "utf-16-be"
            try:
                return raw.decode(codec), f"read as {codec.upper()} (no byte-order mark); save it as UTF-8"
            except UnicodeDecodeError:
                pass
        raise IngestError("binary file, not text (it contains NUL bytes); seeds must be text, Markdown or HTML")
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return raw.decode("cp1252", errors="replace"), (
            f"not UTF-8 (first bad byte on line {line}); read as Windows-1252/Latin-1. Save it as UTF-8")


def paragraph_spans(body: str) -> tuple[tuple[int, int], ...]:
    spans, pos = [], 0
    for m in PARA_SPLIT.finditer(body):
        if body[pos:m.start()].strip():
            spans.append(strip_span(body, pos, m.start()))
        pos = m.end()
    if body[pos:].strip():
        spans.append(strip_span(body, pos, len(body)))
    return tuple(spans)


def strip_span(text: str, a: int, b: int) -> tuple[int, int]:
    """(a, b) narrowed to the text without the white space at either end."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def strip_end_marks(body: str) -> str:
    """Remove stray end marks (µ, ■, ENDS, -30-) and trailing space. The pattern only ever matches at the
    very end, and run over a long stretch of spaces it is quadratic: it only
    looks at the last 300 characters."""
    body = body.rstrip()
    cut = max(0, len(body) - 300)
    return (body[:cut] + _END_MARK.sub("", body[cut:])).rstrip()

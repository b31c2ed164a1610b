"""A one- or two-sentence summary: the lede, which in news is written to be the summary."""

from __future__ import annotations

MAX_CHARS = 320


def summarise(sentences: list[str]) -> str:
    """The first sentence that reads as prose, plus the next one while the total stays short."""
    prose = [" ".join(s.split()) for s in sentences if len(s.split()) >= 6]
    if not prose:
        return " ".join(" ".join(sentences[:1]).split())[:MAX_CHARS]
    summary = prose[0]
    if len(prose) > 1 and len(summary) + 1 + len(prose[1]) <= MAX_CHARS and len(summary) < 160:
        summary += " " + prose[1]
    if len(summary) > MAX_CHARS:
        summary = summary[:MAX_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return summary

"""Temporal expressions: spaCy's DATE/TIME entities plus a few words it misses, normalised by timex."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Optional

from generator.extract.timex import normalise

_EXTRA = re.compile(r"\b(?:now|currently|recently|today|yesterday|tomorrow|tonight|at present|nowadays|"
                    r"these days|lately)\b", re.I)
_LEAD_TRIM = re.compile(r"^(?:the\s+)?(?:(?:back|as early as|as late as|as of|since|until|till|by|from|in|on|"
                        r"at|during|for|over|within|around|about|just|only|some|nearly|almost)\s+)+", re.I)


@dataclass
class DateFact:
    text: str
    type: str
    value: Optional[str]
    start: int
    end: int
    sentence: str


def _tense(sent) -> Optional[str]:
    root = sent.root
    tags = {t.tag_ for t in sent if t.dep_ in ("aux", "ROOT", "auxpass")}
    if any(t.lower_ in ("will", "'ll", "shall") for t in sent if t.dep_ == "aux") or \
            ("going" in {t.lower_ for t in sent} and "to" in {t.lower_ for t in sent}):
        return "future"
    if root.tag_ in ("VBD", "VBN") or "VBD" in tags:
        return "past"
    if root.tag_ in ("VBZ", "VBP", "VBG"):
        return "present"
    return None


def extract_dates(doc, body: str, published: Optional[dt.date]) -> list[DateFact]:
    found: list[DateFact] = []
    taken: list[tuple[int, int]] = []
    candidates = [(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in ("DATE", "TIME")]
    for m in _EXTRA.finditer(body):
        if not any(a <= m.start() < b for a, b, _ in candidates):
            candidates.append((m.start(), m.end(), "DATE"))
    for start, end, label in sorted(candidates):
        text = body[start:end]
        stripped = text.strip(" \n\t,.;:")
        start += text.find(stripped)
        end = start + len(stripped)
        if not stripped or any(a < end and start < b for a, b in taken):
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        sent = span.sent if span is not None else None
        tense = _tense(sent) if sent is not None else None
        typ, value = normalise(stripped, published, tense)
        if value is None:
            # "Back in 2012": try without leading prepositions and hedges
            m = _LEAD_TRIM.match(stripped)
            if m and m.end() < len(stripped):
                typ, value = normalise(stripped[m.end():], published, tense)
        if label == "TIME" and typ == "DATE" and value and "T" not in value and not value.endswith("REF"):
            typ = "DATE"
        taken.append((start, end))
        sentence = " ".join(sent.text.split()) if sent is not None else stripped
        found.append(DateFact(body[start:end], typ, value, start, end, sentence))
    return found

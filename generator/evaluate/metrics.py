"""Pure scoring: precision / recall / F1, token Jaccard, span matching. No spaCy here."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

_TOKEN = re.compile(r"\w+", re.UNICODE)
_LEAD = re.compile(r"^(?:the|a|an)\s+", re.I)
_TRAIL = re.compile(r"(?:'s|’s|'|’)$")
_EDGE = " \t\n\"'“”‘’()[]{},.;:!?-–—"
STOP_WORDS = frozenset("the a an of and in at for to on mr mrs ms dr his her their its said says".split())


@dataclass
class PRF:
    tp_p: int = 0  # system items that are correct
    n_p: int = 0  # system items counted
    tp_r: int = 0  # gold items that were found
    n_g: int = 0  # gold items

    def add(self, other: "PRF") -> None:
        self.tp_p += other.tp_p
        self.n_p += other.n_p
        self.tp_r += other.tp_r
        self.n_g += other.n_g

    @property
    def p(self) -> float:
        return self.tp_p / self.n_p if self.n_p else 0.0

    @property
    def r(self) -> float:
        return self.tp_r / self.n_g if self.n_g else 0.0

    @property
    def f1(self) -> float:
        p, r = self.p, self.r
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Ratio:
    hits: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.hits += int(ok)
        self.total += 1

    @property
    def value(self) -> float:
        return self.hits / self.total if self.total else 0.0


def token_offsets(text: str, spans: Iterable[tuple[int, int]]) -> frozenset[int]:
    """The start offsets of the word tokens inside the spans: a set that two annotations of one text share."""
    out: set[int] = set()
    for a, b in spans:
        out.update(a + m.start() for m in _TOKEN.finditer(text[a:b]))
    return frozenset(out)


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def content_words(text: Optional[str]) -> set[str]:
    return {w.lower() for w in _TOKEN.findall(text or "")} - STOP_WORDS


def normal_span(text: str, a: int, b: int) -> tuple[int, int]:
    """A name's span without a leading article, a trailing possessive or edge punctuation."""
    changed = True
    while changed and a < b:
        changed = False
        s = text[a:b]
        m = _LEAD.match(s)
        if m and m.end() < len(s):
            a += m.end()
            changed = True
            continue
        m = _TRAIL.search(s)
        if m and m.start() > 0:
            b -= len(m.group())
            changed = True
            continue
        if s[0] in _EDGE:
            a += 1
            changed = True
        elif s[-1] in _EDGE:
            b -= 1
            changed = True
    return a, b


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def span_match_score(s, g) -> float:
    """How well a system span matches a gold one (0: no overlap): the characters they share, ties broken
    by how close their extents are, so that "2009" matches gold "2009" rather than the enclosing
    "from 2009 to 2011" (both share four characters)."""
    shared = min(s.end, g.end) - max(s.start, g.start)
    if shared <= 0:
        return 0
    union = max(s.end, g.end) - min(s.start, g.start)
    return shared + 0.5 * shared / union


def match_one_to_one(system: Sequence, gold: Sequence, score) -> list[tuple[int, int]]:
    """Greedy best-first one-to-one matching of system items to gold items; `score(s, g)` > 0 means a match."""
    pairs = []
    for i, s in enumerate(system):
        for j, g in enumerate(gold):
            v = score(s, g)
            if v > 0:
                pairs.append((v, i, j))
    used_s: set[int] = set()
    used_g: set[int] = set()
    out = []
    for v, i, j in sorted(pairs, key=lambda x: (-x[0], x[1], x[2])):
        if i in used_s or j in used_g:
            continue
        used_s.add(i)
        used_g.add(j)
        out.append((i, j))
    return out

"""The words a story's headlines share: "Brazil loans" over "BANKAMERICA MAY RECLASSIFY BRAZIL LOANS",
"MORGAN PLACES BRAZIL LOANS ON NONACCRUAL" and "MARINE MIDLAND MAY RECLASSIFY BRAZIL LOANS", "bank strike"
over "BRAZIL BANK STRIKE CONTINUES" and "NO SOLUTION SEEN SOON IN BRAZIL BANK STRIKE".

A thread whose articles each name a different actor (one bank each) shares no name, and its texts may share
only measures ("net income"); what it is about is in its headlines. A headline phrase is a run of two or
three words of one headline, case-folded and crudely singular (thread_words.singular), cut at punctuation,
at a stop word, at a number and at a ticker in brackets ("<BAC>"), with no word shorter than three letters.
Like a text phrase (thread_phrases.py) it must be in MIN_SHARE of the thread's headlines and MIN_LIFT times
more common in them than in all the briefing's headlines; it is shown in the casing the briefing's texts
write its words in ("Brazil loans", not "BRAZIL LOANS" nor "Brazil Loans").
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Iterable, Optional

from generator.site.thread_phrases import _SHORT_STOP
from generator.site.thread_words import STOP, singular

SIZES = (3, 2)
_BRACKETS = re.compile(r"<[^>]*>|\([^)]*\)|\[[^\]]*\]")
_CUT = re.compile(r"[^\w\s'’-]|\b\w*\d\w*\b|\s[-'’]+|[-'’]+\s")
_WORD = re.compile(r"[a-z][a-z'’-]*[a-z]")


def _stop(w: str) -> bool:
    return len(w) < 3 or w in _SHORT_STOP or w in STOP or "'" in w or "’" in w


def headline_phrases(headline: str) -> dict[str, str]:
    """key (singular words) -> the headline's words, for every run of SIZES words. The words keep the casing
    of a headline in mixed case ("Glazer makes new Man Utd approach"), but for its first word; those of a
    headline in capitals, and a first word, are lower case (form() gives them the texts' casing)."""
    out: dict[str, str] = {}
    long_words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", headline)[1:] if len(w) > 3]
    upper = headline.isupper() or 2 * sum(1 for w in long_words if w[:1].isupper()) > len(long_words)  # Title Case
    first = True
    for chunk in _CUT.split(_BRACKETS.sub(" , ", headline)):
        run: list[str] = []
        for w in chunk.split() + [""]:
            shown = w.casefold() if upper or first else w
            first = first and not w
            low = w.casefold()
            if w and _WORD.fullmatch(low) and not _stop(low):
                run.append(shown)
                continue
            for n in SIZES:
                for i in range(len(run) - n + 1):
                    toks = run[i:i + n]
                    out.setdefault(" ".join(singular(t.casefold()) for t in toks), " ".join(toks))
            run = []
    return out


def headline_words(headline: str) -> frozenset[str]:
    """The headline's words that can say what happened: crudely singular, case-folded, no stop word, no
    ticker in brackets, no number."""
    words = (w.casefold() for w in _WORD.findall(_BRACKETS.sub(" ", headline).casefold()))
    return frozenset(singular(w) for w in words if not _stop(w))


class HeadlineIndex:
    """Each article's headline phrases and, over the briefing, the headlines that hold each."""

    def __init__(self, headlines: Iterable[tuple[str, str]]):
        pairs = list(headlines)
        self.of = {aid: headline_phrases(h) for aid, h in pairs}
        self.df: Counter[str] = Counter()
        for found in self.of.values():
            self.df.update(found.keys())
        self.n = len(self.of)
        self.words = {aid: headline_words(h) for aid, h in pairs}
        self.word_df: Counter[str] = Counter()
        for ws in self.words.values():
            self.word_df.update(ws)

    def share_a_word(self, ids: list[str], min_share: float, min_lift: float) -> bool:
        """Whether min_share of these headlines (two at least) hold one word that is min_lift times more
        common in them than in all headlines: what a story's headlines have in common ("strike", "poll")."""
        k = len(ids)
        if not k or not self.n:
            return False
        inside: Counter[str] = Counter()
        for aid in ids:
            inside.update(self.words.get(aid, ()))
        need = max(2, math.ceil(min_share * k))
        return any(c >= need and c / k >= min_lift * self.word_df[w] / self.n for w, c in inside.items())

    def candidates(self, ids: list[str], min_share: float, min_lift: float, max_df_share: float) -> list[str]:
        """The keys of these articles' distinctive headline phrases, best first: in most of their headlines,
        rare in the rest (share times the square root of IDF; ties: the longer, then the key)."""
        k = len(ids)
        if not k or not self.n:
            return []
        inside: Counter[str] = Counter()
        for aid in ids:
            inside.update(self.of.get(aid, {}).keys())
        need = max(2, math.ceil(min_share * k))
        scored = []
        for key, c in inside.items():
            df = self.df[key]
            if c < need or df > max(2, max_df_share * self.n) or (c / k) < min_lift * df / self.n:
                continue
            scored.append((-(c / k) * math.sqrt(math.log((self.n + 1) / df)), -len(key.split()), key))
        return [key for _, _, key in sorted(scored)]

    def form(self, key: str, ids: list[str], casing: dict[str, tuple[int, int]]) -> str:
        """The phrase as the headlines write it most (ties: the longer, "loans" before "loan"); a word the
        headline gave in lower case (see headline_phrases) in the casing the texts mostly give it."""
        forms = Counter(self.of[aid][key] for aid in ids if key in self.of.get(aid, {}))
        words = min(forms.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0].split() if forms else key.split()
        return " ".join(_cased(w, casing) for w in words)


def _cased(w: str, casing: dict[str, tuple[int, int]]) -> str:
    if w != w.casefold():
        return w  # as a mixed-case headline wrote it
    lower, upper = casing.get(w, (1, 0))
    if lower >= upper:
        return w
    return w.upper() if len(w) <= 3 else w[:1].upper() + w[1:]  # "IMF", "Brazil"


def best(index: Optional[HeadlineIndex], ids: list[str], min_share: float, min_lift: float, max_df_share: float,
         casing: dict[str, tuple[int, int]], ok=lambda key: True) -> Optional[str]:
    """The shown form of the best headline phrase of these articles that `ok` accepts, or None."""
    if index is None:
        return None
    for key in index.candidates(ids, min_share, min_lift, max_df_share):
        if ok(key):
            return index.form(key, ids, casing)
    return None

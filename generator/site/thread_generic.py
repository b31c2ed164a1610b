"""Phrases too generic for news to name a story: "member countries", "stock markets", "foreign banks", "spot
prices", "credit lines", "trade balance".

A thread's texts may share such a phrase more than the rest of the briefing does (an oil minister's remarks
on "member countries", a bank's "credit lines"), yet every word of it is everyday English, and a reader
learns nothing of what happened from it. A phrase is **generic** when each of its words is at least
GENERIC_ZIPF on the Zipf scale of general English (wordfreq: log10 of uses per billion words; 4.6 is about 40
uses per million words). A phrase from a thread's texts that is generic
names the thread only when one of its headlines says it too ("bank strike" in "BRAZIL BANK STRIKE
CONTINUES"): a headline says what the article is about, a sentence may only set the scene. Otherwise it gives
way to the thread's next distinctive phrase that is not generic, and is kept only when there is none
(thread_titles._phrase: a weak phrase beside the names is no worse than a place in its stead). A phrase with
one less common word ("debate moderators", "poison pill", "quota talks") is not generic.

wordfreq ships its frequency lists in the package (no download at run time); when it cannot be loaded, no
phrase is generic (titles as before), never an error.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Callable, Iterable, Mapping, Optional

GENERIC_ZIPF = 4.6

_lookup: Optional[Callable[[str, str], float]] = None
_tried = False


def _zipf_fn() -> Optional[Callable[[str, str], float]]:
    global _lookup, _tried
    if not _tried:
        _tried = True
        try:
            from wordfreq import zipf_frequency
            _lookup = zipf_frequency
        except Exception:  # noqa: BLE001 - an absent or broken wordfreq leaves titles as they were
            _lookup = None
    return _lookup


@lru_cache(maxsize=16384)
def zipf(word: str) -> float:
    """The word's Zipf frequency in general English (0.0 when unknown, or without wordfreq)."""
    fn = _zipf_fn()
    if fn is None or not word:
        return 0.0
    try:
        return float(fn(word, "en"))
    except Exception:  # noqa: BLE001 - an odd token is no common word
        return 0.0


def generic(key: str) -> bool:
    """Every word of the phrase (space-separated) is everyday English (see the module doc)."""
    words = key.split()
    return bool(words) and all(zipf(w) >= GENERIC_ZIPF for w in words)


def in_headlines(key: str, ids: Iterable[str], headline_phrases: Mapping[str, Mapping[str, str]]) -> bool:
    """One of these articles' headlines holds the phrase (its singular words: thread_headlines.headline_phrases)."""
    return any(key in headline_phrases.get(aid, {}) for aid in ids)


def names_alone(key: str, ids: list[str], headline_phrases: Optional[Mapping[str, Mapping[str, str]]]) -> bool:
    """A text phrase may name these articles: not generic, or said in one of their headlines."""
    if not generic(key):
        return True
    return headline_phrases is not None and in_headlines(key, ids, headline_phrases)

"""A one- or two-sentence summary, chosen from the opening of the article.

News puts the story first, but not always in the first sentence: a feature may open with scene-setting
("For decades now Huawei has been expanding") and state the news a paragraph later. So among the first
sentences, the one that best echoes the headline and names the article's main actors wins, with a
preference for earlier ones; a short winner is followed by the next sentence. With no headline signal
this is simply the lede.
"""

from __future__ import annotations

import re

MAX_CHARS = 320
CANDIDATES = 8
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’&-]*")
_STOP = frozenset("""a an the of for to in on at by with and or but not no nor as is are was were be been being has have
had it its this that these those from into over after before about than then so such their his her they them he
she we you i will would can could should may might must do does did new says said""".split())


def _words(text: str) -> set[str]:
    out = set()
    for w in _WORD.findall(text.lower().replace("’", "'")):
        w = w.removesuffix("'s")
        if len(w) > 2 and w not in _STOP:
            out.add(w[:-1] if w.endswith("s") and len(w) > 4 else w)
    return out


def _repeats(title: str, sentence: str) -> bool:
    """The sentence starts with the whole title (case and spacing aside)."""
    t = " ".join(title.lower().split()).rstrip("…")
    return len(t) >= 12 and " ".join(sentence.lower().split()).startswith(t)


def _prose(sentence: str) -> bool:
    return len(sentence.split()) >= 6


def summarise(sentences: list[str], title: str = "", names: list[str] | tuple[str, ...] = ()) -> str:
    """The opening sentence that best matches the headline and the main names, within MAX_CHARS."""
    clean = [" ".join(s.split()) for s in sentences]
    candidates = [(i, s) for i, s in enumerate(clean[:CANDIDATES]) if _prose(s)]
    # the sentence the title was made from (a seed with no headline) or that repeats the headline says
    # nothing the title does not: the page, the lists and the feed would show it twice
    candidates = [(i, s) for i, s in candidates if not _repeats(title, s)] or candidates
    if not candidates:
        return _cut(" ".join(clean[:1]))
    title_words = _words(title)
    main_names = [n for n in names[:6] if n]

    def score(item: tuple[int, str]) -> float:
        i, s = item
        overlap = len(title_words & _words(s)) / max(1, len(title_words))
        named = sum(1 for n in main_names if n in s)
        quoted = s[:1] in "\"“‘'"
        return 2.0 * overlap + 0.3 * named + 1.0 / (1 + i) - (0.5 if quoted else 0.0)

    best_i, best = max(candidates, key=lambda item: (score(item), -item[0]))
    summary = best
    following = best_i + 1
    if len(summary) < 160 and following < len(clean) and _prose(clean[following]) and \
            len(summary) + 1 + len(clean[following]) <= MAX_CHARS:
        summary += " " + clean[following]
    return _cut(summary)


def _cut(text: str) -> str:
    if len(text) <= MAX_CHARS:
        return text
    return text[:MAX_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + "…"

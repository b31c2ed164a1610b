"""Length-preserving truecasing of ALL-CAPS runs ("VERIZON HAS REPORTEDLY followed ...").

News ledes are often set in capitals. spaCy's NER reads capitals as names, so the analysis text gets
the run re-cased using the article's own vocabulary (how each word is written elsewhere in it).
Offsets are preserved exactly: a word is only replaced by a form of the same length, so every span
found on the analysis text indexes the original, unchanged body.
"""

from __future__ import annotations

import re
from collections import Counter

_WORD = re.compile(r"[^\W\d_][\w'’&.-]*", re.UNICODE)
_CAPS_RUN = re.compile(r"\b(?:[A-Z][A-Z'’&.-]*[A-Z]\b[\s,;:]+){1,}[A-Z][A-Z'’&.-]*[A-Z]?\b")


def _is_caps(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def vocabulary(text: str) -> dict[str, str]:
    """lower-case word -> its most frequent spelling outside ALL-CAPS runs."""
    counts: Counter[tuple[str, str]] = Counter()
    caps_spans = [m.span() for m in _CAPS_RUN.finditer(text) if _run_len(m.group()) >= 2]
    for m in _WORD.finditer(text):
        if any(a <= m.start() < b for a, b in caps_spans):
            continue
        w = m.group().rstrip(".")
        counts[(w.lower(), w)] += 1
    best: dict[str, tuple[int, str]] = {}
    for (low, form), n in sorted(counts.items()):
        if low not in best or n > best[low][0]:
            best[low] = (n, form)
    return {low: form for low, (n, form) in best.items()}


def _run_len(run: str) -> int:
    return len(_WORD.findall(run))


def _sentence_initial(text: str, pos: int) -> bool:
    before = text[:pos].rstrip()
    return not before or before[-1] in ".!?\n\"“'‘:"


def truecase(text: str, vocab: dict[str, str] | None = None) -> str:
    """Return `text` with runs of two or more ALL-CAPS words re-cased; same length as `text`."""
    runs = [m for m in _CAPS_RUN.finditer(text) if _run_len(m.group()) >= 2]
    if not runs:
        return text
    vocab = vocabulary(text) if vocab is None else vocab
    out = list(text)
    for run in runs:
        for m in _WORD.finditer(run.group()):
            word = m.group()
            core = word.rstrip(".")
            start = run.start() + m.start()
            known = vocab.get(core.lower())
            if known is not None and not _is_caps(known):
                new = known
            elif known is not None and len(core) <= 5:
                new = core  # an acronym written in capitals elsewhere too (US, AT&T, FCC)
            elif _sentence_initial(text, start):
                new = core[:1] + core[1:].lower()
            else:
                new = core.lower()
            if len(new) == len(core):
                out[start:start + len(core)] = new
    result = "".join(out)
    assert len(result) == len(text)
    return result

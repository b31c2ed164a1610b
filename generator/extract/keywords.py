"""Key phrases of an article: repeated noun chunks that are not names, as lower-case lemmas."""

from __future__ import annotations

from collections import Counter

from generator.extract.docview import view

MAX_KEYWORDS = 8
_GENERIC = frozenset("""
thing things way ways time times year years day days people person lot part number case fact point
something anything nothing everything one ones week weeks month months report reports matter
""".split())


def keywords(doc) -> list[str]:
    counts: Counter[str] = Counter()
    if not len(doc):
        return []
    v = view(doc)
    skip = _skipped(doc)
    for start, end in v.noun_chunks():
        words = [i for i in range(start, end) if not skip[i]]
        if not words or len(words) > 3:
            continue
        phrase = " ".join(v.lemma[i].lower() for i in words)
        if len(phrase) < 3 or phrase in _GENERIC or not phrase.replace(" ", "").replace("-", "").isalpha():
            continue
        counts[phrase] += 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], -len(kv[0].split()), kv[0]))
    return [k for k, n in ranked if n >= 2][:MAX_KEYWORDS]


def _skipped(doc) -> list[bool]:
    """Per token: a stop word, punctuation, space, number, part of a name, or a pronoun, determiner, numeral
    or proper noun (never a key phrase word); from the Doc's arrays at once."""
    arr = doc.to_array(["IS_STOP", "IS_PUNCT", "IS_SPACE", "LIKE_NUM", "ENT_TYPE", "POS"])
    mask = (arr[:, :5] != 0).any(axis=1)
    for pos in ("PRON", "DET", "NUM", "PROPN"):
        mask |= arr[:, 5] == doc.vocab.strings[pos]
    return mask.tolist()

"""Key phrases of an article: repeated noun chunks that are not names, as lower-case lemmas."""

from __future__ import annotations

from collections import Counter

MAX_KEYWORDS = 8
_GENERIC = frozenset("""
thing things way ways time times year years day days people person lot part number case fact point
something anything nothing everything one ones week weeks month months report reports matter
""".split())


def keywords(doc) -> list[str]:
    counts: Counter[str] = Counter()
    for chunk in doc.noun_chunks:
        words = [t for t in chunk if not (t.is_stop or t.is_punct or t.is_space or t.like_num or t.ent_type_
                                          or t.pos_ in ("PRON", "DET", "NUM", "PROPN"))]
        if not words or len(words) > 3:
            continue
        phrase = " ".join(t.lemma_.lower() for t in words)
        if len(phrase) < 3 or phrase in _GENERIC or not phrase.replace(" ", "").replace("-", "").isalpha():
            continue
        counts[phrase] += 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], -len(kv[0].split()), kv[0]))
    return [k for k, n in ranked if n >= 2][:MAX_KEYWORDS]

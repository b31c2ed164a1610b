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
    v = view(doc)
    skip = [a or b or c or d or bool(e) or f in ("PRON", "DET", "NUM", "PROPN")
            for a, b, c, d, e, f in zip(v.is_stop, v.is_punct, v.is_space, v.like_num, v.ent_type, v.pos)]
    for chunk in doc.noun_chunks:
        words = [i for i in range(chunk.start, chunk.end) if not skip[i]]
        if not words or len(words) > 3:
            continue
        phrase = " ".join(v.lemma_lower[i] for i in words)
        if len(phrase) < 3 or phrase in _GENERIC or not phrase.replace(" ", "").replace("-", "").isalpha():
            continue
        counts[phrase] += 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], -len(kv[0].split()), kv[0]))
    return [k for k, n in ranked if n >= 2][:MAX_KEYWORDS]

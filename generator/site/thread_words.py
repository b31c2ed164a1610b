"""What an article is about, in its own words: a TF-IDF vector of the words of its headline and body.

Resolved entities alone group articles poorly in a corpus where everyone names the same few people (the two
candidates in an election): two articles about the candidates' tax returns share "tax", "return", "audit",
"deduction" far more than any name. Each article's vector is made of its TOP_WORDS most distinctive words
(sublinear term frequency times IDF; the headline counts twice), so that similarity is cheap to compute over
the postings of rare words and common vocabulary does not join unrelated articles:

- a word in fewer than 2 articles joins nothing, one in more than MAX_DF_SHARE of them says nothing;
- words are case-folded, possessive 's is dropped and plurals are crudely singular ("taxes" = "tax");
- stop words and words of three letters or fewer are left out.

Every step is deterministic (ties broken by the word itself).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Iterable, Mapping

TOP_WORDS = 60
MAX_DF_SHARE = 0.5
HEADLINE_WEIGHT = 2
_WORD = re.compile(r"[a-z][a-z'-]+")
STOP = frozenset("""about above after again against also among amid another around back because been before
being between both came come comes could does doing done down during each even ever every from further have
having here hers herself himself into itself just like made make makes many more most much must near next
only other others ourselves over said says same should since some still such than that their theirs them
themselves then there these they this those three through under until upon very want what when where which
while whom whose will with would year years your yours told tell week weeks month months first last would
could might shall people thing things time times going goes know think well really ago way""".split())


def words(text: str) -> Counter[str]:
    """Content words of a text, case-folded and crudely singular, with their counts."""
    out: Counter[str] = Counter()
    for w in _WORD.findall(text.casefold().replace("’", "'")):
        w = w.removesuffix("'s").strip("'-")
        if len(w) > 3 and w not in STOP:
            out[singular(w)] += 1
    return out


def singular(w: str) -> str:
    """'taxes' -> 'tax', 'laws' -> 'law'; 'business', 'virus', 'news' and words of three letters stay."""
    if w.endswith("ies") and len(w) > 5:
        return w[:-3] + "y"
    if w.endswith(("sses", "xes", "ches", "shes")) and len(w) > 4:
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is", "news")) and len(w) > 3:
        return w[:-1]
    return w


def article_words(headline: str, body: str) -> Counter[str]:
    """An article's word counts: its body's words, its headline's HEADLINE_WEIGHT times."""
    c = words(body)
    for w, k in words(headline).items():
        c[w] += HEADLINE_WEIGHT * k
    return c


def text_vectors(docs: Iterable[tuple[str, str, str]]) -> dict[str, dict[str, float]]:
    """(article id, headline, body) -> {article id: unit vector of its TOP_WORDS most distinctive words}."""
    return vectors_of({aid: article_words(headline, body) for aid, headline, body in docs})


def vectors_of(counts: Mapping[str, Mapping[str, int]]) -> dict[str, dict[str, float]]:
    """{article id: its word counts (article_words)} -> {article id: unit vector of its TOP_WORDS most
    distinctive words}: sublinear term frequency times IDF over these articles."""
    n = len(counts)
    df: Counter[str] = Counter()
    for c in counts.values():
        df.update(c.keys())
    cap = max(2.0, MAX_DF_SHARE * n)
    idf = {w: math.log((n + 1) / d) for w, d in df.items() if 2 <= d <= cap}  # the words that join and say
    tf: dict[int, float] = {}
    out = {}
    for aid in sorted(counts):
        vec = {}
        for w, k in counts[aid].items():
            x = idf.get(w)
            if x is not None:
                t = tf.get(k)
                if t is None:
                    t = tf[k] = 1.0 + math.log(k)
                vec[w] = t * x
        top = sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_WORDS]
        norm = math.sqrt(sum(x * x for _, x in top)) or 1.0
        out[aid] = {w: x / norm for w, x in top}
    return out

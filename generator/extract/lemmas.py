"""Lemmas a reader would write: a word that spaCy's English tables list with two lemmas takes the regular one.

The rule lemmatizer puts every listed exception ahead of what its suffix rules find, even when the rules find
one of those very exceptions, and the lists are alphabetical, so the last of them wins: "taxes" becomes
"taxis" (listed: tax, taxis), "bases" becomes "basis", "masses" becomes "masse". Key phrases and thread titles
then read "income taxis". Here, when a word's listed lemmas include one that the suffix rules also derive from
a known base form, only that one is kept; a word whose exceptions are all irregular ("crises" -> "crisis",
"children" -> "child") keeps them.
"""

from __future__ import annotations


def prefer_regular_lemmas(nlp) -> None:
    """Prune the model's exception table in place (before the first parse: the lemmatizer caches)."""
    if "lemmatizer" not in nlp.pipe_names:
        return
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not all(lookups.has_table(t) for t in ("lemma_exc", "lemma_rules", "lemma_index")):
        return  # a lookup-mode or trainable lemmatizer: nothing of this kind to mend
    exc, rules, index = (lookups.get_table(t) for t in ("lemma_exc", "lemma_rules", "lemma_index"))
    for pos in list(exc.keys()):
        table = exc[pos]
        for word, forms in list(table.items()):
            if len(forms) < 2:
                continue
            regular = _regular_forms(word, rules.get(pos, []), index.get(pos, ()))
            kept = [f for f in forms if f in regular]
            if kept:
                table[word] = kept[:1]


def _regular_forms(word: str, rules, index) -> set[str]:
    return {word[: len(word) - len(old)] + new for old, new in rules
            if word.endswith(old) and word[: len(word) - len(old)] + new in index}

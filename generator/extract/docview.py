"""One view of a parsed Doc shared by the rules: token attributes as plain lists, the text and the sentence
bounds, each built once per Doc on first use.

A rule that reads `doc[i].lower_` for every token makes a Token object each time, and `span.text` joins
the span's tokens again; the rules walk the same Doc many times. `view(doc)` keeps, in doc.user_data:
- per-token lists (`text`, `lower`, `pos`, `lemma`, `ent_type`, ...) read from the Doc's arrays, the
  same strings the Token attributes of the same name with an underscore return (`pos[i] == doc[i].pos_`);
- `string` (doc.text), `ents` (doc.ents as tuples), `sent_bounds` ([(start, end)] token indexes of doc.sents) and `sent_index(i)`.
Rules use it to find the few tokens worth a look, then read those Tokens as before. `forget(doc)` drops
the view when the record is made (it holds the Doc: a cycle for the garbage collector otherwise).
"""

from __future__ import annotations

import bisect
from functools import cached_property

_KEY = "briefing_view"


class DocView:
    def __init__(self, doc):
        self.doc = doc
        self._arrays: dict = {}
        self.memo: dict = {}  # what a rule works out once per Doc (cues.is_furniture per sentence)

    def _strings(self, attr: str) -> list[str]:
        strings = self.doc.vocab.strings
        return [strings[x] for x in self.doc.to_array(attr).tolist()] if len(self.doc) else []

    def _flags(self, attr: str) -> list[bool]:
        return [bool(x) for x in self.doc.to_array(attr).tolist()] if len(self.doc) else []

    @cached_property
    def text(self) -> list[str]:
        return self._strings("ORTH")

    @cached_property
    def lower(self) -> list[str]:
        return self._strings("LOWER")

    @cached_property
    def pos(self) -> list[str]:
        return self._strings("POS")

    @cached_property
    def tag(self) -> list[str]:
        return self._strings("TAG")

    @cached_property
    def lemma(self) -> list[str]:
        return self._strings("LEMMA")

    @cached_property
    def lemma_lower(self) -> list[str]:
        return [x.lower() for x in self.lemma]

    @cached_property
    def ent_type(self) -> list[str]:
        return self._strings("ENT_TYPE")

    @cached_property
    def is_alpha(self) -> list[bool]:
        return self._flags("IS_ALPHA")

    @cached_property
    def is_title(self) -> list[bool]:
        return self._flags("IS_TITLE")

    @cached_property
    def is_stop(self) -> list[bool]:
        return self._flags("IS_STOP")

    @cached_property
    def is_punct(self) -> list[bool]:
        return self._flags("IS_PUNCT")

    @cached_property
    def is_space(self) -> list[bool]:
        return self._flags("IS_SPACE")

    @cached_property
    def like_num(self) -> list[bool]:
        return self._flags("LIKE_NUM")

    @cached_property
    def string(self) -> str:
        """doc.text, joined from the token texts and their trailing spaces without a Token each."""
        spaces = self._flags("SPACY")
        return "".join([t + " " if ws else t for t, ws in zip(self.text, spaces)])

    @cached_property
    def idx(self) -> list[int]:
        return self.doc.to_array("IDX").tolist() if len(self.doc) else []

    @cached_property
    def sent_chars(self) -> list[tuple[int, int]]:
        """[(start_char, end_char)] of doc.sents."""
        idx, text = self.idx, self.text
        return [(idx[a], idx[b - 1] + len(text[b - 1])) for a, b in self.sent_bounds]

    @cached_property
    def sent_bounds(self) -> list[tuple[int, int]]:
        return [(s.start, s.end) for s in self.doc.sents]

    @cached_property
    def _sent_starts(self) -> list[int]:
        return [a for a, _ in self.sent_bounds]

    def sent_index(self, i: int) -> int:
        """The index in sent_bounds of the sentence holding token i."""
        return max(0, bisect.bisect_right(self._sent_starts, i) - 1)

    @cached_property
    def sents(self) -> list:
        return list(self.doc.sents)

    def sent_of(self, i: int):
        """The sentence (a Span of doc.sents) holding token i."""
        return self.sents[self.sent_index(i)]

    @cached_property
    def ents(self) -> list[tuple[int, int, int, int, str, str]]:
        """(start, end, start_char, end_char, label_, ent_id_) of doc.ents, made once."""
        return [(e.start, e.end, e.start_char, e.end_char, e.label_, e.ent_id_) for e in self.doc.ents]

    def array(self, attr: str):
        """doc.to_array(attr) (a numpy array of the attribute's ids), read once."""
        arr = self._arrays.get(attr)
        if arr is None:
            arr = self._arrays[attr] = self.doc.to_array(attr)
        return arr

    def where(self, attr: str, *values: str) -> list[int]:
        """Indexes of the tokens whose `attr` (POS, TAG, ENT_TYPE, ...) is one of the strings `values`."""
        import numpy

        if not len(self.doc):
            return []
        arr = self.array(attr)
        strings = self.doc.vocab.strings  # the ids to_array holds (symbols for POS, ORG...)
        mask = arr == strings[values[0]]
        for value in values[1:]:
            mask |= arr == strings[value]
        return numpy.flatnonzero(mask).tolist()

    def noun_chunks(self) -> list[tuple[int, int]]:
        """(start, end) of doc.noun_chunks. English: spaCy's own rule (spacy.lang.en.syntax_iterators) run on
        the Doc's arrays, a Token made only for the nouns; any other language: spaCy's iterator."""
        from spacy.lang.en import syntax_iterators

        doc = self.doc
        if doc.noun_chunks_iterator is not syntax_iterators.noun_chunks or not doc.has_annotation("DEP") \
                or not len(doc):
            return [(c.start, c.end) for c in doc.noun_chunks]
        strings = doc.vocab.strings
        np_deps = {strings.add(label) for label in ("oprd", "nsubj", "dobj", "nsubjpass", "pcomp", "pobj",
                                                    "dative", "appos", "attr", "ROOT")}
        conj = strings.add("conj")
        arr = doc.to_array(["DEP", "HEAD"])
        deps = arr[:, 0].tolist()
        heads = [i + rel for i, rel in enumerate(arr[:, 1].astype("int64").tolist())]  # HEAD is an offset
        out: list[tuple[int, int]] = []
        prev_end = -1
        for i in self.where("POS", "NOUN", "PROPN", "PRON"):
            left = doc[i].left_edge.i
            if left <= prev_end:
                continue  # no nested chunks
            if deps[i] in np_deps:
                prev_end = i
                out.append((left, i + 1))
            elif deps[i] == conj:
                head = heads[i]
                while deps[head] == conj and heads[head] < head:
                    head = heads[head]
                if deps[head] in np_deps:  # coordinated to a noun phrase
                    prev_end = i
                    out.append((left, i + 1))
        return out

    def span_text(self, start: int, end: int) -> str:
        """doc[start:end].text, sliced from the Doc's text."""
        if end <= start:
            return ""
        return self.string[self.idx[start]:self.idx[end - 1] + len(self.text[end - 1])]


def view(doc) -> DocView:
    v = doc.user_data.get(_KEY)
    if v is None:
        v = doc.user_data[_KEY] = DocView(doc)
    return v


def forget(doc) -> None:
    doc.user_data.pop(_KEY, None)

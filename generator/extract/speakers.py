"""Speakers the model missed: the proper-noun subject of a speech verb beside a quote is a person.

"Lonechild said" where the small model tagged "Lonechild" an organisation, or nothing: the words name a
speaker, and a speaker with a first name elsewhere in the article ("Darian Lonechild", "Kevin Vickers") or
no tag at all is a person. `with_speakers` returns the article's mentions with
- each such subject that no mention covers added as a PERSON mention (and its full name, where the article
  writes one that no mention covers: "Darian Lonechild" -> one PERSON actor for both);
- each such subject the model typed otherwise (ORG, GPE, ...) re-typed PERSON, with a PERSON type cue,
  when the article gives it a first name known to the first-name table or an honorific; an organisation
  speaking ("Google said") has neither and is left as it is.
Everything else is left to the actor machinery (actors.resolve_mentions), which runs after this.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Optional

from generator.extract.actors import Mention
from generator.extract.cues import is_furniture, sent_of, sent_text, subject_of
from generator.extract.docview import view
from generator.extract.gender import first_name_gender

SPEAKER_VERBS = frozenset("""
say tell add explain ask note recall reply respond insist argue admit acknowledge write warn state claim
stress suggest remark observe concede contend tweet testify recount joke quip
""".split())  # verbs that take a person as their subject: not "continue", "report", "announce", "call"
QUOTE_MARKS = '"“”«»‘'
_SINGLE_OPEN = re.compile(r"(?:^|\s)'\w")
_NOT_FIRST = frozenset("""
justice the a an in on at of for and but or as by from with to this that these those his her their its our my
mr mrs ms miss dr prof sir dame lord lady minister president premier senator mayor chief leader councillor
coach judge officer sergeant constable captain general governor secretary director professor
""".split())
_HONORIFIC_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Dame)\.?\s+$")


def _subjects(doc):
    """Proper-noun speakers of speech verbs in sentences that hold, follow or precede a quotation mark."""
    v = view(doc)
    for i in v.where("POS", "VERB"):
        if doc[i].lemma_.lower() not in SPEAKER_VERBS:
            continue
        tok = doc[i]
        sent = sent_of(tok)
        if is_furniture(sent):
            continue
        near = v.span_text(sent.start, sent.end)
        if sent.start > 0:
            near += sent_text(doc[sent.start - 1])
        if sent.end < len(doc):
            near += sent_text(doc[sent.end])  # 'Poulter told the tour ... / "That would tick two boxes," he said.'
        if not any(c in near for c in QUOTE_MARKS) and not _SINGLE_OPEN.search(near):
            continue
        subj = subject_of(tok)
        if subj is None and tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN":
            subj = doc[tok.i + 1]  # '"...," said Lonechild'
            while subj.i + 1 < len(doc) and doc[subj.i + 1].pos_ == "PROPN" and _capitalised(doc[subj.i + 1]):
                subj = doc[subj.i + 1]
        if subj is None or subj.pos_ != "PROPN" or not _capitalised(subj) or len(subj.text) < 2:
            continue
        if any(c.dep_ == "det" for c in subj.children):
            continue  # "the Minister said": a title, not a name
        left = subj
        while left.i > 0 and doc[left.i - 1].pos_ == "PROPN" and _capitalised(doc[left.i - 1]) and \
                doc[left.i - 1].lower_ not in _NOT_FIRST and doc[left.i - 1].whitespace_:
            left = doc[left.i - 1]
        yield left, subj


def _capitalised(tok) -> bool:
    """'Lonechild', "Na'moks", 'McCallum': a capital first and not all capitals (not 'RCMP', not 'WATCH')."""
    t = tok.text
    return t[:1].isupper() and not t.isupper() and any(c.islower() for c in t)


def _full_name(body: str, surname: str) -> Optional[tuple[int, int]]:
    """The first place the article writes 'First Surname' (a capitalised word before the surname)."""
    for m in re.finditer(r"\b([A-Z][a-z][\w'’-]*)\s+" + re.escape(surname) + r"\b", body):
        if m.group(1).lower() not in _NOT_FIRST:
            return m.start(), m.end()
    return None


def _is_person_name(body: str, name: str, full: Optional[tuple[int, int]]) -> bool:
    if full is not None and first_name_gender(body[full[0]:full[1]])[0] is not None:
        return True
    if len(name.split()) > 1 and first_name_gender(name)[0] is not None:
        return True
    return any(_HONORIFIC_BEFORE.search(body[max(0, m.start() - 6):m.start()])
               for m in re.finditer(r"\b" + re.escape(name) + r"\b", body))


def with_speakers(doc, body: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions, plus (or re-typed as) PERSON mentions for the proper-noun speakers the model missed."""
    try:
        return _with_speakers(doc, body, list(mentions))
    except Exception:  # extraction never fails on odd text: without this step the mentions are as they were
        return list(mentions)


def _with_speakers(doc, body: str, mentions: list[Mention]) -> list[Mention]:
    out = list(mentions)

    def covering(a: int, b: int) -> Optional[int]:
        for i, m in enumerate(out):
            if m.start < b and a < m.end:
                return i
        return None

    for left, subj in _subjects(doc):
        a, b = left.idx, subj.idx + len(subj.text)
        name = body[a:b]
        if "\n" in name:
            continue
        full = _full_name(body, subj.text) if left.i == subj.i else None
        i = covering(a, b)
        if i is None:
            out.append(Mention(a, b, name, "PERSON", subj.i, "PERSON"))
            if full is not None and covering(*full) is None:
                span = doc.char_span(full[0], full[1], alignment_mode="expand")
                if span is not None:
                    out.append(Mention(full[0], full[1], body[full[0]:full[1]], "PERSON", span.root.i, "PERSON"))
            continue
        m = out[i]
        if m.label == "PERSON" or m.cue == "PERSON":
            continue
        if m.start == a or m.end == b:
            full = full or _full_name(body, m.text.split()[-1])
            if _is_person_name(body, m.text, full):
                out[i] = dataclasses.replace(m, label="PERSON", cue="PERSON")
                j = covering(*full) if full is not None else None
                if j is not None and out[j].label != "PERSON" and (out[j].start, out[j].end) == full:
                    out[j] = dataclasses.replace(out[j], label="PERSON")  # "Kevin Vickers" typed ORG
    return sorted(out, key=lambda m: (m.start, m.end))


_CREDIT = re.compile(r"\((?:[^()\n]*/[^()\n]*|[^()\n]*\b(?:PHOTO|Photo|photo|FILE|Getty|AP|Reuters)\b[^()\n]*)\)\s*$|"
                     r"^(?:[A-Z][\w.'’-]+ ){1,3}/ (?:[A-Z][\w.'’-]+ ?){1,4}(?:via [A-Z][\w ]+)?\b")


def captions(body: str, paragraphs) -> list[tuple[int, int]]:
    """Photo captions ('... in 1999. ( THE CANADIAN PRESS FILE PHOTO )', 'Jane Roe / The Canadian Press Kevin
    Vickers, right, ...'): the people they name are pictured, not the ones the next quote's 'he' means."""
    out = []
    for a, b in paragraphs or ():
        text = body[a:b]
        if _CREDIT.search(text) and not any(c in text for c in QUOTE_MARKS):
            out.append((a, b))
    return out

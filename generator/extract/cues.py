"""Where a quote's speaker is named: speech cues and the words that name the speaker, on the parse.

`find_attribution(doc, body, q, ...)` tries, in order:
1. a speech verb in the quote's own sentences, outside the marks: its subject ("..., Ryan said" /
   "Ryan said: ..."); when the parser made the quote itself the subject, or gave the verb none, the noun
   phrase next to the verb by position ('..." said Leslie Wimes' / '..." Chief Chuck Jordan said');
   a participle ("..., saying, '...'") takes the subject of the verb it hangs from;
2. an introduction ending in a colon just before the quote ("Caddell continued:" / "The Times reports:"), or
   a clause about a named or pronoun subject ending so ("Martell is more blunt:");
3. a dash signature right after the quote ('..." ― Pamela Padilla').
The caller handles continuation (a quote with no cue of its own goes on from the previous speaker)
and, last, a cue in the next sentence (`next_sentence_attribution`).
"""

from __future__ import annotations

import re

from generator.extract.docview import view

SPEECH_LEMMAS = frozenset("""
say tell add state claim explain note ask argue insist warn write reply respond suggest comment announce
declare admit acknowledge recall stress confirm deny report predict continue conclude emphasise emphasize
observe remark tweet post complain concede contend assert maintain agree caution urge vow promise
describe call quip joke boast testify reveal recount mention point estimate demand shout yell scream
exclaim plead counter retort snap whisper chant sing read recount murmur mutter cry thunder
""".split())
_NP_POS = frozenset({"PROPN", "NOUN", "DET", "ADJ", "PRON", "NUM", "PART"})
_FURNITURE = re.compile(r"(?i:^\W*(?:read more|watch|related|listen|see also|click here|more)\s*[:|]|"
                        r"\b(?:story|article) continues below|\bcontinued below)")
_DASH_SIGNATURE = re.compile(r"\s*[―—–]\s*(?=[A-Z])")


def sent_of(token):
    """The sentence holding `token`, found by bisection (spaCy's Token.sent walks the whole doc each time)."""
    return view(token.doc).sent_of(token.i)


def sent_text(token) -> str:
    """sent_of(token).text, sliced from the Doc's text."""
    v = view(token.doc)
    return v.span_text(*v.sent_bounds[v.sent_index(token.i)])


def subject_of(verb):
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    for child in verb.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head is not verb:
        if verb.head.lemma_ in SPEECH_LEMMAS or verb.tag_ == "VBG":
            return subject_of(verb.head)  # "..., saying" / "said and added"
    return None


def phrase(token, body: str) -> tuple[int, int]:
    """The speaker's words: the subject and its modifiers, without relative clauses or long tails."""
    keep = [t for t in token.subtree if not any(a.dep_ in ("relcl", "acl", "punct") and a.head.i >= token.i
                                                 and a.i != token.i and a in t.ancestors or
                                                 (a is t and a.dep_ in ("relcl", "acl"))
                                                 for a in [t] + list(t.ancestors) if a.i != token.i)]
    if not keep:
        keep = [token]
    left = max(min(t.i for t in keep), token.i - 8)
    right = min(max(t.i for t in keep), token.i + 8)
    doc = token.doc
    while right + 2 < len(doc) and not doc[right].whitespace_ and doc[right + 1].text in ("-", "‐") and \
            not doc[right + 1].whitespace_ and doc[right + 2].is_title:
        right += 2  # "Wilson-Raybould": a hyphenated name is one name
    while left >= 2 and doc[left - 1].text in ("-", "‐") and not doc[left - 1].whitespace_ and \
            not doc[left - 2].whitespace_ and doc[left - 2].is_title:
        left -= 2
    while right > left and doc[right].is_punct:
        right -= 1
    while left < right and doc[left].is_punct:
        left += 1
    return doc[left].idx, doc[right].idx + len(doc[right].text)


def inside(q, tok) -> bool:
    return q.open_mark <= tok.idx <= q.close_mark


def cues_in(doc, sent, q):
    """Speech verbs of `sent` outside the quote, nearest to the quote first."""
    cues = []
    v = view(doc)
    for i in range(sent.start, sent.end):
        speech = v.lemma_lower[i] in SPEECH_LEMMAS and v.pos[i] in ("VERB", "AUX")
        according = v.lower[i] == "according" and i + 1 < len(doc) and v.lower[i + 1] == "to"
        if not (speech or according):
            continue
        tok = doc[i]
        if inside(q, tok):
            continue
        distance = tok.idx - q.close_mark if tok.idx > q.close_mark else q.open_mark - tok.idx
        cues.append((distance, tok.i, tok))
    return [t for _, _, t in sorted(cues)]


def adjacent_np(doc, q, cue):
    """The noun phrase next to a cue by position: '..." said NP' or '..." NP said' (head = last noun)."""
    close_tok = doc.char_span(q.close_mark, q.close_mark + 1, alignment_mode="expand")
    if close_tok is None or cue.i <= close_tok.end - 1:
        return None
    between = doc[close_tok.end:cue.i]
    if len(between) == 0:  # '..." said Leslie Wimes, a ...'
        run = []
        for t in doc[cue.i + 1:cue.i + 9]:
            if t.pos_ in _NP_POS or t.text in (".", "-") and run:
                run.append(t)
            else:
                break
        nouns = [t for t in run if t.pos_ in ("PROPN", "NOUN", "PRON")]
        return nouns[-1] if nouns else None
    if len(between) <= 9 and all(t.pos_ in _NP_POS or t.is_title or t.is_punct and t.text not in ".!?"
                                 for t in between):
        nouns = [t for t in _outside_brackets(between) if t.pos_ in ("PROPN", "NOUN", "PRON") or t.is_title]
        return nouns[-1] if nouns else None  # '..." Police Chief Chuck Jordan said'
    return None


def _outside_brackets(tokens):
    depth, out = 0, []
    for t in tokens:
        if t.text in "([":
            depth += 1
        elif t.text in ")]":
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(t)
    return out


def speaker_token(cue, q):
    if cue.lower_ == "according":
        to = cue.doc[cue.i + 1]
        return next((c for c in to.children if c.dep_ == "pobj"), None)
    subj = subject_of(cue)
    if subj is not None and not inside(q, subj):
        return subj
    return adjacent_np(cue.doc, q, cue)


def _length(doc) -> int:
    """len(doc.text) without building the text (Doc.text joins every token on each call)."""
    return doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0


def sentences_around(doc, q):
    """The sentence holding the closing mark, then the one holding the opening mark (if different)."""
    out = []
    n = _length(doc)
    for off in (q.close_mark, max(q.open_mark, 0)):
        off = min(off, n - 1)
        span = doc.char_span(off, off + 1, alignment_mode="expand")
        if span is None or not len(span):
            continue
        sent = sent_of(span[0])
        if all(s.start != sent.start for s in out):
            out.append(sent)
    return out


def is_furniture(sent) -> bool:
    """Page furniture, not prose: 'READ MORE: ...', 'WATCH | ...', 'Story continues below advertisement'."""
    v = view(sent.doc)
    key = ("furniture", sent.start, sent.end)
    if key not in v.memo:
        v.memo[key] = bool(_FURNITURE.search(v.span_text(sent.start, sent.end)))
    return v.memo[key]


def find_attribution(doc, body: str, q, mentions):
    """(cue token or None, speaker token or None, speaker span or None) for one quote."""
    for sent in sentences_around(doc, q):
        if is_furniture(sent):
            continue
        for cue in cues_in(doc, sent, q):
            subj = speaker_token(cue, q)
            if subj is not None:
                return cue, subj, phrase(subj, body)
    tail = _tail(doc, body, q)
    if tail is not None:
        return tail
    intro = _colon_intro(doc, body, q)
    if intro is not None:
        return intro
    m = _DASH_SIGNATURE.match(body, q.close_mark + 1)
    if m:
        line_end = body.find("\n", m.end())
        line_end = len(body) if line_end < 0 else line_end
        for men in mentions:
            if men.start == m.end() and men.end <= line_end:
                return None, None, (men.start, men.end)
    return None, None, None


def _tail(doc, body: str, q):
    """'"...?" Vitter demanded.': the parser ended the sentence at the mark; a bare cue right after it
    (no clause of its own, so not a new statement) still belongs to the quote."""
    after = body[q.close_mark + 1:q.close_mark + 4]
    if not after[:1].isspace() or "\n" in after:
        return None
    span = doc.char_span(q.close_mark, q.close_mark + 1, alignment_mode="expand")
    if span is None or not len(span) or span[-1].i + 1 >= len(doc):
        return None
    nxt = doc[span[-1].i + 1]
    if sent_of(nxt).start != nxt.i or is_furniture(sent_of(nxt)):
        return None
    for cue in cues_in(doc, sent_of(nxt), q):
        if cue.i - nxt.i > 6 or any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in cue.children):
            continue
        subj = speaker_token(cue, q)
        if subj is not None:
            return cue, subj, phrase(subj, body)
    return None


def _colon_intro(doc, body: str, q):
    """'Caddell continued:\\n\\n"..."': a sentence ending in a colon right before the quote names its speaker."""
    before = body[:q.open_mark].rstrip()
    if not before.endswith(":"):
        return None
    span = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
    if span is None or not len(span):
        return None
    sent = sent_of(span[0])
    for cue in cues_in(doc, sent, q):
        subj = subject_of(cue) if cue.lower_ != "according" else speaker_token(cue, q)
        if subj is not None and not inside(q, subj):
            return cue, subj, phrase(subj, body)
    # no speech verb: "Martell, the addictions doctor, is more blunt:" -- the clause the colon ends is about
    # its speaker when its subject is a name or a personal pronoun (not "The result:", "The sign reads:")
    colon = span[-1]
    # the clause the colon ends: its last verb (the parser may hang it from a verb inside the quote)
    verbs = [t for t in doc[sent.start:colon.i] if t.pos_ in ("VERB", "AUX") and
             any(c.dep_ in ("nsubj", "nsubjpass") and c.i < t.i for c in t.children)]
    subj = subject_of(verbs[-1]) if verbs and colon.text == ":" else None
    if subj is not None and not inside(q, subj) and (subj.pos_ == "PROPN" or subj.lower_ in ("he", "she")):
        return None, subj, phrase(subj, body)
    return None


def next_sentence_attribution(doc, body: str, q, spans):
    """A cue in the sentence after the quote, when that sentence holds no quote of its own."""
    n = _length(doc)
    span = doc.char_span(min(q.close_mark, n - 1), min(q.close_mark + 1, n), alignment_mode="expand")
    if span is None or not len(span) or sent_of(span[0]).end >= len(doc):
        return None
    nxt = sent_of(doc[sent_of(span[0]).end])
    if not nxt.text.strip() or is_furniture(nxt) or any(nxt.start_char <= x.start < nxt.end_char for x in spans):
        return None
    for cue in cues_in(doc, nxt, q):
        subj = subject_of(cue)
        if subj is not None:
            return cue, subj, phrase(subj, body)
    return None

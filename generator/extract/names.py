"""Names from the parse, repaired and typed by the context they stand in.

The small model splits and mistypes names in regular ways; these rules undo them on the parse alone:
- a name split by the registry's EntityRuler or at a function word is joined again ("Bank of" +
  "America", "China" + "Eastern Airlines");
- a maker's name followed by a model designator is one product ("Airbus A380", "Boeing 747",
  "iPhone 4"), and so is a model designator standing as a noun ("the A380", "A320s");
- each mention gets a type cue from its context, which outweighs the model's label when the cluster's
  type is voted: "X's CEO", "shares of X", "X Inc." say organisation; "Mr X", "President X",
  "the X administration", "X, who" say person; "X's government", "X-based" say place.
"""

from __future__ import annotations

import re
from typing import Optional

from generator.extract.docview import view

TITLES = frozenset("""
mr mrs ms miss dr prof professor sir dame lord lady president senator sen rep representative governor gov
mayor minister premier chancellor secretary judge justice general gen col colonel capt captain admiral pope
king queen prince princess ceo chairman chairwoman spokesman spokeswoman spokesperson analyst founder
director executive economist lawyer attorney actor actress singer coach officer lawmaker candidate
commissioner ambassador adviser advisor aide chief deputy sheriff detective reverend rev
""".split())
ORG_POSSESSIONS = frozenset("""
ceo chief chairman chairwoman board shares stock spokesman spokeswoman spokesperson founder headquarters
subsidiary subsidiaries employees staff customers subscribers products phones executives revenue revenues
profit profits earnings shareholders investors stores brand division unit factory factories plant plants
""".split())
ORG_BEFORE = re.compile(r"(?:ceo|chairman|chairwoman|chief executive|founder|spokesman|spokeswoman|spokesperson|"
                        r"executive|employee|employees|shares|stake|analyst|analysts|board)\s+(?:of|at|in|for|with)\s*$",
                        re.I)
CORP_SUFFIX = frozenset("""
inc inc. corp corp. corporation co co. ltd ltd. llc plc ag sa nv n.v. gmbh group holdings airlines airways
motors bank company companies technologies systems communications industries partners labs
""".split())
GPE_POSSESSIONS = frozenset("government prime capital citizens economy parliament military army embassy "
                            "population border borders territory".split())
COMMERCE = frozenset("sell offer ship launch manufacture stock market hire acquire".split())
PARTNER_NOUNS = frozenset("partnership collaboration merger alliance contract deal venture".split())
PRODUCT_NOUNS = frozenset("""
aircraft jet jets plane planes airliner airliners superjumbo jumbo freighter phone phones smartphone
smartphones handset handsets model models car cars truck trucks suv engine engines tablet laptop console
chip chips processor software device devices
""".split())
MODEL = re.compile(r"^(?:[A-Z]{1,3}-?\d{1,4}[A-Za-z]{0,3}|\d{3}(?:-\d{2,3}[A-Z]{0,3})?|\d[A-Za-z]{1,3}|[a-z]\d[a-z]?)s?$")
NOT_NAMES = frozenset("utc gmt est edt cst cdt pst pdt cet cest bst ist jst usd eur gbp jpy cny".split())
TABLE_LEADS = frozenset("shr shrs revs avg oper qtr qtly div".split())  # first word of a results-table line
TABLE_WORDS = frozenset("vs mln bln dlrs dlr".split())  # wire shorthand never part of a name
_CAMEL = re.compile(r"^[a-z]{1,2}[A-Z][a-z]")
_YEARISH = re.compile(r"^(?:1[89]|20)\d\d$")
_JOINERS = frozenset({"of", "and", "&", "for", "de", "du", "la"})


def is_model(token) -> bool:
    """A model designator: A380, 747, 737-800, 3GS, 7e7 (not a year, not an amount)."""
    text = token.text
    if not MODEL.match(text) or _YEARISH.match(text):
        return False
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if nxt is not None and nxt.lower_ in ("billion", "million", "percent", "%", "per", "years", "people"):
        return False
    return True


def join_split(doc, spans: list[tuple[int, int, str, bool]]) -> list[tuple[int, int, str, bool]]:
    """Token spans (start, end, label, from_ruler): join a name split at a function word, or a ruler place
    name glued to the organisation it is part of ('China' + 'Eastern Airlines')."""
    out: list[tuple[int, int, str, bool]] = []
    for span in sorted(spans):
        if out:
            s0, e0, l0, r0 = out[-1]
            s1, e1, l1, r1 = span
            if s1 == e0 and doc[e0 - 1].whitespace_ == " " and "\n" not in doc[e0 - 1].text:
                if doc[e0 - 1].lower_ in _JOINERS and l0 == "ORG":
                    out[-1] = (s0, e1, l0, False)
                    continue
                if r0 and l0 == "GPE" and l1 in ("ORG", "FAC") and not r1:
                    out[-1] = (s0, e1, l1, False)
                    continue
        out.append(span)
    return out


def extend_known(doc, spans: list[tuple[int, int, str, bool]]) -> list[tuple[int, int, str, bool]]:
    """A registry name that modifies a proper noun is part of a longer name: 'US' in 'the US Federal Reserve',
    'America' in 'North America'. The ruler runs before the model, which then cannot see the longer name."""
    out = []
    for s, e, label, ruler in spans:
        if ruler and label in ("GPE", "LOC", "NORP"):
            root = doc[s:e].root
            head = root.head
            new_s, new_e, new_label = s, e, label
            if root.dep_ == "compound" and head.i >= e and head.pos_ == "PROPN" and not head.ent_id_ and \
                    all(t.pos_ == "PROPN" and "\n" not in t.text for t in doc[e:head.i + 1]):
                new_e, new_label = head.i + 1, "ORG"
                of = [c for c in head.children if c.dep_ == "prep" and c.lower_ == "of" and c.i == head.i + 1]
                pobj = [g for c in of for g in c.children if g.dep_ == "pobj" and g.pos_ == "PROPN" and g.i == c.i + 1]
                if pobj:
                    new_e = pobj[0].i + 1
            while new_s > 0 and doc[new_s - 1].pos_ == "PROPN" and doc[new_s - 1].dep_ == "compound" and \
                    doc[new_s - 1].head.i in range(new_s, new_e) and "\n" not in doc[new_s - 1].whitespace_:
                new_s -= 1
                if doc[new_s].ent_type_ == "ORG":
                    new_label = "ORG"
            if (new_s, new_e) != (s, e):
                out.append((new_s, new_e, new_label, False))
                continue
        out.append((s, e, label, ruler))
    kept: list[tuple[int, int, str, bool]] = []
    for span in sorted(out, key=lambda x: (x[0], -(x[1] - x[0]))):
        if kept and span[0] < kept[-1][1]:
            continue
        kept.append(span)
    return kept


def products(doc, spans: list[tuple[int, int, str, bool]]) -> list[tuple[int, int, str, bool]]:
    """A maker's name + model designator is a product; so is a model designator used as a noun."""
    taken = set()
    out = []
    for s, e, label, ruler in spans:
        end = e
        while end < len(doc) and is_model(doc[end]) and doc[end - 1].whitespace_ == " " and end - e < 2:
            end += 1
        if end > e and label in ("ORG", "PRODUCT", "PERSON", "GPE", "NORP"):
            out.append((s, end, "PRODUCT", False))
        else:
            out.append((s, e, label, ruler))
        taken.update(range(s, out[-1][1]))
    for i, text in enumerate(view(doc).text):
        if i in taken or not MODEL.match(text):
            continue  # not a model designator: the cheap test first, on the token's text alone
        tok = doc[i]
        if not is_model(tok) or not any(c.isalpha() for c in tok.text) and not _maker_before(doc, tok.i):
            continue
        prev = doc[tok.i - 1] if tok.i else None
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        noun_like = (prev is not None and prev.lower_ in ("the", "a", "an", "new", "its", "their", "first", "'s"))
        if _maker_before(doc, tok.i) or (nxt is not None and nxt.lower_ in PRODUCT_NOUNS) or \
                (noun_like and any(c.isalpha() for c in tok.text) and tok.pos_ in ("PROPN", "NOUN", "NUM")):
            out.append((tok.i, tok.i + 1, "PRODUCT", False))
    return sorted(out)


def _sells_after(doc, verb, end: int) -> bool:
    """A selling verb among the 7 tokens after `end`, in the subtree of `verb` (the name's head)."""
    v = view(doc)
    for j in range(end + 1, min(end + 8, len(doc))):
        if v.lemma[j] in COMMERCE and v.pos[j] == "VERB" and (j == verb.i or verb.is_ancestor(doc[j])):
            return True
    return False


def _maker_before(doc, i: int) -> bool:
    """'Boeing's 787': an organisation name with a possessive right before the token."""
    return i >= 2 and doc[i - 1].lower_ in ("'s", "’s") and doc[i - 2].ent_type_ in ("ORG",)


def not_a_name(doc, start: int, end: int) -> bool:
    """Time zones and currency codes the model takes for organisations; 'US' in 'US$ 40 billion'; the
    abbreviations of wire-service results tables ('Shr 40 cts vs 35 cts', 'Revs 12.5 mln vs', 'Avg shrs',
    'U.S. Dlrs')."""
    lower = view(doc).lower
    if end - start == 1 and lower[start] in NOT_NAMES:
        return True
    words = [w.rstrip(".") for w in lower[start:end]]
    if words[0] in TABLE_LEADS or any(w in TABLE_WORDS for w in words):
        return True
    return end < len(doc) and view(doc).text[end].startswith("$") and doc[end - 1].whitespace_ == ""


def type_cue(doc, start: int, end: int) -> Optional[str]:
    """PERSON, ORG, GPE or PRODUCT when the words around the name say so; None otherwise."""
    v = view(doc)
    lower, n = v.lower, len(doc)
    prev = lower[start - 1] if start > 0 else None  # the lower-case words before and after the name
    nxt = lower[end] if end < n else None
    nxt2 = lower[end + 1] if end + 1 < n else None
    words = lower[start:end]
    if words[-1] in CORP_SUFFIX or (nxt is not None and nxt.rstrip(".") in ("inc", "corp", "ltd", "llc", "plc")):
        return "ORG"
    if nxt is not None and nxt in ("'s", "’s") and nxt2 is not None:
        if nxt2 in ORG_POSSESSIONS:
            return "ORG"
        if nxt2 in GPE_POSSESSIONS:
            return "GPE"
        if nxt2 == "administration":
            return "PERSON"
    if nxt is not None and nxt == "administration" and prev is not None and prev == "the":
        return "PERSON"
    if nxt is not None and v.text[end] == "-" and nxt2 is not None and nxt2 == "based":
        return "GPE"
    if nxt is not None and nxt == "," and nxt2 is not None and nxt2 == "who":
        return "PERSON"
    if prev is not None and prev.rstrip(".") in TITLES:
        before_tok = doc[start - 1]
        if before_tok.is_title | before_tok.is_lower | before_tok.is_upper and len(words) <= 3 and v.is_title[start]:
            return "PERSON"
    if prev is not None and prev in ("new", "latest", "upcoming") and doc[start - 2:start - 1].text.lower() in (
            "the", "its", "their", "his", "her"):
        return "PRODUCT"
    before = v.span_text(max(0, start - 4), start)
    if ORG_BEFORE.search(before):
        return "ORG"
    root = doc[start:end].root
    if root.dep_ == "pobj" and root.head.lower_ == "with" and root.head.head.lemma_ in PARTNER_NOUNS:
        return "ORG"  # "its partnership with X"
    if root.dep_ == "nsubj" and _sells_after(doc, root.head, end):
        return "ORG"  # "X has dropped plans to sell phones": a seller is a business
    first, last = doc[start], doc[end - 1]
    if _CAMEL.match(first.text):
        return "PRODUCT"  # the product-naming convention: iPhone, eReader
    if nxt is not None and nxt in PRODUCT_NOUNS and last.pos_ == "PROPN" and not words[-1] in CORP_SUFFIX:
        return None
    return None


VARIANT_WORDS = frozenset("pro plus max mini lite ultra xl note edge air se neo".split())
NOT_PRODUCT_WORDS = frozenset("""
chapter article section title route highway interstate flight page room gate platform level phase stage grade
class week day year number no act bill amendment proposition prop channel district ward unit lot exit pier
""".split())
_MODEL_NUMBER = re.compile(r"^(?:\d{1,4}|[A-Z]{1,2}\d{1,3}[A-Za-z]?|X[SR]?)$")


def numbered_products(doc, spans: list[tuple[int, int, str, bool]]) -> list[tuple[int, int, str, bool]]:
    """A capitalised name with a model number ('Mate 10', 'Mate 10 Pro', 'Galaxy S9') is a product when
    its context says so: a product noun right after it ('the Mate 10 smartphone'), a maker's possessive
    before it, or a maker (an organisation) and a product noun or a selling verb in its sentence. A
    number alone is never a product, nor a numbered chapter, route or flight."""
    taken = {i for s, e, _, _ in spans for i in range(s, e)}
    out = list(spans)
    v = view(doc)
    for i, text in enumerate(v.text):
        if not _MODEL_NUMBER.match(text) or i == 0 or i in taken or _YEARISH.match(text):
            continue
        tok = doc[i]
        start = tok.i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title and start - 1 not in taken \
                and tok.i - start < 2 and doc[start - 1].whitespace_:
            start -= 1
        if start == tok.i or doc[start].lower_ in NOT_PRODUCT_WORDS or doc[tok.i - 1].lower_ in NOT_PRODUCT_WORDS:
            continue
        end = tok.i + 1
        if end < len(doc) and doc[end].lower_ in VARIANT_WORDS and doc[end].is_title and end not in taken:
            end += 1
        nxt = doc[end] if end < len(doc) else None
        sa, sb = v.sent_bounds[v.sent_index(start)]  # doc[start].sent
        sent_org = "ORG" in v.ent_type[sa:sb]
        maker = sent_org or any(v.ent_type[j] == "ORG" for j in range(start) if j in taken)
        nouns = any(v.lower[j] in PRODUCT_NOUNS or v.lemma[j] in COMMERCE for j in range(sa, sb))
        if (nxt is not None and nxt.lower_ in PRODUCT_NOUNS) or _maker_before(doc, start) or \
                (maker and nouns and sent_org):
            out.append((start, end, "PRODUCT", False))
            taken.update(range(start, end))
    return sorted(out)

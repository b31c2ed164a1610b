"""The junk gate: spans the model labels as names that name nothing.

- fragments: a percentage or a figure inside a name ("Trump 43 percent to"), a tweet id or a long
  digit run, a handle or an address (@someone, pic.twitter.com/...), a bare number ("10") that is not
  a product;
- words glued across a missing space or line break: "Dana LoveSen" (a name run into the title
  "Sen." of the next line), "TeamClinton" (a common word the article writes in lower case run into a
  name it uses alone), a glued word in a run of four or more capitalised words (a headline run into
  the next line); brands in camel case (YouTube, BlackRock, DaimlerChrysler) stay;
- common nouns in title case that the table generator/data/variants.yml lists as never a name on
  their own ("State" from "secretary of State", "Email", "PAC") are dropped in actors.py.
"""

from __future__ import annotations

import re

from generator.extract import names
from generator.extract.docview import view

_PERCENT = frozenset("percent per cent pct % percentage points".split())
_GLUED = re.compile(r"^([A-Z][a-z]{2,})([A-Z][a-z]+)$")
_NAME_PREFIXES = ("Mac", "Mc", "Van", "Von", "Fitz", "Della", "Del", "Des", "Le", "La", "De", "Di", "Du", "St")
_ADDRESS = re.compile(r"@\w|https?:|www\.|\.com/|\.twitter\b|pic\.", re.I)
_LONG_DIGITS = re.compile(r"\d{6,}")


def is_fragment(text: str, label: str) -> bool:
    """Text-level junk: a figure or percentage in a name, a tweet id, a handle or an address."""
    if _ADDRESS.search(text) or _LONG_DIGITS.search(text):
        return True
    words = [w.lower().strip(".,") for w in text.split()]
    if any(w in _PERCENT for w in words) or "%" in text:
        return True
    if label == "PRODUCT" and text.isdigit() and len(text) < 3:
        return True  # "10" alone: the product is "Mate 10", never the number
    if label != "PRODUCT":
        if all(not any(c.isalpha() for c in w) for w in words):
            return True  # "10", "2,000"
        if label == "PERSON" and any(w.replace(",", "").isdigit() for w in words):
            return True  # "Trump 43": people have no figures in their names
    return False


def is_junk(doc, start: int, end: int, label: str) -> bool:
    """Token-level junk: a word glued to the next across a missing space ("LoveSen", "TeamClinton")."""
    standalone = None
    for text in view(doc).text[start:end]:
        m = _GLUED.match(text)
        if not m or text.startswith(_NAME_PREFIXES):
            continue
        head, tail = m.group(1), m.group(2)
        if tail.lower().rstrip(".") in names.TITLES or tail.lower() in ("sen", "rep", "gov", "mr", "mrs", "ms", "dr"):
            return True
        if end - start >= 4:
            return True  # a headline run into the next line ("National Security TeamClinton Campaign Will Join")
        if standalone is None:
            v = view(doc)
            standalone = {t for i, t in enumerate(v.text) if v.is_alpha[i] and not start <= i < end}
        if tail in standalone and head.lower() in standalone:
            return True  # a common word glued to a name the article uses alone ("TeamClinton")
    return False

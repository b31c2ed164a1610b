"""Which of a thread's names may stand in its title, and in which order (used by thread_titles.py).

- **What the articles are about first** (`about_first`): distinctive names most of the thread's headlines
  hold; then distinctive names in the headline or lede of a good share of its articles, or named by most of
  them; then names most headlines hold though the whole briefing names them ("USAir" in a one-story corpus
  of the airline's takeover fights: such a name needs a phrase beside it, thread_titles.py); then the rest.
  When some distinctive name that is no place leads a good share of the articles, names in few leads and
  few articles are dropped: the experts and bodies the articles cite ("Douglas Holtz-Eakin, a former CBO
  director", "the Tax Foundation"), not what they are about.
- **Not a name of anyone in particular**: an office the tagger took for a person ("Oil Minister"), a name cut
  after a function word ("Office of the").
- **One thing named once**: a longer name of a person taken replaces it ("Sheikh Ali al-Khalifa al-Sabah"
  for "Ali"); the tagger's two cuts of one name ("Fernando Santos", "Santos Alvite") and a name beside its
  initials ("NTT", "Nippon Telegraph and Telephone Corp") are one; two people sharing a surname are two.
"""

from __future__ import annotations

import re
from typing import Optional

from generator.records import Briefing, Entity
from generator.site.thread_actors import LEGAL_SUFFIX, LeadIndex
from generator.site.views import overlaps

PLACE_TYPES = ("GPE", "LOC", "FAC", "NORP")
OFFICE_WORDS = frozenset("""minister secretary president chairman chairwoman governor director spokesman
spokeswoman spokesperson representative ambassador commissioner chancellor official officials""".split())


def about_first(cands: list[tuple[float, str]], ids: list[str], leads: LeadIndex, in_heads: set[str],
                plain: set[str], share: dict[str, float], b: Briefing, min_share: float,
                most_share: float) -> list[tuple[float, str]]:
    """The thread's names in the order of what its articles are about: distinctive names most of its
    headlines hold, then distinctive names in the headline or lede of min_share of its articles or named by
    most_share of them, then names most headlines hold though all the briefing names them (`plain`), then
    the rest by score. When some distinctive name that is no place is in min_share of the leads, the names
    in fewer leads and fewer than most_share of the articles are dropped (when only a plain name is, those
    in no lead at all): bodies and experts the articles cite
    ("the Tax Foundation", "Douglas Holtz-Eakin, a former CBO director"), not what they are about."""
    def place(eid: str) -> bool:
        return b.entities[eid].type in PLACE_TYPES

    lead = {eid: leads.share(eid, ids) for _, eid in cands}
    led = {eid for eid, k in lead.items() if k >= min_share}
    if any(not place(eid) and eid not in plain for eid in led):
        cands = [x for x in cands if place(x[1]) or x[1] in led or share.get(x[1], 0.0) >= most_share]
    elif led & plain:  # only names all the briefing names lead: keep those some lede names
        cands = [x for x in cands if place(x[1]) or lead[x[1]] > 0 or share.get(x[1], 0.0) >= most_share]

    def tier(eid: str) -> int:  # a name in most_share of the articles, though in no lead, before a plain one
        if eid in plain:
            return 2
        return 0 if eid in in_heads else 1 if eid in led or share.get(eid, 0.0) >= most_share else 3
    return sorted(cands, key=lambda x: (tier(x[1]), -x[0], x[1]))


def cut_short(name: str) -> bool:
    """A name the tagger cut after a function word ("Office of the"): a piece of a name, not a name."""
    words = name.split()
    return len(words) > 1 and words[-1] in ("of", "the", "and", "for", "de", "du", "von", "van", "&")


def office(ent: Entity) -> bool:
    """A person-typed name that is an office ("Oil Minister", "Deputy Secretary"): no one in particular."""
    words = ent.name.split()
    return ent.type == "PERSON" and len(words) > 1 and words[-1].casefold() in OFFICE_WORDS


def fuller(name: str, taken: list[tuple[str, str]]) -> Optional[int]:
    """The place of a person taken whose every word is in this longer name of a person, if any."""
    words = set(name.casefold().split())
    for i, (n, t) in enumerate(taken):
        other = set(n.casefold().split())
        if t == "PERSON" and other < words:
            return i
    return None


def demonym_of(a: str, b: str) -> bool:
    """One name a place, the other its people's adjective: they share all but the last letter of the shorter, four
    letters at least, and the longer ends as such adjectives do ("Uganda", "Ugandan"; "Mexico", "Mexican"; "Japan",
    "Japanese"; "Israel", "Israeli"; not "Iran", "Iraq", nor "Mexico", "Mexicana")."""
    a, b = a.strip().casefold(), b.strip().casefold()
    if a == b or " " in a or " " in b:
        return False
    short, long_ = sorted((a, b), key=len)
    need = max(4, len(short) - 1)
    return len(long_) > len(short) and short[:need] == long_[:need] and long_.endswith(("n", "ese", "i", "ish"))


def drop_office_word(name: str, texts: list[str]) -> str:
    """A person's name without a first word the texts write before an office ("Energy Subroto" of "Energy
    Minister Subroto" and "Minister of Mines and Energy Subroto"), when they also write the rest of the name
    alone ("Subroto said"); else the name as it is."""
    words = name.split()
    if len(words) < 2 or not words[0][:1].isupper():
        return name
    rest = " ".join(words[1:])
    office_re = re.compile(r"(?<![\w-])" + re.escape(words[0]) + r"\s+(?i:" + "|".join(sorted(OFFICE_WORDS)) + r")\b")
    alone = re.compile(r"(?<![\w-])" + re.escape(words[0]) + r"\s+" + re.escape(rest) + r"(?![\w-])")
    rest_re = re.compile(r"(?<![\w-])" + re.escape(rest) + r"(?![\w-])")
    if any(office_re.search(t) for t in texts) and \
            any(len(rest_re.findall(t)) > len(alone.findall(t)) for t in texts):
        return rest
    return name


def same_initials(a: str, b: str) -> bool:
    """One name the initials of the other without its legal suffix ("NTT", "Nippon Telegraph and Telephone
    Corp"; "ICI", "Imperial Chemical Industries Plc")."""
    def initials(name: str) -> str:
        return "".join(w[0] for w in LEGAL_SUFFIX.sub("", name.strip(" <>()[]")).split() if w[:1].isupper())
    a, b = a.strip(" <>()[]"), b.strip(" <>()[]")
    return (a.isupper() and len(a) > 1 and a == initials(b)) or (b.isupper() and len(b) > 1 and b == initials(a))


def same_as_taken(name: str, typ: str, taken: list[tuple[str, str]]) -> bool:
    """Another name of a name already taken (views.overlaps), or a person's name that is the tagger's other cut
    of a person already taken, one's last word the other's first ("Santos Alvite" beside "Fernando Santos",
    of "Fernando Santos Alvite"): better one person named once than one named twice. Two people with one
    surname ("Anil Ambani", "Mukesh Ambani") are two."""
    if overlaps(name, [n for n, _ in taken]) or any(same_initials(name, n) for n, _ in taken):
        return True
    if any((typ in PLACE_TYPES) != (t in PLACE_TYPES) or "NORP" in (typ, t) for n, t in taken if demonym_of(name, n)):
        return True  # "Ugandan" (a NORP, or an ORG to the tagger) beside the place "Uganda"
    if typ != "PERSON":
        return False
    words = name.casefold().split()
    for n, t in taken:
        other = n.casefold().split()
        if t == "PERSON" and len(words) > 1 and len(other) > 1 and \
                (words[0] == other[-1] or words[-1] == other[0]):
            return True
    return False

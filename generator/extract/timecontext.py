"""What the words around a candidate time expression say about it, beyond its own words.

- No date at all: a name that holds a time word ("USA Today", "Russia Today", "Theresa May"), or a
  deictic word inside a compound adjective ("the now-cancelled deal", "the soon-to-open terminal").
- No date on the calendar: a generic season or month ("a summer associate", "an April shower").
- A date the expression does not carry by itself: "the day before the debate" counts from the debate, not
  from the publication (unresolved unless a date follows: "the day after Monday's debate"); "three days
  later than planned" is a delay, the date it follows in its sentence; "the Sept. 11 attacks" are 2001's.

Pure functions over the body text and the spaCy doc; nothing here raises on odd input.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from generator.extract.timewords import MONTHS, WEEKDAYS

_DEICTIC_WORDS = frozenset("now soon then current currently recent recently today once".split())
_UNIT_WORDS = r"(?:days?|weeks?|weekends?|months?|quarters?|years?|decades?|times|history|past|season)\b"
_SEASON = r"(?:spring|summer|autumn|fall|winter)"
_MONTH_NAMES = frozenset(m.capitalize() for m in MONTHS)
_TIME_NAMES = frozenset(w.capitalize() for w in list(MONTHS) + list(WEEKDAYS))
_CROP = re.compile(r"\s+(?:wheat|barley|rapeseed|grains?|crops?|plantings?|cereals?|oats|rye|canola)\b", re.I)
_DAY_THEN = re.compile(r"(?i)the (?:day|week|month|year)(?: (before|after))?")
# "the day" that a phrase goes on to place; not "the day after falling", "the day before he left"
_CONTINUES = re.compile(r"\s+(?:(?:before|after|of|that|when|which|in which|on which)\b"
                        r"(?=\s+(?!\w+ing\b|(?:he|she|it|they|we|i|you)\b)\w)"
                        r"|(?:he|she|it|they|we|i|you)\s+\w)", re.I)  # "the day it became ..."
_WHAT_FOLLOWS = re.compile(r"\s+(?:(?:before|after)\s+)?(?:(?:the|last|this|next)\s+)?"
                           r"((?:" + "|".join(WEEKDAYS) + r")|(?:" + "|".join(MONTHS) +
                           r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?\s+\d{1,2}(?:st|nd|rd|th)?)"
                           r"(?:['’]s)?\b", re.I)
_THAN = re.compile(r"\s+than\s+(?:(?:originally|initially|first|previously)\s+)?"
                   r"(?:planned|expected|scheduled|anticipated|forecast|announced|hoped|promised)\b", re.I)
# fixed days that name a historical event when an event noun follows them
_EVENT_DAYS = {(9, 11): (2001, re.compile(r"\s*(?:terror(?:ist)?\s+)?(?:attacks?|terror(?:ism|ists?)?|hijack\w*|"
                                          r"commission|victims?|families|first responders|plotters?)\b", re.I))}


def _sentence_initial(body: str, a: int) -> bool:
    before = body[:a].rstrip(" \t\"'“‘(")
    return not before or before[-1] in ".!?:;\n—–-"


def is_name_or_modifier(doc, body: str, a: int, b: int) -> bool:
    """True when the expression is part of a name or a compound adjective, not a time expression."""
    text = body[a:b]
    if body[b:b + 1] == "-" and body[b + 1:b + 2].isalpha() and text.lower() in _DEICTIC_WORDS:
        return True  # "the now-cancelled deal", "the soon-to-open terminal"
    if re.fullmatch(r"(?:the\s+)?(?:(?:low|mid|high|upper|early|late)[- ]?)?\d0s", text, re.I) and (
            re.search(r"(?:low|mid|high|upper)[- ]?\d", text, re.I) or re.search(
                r"(?:\b(?:low|mid|high|upper)[- ]?|\b(?:his|her|their|its|my|your|our)\s+(?:(?:early|late|mid)[- ]?)?)$",
                body[max(0, a - 12):a], re.I)):
        return True  # a level or an age, not a decade: "in the mid-30s" (percent), "in her early 40s"
    if text.lower() == "recent" and re.search(r"\bmost\s+$", body[max(0, a - 6):a], re.I) and \
            not re.match(r"\s+(?:" + _UNIT_WORDS + r")", body[b:b + 20], re.I):
        return True  # "their most recent model": the latest one, no time
    if re.fullmatch(r"(?:1[5-9]|20)\d\d", text) and _inside_a_name(doc, body, a, b):
        return True  # "the Russell 2000 Index", "a Windows 2000 Server": a number in a name
    if text in ("Today", "TODAY") and not _sentence_initial(body, a):
        sent = doc.char_span(a, b, alignment_mode="expand")
        words = [t for t in sent[0].sent if t.is_alpha] if sent is not None and len(sent) else []
        capitalised = sum(t.text[:1].isupper() for t in words)
        return capitalised < 0.6 * len(words)  # "told USA TODAY", "Russia Today"; not a title-case headline
    if text in _MONTH_NAMES and not re.match(r"\s*\d", body[b:b + 3]):
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is not None and span.start > 0:
            prev = doc[span.start - 1]
            if prev.tag_ == "NNP" and prev.text[:1].isupper() and prev.text not in _TIME_NAMES \
                    and prev.idx + len(prev.text) == a - 1 and not _sentence_initial(body, prev.idx) \
                    and prev.ent_type_ not in ("DATE", "TIME"):
                return True  # "Theresa May", "Prime Minister May"
    return False


def _inside_a_name(doc, body: str, a: int, b: int) -> bool:
    """A bare year between two capitalised name words of a sentence that is not title case."""
    span = doc.char_span(a, b, alignment_mode="expand")
    if span is None or span.start == 0 or span.end >= len(doc):
        return False
    prev, nxt = doc[span.start - 1], doc[span.end]
    if not all(t.tag_ == "NNP" and t.text[:1].isupper() and t.is_alpha and t.text not in _TIME_NAMES
               for t in (prev, nxt)):
        return False
    if prev.idx + len(prev.text) != a - 1 or nxt.idx != b + 1 or _sentence_initial(body, prev.idx):
        return False
    words = [t for t in prev.sent if t.is_alpha]
    return sum(t.text[:1].isupper() for t in words) < 0.6 * len(words)


def is_generic(body: str, a: int, b: int) -> bool:
    """A season or month after an indefinite article names no particular one: "a summer associate"; nor does a
    clock word that modifies a noun: "a midnight curfew", "a noon deadline" (the day is not said); nor a season
    naming a crop ("winter wheat"), a weekday naming a kind of paper ("the British Sunday paper") or one placed
    by an event ("the Friday before the accord": that event's, not the publication's)."""
    text = body[a:b]
    if re.fullmatch(_SEASON, text, re.I) and _CROP.match(body[b:b + 16]):
        return True
    if text.lower() in WEEKDAYS and (re.match(r"\s+(?:paper|newspaper|edition|supplement|magazine)s?\b", body[b:b + 14], re.I)
                                     or re.search(r"\bthe\s+$", body[max(0, a - 5):a], re.I)
                                     and re.match(r"\s+(?:before|after)\b", body[b:b + 8], re.I)):
        return True
    after_article = bool(re.search(r"\b(?:a|an|every|each)\s+$", body[max(0, a - 7):a], re.I))
    if re.fullmatch(r"midnight|noon", body[a:b], re.I):
        return after_article and bool(re.match(r"\s+[a-z]{3,}\b", body[b:b + 20]))
    return bool(re.fullmatch(_SEASON, body[a:b], re.I)) and after_article


def generic_tomorrow(body: str, a: int, b: int) -> bool:
    """"a brighter tomorrow", "a better tomorrow": the future (FUTURE_REF), not the next day."""
    return body[a:b].lower() == "tomorrow" and bool(
        re.search(r"\b(?:an?|our|their|your)\s+(?:[a-z]+(?:er|ful|ing)\s+)?$", body[max(0, a - 24):a], re.I))


def day_then(piece: str, body: str, b: int, value: Optional[str], published: Optional[dt.date],
             normalise, tense: Optional[str]) -> tuple[bool, Optional[str]]:
    """(applies, value) for "the day" that a phrase goes on to place: "the day before the debate" (None),
    "the day after Monday's debate" (Monday's date + 1), "the day that was abrogated" (None)."""
    m = _DAY_THEN.fullmatch(piece.strip())
    if not m:
        return False, value
    if m[1] is None and not _CONTINUES.match(body[b:b + 20]):
        return False, value  # "to end the day": the day of the story (timex reads it)
    if m[1] is not None and not re.match(r"\s+(?!\w+ing\b|(?:he|she|it|they|we|i|you)\b)(?=\w)", body[b:b + 20],
                                         re.I):
        return False, value  # "the day before." : the narrative anchor (anchoring reads it)
    word = m[1] or re.match(r"\s+(\w+)", body[b:b + 20])
    shift = {"before": -1, "after": 1}.get((word if isinstance(word, str) else word[1] if word else "").lower())
    follows = _WHAT_FOLLOWS.match(body[b:b + 40])
    if shift is None or follows is None or not piece.lower().strip().startswith("the day"):
        return True, None
    _, day = normalise(follows[1], published, tense)
    if not day or not re.fullmatch(r"\d{4}-\d\d-\d\d", day):
        return True, None
    return True, (dt.date.fromisoformat(day) + dt.timedelta(days=shift)).isoformat()


def comparison_end(piece: str, body: str, b: int) -> Optional[int]:
    """Where "than planned" ends after "three days later" / "a week earlier", else None."""
    if not re.fullmatch(r"(?i).*\b(?:later|earlier|sooner)", piece):
        return None
    m = _THAN.match(body[b:b + 40])
    return b + m.end() if m else None


def event_day(piece: str, body: str, b: int, value: Optional[str]) -> Optional[str]:
    """"the Sept. 11 attacks": the day a fixed event name means (2001-09-11), not this year's."""
    m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", value or "")
    if not m or re.search(r"\d{4}", piece):
        return value
    hit = _EVENT_DAYS.get((int(m[2]), int(m[3])))
    if hit and hit[1].match(body[b:b + 40]):
        return f"{hit[0]:04d}-{m[2]}-{m[3]}"
    return value


_SET_WORDS = re.compile(r"\b(?:weekdays|weekends|weeknights|daily|nightly|every|each|"
                        r"(?:mon|tues|wednes|thurs|fri|satur|sun)days)\b(?:[^.;!?]|\.(?!\s+(?-i:[A-Z])))*$", re.I)


def under_a_set(body: str, a: int) -> bool:
    """A clock time in a schedule ("weekdays from 6 a.m. to 9 a.m.") is no time on the publication day."""
    return bool(_SET_WORDS.search(body[max(0, a - 40):a]))


def generic_today(doc, body: str, a: int, b: int, tense: Optional[str]) -> bool:
    """"Even today", "the threats today are ...": today as nowadays (PRESENT_REF), not the publication day."""
    if body[a:b].lower() != "today":
        return False
    if re.search(r"\b(?:even|still)\s+$", body[max(0, a - 7):a], re.I):
        return True
    span = doc.char_span(a, b, alignment_mode="expand")
    if span is not None and _todays_body(doc, span.end):
        return True
    if span is None or span.start == 0 or tense != "present":
        return False
    prev = doc[span.start - 1]
    return prev.pos_ == "NOUN" and prev.idx + len(prev.text) == a - 1


_PRESS = frozenset("times post journal news herald telegraph guardian tribune gazette star mail express globe "
                   "chronicle independent observer today magazine paper edition".split())


def _todays_body(doc, i: int) -> bool:
    """"today's GM", "today's Russia": a country, party or firm as it is now (PRESENT_REF), when the name ends
    the phrase; not "today's New York Times" (that day's edition) nor "today's Senate vote" (that day's)."""
    if i + 1 >= len(doc) or doc[i].text not in ("'s", "’s"):
        return False
    first = doc[i + 1]
    if first.ent_type_ not in ("ORG", "GPE", "NORP") or first.ent_iob_ != "B":
        return False
    j = i + 1
    while j + 1 < len(doc) and doc[j + 1].ent_iob_ == "I":
        j += 1
    after = doc[j + 1] if j + 1 < len(doc) else None
    return doc[j].lower_ not in _PRESS and (after is None or after.pos_ not in ("NOUN", "PROPN", "NUM"))

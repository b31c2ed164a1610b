"""Market-report idioms whose date the words around them decide (wire copy on prices and trading).

- A trading session named by its part of day ("in morning trading", "in late afternoon trade", "in early
  evening dealings") is the session of the report's day: the last day the story named, when that is the
  publication day or one of the three before it ("said on Tuesday that ... rose in morning trading"), else the
  publication day (2016-09-15TAF). A part of day followed by anything else ("in the afternoon", "late afternoon") is not
  read here: the text does not say which day.
- A month that names a futures contract ("June crude", "the March contract", "for May delivery", "December
  S and P") is the contract's month: the first such month from the publication's on (a June contract quoted
  in April is this June's, a March one quoted in April next March's), whatever the tense of the sentence.

Pure functions over the body text; nothing here raises on odd input.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from generator.extract.timewords import TIME_OF_DAY, _month_num

_SESSION = re.compile(r"(?:(?:early|late|mid|the)[- ])?(morning|afternoon|evening)", re.I)
_SESSION_AFTER = re.compile(r"\s+(?:trade|trading|dealings|deals|session)\b", re.I)
_MONTH = (r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
          r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?")
_CONTRACT_AFTER = re.compile(
    r"(?:\s+and\s+" + _MONTH + r")?(?:\s+(?:new[- ]crop|old[- ]crop|nearby|deferred))?(?:\s+[A-Z]{2,5})?\s+(?:"
    r"S\s?(?:and|&)\s?Ps?\b|contracts?\b|futures\b|delivery\b|deliveries\b|options?\b|positions?\b|"
    r"(?:light\s+)?(?:crude|sweet crude|heating oil|gas ?oil|gasoline|unleaded|soybeans?|soymeal|soyoil|"
    r"soybean (?:meal|oil)|corn|wheat|oats|barley|cotton|sugar|cocoa|coffee|gold|silver|copper|platinum|palladium|"
    r"aluminium|aluminum|zinc|nickel|tin|lead|live cattle|feeder cattle|hogs|live hogs|pork bellies|orange juice|"
    r"lumber|rubber|palm oil|palm olein|olein|coconut oil|tallow|T-bonds?|T-bills?|Eurodollars?)\b)", re.I)
# a month after these is the time of the sentence ("in June gold rose"), not a contract, unless the words say so:
# "for June delivery", "selling in June S and Ps", "in March contracts"
_TEMPORAL_BEFORE = re.compile(r"\b(?:in|since|during|by|until|till|through|from|after|before|last|next|this|early|"
                              r"late|mid|of|on)\s+$", re.I)


def session(piece: str, body: str, b: int, published: Optional[dt.date], day: Optional[str]) -> Optional[str]:
    """'2016-09-15TAF' for "afternoon" in "in afternoon trade" (`day`, the last day the story named, when it is
    at most three days before the publication, else the publication day); None when it is no trading session."""
    m = _SESSION.fullmatch(piece.strip())
    if not m or not _SESSION_AFTER.match(body[b:b + 16]):
        return None
    if published is None:
        return None
    base = published.isoformat()
    if day is not None and re.fullmatch(r"\d{4}-\d\d-\d\d", day) and \
            0 <= (published - dt.date.fromisoformat(day)).days <= 3:
        base = day  # "said on Tuesday ... rose in morning trading" written on Wednesday: Tuesday's session
    return f"{base}T{TIME_OF_DAY[m[1].lower()]}"


def contract_month(body: str, a: int, published: Optional[dt.date]) -> Optional[tuple[int, str]]:
    """(end, value) when the text at `a` is a month naming a futures contract ("June S and P", "March
    soybeans"): the month's own end (the model may have run on into "June S") and the contract's month."""
    m = re.match(_MONTH, body[a:a + 12], re.I)
    if not m or published is None or not body[a].isupper():
        return None
    end = a + m.end()
    after = _CONTRACT_AFTER.match(body[end:end + 40])
    if not after or _TEMPORAL_BEFORE.search(body[max(0, a - 8):a]) and \
            not re.search(r"deliver|contract|futures|\bS\b", after.group(), re.I):
        return None
    month = _month_num(m.group().rstrip("."))
    year = published.year + (month < published.month)
    return end, f"{year:04d}-{month:02d}"


def market(piece: str, body: str, a: int, b: int, published: Optional[dt.date],
           day: Optional[str]) -> Optional[tuple[int, str, Optional[str]]]:
    """(end, type, value) of a trading session ("in afternoon trade") or a contract month ("June crude")."""
    value = session(piece, body, b, published, day)
    if value is not None:
        return b, "TIME", value
    contract = contract_month(body, a, published)
    if contract is not None and re.fullmatch(r"(?:\s+S)?", body[contract[0]:b]):
        return contract[0], "DATE", contract[1]
    return None

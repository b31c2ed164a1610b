"""Entity types as editors write them on the command line, and the type a new entity's name shows.

`parse_type` accepts the registry's types in any case and the common synonyms ("person", "PER",
"organisation", "country") and fails with the valid values listed. `type_from_name` reads the name the
way the build will read it in articles, with the spaCy model, in a few neutral sentences: a type only
when every reading that finds the whole name as one entity agrees and most readings do; otherwise None,
and the caller asks for --type (an unknown name is never filed as an organisation by default).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from generator.errors import BriefingError

if TYPE_CHECKING:  # not imported at run time: `briefing --help` should not wait for pydantic
    from generator.records import ActorType

DESCRIPTIONS = {
    "PERSON": "people", "ORG": "companies, agencies, institutions", "GPE": "countries, cities, states",
    "LOC": "other places: regions, seas, mountains", "FAC": "buildings, airports, roads, bridges",
    "NORP": "nationalities, religious and political groups", "PRODUCT": "objects, vehicles, devices",
    "EVENT": "named events: wars, summits, storms", "WORK_OF_ART": "titles of books, songs, films",
    "LAW": "named laws and treaties",
}
ACTOR_TYPES = tuple(DESCRIPTIONS)  # the same as generator.records.ACTOR_TYPES (a test holds them equal)
SYNONYMS = {
    "PER": "PERSON", "PERS": "PERSON", "PEOPLE": "PERSON", "HUMAN": "PERSON",
    "ORGANISATION": "ORG", "ORGANIZATION": "ORG", "COMPANY": "ORG", "INSTITUTION": "ORG", "AGENCY": "ORG",
    "COUNTRY": "GPE", "CITY": "GPE", "STATE": "GPE", "LOCATION": "LOC", "FACILITY": "FAC", "BUILDING": "FAC",
    "NATIONALITY": "NORP", "EVT": "EVENT", "WORK": "WORK_OF_ART", "ARTWORK": "WORK_OF_ART",
}
# sentences a news article might use around any name, of any type
CONTEXTS = ("{} said on Monday.", "A statement from {} followed.", "The report mentions {} twice.")


def type_help() -> str:
    return "; ".join(f"{t} ({d})" for t, d in DESCRIPTIONS.items())


def parse_type(value: str) -> ActorType:
    """'person', 'Per', 'organization', 'WORK OF ART' -> the registry's type; anything else: BriefingError."""
    key = "_".join(value.strip().upper().replace("-", " ").split())
    if key not in ACTOR_TYPES and key not in SYNONYMS and key.endswith("S"):
        key = key[:-1]  # persons, orgs, countries
    if key.endswith("IE") and key[:-2] + "Y" in SYNONYMS:
        key = key[:-2] + "Y"  # countries, cities, companies
    if key in ACTOR_TYPES or key in SYNONYMS:
        return cast("ActorType", SYNONYMS.get(key, key))
    raise BriefingError(f"unknown entity type '{value}': use one of {', '.join(ACTOR_TYPES)} "
                        f"(or person, organisation, country, location ...; case does not matter)")


def type_from_name(name: str, load_model: Callable[[], Callable]) -> ActorType | None:
    """The type spaCy's recogniser gives the whole name in CONTEXTS, when the readings agree; else None."""
    name = " ".join(name.split())
    if not name:
        return None
    try:
        nlp = load_model()
        labels = []
        for context in CONTEXTS:
            doc = nlp(context.format(name))
            whole = [e.label_ for e in doc.ents if e.text == name]
            labels.append(whole[0] if whole else None)
    except BriefingError:
        raise
    except Exception:  # a model that cannot read it: no type, the editor is asked
        return None
    found = [label for label in labels if label is not None]
    if len(found) * 2 <= len(labels) or len(set(found)) != 1 or found[0] not in ACTOR_TYPES:
        return None
    return cast("ActorType", found[0])

"""people.bare_word answers without parsing most names (issue 19): the same answer as coref.parse gives.

Names are invented for these tests.
"""

from __future__ import annotations

from typing import Optional

import pytest

from generator.content import people
from generator.extract import coref


def _slow_bare_word(name: str) -> Optional[str]:
    """What bare_word said before the shortcut: always through coref.parse (nameparser for longer names)."""
    parsed = coref.parse(name)
    if parsed is None or parsed.full or parsed.words != 1:
        return None
    return people._fold(parsed.last)


NAMES = [
    "Flynn", "Mr. Flynn", "Mr Flynn", "Sen. Warren", "President Okonjo", "Former President Okonjo",
    "Acting Chair Ravel", "the Ravels", "Dana Whitfield", "Dana J. Whitfield", "Whitfield Foundation",
    "Al Hashish", "Van Dorn", "Mrs. Dana Whitfield", "Dr Quell", "Prof. Quell", "Queen Ilsabet",
    "Monday", "Whitfield’s", "Whitfield's", "O'Brannagh", "Sir", "Mr.", "", "   ", "J. K.", "Carl Norbex Jr.",
    "Norbex Motor Company", "NORBEX", "Ex Minister Tallow", "former Tallow", "deputy Tallow", "lord Tallow",
    "Chef Amarin", "Imam Dowra Sefi", "Sgt. Pell", "King", "1Flynn", "Flynn-Oduya", "A B C D E F",
    "Mr. Carl Norbex", "Mayor", "MAYOR Breck", "Ms. Ana-Lu Pérez", "Pérez",
]


@pytest.mark.parametrize("name", NAMES)
def test_bare_word_is_what_parsing_the_name_gives(name):
    people.bare_word.cache_clear()
    assert people.bare_word(name) == _slow_bare_word(name)
    assert people.bare_word(name) == _slow_bare_word(name)  # and from its cache


def test_a_full_name_is_answered_without_nameparser(monkeypatch):
    people.bare_word.cache_clear()
    monkeypatch.setattr(coref, "parse", lambda text: pytest.fail(f"parsed {text!r}"))
    assert people.bare_word("Dana Whitfield") is None
    assert people.bare_word("Whitfield Foundation") is None

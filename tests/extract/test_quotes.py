"""Quotes with their speakers on the real parse: text -> (kind, speaker, speaker_text, label) per quote.

Synthetic sentences written for these tests; names are invented.
"""

from __future__ import annotations

import pytest

OFFICIAL = "A senior official in the ministry"


@pytest.mark.parametrize("text, expected", [
    # speaker after the quote, inverted or not
    ('"We will win the vote in the spring," said Maria Lopez, the party leader.',
     [("direct", "maria-lopez", "Maria Lopez, the party leader", None)]),
    ('"We will win the vote in the spring," Maria Lopez said.',
     [("direct", "maria-lopez", "Maria Lopez", None)]),
    ("“We will win the vote in the spring,” Maria Lopez said on Monday.",
     [("direct", "maria-lopez", "Maria Lopez", None)]),
    # speaker before the quote
    ('Maria Lopez said: "We will win the vote in the spring."',
     [("direct", "maria-lopez", "Maria Lopez", None)]),
    ('Maria Lopez attacked the plan, saying, "It is reckless and very unstable."',
     [("direct", "maria-lopez", "Maria Lopez", None)]),
    # the speaker named in the next sentence
    ('"We will win the vote in the spring." Maria Lopez said this at a rally on Monday.',
     [("direct", "maria-lopez", "Maria Lopez", None)]),
    ('"Why is this not proof of the problem?" Maria Lopez demanded.',
     [("direct", "maria-lopez", "Maria Lopez", None)]),
    # a split quote and a following quote with no cue of its own: the same speaker
    ('"We will win," Maria Lopez said. "Nobody can stop us now."',
     [("direct", "maria-lopez", "Maria Lopez", None), ("direct", "maria-lopez", "Maria Lopez", None)]),
    # pronouns resolved to the person named before
    ('Maria Lopez spoke in Leeds on Monday.\n"We will win the vote in the spring," she said.',
     [("direct", "maria-lopez", "she", None)]),
    # a description linked to the person an apposition named so
    ("The party's leader, Maria Lopez, spoke on Monday.\n\"We will win the vote in the spring,\" the leader said.",
     [("direct", "maria-lopez", "the leader", None)]),
    # an unnamed source stays unnamed; "he added" goes on with the same source
    (f'{OFFICIAL} spoke to reporters.\n"The plan is dead and buried now," the official said.\n'
     '"We have nothing more to say about it," he added.',
     [("direct", None, "the official", OFFICIAL), ("direct", None, "he", OFFICIAL)]),
    # a signature after a dash
    ('"She never once kept her word to us." ― Lena Ostrova',
     [("direct", "lena-ostrova", "Lena Ostrova", None)]),
    # a quote over two paragraphs
    ('"The first paragraph of the statement runs on.\n"The second one closes it," Maria Lopez said.',
     [("block", "maria-lopez", "Maria Lopez", None)]),
])
def test_speakers(extract_record, text, expected):
    record = extract_record(text)
    got = [(q.kind, q.speaker, q.speaker_text, q.speaker_label) for q in record.quotes]
    assert got == expected


@pytest.mark.parametrize("text, quote", [
    ("Officials fear 'Chinese espionage' above all.", "Chinese espionage"),  # scare quotes
    ('He reviewed the film "Rivers of the North" last year.', "Rivers of the North"),  # a quoted title
    ('The report, "Winter in the Old Mill," ran on Sunday.', "Winter in the Old Mill,"),
    ('Critics called the plan "reckless" and worse.', "reckless"),
])
def test_partial_quotes_are_kept_apart_from_speech(extract_record, text, quote):
    record = extract_record(text)
    assert [(q.text, q.kind) for q in record.quotes] == [(quote, "partial")]


@pytest.mark.parametrize("text", [
    "",
    '"',
    '“Never closed at all and the paragraph just ends',
    'He said "yes and then" and "no" and "',
    '”””“““',
    "'tis the season, 'n' all that' said he'",
])
def test_bad_text_degrades(extract_record, text):
    record = extract_record(text or " ")
    for q in record.quotes:
        assert 0 <= q.start <= q.end <= len(text or " ")


@pytest.mark.parametrize("text, speaker", [
    # reported speech, then the speaker's words as a paragraph of their own
    ("Maria Lopez said the council should act before the winter.\n\n"
     '"We cannot wait another year for the roads to be fixed."', "maria-lopez"),
    ("Maria Lopez told the council the roads were a disgrace.\n\n"
     '"Nobody should have to drive through that every morning."', "maria-lopez"),
    # a pronoun as the subject of the reporting verb, resolved as any speaker pronoun
    ("Maria Lopez runs the bakery on the corner. Too often, she says, the trucks block her door.\n\n"
     '"Some days nobody can get in to buy a single loaf."', "maria-lopez"),
    # a colon after a clause about a named speaker, with no speech verb
    ('Maria Lopez, the bakery owner, is more blunt: "The trucks are killing this street."', "maria-lopez"),
])
def test_a_quote_standing_alone_takes_the_speaker_introduced_just_before(extract_record, text, speaker):
    record = extract_record(text)
    spoken = [q for q in record.quotes if q.kind != "partial"]
    assert [q.speaker for q in spoken] == [speaker]


@pytest.mark.parametrize("text", [
    # two speakers in the sentence before: nobody is chosen
    "Maria Lopez said the plan was fine, but Tom Akers said it was a mistake.\n\n"
    '"It will cost far more than anybody has admitted so far."',
    # the sentence before reports nobody's words
    "Maria Lopez opened the bakery in the spring of last year.\n\n"
    '"We cannot wait another year for the roads to be fixed."',
    # the writer's own words around the quote: not a quote standing alone
    "Maria Lopez said the council should act.\n\n"
    'Everyone agrees that "the roads are a disgrace and should be fixed" at once.',
    # a colon after a clause about a thing
    'The sign on the door is plain: "Closed until the roads are fixed."',
])
def test_no_speaker_where_the_sentence_before_does_not_decide(extract_record, text):
    record = extract_record(text)
    assert all(q.speaker is None for q in record.quotes)

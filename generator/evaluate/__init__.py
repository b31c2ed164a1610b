"""Accuracy and speed of the extractor on gold sets: `python -m generator.evaluate DATA_DIR`.

gold.py reads the JSONL gold sets (shapes in ../shared/data/README.md) into plain records,
metrics.py holds the pure scoring functions, score.py scores one document, runs.py runs the project's
extractor and the raw spaCy model on the same texts, and __main__.py prints the tables. Nothing
third-party is copied into the project: the data directory is an argument.

How each figure is measured:
- Direct quotes (PolNeAR): the extractor's `direct` and `block` quotes against attributions marked
  `direct`. A match is token Jaccard >= 0.3 (one-to-one, best first). PolNeAR files '"A," he said, "B."'
  as one attribution, so consecutive quotes of one paragraph with the same speaker words are joined
  first. A found quote matching an indirect attribution is not a false positive. Speaker accuracy, on
  matched quotes with a gold source: our speaker words share characters or a content word (a name, a
  pronoun) with the gold source words, or the resolved speaker's name does.
- Time expressions (MEANTIME): TempEval-3 style. Strict (exact) and relaxed (overlap) span F1; value F1
  counts a relaxed match with exactly the gold TimeML value, over all system and all gold expressions;
  DATE value accuracy is over matched gold DATEs. Creation times (the date line) are not scored.
- Names (MEANTIME): proper names (NAM and PRE.NAM) of types PER/ORG/LOC/PRO; spaCy PERSON->PER,
  ORG->ORG, GPE/LOC/FAC->LOC, PRODUCT->PRO (NORP is not an actor, so nationality adjectives count as
  misses for both). Exact span after dropping a leading article and a trailing possessive; a name made
  of other names, or of a type not scored, counts neither way. "Head match" accepts a span ending on the
  gold name's last word (MEANTIME extents take in premodifiers: "aircraft manufacturer Boeing").
- MEANTIME annotates headline, date line and the first four body lines only; output beyond is ignored.
- Speed: words (whitespace-separated) per second, one process, the same texts: raw `nlp.pipe` against
  the whole extractor (the project's pipeline with its EntityRuler, plus the rules).
"""

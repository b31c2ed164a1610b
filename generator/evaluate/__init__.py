"""Accuracy and speed of the extractor on gold sets: `python -m generator.evaluate DATA_DIR`.

gold.py reads the JSONL gold sets (shapes in ../shared/data/README.md) into plain records,
metrics.py holds the pure scoring functions, runs.py runs the project's extractor and the raw spaCy
model on the same texts, and __main__.py prints the tables. Nothing third-party is copied into the
project: the data directory is an argument.
"""

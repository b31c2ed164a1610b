"""Who owns an article record: the machine while its fingerprint matches what it wrote, an editor once it does not.

The fingerprint is a hash of everything in the record but its review block. An editor who changes anything, or
says `review.status: reviewed`, owns the file from then on and the build never rewrites it.
"""

from __future__ import annotations

import hashlib
import json

from generator import yamlio
from generator.records import ArticleRecord


def fingerprint(record: ArticleRecord) -> str:
    """Hash of everything but the review block, over canonical JSON (much cheaper than a YAML dump)."""
    data = record.model_dump(mode="json", exclude={"review"})
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "j" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:15]


def _legacy_fingerprint(record: ArticleRecord) -> str:
    """The first format (a hash of the YAML dump): files written by extractor versions 1-6 carry it."""
    data = record.model_dump(mode="json", exclude={"review"})
    return hashlib.sha256(yamlio.dumps(data).encode("utf-8")).hexdigest()[:16]


def stamped(record: ArticleRecord) -> ArticleRecord:
    """The record as the build writes it: its review block carries the fingerprint."""
    return record.model_copy(update={"review": record.review.model_copy(
        update={"fingerprint": fingerprint(record)})})


def owned_by_editor(record: ArticleRecord) -> bool:
    """True once an editor changed anything the machine wrote (or said reviewed)."""
    fp = record.review.fingerprint
    if record.review.status == "reviewed" or not fp:
        return True
    if fp.startswith("j"):
        return fp != fingerprint(record)
    return fp != _legacy_fingerprint(record)

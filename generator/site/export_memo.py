"""data/briefing.json written from per-article parts kept between builds (.cache/state/export-memo.json).

Most of the export is per article: the article with its text and actors, its quotes, its dates. Each part
is kept as the JSON text feeds.dumps would write for it, under a key over exactly what it is made from (the
record with its text, whether it is editorial, the registry name of each quoted speaker, the code), so an
entity's description edit or one added article makes only the changed articles' parts again; the
entities and topics, which depend on the whole briefing, are made every time. The text is the same bytes
as feeds.briefing_json (compact JSON is its parts joined by commas, and feeds.dumps' escapes are per
character); tests/site/test_export_memo.py compares the two. A memo that is missing, unreadable or of
another format or code is ignored (everything is made afresh) and rewritten.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Callable, Optional

from generator import yamlio
from generator.records import ArticleRecord, Briefing
from generator.site import feeds
from generator.site.views import Views

FORMAT = 1
FILE = "export-memo.json"


def _text(data) -> str:
    return feeds.dumps(data, compact=True)[:-1]  # without the final newline


def _join(parts: list[str]) -> str:
    return ",".join(p for p in parts if p)


def _parts(rec: ArticleRecord, b: Briefing) -> list:
    quotes = feeds.quotes_data(rec, b)
    dates = feeds.dates_data(rec)
    return [_text(feeds.article_data(rec, b)), _join([_text(q) for q in quotes]), len(quotes),
            _join([_text(d) for d in dates]), len(dates)]


def _key(rec: ArticleRecord, b: Briefing, record_digest: Callable, code: str) -> str:
    speakers = [[q.speaker, b.entities[q.speaker].name if q.speaker in b.entities else None] for q in rec.quotes]
    return hashlib.sha1(json.dumps([code, record_digest(rec), rec.id in b.editorial, speakers]).encode()).hexdigest()


def load(file: Path, code: str) -> dict:
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        if isinstance(data, dict) and data.get("format") == FORMAT and data.get("code") == code \
                and isinstance(data.get("articles"), dict):
            return data["articles"]
    except (OSError, ValueError):
        pass
    return {}


def _valid(hit, k: str) -> bool:
    return (isinstance(hit, list) and len(hit) == 6 and hit[0] == k and isinstance(hit[1], str)
            and isinstance(hit[2], str) and isinstance(hit[3], int) and isinstance(hit[4], str)
            and isinstance(hit[5], int))


def briefing_json(b: Briefing, v: Views, memo_dir: Optional[Path], record_digest: Callable, code: str) -> str:
    """feeds.briefing_json(b, v), reusing the per-article parts of the last build from `memo_dir`."""
    if memo_dir is None:
        return feeds.briefing_json(b, v)
    file = memo_dir / FILE
    kept = load(file, code)
    memo: dict[str, list] = {}
    for rec in b.articles:
        k = _key(rec, b, record_digest, code)
        hit = kept.get(rec.id)
        memo[rec.id] = hit if isinstance(hit, list) and _valid(hit, k) else [k, *_parts(rec, b)]
    rows = [memo[rec.id] for rec in b.articles]
    entities = feeds.entities_data(b, v)
    topics = feeds.topics_data(b, v)
    counts = {"articles": len(b.articles), "entities": len(entities), "quotes": sum(r[3] for r in rows),
              "dates": sum(r[5] for r in rows), "topics": len(topics)}
    text = ('{"format":' + _text(feeds.FORMAT) + ',"schema":"briefing.schema.json","counts":' + _text(counts)
            + ',"articles":[' + _join([r[1] for r in rows]) + '],"entities":' + _text(entities)
            + ',"quotes":[' + _join([r[2] for r in rows]) + '],"dates":[' + _join([r[4] for r in rows])
            + '],"topics":' + _text(topics) + "}\n")
    memo_dir.mkdir(parents=True, exist_ok=True)
    yamlio.atomic_write_text(file, json.dumps({"format": FORMAT, "code": code, "articles": memo},
                                              ensure_ascii=False), durable=False)
    return text

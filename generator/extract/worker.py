"""What every extraction worker runs, whichever executor started it: the model loaded once per
process, then spaCy over a batch and one record (or error) per article."""

from __future__ import annotations

from generator.extract import model as nlpmod
from generator.extract import analysis_text, extract_article
from generator.records import Article

_WORKER: dict = {}  # in each worker process: the loaded model and what it was loaded for


def init_worker(model: str, patterns, registry, not_entities, digest: str = "") -> None:
    _WORKER.clear()
    _WORKER.update(nlp=nlpmod.load(model, patterns), registry=registry, not_entities=not_entities, digest=digest,
                   loaded=(model, patterns))


def loaded_for(model: str | None, patterns) -> bool:
    """Whether this process holds the model loaded with these patterns (None, None: with any)."""
    if "nlp" not in _WORKER:
        return False
    return model is None or _WORKER.get("loaded") == (model, patterns)


def release() -> None:
    _WORKER.clear()
    nlpmod.load.cache_clear()


def _parse_one(nlp, article: Article, doc=None) -> dict:
    """{"record": the article's ArticleRecord} (validated once, when it is made here, and sent to the parent as it
    is), or {"error": "..."}: one bad article never stops the others."""
    try:
        failures: list[str] = []
        result: dict = {"record": extract_article(article, nlp, _WORKER["registry"], doc, failures)}
        if failures:
            result["failures"] = failures  # rules that failed: reported by the parent, the record kept
        return result
    except Exception as exc:  # noqa: BLE001 - reported to the user as a skipped article
        return {"error": f"extraction failed ({type(exc).__name__}: {exc})"}


def parse_batch(batch: list[Article]) -> list[dict]:
    nlp = _WORKER["nlp"]
    try:
        docs = list(nlp.pipe([analysis_text(a) for a in batch]))
    except Exception:  # noqa: BLE001 - parse the batch one by one to isolate the culprit
        return [_parse_one(nlp, a) for a in batch]
    return [_parse_one(nlp, a, doc) for a, doc in zip(batch, docs)]

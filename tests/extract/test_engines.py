"""The Dask engine: a real distributed.LocalCluster of 2 worker processes parses the same plan as the local
pool and gives identical records; only what the cache lacks is sent; a run that died resumes."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.registry import load_registry
from generator.extract import engines
from generator.extract.cache import ExtractionCache
from generator.extract.run import extract_all
from generator.ingest import ingest_seeds
from generator.errors import Problems
from tests.helpers import MODEL, SEEDS

distributed = pytest.importorskip("distributed")
from generator.extract import dask_engine  # noqa: E402 - needs distributed

# invented stories (not from any corpus)
INVENTED = [
    "Officials at the Northgate Water Board said on Tuesday that the reservoir at Kell Ridge was full for the "
    "first time since 2019.\n\n\"We can lift the hosepipe ban next week,\" said the board's director, "
    "Priya Nandakumar.",
    "Shares in Coldharbour Motors rose 4% in Frankfurt after the carmaker said it would build batteries with "
    "Talvik Energy.\n\nChief executive Jonas Berg told analysts the plant would open in 2027.",
    "The city council of Amberley voted to close Mill Street to cars on Sundays.\n\nCouncillor Ruth Adeyemi "
    "said: \"Children will be able to play where lorries used to park.\"",
]


@pytest.fixture(scope="module")
def articles(tmp_path_factory):
    root = tmp_path_factory.mktemp("engine") / "proj"
    seeds = root / "seeds"
    seeds.mkdir(parents=True)
    for path in sorted(SEEDS.iterdir()):
        (seeds / path.name).write_bytes(path.read_bytes())
    for i, text in enumerate(INVENTED):
        (seeds / f"invented-{i}.md").write_text(f"---\ntitle: Invented story {i}\npublished: 2024-0{i + 1}-15\n"
                                                f"---\n\n{text}\n", encoding="utf-8")
    problems = Problems()
    arts = ingest_seeds(seeds, root, problems, 5_000_000, {})
    assert len(arts) == 2 + len(INVENTED) and not problems.errors
    return arts


@pytest.fixture(scope="module")
def registry(tmp_path_factory):
    content = tmp_path_factory.mktemp("content")
    for sub in ("entities", "topics"):
        (content / sub).mkdir()
    (content / "entities" / "talvik-energy.yml").write_text(
        "id: talvik-energy\nname: Talvik Energy\ntype: ORG\naliases: [Talvik]\n", encoding="utf-8")
    problems = Problems()
    reg = load_registry(content, content.parent, problems)
    assert not problems.errors
    return reg


@pytest.fixture(scope="module")
def local(articles, registry, tmp_path_factory):
    """The local pool's records, made before any cluster runs: a fork while Dask's threads live could hang."""
    return run(articles, registry, tmp_path_factory.mktemp("local-cache"), "local")


@pytest.fixture(scope="module")
def cluster(local):
    """The local cluster `executor: dask` starts when no address is set (the one `make bench` measures)."""
    c = dask_engine._local_cluster(2)
    try:
        yield c
    finally:
        engines.close_engines()  # the client first: one left behind waits 30 s for a scheduler that is gone
        c.close()


def run(articles, registry, cache_dir: Path, executor: str, address: str | None = None):
    return extract_all(articles, MODEL, registry, ExtractionCache(cache_dir), 2, 2, False, executor, address)


def dump(records) -> dict:
    return {aid: rec.model_dump(mode="json") for aid, rec in records.items()}


def test_dask_records_equal_local_records(articles, registry, local, cluster, tmp_path):
    local, lstats = local
    dask, dstats = run(articles, registry, tmp_path / "dask", "dask", cluster.scheduler_address)
    assert lstats.parsed == dstats.parsed == len(articles)
    assert list(dask) == list(local)  # same order too
    assert dump(dask) == dump(local)
    assert dstats.words == lstats.words
    assert any(a.id == "talvik-energy" for rec in dask.values() for a in rec.actors)  # the registry reached workers


def test_local_cluster_workers_start_with_the_extractor_imported_and_no_profiler(cluster):
    """Forked from a fork server that imported spaCy and the extractor, not each importing them itself;
    Dask's 10 ms stack sampler is off in the workers (CPU-bound, one task at a time)."""
    import sys

    import dask

    with distributed.Client(cluster) as client:
        assert set(client.run(lambda: "spacy" in sys.modules and "generator.extract.worker" in sys.modules)
                   .values()) == {True}
        assert set(client.run(lambda: dask.config.get("distributed.worker.profile.enabled")).values()) == {False}
        assert len(client.scheduler_info()["workers"]) == 2


def test_only_missing_keys_are_sent_and_a_dead_run_resumes(articles, registry, cluster, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    done = []
    real = dask_engine.DaskEngine.run

    def dies_after_one_batch(self, *args, **kwargs):
        for item in real(self, *args, **kwargs):
            done.append(item[0])
            yield item
            raise RuntimeError("the build was killed")

    monkeypatch.setattr(dask_engine.DaskEngine, "run", dies_after_one_batch)
    with pytest.raises(RuntimeError, match="killed"):
        run(articles, registry, cache, "dask", cluster.scheduler_address)
    monkeypatch.setattr(dask_engine.DaskEngine, "run", real)
    engines.close_engines()  # the killed build's client goes with it; the re-run connects anew
    assert len(done) == 1
    records, stats = run(articles, registry, cache, "dask", cluster.scheduler_address)
    batch = 2
    assert stats.cached == batch and stats.parsed == len(articles) - batch  # only the rest was sent
    again, stats = run(articles, registry, cache, "dask", cluster.scheduler_address)
    assert stats.parsed == 0 and stats.cached == len(articles)
    assert dump(again) == dump(records)


def test_unknown_executor_is_refused():
    from generator.errors import BriefingError

    with pytest.raises(BriefingError, match="unknown executor"):
        engines.executor("ray", 1)

"""engines.EarlyPool: the model loaded in a worker while the plan reads the cache gives the records and cache files
a parse in this process gives; a worker that cannot load it costs nothing but the time (the parse happens here)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.extract import engines, worker
from generator.extract.cache import ExtractionCache
from generator.extract.run import extract_all
from tests.extract.test_seen import BASE, BODIES, NEW, article, dumps, registry, snapshot
from tests.helpers import MODEL


@pytest.fixture(scope="module")
def warm(tmp_path_factory):
    cache = tmp_path_factory.mktemp("warm-early")
    extract_all([article(i, b) for i, b in enumerate(BODIES)], MODEL, registry(BASE), ExtractionCache(cache),
                1, 4, False)
    worker.release()  # as after a build: this process holds no model
    return cache


def spy(monkeypatch) -> list:
    made: list = []
    real = engines.early_pool

    def recording(*args):
        pool = real(*args)
        made.append(pool)
        return pool

    monkeypatch.setattr(engines, "early_pool", recording)
    return made


def parsed_here(warm: Path, tmp_path: Path):
    """The stories and one new article, two copies of the warm cache, and the records and stats of a parse in
    this process into the first copy ("here"); the second ("early") is for the run under test."""
    arts = [article(i, b) for i, b in enumerate(BODIES + [NEW])]
    here, early = tmp_path / "here", tmp_path / "early"
    shutil.copytree(warm, here)
    shutil.copytree(warm, early)
    want, want_stats = extract_all(arts, MODEL, registry(BASE), ExtractionCache(here), 1, 4, False)
    worker.release()
    return arts, here, early, want, want_stats


def test_an_added_article_parsed_by_the_early_worker_equals_a_parse_here(warm, tmp_path, monkeypatch):
    arts, here, early, want, want_stats = parsed_here(warm, tmp_path)
    made = spy(monkeypatch)
    got, got_stats = extract_all(arts, MODEL, registry(BASE), ExtractionCache(early), 2, 4, False, early=True)
    assert len(made) == 1 and made[0] is not None and made[0].closed  # used, and its process ended
    assert not worker.loaded_for(None, None)  # the parse happened in the worker
    assert got_stats.parsed == want_stats.parsed == 1 and got_stats.cached == want_stats.cached == len(BODIES)
    assert dumps(got) == dumps(want) and snapshot(early) == snapshot(here)


def test_a_worker_that_cannot_load_the_model_leaves_the_parse_to_this_process(warm, tmp_path, monkeypatch):
    arts, here, early, want, _ = parsed_here(warm, tmp_path)
    parent, real = os.getpid(), engines.init_worker

    def failing_in_a_child(*args, **kwargs):
        if os.getpid() != parent:
            raise OSError("no model here")
        return real(*args, **kwargs)

    monkeypatch.setattr(engines, "init_worker", failing_in_a_child)
    made = spy(monkeypatch)
    got, stats = extract_all(arts, MODEL, registry(BASE), ExtractionCache(early), 2, 4, False, early=True)
    assert made[0] is not None and stats.parsed == 1 and worker.loaded_for(None, None)  # parsed here
    assert dumps(got) == dumps(want) and snapshot(early) == snapshot(here)
    worker.release()


@pytest.mark.parametrize("executor, jobs, missing, loaded, wanted", [
    ("local", 2, 1, False, True),
    ("local", 2, 4, False, True),  # one batch of 4
    ("local", 2, 5, False, False),  # more than a batch: the pool of `jobs` processes does it
    ("local", 2, 0, False, False),  # nothing to parse
    ("local", 1, 1, False, False),  # one process asked for
    ("dask", 2, 1, False, False),
    ("local", 2, 1, True, False),  # this process has the model loaded with these patterns already
])
def test_the_early_worker_only_where_it_can_help(monkeypatch, executor, jobs, missing, loaded, wanted):
    monkeypatch.setattr(engines.worker, "loaded_for", lambda model, patterns: loaded)
    monkeypatch.setattr(engines, "EarlyPool", lambda *args: "pool")
    assert (engines.early_pool(executor, jobs, 4, missing, MODEL, (), registry(BASE)) == "pool") is wanted

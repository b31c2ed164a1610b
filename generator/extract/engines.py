"""Executors of the extraction plan: batches of articles in, one record (or error) per article out.

run.extract_all makes the plan (which articles the content-hash cache lacks), cuts it into batches and
hands them to an executor; every batch that comes back is written to the cache at once, so a run that
dies resumes where it stopped (the next plan only holds the keys still missing). Executors:

- `local`: a fork pool of `jobs` processes on this machine (the parent loads the model before forking,
  so the workers share it); results in batch order.
- `dask`: a dask.distributed cluster (`executor_address: tcp://scheduler:8786`, or without an address a
  LocalCluster of `jobs` worker processes with one thread each, started for the build). The model, the
  registry's patterns and its lookup go to every worker once (a worker plugin, also run on workers that
  join later), each worker loads the model then and keeps it for later batches; a bounded window of batches is in flight (the texts of a
  large corpus never all sit on the scheduler); results arrive as batches finish. Workers check that
  they run the same model version and extractor version as the planner, since both are in the cache key.

Both run the same `parse_batch`, so a record is the same whichever engine made it (tests/extract/test_engines.py).
"""

from __future__ import annotations

import atexit
import multiprocessing as mp
from typing import Iterable, Iterator

from generator.errors import BriefingError
from generator.extract import worker
from generator.extract.worker import init_worker, parse_batch
from generator.records import Article

EXECUTORS = ("local", "dask")


# ----------------------------------------------------------------------------- local

class LocalPool:
    name = "local"

    def __init__(self, jobs: int):
        self.jobs = jobs

    def run(self, batches: list[list[Article]], model: str, patterns, registry, not_entities) \
            -> Iterator[tuple[int, list[dict]]]:
        init_worker(model, patterns, registry, not_entities)
        jobs = max(1, min(self.jobs, len(batches)))
        if jobs == 1:
            for i, batch in enumerate(batches):
                yield i, parse_batch(batch)
            return
        with mp.get_context("fork").Pool(jobs) as pool:
            yield from enumerate(pool.imap(parse_batch, batches))

    def close(self) -> None:
        pass


class EarlyPool:
    """One worker process forked before the plan is done, that loads the model (spaCy, then the registry's
    patterns: seconds) while the parent still reads the cache, for a plan known to hold one batch at most (an
    added article: its key is not in the cache). The same parse_batch as the other executors; should the load
    fail there (loaded() is False), the plan loads the model here instead, which then says why."""

    name = "local"

    def __init__(self, model: str, patterns, registry, not_entities):
        self.pool = mp.get_context("fork").Pool(1, initializer=_early_init,
                                                initargs=(model, patterns, registry, not_entities))
        self.closed = False

    def loaded(self) -> bool:
        """Once the worker has loaded the model (waited for): whether it has it."""
        return bool(self.pool.apply(worker.loaded_for, (None, None)))

    def run(self, batches: list[list[Article]], model: str, patterns, registry, not_entities) \
            -> Iterator[tuple[int, list[dict]]]:
        try:
            for i, batch in enumerate(batches):
                yield i, self.pool.apply(parse_batch, (batch,))
        finally:
            self.close()

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self.pool.terminate()
            self.pool.join()


def early_pool(executor_name: str, jobs: int, batch_size: int, missing: int, model: str, patterns, registry) \
        -> EarlyPool | None:
    """A worker loading the model at once, when the plan will parse (`missing` keys are not in the cache) one
    batch at most, on the local executor with a second process allowed, and this process has not loaded it."""
    if executor_name != "local" or jobs < 2 or not 0 < missing <= batch_size or worker.loaded_for(model, patterns):
        return None
    return EarlyPool(model, patterns, registry, registry.not_entities())


def _early_init(model: str, patterns, registry, not_entities) -> None:
    try:
        init_worker(model, patterns, registry, not_entities)
    except Exception:  # noqa: BLE001 - a pool worker that raises here is started again and again
        worker.release()


_ENGINES: dict = {}


def executor(name: str, jobs: int, address: str | None = None):
    """The executor for the `executor` setting; a Dask client (and local cluster) is kept for the process."""
    if name == "local":
        return LocalPool(jobs)
    if name != "dask":
        raise BriefingError(f"unknown executor '{name}' (one of: {', '.join(EXECUTORS)})")
    key = (address, jobs)
    if key not in _ENGINES:
        try:
            from generator.extract.dask_engine import DaskEngine
        except ImportError:
            raise BriefingError("executor: dask needs the packages dask and distributed "
                                "(pip install dask distributed)") from None
        _ENGINES[key] = DaskEngine(address, jobs)
    return _ENGINES[key]


def close_engines() -> None:
    while _ENGINES:
        _, engine = _ENGINES.popitem()
        try:
            engine.close()
        except Exception:  # noqa: BLE001 - shutting down
            pass


atexit.register(close_engines)


def batches_of(items: Iterable, size: int) -> list[list]:
    items = list(items)
    return [items[i:i + size] for i in range(0, len(items), size)]

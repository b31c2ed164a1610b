"""The Dask executor (executor: dask): the extraction plan's batches on a dask.distributed cluster.

Imported only when that executor is chosen (distributed takes a second to import). See engines.py.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Iterator

import dask
from distributed import Client, LocalCluster, WorkerPlugin, as_completed
from distributed.utils import get_mp_context

from generator.errors import BriefingError
from generator.extract import EXTRACTOR_VERSION
from generator.extract import model as nlpmod
from generator.extract.worker import _WORKER, init_worker, parse_batch, release
from generator.records import Article


def _load_for(payload: dict) -> None:
    """In a Dask worker: load the model for this plan's registry once (kept for later batches)."""
    if _WORKER.get("digest") == payload["digest"]:
        return
    have = nlpmod.model_fingerprint(payload["model"])
    if have != payload["fingerprint"] or EXTRACTOR_VERSION != payload["extractor"]:
        raise BriefingError(f"this worker has {have} and extractor {EXTRACTOR_VERSION}; the build expects "
                            f"{payload['fingerprint']} and extractor {payload['extractor']} (both are in the "
                            "cache key): install the same versions on every worker")
    release()
    init_worker(payload["model"], payload["patterns"], payload["registry"], payload["not_entities"],
                payload["digest"])


class LoadModel(WorkerPlugin):
    """A Dask worker plugin: every worker (and every worker that joins later) gets the plan's model,
    patterns and registry lookup once, and loads the model then."""

    idempotent = False
    name = "briefing-extract"

    def __init__(self, payload: dict):
        self.payload = payload

    def setup(self, worker) -> None:
        _load_for(self.payload)

    def teardown(self, worker) -> None:
        pass


def _dask_batch(digest: str, batch: list[Article]) -> list[dict]:
    """Runs on a Dask worker, with the model the plugin loaded for this plan."""
    if _WORKER.get("digest") != digest:
        raise BriefingError("this worker has no model for the plan (its plugin failed to load it)")
    return parse_batch(batch)


# What a worker of the local cluster imports before it is forked from the fork server: every worker
# then starts with spaCy and the extractor already imported, instead of importing them itself.
_FORKSERVER_PRELOAD = ("spacy", "generator.extract.worker", "generator.extract.dask_engine")

# The local cluster's workers run one CPU-bound task at a time: Dask's statistical profiler (a stack
# sample every 10 ms) is pure overhead there, and so is trimming the heap after every 64 KiB freed.
_LOCAL_WORKER_CONFIG = {
    "distributed.worker.multiprocessing-method": "forkserver",
    "distributed.worker.profile.enabled": False,
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
}


def _local_cluster(jobs: int) -> LocalCluster:
    """A LocalCluster of `jobs` worker processes with one thread each, forked from a fork server that has
    already imported spaCy and the extractor (its list is set once, before the server first starts)."""
    dask.config.set(_LOCAL_WORKER_CONFIG)  # for this process: workers restarted later start the same way
    get_mp_context().set_forkserver_preload(["distributed", *_FORKSERVER_PRELOAD])  # after Dask's own (once)
    return LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True,
                        dashboard_address=None, silence_logs=logging.ERROR)


class DaskEngine:
    name = "dask"

    def __init__(self, address: str | None, jobs: int):
        self.cluster = None
        if address:
            self.client = Client(address, timeout="30s")
        else:
            self.cluster = _local_cluster(jobs)
            self.client = Client(self.cluster)
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})) or jobs)

    def run(self, batches: list[list[Article]], model: str, patterns, registry, not_entities) \
            -> Iterator[tuple[int, list[dict]]]:
        digest = hashlib.sha256(repr((model, EXTRACTOR_VERSION, tuple(patterns), sorted(not_entities))).encode())
        payload = {"digest": digest.hexdigest(), "model": model, "fingerprint": nlpmod.model_fingerprint(model),
                   "extractor": EXTRACTOR_VERSION, "patterns": tuple(patterns), "registry": registry,
                   "not_entities": not_entities}
        self.client.register_plugin(LoadModel(payload), name=LoadModel.name)  # replaces the previous plan's
        window = max(4, 3 * self.workers)
        pending = iter(enumerate(batches))
        index = {}

        def submit_next(queue) -> None:
            for i, batch in pending:
                future = self.client.submit(_dask_batch, payload["digest"], batch, pure=False, retries=2)
                index[future.key] = i
                queue.add(future)
                return

        queue = as_completed()
        for _ in range(window):
            submit_next(queue)
        for future in queue:
            recs = future.result()  # an error in the engine itself (not in one article) stops the build
            yield index.pop(future.key), recs
            submit_next(queue)

    def close(self) -> None:
        try:
            self.client.close()
        finally:
            if self.cluster is not None:
                self.cluster.close()

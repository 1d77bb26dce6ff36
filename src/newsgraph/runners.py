"""Map :func:`newsgraph.process.process` over batches: in-process, a process pool, or Dask.

Every runner yields one list of records per input batch, in input order, so
results are identical whichever runner is used.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from typing import Iterable, Iterator

from newsgraph.config import PipelineConfig
from newsgraph.errors import NewsgraphError
from newsgraph.model import Article, Records
from newsgraph.process import process

Batch = list[Article]


def _init_worker(config: PipelineConfig) -> None:
    # Load the pipeline once per worker, before the first batch arrives.
    from newsgraph.nlp.pipeline import cached_nlp

    cached_nlp(config)


def _process_batch(batch: Batch, config: PipelineConfig) -> list[Records]:
    return process(batch, config=config)


def run_local(batches: Iterable[Batch], *, workers: int = 1, config: PipelineConfig = PipelineConfig()) -> Iterator[list[Records]]:
    """In this process (workers=1) or a pool of ``workers`` processes."""
    if workers <= 1:
        for batch in batches:
            yield process(batch, config=config)
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(config,)) as pool:
        pending = []
        for batch in batches:
            pending.append(pool.submit(_process_batch, batch, config))
            # Keep a bounded window in flight so memory stays flat on big corpora.
            while len(pending) >= workers * 2:
                yield pending.pop(0).result()
        for fut in pending:
            yield fut.result()


def run_dask(batches: Iterable[Batch], *, address: str | None = None, workers: int = 2,
             config: PipelineConfig = PipelineConfig()) -> Iterator[list[Records]]:
    """On a Dask distributed cluster (``address``) or a local one with ``workers`` processes."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:  # pragma: no cover - dask is a dependency
        raise NewsgraphError("the dask runner needs 'dask[distributed]' installed") from None
    cluster = None
    if address:
        client = Client(address)
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        pending = []
        for batch in batches:
            pending.append(client.submit(_process_batch, batch, config, pure=False))
            while len(pending) >= max(workers, 1) * 2:
                yield pending.pop(0).result()
        for fut in pending:
            yield fut.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run(batches: Iterable[Batch], *, runner: str = "local", workers: int = 1,
        config: PipelineConfig = PipelineConfig(), address: str | None = None) -> Iterator[list[Records]]:
    if runner == "local":
        return run_local(batches, workers=workers, config=config)
    if runner == "dask":
        return run_dask(batches, address=address or os.environ.get("NEWSGRAPH_DASK"),
                        workers=workers, config=config)
    raise NewsgraphError(f"unknown runner {runner!r} (choose local or dask)")

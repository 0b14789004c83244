"""Parallel runs: all cores of one machine (a process pool) or a Dask cluster, resumable.

* :func:`parallel_items` - read, extract and analyse on ``N`` worker processes with bounded
  queues, results in input order.
* :func:`run_on_cluster` - the same stages on a Dask ``distributed`` cluster, inputs split into
  partitions, results written to Parquet parts or to a store.
* :func:`load_parts` - merge Parquet parts into a store.
"""

from .cluster import ClusterReport, run_on_cluster
from .parts import load_parts
from .pool import parallel_items, resolve_workers
from .worker import Stored

__all__ = ["ClusterReport", "Stored", "load_parts", "parallel_items", "resolve_workers", "run_on_cluster"]

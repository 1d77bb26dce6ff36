"""Issue 14's load check, in CI: 20 concurrent clients for 30 s against a real
``newsgraph serve`` on loopback, on a synthetic corpus (bench/web_bench.py
builds it); no request may fail. The full-size figures are ``python
bench/web_bench.py`` (10,000 articles); this runs a CI-sized corpus."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


@pytest.mark.slow
def test_twenty_clients_for_thirty_seconds_never_fail(tmp_path):
    sys.path.insert(0, str(BENCH))
    try:
        import web_bench
    finally:
        sys.path.remove(str(BENCH))
    db = web_bench.build_corpus(tmp_path / "load.db", n_articles=1_000, n_events=5_000)
    result = web_bench.concurrent_run(db, web_bench.pages(db), clients=20, duration=30.0)
    print(json.dumps(result))  # shown with -s; BENCHMARKS.md quotes a run
    assert result["requests"] > 100, result
    assert result["failures"] == 0, result["first_failures"]

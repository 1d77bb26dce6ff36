"""Entity scorers: B-cubed arithmetic, and the seed / MEANTIME runs when the shared data is there."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsgraph.eval.entities import _b_cubed, _prf, evaluate_meantime, evaluate_seed

SHARED = Path(os.environ.get("NEWSGRAPH_SHARED", Path(__file__).resolve().parents[2] / "shared"))
SEED = SHARED / "cases" / "seed"
MEANTIME = SHARED / "data" / "meantime-en"


def test_prf_and_b_cubed():
    assert _prf(1, 2, 4) == {"precision": 0.5, "recall": 0.25, "f1": 0.333}
    perfect = _b_cubed([("g1", "p1"), ("g1", "p1"), ("g2", "p2")])
    assert perfect["f1"] == 1.0
    merged = _b_cubed([("g1", "p"), ("g2", "p")])
    assert merged["recall"] == 1.0 and merged["precision"] == 0.5


@pytest.mark.skipif(not (SEED / "gold.json").exists(), reason="seed case not available")
def test_seed_entities_found_and_coded():
    result = evaluate_seed(SEED)
    assert result["found"] == result["entities"], result["problems"]
    assert result["country_ok"] == result["country_total"], result["problems"]
    assert result["person_sector_ok"] == result["person_sector_total"], result["problems"]
    assert result["distinct_ok"] == result["distinct_total"]
    assert result["false_entities"] == []


@pytest.mark.skipif(not MEANTIME.exists(), reason="MEANTIME not available")
def test_meantime_runs_on_a_few_documents():
    result = evaluate_meantime(MEANTIME, limit=3)
    assert result["documents"] == 3 and result["gold_mentions"] > 0
    assert 0.0 <= result["overlap"]["f1"] <= 1.0

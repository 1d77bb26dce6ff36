"""The evaluation gate: run every scorer, compare with floors pinned in ``eval/floors.json``.

A floor only ever rises: ``--raise-floors`` lifts each floor to the measured
figure (less a small margin for run-to-run noise) and never lowers one. A
scorer marked ``optional`` is skipped, not failed, when its data is absent.
"""

from __future__ import annotations

import importlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from newsgraph.errors import NewsgraphError


class ScorerSkipped(NewsgraphError):
    """An optional scorer's data is not there: nothing to measure, nothing failed."""


@dataclass(frozen=True)
class Scorer:
    name: str
    module: str
    function: str
    data: str  # path under the shared folder passed to the function
    description: str
    kwargs: tuple = ()
    #: "path": fn(shared / data, **kwargs); "nlp": fn(pipeline, shared root) for scorers
    #: that take the pipeline first and find their files under the shared root.
    call: str = "path"
    #: Data that may be absent (e.g. hand-annotated cases kept outside the repo): skip, don't fail.
    optional: bool = False

    def run(self, shared: Path) -> dict:
        try:
            module = importlib.import_module(f"newsgraph.eval.{self.module}")
        except ModuleNotFoundError as exc:
            raise NewsgraphError(f"scorer {self.name}: module newsgraph.eval.{self.module} missing ({exc})") from None
        fn: Callable = getattr(module, self.function)
        path = shared / self.data
        if not path.exists():
            if self.optional:
                raise ScorerSkipped(f"scorer {self.name}: no data at {path} (optional: skipped)")
            raise NewsgraphError(f"scorer {self.name}: data not found at {path}")
        if self.call == "nlp":
            from newsgraph.nlp.pipeline import cached_nlp

            return fn(cached_nlp(), str(shared), **dict(self.kwargs))
        return fn(path, **dict(self.kwargs))


SCORERS: dict[str, Scorer] = {s.name: s for s in (
    Scorer("extraction", "extraction", "score_extraction", "data/article-extraction",
           "HTML main text: 4-word-shingle P/R/F1 on the article-extraction benchmark"),
    Scorer("seed-document", "seed", "evaluate_seed_document", "cases/seed",
           "seed: title, outlet, paragraph roles, restored dashes"),
    Scorer("timex-te3", "timex_score", "evaluate_te3", "data/timeml/te3-platinum",
           "time expressions on TempEval-3 Platinum (reported, never tuned on)"),
    Scorer("timex-aquaint", "timex_score", "evaluate_aquaint", "data/timeml/aquaint",
           "time expressions on AQUAINT TimeML news (tuning set for time in narrative)"),
    Scorer("timex-meantime", "timex_score", "evaluate_meantime", "data/meantime-en",
           "time expressions on MEANTIME English (tuning set)"),
    Scorer("timex-seed", "timex_score", "evaluate_seed", "cases/seed",
           "time expressions of the seed gold"),
    Scorer("entities-seed", "entities", "evaluate_seed", "cases/seed",
           "entities of the seed gold: aliases, countries, sectors, distinct Kims"),
    Scorer("entities-meantime", "entities", "evaluate_meantime", "data/meantime-en",
           "named-entity mentions and within-document clusters on MEANTIME English"),
    Scorer("quotes-polnear-test", "quotes", "evaluate_polnear", "data/polnear",
           "attribution on PolNeAR test (reported; tuned on dev)", (("split", "test"),)),
    Scorer("quotes-seed", "quotes", "evaluate_seed", "cases/seed", "quotes of the seed gold"),
    Scorer("events-seed", "plover_seed", "evaluate_seed", "cases/seed",
           "PLOVER events of the seed gold", call="nlp"),
    Scorer("events-gsr", "plover", "evaluate_gsr", "data/plover",
           "event type on the PLOVER gold-standard records (held-out half reported; dev half tuned on)",
           call="nlp"),
    Scorer("events-case2021", "plover", "evaluate_case2021", "data/case2021-task2",
           "event type on CASE 2021 task 2 snippets (ACLED subtypes mapped to PLOVER)", call="nlp"),
    Scorer("events-petrarch2", "plover", "evaluate_petrarch", "data/petrarch2",
           "event type on PETRARCH2 unit-test records (CAMEO mapped to PLOVER)", call="nlp"),
    Scorer("real-dev", "real_dev", "evaluate_real_dev", "cases/real-dev",
           "hand-annotated real articles, pooled: entities, quotes, events, time expressions (one run each)",
           optional=True),
)}

GROUPS: dict[str, list[str]] = {
    "extraction": ["extraction", "seed-document"],
    "timex": ["timex-te3", "timex-aquaint", "timex-meantime", "timex-seed"],
    "entities": ["entities-seed", "entities-meantime"],
    "quotes": ["quotes-polnear-test", "quotes-seed"],
    "events": ["events-seed", "events-gsr", "events-case2021", "events-petrarch2"],
    "real-dev": ["real-dev"],
}


def register(scorer: Scorer, group: str) -> None:
    SCORERS[scorer.name] = scorer
    GROUPS.setdefault(group, []).append(scorer.name)


def flatten(result: dict, prefix: str = "") -> dict[str, float]:
    """Numeric leaves of a nested result as dotted keys (booleans count as 0/1, lists by length)."""
    flat: dict[str, float] = {}
    for key, value in result.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten(value, name + "."))
        elif isinstance(value, bool):
            flat[name] = float(value)
        elif isinstance(value, (int, float)):
            flat[name] = float(value)
        elif isinstance(value, (list, tuple)):
            flat[name + ".count"] = float(len(value))
    return flat


def check(value: float, bound: float | dict) -> tuple[bool, str]:
    """A plain number is a floor; ``{"max": n}`` a ceiling (for counts of errors that must stay low)."""
    if isinstance(bound, dict):
        return value <= bound["max"] + 1e-9, f"max {bound['max']:.4f}"
    return value + 1e-9 >= bound, f"floor {bound:.4f}"


def load_floors(path: Path) -> dict[str, dict[str, float]]:
    if not path.exists():
        raise NewsgraphError(f"{path}: floors file not found")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise NewsgraphError(f"{path}: invalid JSON: {exc}") from None


def run_gate(shared: Path, floors_path: Path, *, raise_floors: bool = False,
             margin: float = 0.005, log=print) -> bool:
    """Run the scorers that have floors; True when every figure meets its floor."""
    floors = load_floors(floors_path)
    ok = True
    for name, metrics in floors.items():
        if name.startswith("_"):
            continue
        if name not in SCORERS:
            log(f"FAIL {name}: no such scorer")
            ok = False
            continue
        try:
            measured = flatten(SCORERS[name].run(shared))
        except ScorerSkipped as exc:
            log(f"skip {exc}")
            continue
        except NewsgraphError as exc:
            log(f"FAIL {name}: {exc}")
            ok = False
            continue
        for metric, bound in metrics.items():
            value = measured.get(metric)
            if value is None:
                log(f"FAIL {name}.{metric}: not reported by the scorer")
                ok = False
                continue
            passed, what = check(value, bound)
            ok &= passed
            log(f"{'ok  ' if passed else 'FAIL'} {name}.{metric} = {value:.4f} ({what})")
            if raise_floors and not isinstance(bound, dict) and value - margin > bound:
                metrics[metric] = round(value - margin, 4)
    if raise_floors:
        floors_path.write_text(json.dumps(floors, indent=2) + "\n", encoding="utf-8")
    return ok

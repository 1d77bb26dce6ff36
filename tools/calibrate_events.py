#!/usr/bin/env python3
"""Fit the event-confidence model on the hand-annotated real articles.

One command re-runs everything after the event coder changes::

    python tools/calibrate_events.py --shared ../shared

It runs the full pipeline over ``<shared>/cases/real-dev`` (each case read as
``newsgraph ingest --published <gold date>`` reads it), labels each realised
predicted event (not negated, not hypothetical) right when its type and line
agree with a gold event (level >= 1 of :func:`newsgraph.eval.real_dev.event_level`)
or wrong; events that match only ``optional`` gold events are left out, and
events on ``not_event_lines`` are wrong, as the real-dev scorer counts them.
Features come from :func:`newsgraph.nlp.plover.confidence.event_features`.

The fit is an L2-regularised logistic regression (scikit-learn, the ``build``
and ``dev`` extras; run time only reads the JSON). Its strength C is chosen by
leave-one-article-out log-loss. The evaluation is honest about the small
sample: every event's probability comes from a model fitted without its
article (nested: C is chosen inside each fold too). From those it prints the
reliability table, the precision of the top / middle / bottom third by
confidence, and the same for the old confidences the coder assigns; then it
checks on sets not used for fitting (the seed case and the PLOVER
gold-standard records) that the ranking holds. It writes the coefficients to
``src/newsgraph/data/plover/confidence.json`` and the tables into
``docs/confidence.md`` (between the markers there); ``--dry-run`` writes
nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from newsgraph.eval.paths import shared_dir  # noqa: E402
from newsgraph.eval.real_dev import GoldNames, case_dirs, event_level  # noqa: E402
from newsgraph.eval.seed import run_case  # noqa: E402
from newsgraph.nlp.plover.confidence import (  # noqa: E402
    CONFIDENCE_FILE, FEATURES, TYPE_PREFIX, ConfidenceModel, event_features)

DOCS_FILE = ROOT / "docs" / "confidence.md"
BEGIN, END = "<!-- calibrate_events: begin -->", "<!-- calibrate_events: end -->"
COMMAND = "python tools/calibrate_events.py --shared ../shared"
#: PLOVER types that take a recipient by convention. Kept in the JSON; this is only
#: the first value, used when no JSON exists yet.
NEEDS_RECIPIENT = ["CONSULT", "AID", "REQUEST", "ACCUSE", "THREATEN", "SANCTION", "ASSAULT", "COERCE"]
#: Evidence the issue names for confidence (actor coded, role certainty, modality cues).
CORE = ("has_actor", "actor_country", "missing_recipient", "trigger_subordinate", "future", "historical")
#: Candidate models: structural features, and whether the type indicators (``type=X``,
#: standing in for the pattern's prior) come too. The tool fits each with each C of
#: C_GRID and keeps the one of lowest leave-one-article-out log-loss on real-dev.
SPECS = {
    "base": ((), False),  # the base rate alone: kept when nothing beats it
    "type": ((), True),
    "type+core": (CORE, True),
    "core": (CORE, False),
    "type+all": (FEATURES, True),
    "all": (FEATURES, False),
}
#: L2 strengths tried (scikit-learn's C: smaller is stronger).
C_GRID = (0.3, 1.0, 3.0)


def configs() -> list[tuple[str, float | None]]:
    """Every (candidate, C) tried; the base rate has no C."""
    return [(spec, C) for spec in SPECS for C in (C_GRID if SPECS[spec] != ((), False) else (None,))]
BIN_WIDTH = 0.1
UNFITTED = {"seed": "seed case", "gsr": "PLOVER GSR records (sentence-level type)"}


@dataclass
class Sample:
    group: str  # the article (or record) the event came from: the unit left out
    line: int
    type: str
    trigger: str
    features: dict[str, float]
    old: float  # the confidence the coder assigned
    right: bool
    cv: float | None = None  # leave-one-article-out probability
    new: float | None = None  # the final model's probability (the sets not fitted)


# ------------------------------------------------------------------ labelling

def label_case(run, model: ConfidenceModel) -> tuple[list[Sample], dict[str, int]]:
    """Realised events of one analysed case, labelled as the real-dev scorer counts type level."""
    doc, gold = run.doc, run.gold
    entities = {e.id: e for e in (doc._.ng_entities or [])}
    names = GoldNames(gold.get("entities", []))
    banned = set(gold.get("not_event_lines", []))
    entries = gold.get("events", [])
    samples: list[Sample] = []
    counts = {"modal": 0, "optional_only": 0}
    for event in doc._.ng_events or []:
        if event.negated or event.hypothetical:
            counts["modal"] += 1
            continue
        line = run.line(event.trigger_start)
        matched = [g for g in entries if event_level(event, line, g, entities, names) >= 1]
        if line in banned:
            right = False
        elif any(not g.get("optional") for g in matched):
            right = True
        elif matched:
            counts["optional_only"] += 1
            continue
        else:
            right = False
        samples.append(Sample(run.name, line, event.type, event.trigger_text,
                              event_features(event, doc, model), float(event.confidence), right))
    return samples, counts


# ------------------------------------------------------------------ fitting

def _matrix(samples: list[Sample], features: list[str]):
    import numpy as np

    X = np.array([[s.features.get(f, 0.0) for f in features] for s in samples], dtype=float)
    y = np.array([int(s.right) for s in samples])
    return X, y


def fit(samples: list[Sample], features: list[str], C: float | None) -> tuple[list[float], float]:
    """L2-regularised logistic regression (the intercept is not penalised), solved exactly."""
    from sklearn.linear_model import LogisticRegression

    X, y = _matrix(samples, features)
    if len(set(y.tolist())) < 2 or not features or C is None:  # one class, or no slopes: the smoothed rate
        return [0.0] * len(features), _rate_logit(samples)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = LogisticRegression(C=C, l1_ratio=0.0, solver="newton-cholesky", tol=1e-8, max_iter=1000)
        model.fit(X, y)
    return [float(w) for w in model.coef_[0]], float(model.intercept_[0])


def _logit(coefs: list[float], intercept: float, features: list[str], s: Sample) -> float:
    return intercept + sum(w * s.features.get(f, 0.0) for w, f in zip(coefs, features))


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


def _rate_logit(samples: list[Sample]) -> float:
    rate = (sum(s.right for s in samples) + 0.5) / (len(samples) + 1.0)
    return math.log(rate / (1 - rate))


def spec_features(samples: list[Sample], spec: str) -> list[str]:
    """The spec's features that vary in ``samples`` (a constant gets no weight: the
    intercept carries it); ``type=X`` for each type seen when the spec has types."""
    structural, types = SPECS[spec]
    names = list(structural)
    if types:
        names += sorted({TYPE_PREFIX + s.type for s in samples})
    return [f for f in names if len({s.features.get(f, 0.0) for s in samples}) > 1]


def log_loss(probs: list[float], labels: list[bool]) -> float:
    eps = 1e-6
    return -sum(math.log(min(max(p if y else 1 - p, eps), 1.0)) for p, y in zip(probs, labels)) / max(len(probs), 1)


class Folds:
    """Leave-one-article-out fits, each made once: a model fitted without a set of
    articles serves every fold that leaves out that set (the nested folds of g and h
    share the model fitted without both)."""

    def __init__(self, samples: list[Sample]):
        self.samples = samples
        self.groups = sorted({s.group for s in samples})
        self._cache: dict = {}

    def model(self, without: frozenset, spec: str, C: float):
        key = (without, spec, C)
        if key not in self._cache:
            train = [s for s in self.samples if s.group not in without]
            features = spec_features(train, spec)
            self._cache[key] = (features, *fit(train, features, C))
        return self._cache[key]

    def predict(self, without: frozenset, spec: str, C: float, group: str,
                fixed_level: bool = False) -> list[tuple[Sample, float]]:
        """``fixed_level`` (a diagnostic): shift the logits by the pooled base rate's logit
        less the training articles' (see :meth:`nested`)."""
        features, coefs, b = self.model(without, spec, C)
        if fixed_level:
            b += _rate_logit(self.samples) - _rate_logit([s for s in self.samples if s.group not in without])
        return [(s, _sigmoid(_logit(coefs, b, features, s))) for s in self.samples if s.group == group]

    def loao_loss(self, spec: str, C: float, outer: str | None = None) -> float:
        """Log-loss of leave-one-article-out predictions over the articles other than ``outer``."""
        pairs = []
        for h in self.groups:
            if h != outer:
                left = frozenset({h} if outer is None else {h, outer})
                pairs += self.predict(left, spec, C, h)
        return log_loss([p for _, p in pairs], [s.right for s, _ in pairs])

    def loao(self, spec: str, C: float, fixed_level: bool = False) -> list[float]:
        probs = {id(s): p for g in self.groups for s, p in self.predict(frozenset({g}), spec, C, g, fixed_level)}
        return [probs[id(s)] for s in self.samples]

    def choose(self, outer: str | None = None) -> tuple[str, float]:
        """The spec and C of lowest leave-one-article-out log-loss (without ``outer``); ties go
        to the simpler spec, then the stronger regularisation."""
        order = list(SPECS)
        return min(configs(), key=lambda sc: (round(self.loao_loss(*sc, outer=outer), 4), order.index(sc[0]),
                                              sc[1] or 0.0))

    def nested(self, fixed_level: bool = False) -> tuple[dict[str, tuple[str, float]], list[float]]:
        """Each article's events predicted by a model fitted on the other articles, with spec
        and C chosen by leave-one-article-out on those articles only: the choices, and the
        probabilities in sample order.

        ``fixed_level`` (a diagnostic) sets each fold's level to the pooled base rate.
        Leaving out an article of many right events lowers the training rate, and so that
        article's predictions: across folds the level runs against the left-out article's
        own rate, which makes a model whose content is mostly its level rank backwards
        (the base rate alone does so strongly). The shift removes that swing; it leaks only
        the pooled rate, nothing about how the article's events rank."""
        chosen, probs = {}, {}
        for g in self.groups:
            spec, C = chosen[g] = self.choose(outer=g)
            for s, p in self.predict(frozenset({g}), spec, C, g, fixed_level):
                probs[id(s)] = p
        return chosen, [probs[id(s)] for s in self.samples]


# ------------------------------------------------------------------ measures

def ranked_groups(scores: list[float], labels: list[bool], parts: int) -> list[tuple[float, float]]:
    """Split the events into ``parts`` equal shares by score, highest first; return
    (expected events, expected right) per share. Events tied on a score that straddles
    a boundary are shared out in proportion (the expectation under random tie-breaking),
    so a coarse score gains nothing from the order the events happen to come in."""
    n = len(scores)
    ties: dict[float, list[bool]] = {}
    for s, y in zip(scores, labels):
        ties.setdefault(round(s, 6), []).append(y)
    bounds = [n * k / parts for k in range(parts + 1)]
    out = [[0.0, 0.0] for _ in range(parts)]
    pos = 0
    for score in sorted(ties, reverse=True):
        group = ties[score]
        a, b = pos, pos + len(group)
        rate = sum(group) / len(group)
        for k in range(parts):
            overlap = max(0.0, min(b, bounds[k + 1]) - max(a, bounds[k]))
            out[k][0] += overlap
            out[k][1] += overlap * rate
        pos = b
    return [(c, r) for c, r in out]


def auc(scores: list[float], labels: list[bool]) -> float | None:
    pos = [s for s, y in zip(scores, labels) if y]
    neg = [s for s, y in zip(scores, labels) if not y]
    if not pos or not neg:
        return None
    wins = sum((p > q) + 0.5 * (p == q) for p in pos for q in neg)
    return wins / (len(pos) * len(neg))


def brier(scores: list[float], labels: list[bool]) -> float:
    return sum((s - y) ** 2 for s, y in zip(scores, labels)) / max(len(scores), 1)


def reliability(scores: list[float], labels: list[bool], width: float = BIN_WIDTH) -> list[dict]:
    nbins = round(1 / width)
    rows = []
    for k in range(nbins):
        lo, hi = k * width, (k + 1) * width
        members = [(s, y) for s, y in zip(scores, labels)
                   if (lo <= round(s, 6) < hi) or (k == nbins - 1 and round(s, 6) == 1.0)]
        if members:
            rows.append({"bin": f"{lo:.1f}-{hi:.1f}", "n": len(members),
                         "mean_predicted": sum(s for s, _ in members) / len(members),
                         "right": sum(y for _, y in members),
                         "observed": sum(y for _, y in members) / len(members)})
    return rows


def threshold_table(scores: list[float], labels: list[bool]) -> list[dict]:
    """For each cut c: precision of the events at >= c and of those below."""
    rows = []
    for c in [round(0.1 * k, 1) for k in range(1, 10)]:
        above = [y for s, y in zip(scores, labels) if round(s, 2) >= c]
        below = [y for s, y in zip(scores, labels) if round(s, 2) < c]
        if above and below:
            rows.append({"c": c, "n_above": len(above), "p_above": sum(above) / len(above),
                         "n_below": len(below), "p_below": sum(below) / len(below)})
    return rows


def summary(scores: list[float], labels: list[bool]) -> dict:
    thirds = ranked_groups(scores, labels, 3)
    halves = ranked_groups(scores, labels, 2)
    a = auc(scores, labels)
    return {
        "n": len(scores), "right": sum(labels),
        "terciles": [{"n": round(c, 1), "right": round(r, 1), "precision": round(r / c, 3) if c else None}
                     for c, r in thirds],
        "halves": [{"n": round(c, 1), "right": round(r, 1), "precision": round(r / c, 3) if c else None}
                   for c, r in halves],
        "auc": None if a is None else round(a, 3),
        "brier": round(brier(scores, labels), 4),
        "log_loss": round(log_loss(scores, labels), 4),
    }


def ordered(terciles: list[dict]) -> bool:
    p = [t["precision"] for t in terciles]
    return all(x is not None for x in p) and all(p[i] >= p[i + 1] for i in range(len(p) - 1))


# ------------------------------------------------------------------ the sets not fitted

def seed_samples(nlp, shared: Path, model: ConfidenceModel) -> list[Sample]:
    case = shared / "cases" / "seed"
    if not (case / "gold.json").exists():
        return []
    samples, _ = label_case(run_case(nlp, case), model)
    return samples


def gsr_samples(nlp, shared: Path, model: ConfidenceModel) -> list[Sample]:
    """PLOVER gold-standard records fed as a user would (``id, text``, no title): a realised
    event is right when its type is the record's (sentence-level) type."""
    from newsgraph.eval.plover import read_gsr, run, single_text_article

    path = shared / "data" / "plover" / "PLOVER_GSR_CAMEO.txt"
    if not path.exists():
        return []
    out, failed = [], []
    for rec in read_gsr(path):
        try:
            doc = run(nlp, single_text_article(rec.text))
        except Exception as exc:  # a check, not the fit: report the record and go on
            failed.append(f"{rec.id}: {type(exc).__name__}: {exc}")
            continue
        for event in doc._.ng_events or []:
            if event.negated or event.hypothetical:
                continue
            out.append(Sample(rec.id, 1, event.type, event.trigger_text, event_features(event, doc, model),
                              float(event.confidence), event.type in rec.gold))
    if failed:
        print(f"PLOVER GSR: the pipeline failed on {len(failed)} records, left out (first: {failed[0]})",
              file=sys.stderr)
    return out


# ------------------------------------------------------------------ report

def _p(x) -> str:
    return "-" if x is None else f"{x:.2f}"


def _thirds_row(name: str, summ: dict) -> str:
    cells = [f"{_p(t['precision'])} ({t['right']:g}/{t['n']:g})" for t in summ["terciles"]]
    return f"| {name} | " + " | ".join(cells) + f" | {'yes' if ordered(summ['terciles']) else 'no'} | " \
        f"{_p(summ['auc'])} | {summ['brier']:.3f} |"


def _halves_row(name: str, summ: dict) -> str:
    top, bottom = summ["halves"]
    return (f"| {name} | {summ['n']} | {_p(top['precision'])} ({top['right']:g}/{top['n']:g}) | "
            f"{_p(bottom['precision'])} ({bottom['right']:g}/{bottom['n']:g}) | {_p(summ['auc'])} |")


def _reliability_md(rows: list[dict]) -> list[str]:
    out = ["| bin | events | mean predicted | right | observed |", "|---|---:|---:|---:|---:|"]
    out += [f"| {r['bin']} | {r['n']} | {r['mean_predicted']:.2f} | {r['right']} | {r['observed']:.2f} |"
            for r in rows]
    return out


def _threshold_md(rows: list[dict]) -> list[str]:
    out = ["| c | events >= c | precision >= c | events < c | precision < c |", "|---:|---:|---:|---:|---:|"]
    out += [f"| {r['c']:.1f} | {r['n_above']} | {r['p_above']:.2f} | {r['n_below']} | {r['p_below']:.2f} |"
            for r in rows]
    return out


def _config_name(spec: str, C: float | None) -> str:
    return spec if C is None else f"{spec} C={C:g}"


def _configs_md(rows: list[dict], chosen: tuple[str, float]) -> list[str]:
    out = ["| model | C | log-loss | AUC | Brier | top / middle / bottom third | ordered | AUC, level fixed |",
           "|---|---:|---:|---:|---:|---|---|---:|"]
    for r in rows:
        summ = r["summary"]
        thirds = " / ".join(_p(t["precision"]) for t in summ["terciles"])
        mark = " (kept)" if (r["spec"], r["C"]) == chosen else ""
        c = "-" if r["C"] is None else f"{r['C']:g}"
        out.append(f"| {r['spec']}{mark} | {c} | {summ['log_loss']:.3f} | {_p(summ['auc'])} | "
                   f"{summ['brier']:.3f} | {thirds} | {'yes' if ordered(summ['terciles']) else 'no'} | "
                   f"{_p(r['fixed_level']['auc'])} |")
    return out


def report(result: dict) -> str:
    fit_info, cv = result["fit"], result["cv"]
    lines = [
        f"Fitted {fit_info['date']} with `{fit_info['command']}` ({fit_info['library']}).",
        "",
        f"- real-dev: {fit_info['articles']} articles, {fit_info['events']} realised predicted events labelled "
        f"({fit_info['right']} right, {fit_info['wrong']} wrong); left out: {fit_info['optional_only']} matching "
        f"only optional gold, {fit_info['modal']} negated or hypothetical. Wrong events per article "
        f"(of the {fit_info['articles_with_events']} articles with labelled events): "
        f"{', '.join(str(n) for n in fit_info['wrong_by_article'])}.",
        f"- Model: logistic regression, L2; candidates {', '.join(SPECS)} (see docs/confidence.md) x C in "
        f"{', '.join(f'{c:g}' for c in C_GRID)}; kept: **{_config_name(fit_info['spec'], fit_info['C'])}** "
        f"({fit_info['chosen_by']}). Features that take one value on real-dev get no weight and are left out "
        f"of the JSON: {', '.join(fit_info['constant']) or 'none'}.",
        "",
        "### Features and coefficients (final model, fitted on all of real-dev)",
        "",
        "| feature | coefficient |", "|---|---:|",
        *[f"| {f} | {w:+.3f} |" for f, w in result["coefficients"].items()],
        f"| (intercept) | {result['intercept']:+.3f} |",
        "",
        "### Leave-one-article-out on real-dev",
        "",
        "Each article's events are predicted by a model fitted on the other articles, the candidate model "
        "and C chosen on those other articles alone by their own leave-one-article-out (nested), so nothing "
        f"of an article is seen before its events are predicted (choices: "
        f"{', '.join(f'{k}: {v}' for k, v in cv['nested_choices'].items())}).",
        "",
        "Precision of the top / middle / bottom third of events by confidence (events tied on a "
        "score across a boundary are shared out in proportion, as random tie-breaking would on average):",
        "",
        "| confidence | top third | middle third | bottom third | top >= middle >= bottom | AUC | Brier |",
        "|---|---|---|---|---|---:|---:|",
        _thirds_row("new (calibrated, cross-validated)", cv["new"]),
        _thirds_row("new, level fixed (diagnostic)", cv["new_fixed_level"]),
        _thirds_row("base rate alone (cross-validated)", cv["base_rate"]),
        _thirds_row("old (hand formula)", cv["old"]),
        "",
        f"Log-loss (lower is better): new {cv['new']['log_loss']:.3f}, old {cv['old']['log_loss']:.3f}, "
        f"the base rate alone (cross-validated) {cv['base_rate']['log_loss']:.3f}. \"Level fixed\" shifts each "
        "fold to the pooled base rate: leaving an article out moves the training rate against that article's "
        "own rate, which on its own ranks the articles backwards (see the base rate's row, which carries no "
        "information about any event); the shift removes that swing and leaks only the pooled rate.",
        "",
        "Reliability, new (cross-validated probabilities):",
        "",
        *_reliability_md(cv["reliability_new"]),
        "",
        "Reliability, old (the coder's confidences):",
        "",
        *_reliability_md(cv["reliability_old"]),
        "",
        "Events at confidence >= c against those below, new (cross-validated):",
        "",
        *_threshold_md(cv["thresholds_new"]),
        "",
        "The same, old:",
        "",
        *_threshold_md(cv["thresholds_old"]),
        "",
        "Every candidate, leave-one-article-out (not nested: these figures are what the choice was made on, "
        "so the kept one's are optimistic):",
        "",
        *_configs_md(cv["configs"], (fit_info["spec"], fit_info["C"])),
        "",
        "### Sets not used for fitting (final model)",
        "",
        "| set | events | top half precision | bottom half precision | AUC |",
        "|---|---:|---|---|---:|",
    ]
    for key, summ in result["unfitted"].items():
        lines.append(_halves_row(f"{UNFITTED[key]}, new", summ["new"]))
        lines.append(_halves_row(f"{UNFITTED[key]}, old", summ["old"]))
    lines += ["", "Terciles on the sets not fitted:", "",
              "| confidence | top third | middle third | bottom third | top >= middle >= bottom | AUC | Brier |",
              "|---|---|---|---|---|---:|---:|"]
    for key, summ in result["unfitted"].items():
        lines.append(_thirds_row(f"{UNFITTED[key]}, new", summ["new"]))
        lines.append(_thirds_row(f"{UNFITTED[key]}, old", summ["old"]))
    for key, summ in result["unfitted"].items():
        if summ["new"]["right"] in (0, summ["new"]["n"]):
            lines += ["", f"{UNFITTED[key]}: all {summ['new']['n']} events are {'right' if summ['new']['right'] else 'wrong'}, "
                          "so it cannot test the ranking."]
    return "\n".join(lines) + "\n"


def write_docs(path: Path, text: str) -> bool:
    if not path.exists():
        return False
    doc = path.read_text("utf-8")
    if BEGIN not in doc or END not in doc:
        return False
    head, rest = doc.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    path.write_text(f"{head}{BEGIN}\n{text}{END}{tail}", "utf-8")
    return True


# ------------------------------------------------------------------ main

def needs_recipient_list(path: Path) -> list[str]:
    """The list kept in the JSON (it is data, edited there); the first value only when none exists."""
    try:
        raw = json.loads(path.read_text("utf-8"))
        value = raw.get("needs_recipient")
        if isinstance(value, list) and all(isinstance(t, str) for t in value):
            return value
    except (OSError, ValueError):
        pass
    return list(NEEDS_RECIPIENT)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", help="the shared folder (default: ../shared beside the repo, or $NEWSGRAPH_SHARED)")
    parser.add_argument("--out", type=Path, default=CONFIDENCE_FILE, help="the model JSON to write")
    parser.add_argument("--docs", type=Path, default=DOCS_FILE, help="the doc whose results section is rewritten")
    parser.add_argument("--dry-run", action="store_true", help="print the results, write nothing")
    parser.add_argument("--list", action="store_true", help="also print every labelled real-dev event")
    parser.add_argument("--spec", choices=list(SPECS), help="fit this candidate model instead of choosing one")
    parser.add_argument("--C", type=float, help="with --spec: the L2 strength (default 1.0)")
    parser.add_argument("--no-unfitted", action="store_true", help="skip the seed and PLOVER GSR checks")
    args = parser.parse_args(argv)

    import sklearn

    from newsgraph.nlp.pipeline import cached_nlp

    shared = shared_dir(args.shared)
    needs = needs_recipient_list(args.out)
    probe = ConfidenceModel(FEATURES, tuple(0.0 for _ in FEATURES), 0.0, frozenset(needs))
    nlp = cached_nlp()

    samples: list[Sample] = []
    left = {"modal": 0, "optional_only": 0}
    dirs = case_dirs(shared / "cases" / "real-dev")
    for d in dirs:
        got, counts = label_case(run_case(nlp, d), probe)
        samples += got
        for k in left:
            left[k] += counts[k]
    if len({s.right for s in samples}) < 2:
        print("real-dev gives events of one class only: nothing to fit", file=sys.stderr)
        return 1
    print(f"real-dev: {len(dirs)} articles, {len(samples)} events ({sum(s.right for s in samples)} right)",
          file=sys.stderr)

    labels = [s.right for s in samples]
    folds = Folds(samples)
    chosen, cv_probs = folds.nested()
    for s, p in zip(samples, cv_probs):
        s.cv = p
    _, cv_fixed = folds.nested(fixed_level=True)
    spec, C = (args.spec, args.C) if args.spec else folds.choose()
    if args.spec and SPECS[spec] != ((), False):
        C = C if C is not None else 1.0
    features = spec_features(samples, spec)
    coefs, intercept = fit(samples, features, C)
    coefficients = {f: round(w, 4) for f, w in zip(features, coefs)}
    final = ConfidenceModel(tuple(features), tuple(coefficients[f] for f in features), round(intercept, 4),
                            frozenset(needs))
    base = [_sigmoid(_rate_logit([t for t in samples if t.group != s.group])) for s in samples]

    cv_new, old = [s.cv for s in samples], [s.old for s in samples]
    result = {
        "fit": {"date": dt.date.today().isoformat(), "command": COMMAND,
                "library": f"scikit-learn {sklearn.__version__} LogisticRegression (L2, newton-cholesky)",
                "articles": len(dirs), "articles_with_events": len(folds.groups), "events": len(samples),
                "right": sum(labels), "wrong": len(labels) - sum(labels),
                "wrong_by_article": sorted((sum(not s.right for s in samples if s.group == g) for g in folds.groups),
                                           reverse=True),
                "optional_only": left["optional_only"], "modal": left["modal"],
                "spec": spec, "C": C, "chosen_by": "given on the command line" if args.spec else
                "lowest leave-one-article-out log-loss on real-dev",
                "constant": [f for f in SPECS[spec][0] if f not in features]},
        "coefficients": coefficients, "intercept": round(intercept, 4),
        "cv": {"new": summary(cv_new, labels), "old": summary(old, labels), "base_rate": summary(base, labels),
               "new_fixed_level": summary(cv_fixed, labels),
               "reliability_new": reliability(cv_new, labels), "reliability_old": reliability(old, labels),
               "thresholds_new": threshold_table(cv_new, labels), "thresholds_old": threshold_table(old, labels),
               "nested_choices": {_config_name(sp, c): sum(1 for v in chosen.values() if v == (sp, c))
                                  for sp, c in sorted(set(chosen.values()), key=str)},
               "configs": [{"spec": sp, "C": c, "summary": summary(folds.loao(sp, c), labels),
                            "fixed_level": summary(folds.loao(sp, c, fixed_level=True), labels)}
                           for sp, c in configs()]},
        "unfitted": {},
    }
    if not args.no_unfitted:
        for key, collect in (("seed", seed_samples), ("gsr", gsr_samples)):
            got = collect(nlp, shared, probe)
            if not got:
                continue
            for s in got:
                s.new = final.probability(s.features)
            ys = [s.right for s in got]
            result["unfitted"][key] = {"new": summary([s.new for s in got], ys),
                                       "old": summary([s.old for s in got], ys)}

    text = report(result)
    print(text)
    if args.list:
        for s in sorted(samples, key=lambda s: -s.cv):
            print(f"{s.cv:.2f} old {s.old:.2f} {'RIGHT' if s.right else 'wrong'} {s.group}:{s.line} "
                  f"{s.type} {s.trigger!r}")
    if args.dry_run:
        return 0

    payload = {
        "version": 1,
        "model": "logistic",
        "about": "P(event right: type on the right line) = 1 / (1 + exp(-(intercept + sum(coefficient * feature)))); "
                 "features: newsgraph.nlp.plover.confidence.event_features; see docs/confidence.md",
        "features": features,
        "coefficients": coefficients,
        "intercept": round(intercept, 4),
        "needs_recipient": needs,
        "fit": result["fit"],
        "evaluation": {"cv_new": result["cv"]["new"], "cv_old": result["cv"]["old"],
                       **{f"{k}_new": v["new"] for k, v in result["unfitted"].items()},
                       **{f"{k}_old": v["old"] for k, v in result["unfitted"].items()}},
    }
    args.out.write_text(json.dumps(payload, indent=2) + "\n", "utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    if write_docs(args.docs, text):
        print(f"wrote the results section of {args.docs}", file=sys.stderr)
    else:
        print(f"{args.docs}: no '{BEGIN}' ... '{END}' section; results not written there", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

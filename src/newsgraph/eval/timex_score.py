"""Score time expressions the TempEval-3 way, with our own code, and run the evaluations.

Extraction is scored strictly (same offsets) and relaxed (overlap, one to one).
Attribute scores count a relaxed match only when the attribute is also right,
so value F1 is the share of expressions found *and* normalised correctly.
Runners: :func:`evaluate_te3`, :func:`evaluate_aquaint`, :func:`evaluate_meantime`, :func:`evaluate_seed`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.eval.matching import precision_recall_f1
from newsgraph.eval.matching import pick_one_to_one
from newsgraph.eval.paths import shared_dir
from newsgraph.eval.seed import line_of as seed_line_of
from newsgraph.eval.seed import load_gold, load_case_article
from newsgraph.model import Article, Paragraph


@dataclass
class EvalDoc:
    """One document to score: its text, creation time, paragraphs and gold spans."""

    doc_id: str
    text: str
    dct: str | None
    gold: list  # objects with start, end, type, value
    paragraphs: list[Paragraph] = field(default_factory=list)
    #: Only predictions inside [0, scope_end) are scored (MEANTIME annotates the first sentences).
    scope_end: int | None = None
    #: Spans whose gold is unusable (no type/value): predictions overlapping them are not scored.
    ignore: list[tuple[int, int]] = field(default_factory=list)

    def in_scope(self, item) -> bool:
        if self.scope_end is not None and item.start >= self.scope_end:
            return False
        return not any(item.start < e and s < item.end for s, e in self.ignore)


def _prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p, r, f = precision_recall_f1(tp, n_pred, n_gold)
    return {"p": p, "r": r, "f1": f, "tp": tp}


def align(gold: list, pred: list) -> list[tuple[object, object]]:
    """One-to-one pairs of overlapping gold/predicted spans, largest overlap first."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap > 0:
                candidates.append((-overlap, gi, pi))
    candidates.sort()
    return [(gold[gi], pred[pi]) for gi, pi in pick_one_to_one(candidates)]


def score_pairs(docs: Iterable[tuple[str, list, list]], keep_errors: bool = True) -> dict:
    """Scores over (doc_id, gold, predicted) triples; ``errors`` lists what went wrong."""
    n_gold = n_pred = strict = relaxed = type_ok = value_ok = 0
    errors = []
    for doc_id, gold, pred in docs:
        n_gold += len(gold)
        n_pred += len(pred)
        pairs = align(gold, pred)
        matched_g = {id(g) for g, _ in pairs}
        matched_p = {id(p) for _, p in pairs}
        for g, p in pairs:
            relaxed += 1
            strict += (g.start, g.end) == (p.start, p.end)
            type_ok += g.type == p.type
            value_ok += g.value == p.value
            if keep_errors and (g.value != p.value or g.type != p.type):
                errors.append({"doc": doc_id, "kind": "value", "gold": [g.text, g.type, g.value],
                               "pred": [p.text, p.type, p.value]})
        if keep_errors:
            errors += [{"doc": doc_id, "kind": "missed", "gold": [g.text, g.type, g.value]}
                       for g in gold if id(g) not in matched_g]
            errors += [{"doc": doc_id, "kind": "spurious", "pred": [p.text, p.type, p.value]}
                       for p in pred if id(p) not in matched_p]
    result = {
        "gold": n_gold,
        "predicted": n_pred,
        "strict": _prf(strict, n_pred, n_gold),
        "relaxed": _prf(relaxed, n_pred, n_gold),
        "type": _prf(type_ok, n_pred, n_gold),
        "value": _prf(value_ok, n_pred, n_gold),
        "type_accuracy": round(type_ok / relaxed, 4) if relaxed else 0.0,
        "value_accuracy": round(value_ok / relaxed, 4) if relaxed else 0.0,
    }
    if keep_errors:
        result["errors"] = errors
    return result


def score_timex(gold_docs: list[EvalDoc], predict: Callable[[EvalDoc], list],
                keep_errors: bool = True) -> dict:
    """Run ``predict`` on every document and score it against the gold spans."""
    return score_pairs(((d.doc_id, d.gold, [p for p in predict(d) if d.in_scope(p)])
                        for d in gold_docs), keep_errors)


# --- pipeline glue -----------------------------------------------------------


def pipeline_predictor(nlp=None) -> Callable[[EvalDoc], list]:
    """A predictor running newsgraph's pipeline with the timex component."""
    import newsgraph.nlp.timex  # noqa: F401  (registers the component)
    from newsgraph.nlp.pipeline import build_nlp, make_doc

    if nlp is None:
        nlp = build_nlp(components=["newsgraph_timex"])

    def predict(doc: EvalDoc) -> list:
        paragraphs = doc.paragraphs or line_paragraphs(doc.text)
        article = Article(doc.text, paragraphs, published=doc.dct)
        return nlp(make_doc(nlp, article))._.ng_timexes or []

    return predict


def line_paragraphs(text: str, roles: dict[int, str] | None = None) -> list[Paragraph]:
    """One paragraph per line (0-based line -> role from ``roles``, default body)."""
    paragraphs, pos = [], 0
    for i, line in enumerate(text.split("\n")):
        paragraphs.append(Paragraph(i, pos, pos + len(line), (roles or {}).get(i, "body")))
        pos += len(line) + 1
    return paragraphs


def te3_docs(data_dir: str | Path | None = None) -> list[EvalDoc]:
    from newsgraph.eval.timeml import read_timeml_dir

    directory = Path(data_dir) if data_dir else shared_dir() / "data" / "timeml" / "te3-platinum"
    return [EvalDoc(d.doc_id, d.text, d.dct, d.timexes) for d in read_timeml_dir(directory)]


def meantime_docs(data_dir: str | Path | None = None) -> list[EvalDoc]:
    from newsgraph.eval.meantime import read_cat_dir

    directory = Path(data_dir) if data_dir else shared_dir() / "data" / "meantime-en"
    docs = []
    for d in read_cat_dir(directory):
        roles = {n: "byline" for n in d.creation_time_sentences()}
        roles.setdefault(0, "heading")
        gold = [g for g in d.gold_timexes() if g.type]
        ignore = [(g.start, g.end) for g in d.gold_timexes() if not g.type]
        docs.append(EvalDoc(d.name, d.text, d.dct, gold, line_paragraphs(d.text, roles),
                            scope_end=d.annotated_end(), ignore=ignore))
    return docs


#: AQUAINT files left out: a copy of another story filed under a wrong date.
AQUAINT_SKIP = frozenset({"APW20000115.0209.tml"})


def aquaint_docs(data_dir: str | Path | None = None) -> list[EvalDoc]:
    """AQUAINT (TimeML like TE3), without the files in :data:`AQUAINT_SKIP`."""
    from newsgraph.eval.timeml import read_timeml

    directory = Path(data_dir) if data_dir else shared_dir() / "data" / "timeml" / "aquaint"
    paths = sorted(p for p in directory.rglob("*.tml") if p.name not in AQUAINT_SKIP)
    return [EvalDoc(d.doc_id, d.text, d.dct, d.timexes) for d in map(read_timeml, paths)]


def evaluate_te3(data_dir: str | Path | None = None, nlp=None, keep_errors: bool = False) -> dict:
    """TempEval-3 Platinum: report only, never tune on it."""
    return score_timex(te3_docs(data_dir), pipeline_predictor(nlp), keep_errors)


def evaluate_aquaint(data_dir: str | Path | None = None, nlp=None, keep_errors: bool = False) -> dict:
    """AQUAINT TimeML news: the tuning set for time in narrative."""
    return score_timex(aquaint_docs(data_dir), pipeline_predictor(nlp), keep_errors)


def evaluate_meantime(data_dir: str | Path | None = None, nlp=None, keep_errors: bool = False) -> dict:
    return score_timex(meantime_docs(data_dir), pipeline_predictor(nlp), keep_errors)


# --- the seed case -----------------------------------------------------------


def evaluate_seed(case_dir: str | Path | None = None, nlp=None) -> dict:
    """Gold time expressions of the seed found with their value, by line and text."""
    case_dir = Path(case_dir) if case_dir else shared_dir() / "cases" / "seed"
    article, gold = load_case_article(case_dir), load_gold(case_dir)
    predict = pipeline_predictor(nlp)
    found = predict(EvalDoc("seed", article.text, article.published, [], article.paragraphs))
    line_of = seed_line_of(article, case_dir)

    def norm(s: str) -> str:
        return re.sub(r"\s+", " ", s).strip().lower()

    predicted = [(line_of(t.start), norm(t.text), t.type, t.value) for t in found]
    not_body = set(gold.get("document", {}).get("not_body_lines", []))
    matched, missed, wrong = 0, [], []
    used = set()
    required = [g for g in gold.get("timexes", []) if not g.get("optional")]
    optional = [g for g in gold.get("timexes", []) if g.get("optional")]
    for g in required + optional:
        hit = next((i for i, p in enumerate(predicted) if i not in used and p[0] == g["line"]
                    and (norm(g["text"]) in p[1] or p[1] in norm(g["text"]))), None)
        if hit is None:
            if not g.get("optional"):
                missed.append(g)
            continue
        used.add(hit)
        if g.get("optional"):
            continue
        if predicted[hit][3] == g["value"]:
            matched += 1
        else:
            wrong.append({"gold": g, "pred": predicted[hit]})
    extra = [p for i, p in enumerate(predicted) if i not in used]
    return {
        "required": len(required),
        "found_with_value": matched,
        "missed": missed,
        "wrong_value": wrong,
        "extra": extra,
        "from_non_body_lines": [p for p in predicted if p[0] in not_body],
    }

"""HTML main-text quality on the article-extraction benchmark (4-word shingles).

Scored like the benchmark's own evaluation: per page, true/false positive and false
negative shingle counts are normalised to sum to 1 (so long pages weigh no more than
short ones), summed over pages, then precision, recall and F1 are computed. What is
compared with the gold ``articleBody`` is the text of our body and heading
paragraphs, without the headline (the gold body excludes it; we keep it as
paragraph 0 only because later stages analyse it).
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from pathlib import Path

from newsgraph.errors import BadInput, NewsgraphError
from newsgraph.eval.paths import shared_dir
from newsgraph.ingest.base import RawDocument
from newsgraph.ingest.normalize import normalize
from newsgraph.model import EXTRACTABLE_ROLES

_TOKEN = re.compile(r"\w+")
SHINGLE = 4


def default_data_dir() -> Path:
    return shared_dir() / "data" / "article-extraction"


def shingles(text: str, n: int = SHINGLE) -> Counter:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i:i + n])


def shingle_match(gold: str, predicted: str) -> tuple[float, float, float]:
    """(tp, fp, fn) shares for one page, normalised to sum to 1 (all 0 when both are empty)."""
    want, got = shingles(gold), shingles(predicted)
    tp = sum((want & got).values())
    fp = sum((got - want).values())
    fn = sum((want - got).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def extracted_body(html: bytes, source: str = "page") -> str:
    """The text newsgraph would analyse from a page: body and heading paragraphs, headline excluded."""
    try:
        article = normalize(RawDocument(source, html, {"format": "html"}))
    except BadInput:
        return ""
    keep = []
    for p in article.paragraphs:
        if p.role not in EXTRACTABLE_ROLES:
            continue
        if p.idx == 0 and article.title and article.text[p.start:p.end] == article.title:
            continue
        keep.append(article.text[p.start:p.end])
    return "\n".join(keep)


def score_extraction(data_dir: str | Path | None = None) -> dict:
    """Precision, recall, F1 (and n pages) of our HTML main text against the benchmark gold."""
    data_dir = Path(data_dir) if data_dir else default_data_dir()
    truth_path = data_dir / "ground-truth.json"
    if not truth_path.exists():
        raise NewsgraphError(f"article-extraction data not found: {truth_path} is missing")
    truth = json.loads(truth_path.read_text("utf-8"))
    tp = fp = fn = 0.0
    n = 0
    for key in sorted(truth):
        page = data_dir / "html" / f"{key}.html.gz"
        if not page.exists():
            continue
        a, b, c = shingle_match(truth[key].get("articleBody", ""), extracted_body(gzip.open(page).read(), str(page)))
        tp, fp, fn, n = tp + a, fp + b, fn + c, n + 1
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4), "n": n}

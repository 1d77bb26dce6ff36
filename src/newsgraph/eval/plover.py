"""Event-coding evaluation: readers and scorers for the seed, PLOVER GSR, PETRARCH2, CASE 2021.

Data is read by path from the shared folder (``../shared`` beside the repo, or
``--data`` / ``NEWSGRAPH_SHARED``); nothing from it is copied into the repo.
Sentence-level sets are scored on event type: a sentence's predicted type is
that of its main realised event (the trigger highest in the parse, then the
most confident). Each record is fed as a user would feed it: a JSONL line
``{"id", "text"}`` with no title, read by the JSONL reader and normalised like
any input (:func:`record_article`). The GSR has no dev/test split, so records
are split by a hash of their id: ``dev`` for tuning, ``heldout`` for reporting.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from newsgraph.errors import NewsgraphError
from newsgraph.eval.paths import shared_dir
from newsgraph.eval.seed import analyse
from newsgraph.model import Article
from newsgraph.nlp.plover.patterns import DATA_DIR

GSR_LABELS = {"DEMAND": ("REQUEST", None), "FIGHT": ("ASSAULT", None),
              "DISAPPROVE": ("ACCUSE", "disapprove"), "INVESTIGATE": ("ACCUSE", "investigate")}


@dataclass
class LabelledText:
    id: str
    text: str
    gold: tuple[str, ...]  # accepted PLOVER types; the first is the one scored per class
    split: str = "all"


def run(nlp, article: Article):
    """``article`` analysed as ``newsgraph ingest`` would (see :func:`newsgraph.eval.seed.analyse`)."""
    return analyse(nlp, article)


def record_article(record_id: str, text: str, published: str | None = None) -> Article | None:
    """The Article ``newsgraph ingest`` makes of the JSONL line ``{"id": ..., "text": ...}``
    (no title: the whole text is body), or None when the reader refuses it."""
    from newsgraph.ingest import IngestError, iter_articles

    obj = {"id": record_id, "text": text}
    if published:
        obj["published"] = published
    line = json.dumps(obj, ensure_ascii=False).encode("utf-8") + b"\n"
    items = [i for i in iter_articles(["-"], stdin=io.BytesIO(line)) if not isinstance(i, IngestError)]
    return items[0] if items else None


def single_text_article(text: str, published: str | None = None) -> Article:
    """One text read as an untitled JSONL record (see :func:`record_article`)."""
    article = record_article("text", text, published)
    if article is None:
        raise NewsgraphError(f"the JSONL reader refuses this text: {text[:60]!r}")
    return article


# ---------------------------------------------------------------- sentence-level sets
def gsr_split(record_id: str) -> str:
    return "dev" if int(hashlib.sha1(record_id.encode()).hexdigest(), 16) % 2 == 0 else "heldout"


def read_gsr(path: Path) -> list[LabelledText]:
    records = json.loads(path.read_text("utf-8"))
    out = []
    for rec in records:
        label = rec.get("event")
        if not rec.get("text") or label in (None, "DOCUMENT"):
            continue
        plover = GSR_LABELS.get(label, (label, None))[0]
        out.append(LabelledText(rec["id"], rec["text"], (plover,), gsr_split(rec["id"])))
    return out


def read_cameo_map(path: Path) -> dict[str, str]:
    table = {}
    for line in path.read_text("utf-8").splitlines():
        match = re.match(r"^(\d{2,4}):\s*([A-Z]+)", line)
        if match:
            table[match[1]] = match[2]
    return table


def cameo_to_plover(code: str, table: dict[str, str]) -> str | None:
    for length in (len(code), 3, 2):
        if code[:length] in table and length <= len(code):
            return table[code[:length]]
    return None


def read_petrarch(path: Path, table: dict[str, str]) -> tuple[list[LabelledText], int]:
    """Records with at least one CAMEO code the 2021 table maps; returns (records, skipped)."""
    root = ET.fromstring(path.read_text("utf-8"))
    out, skipped = [], 0
    for sent in root.iter("Sentence"):
        codes = [c.get("eventcode") for c in sent.iter("EventCoding") if c.get("eventcode")]
        text = " ".join((sent.findtext("Text") or "").split())
        types = tuple(dict.fromkeys(t for c in codes if (t := cameo_to_plover(c, table))))
        if not text or not types:
            skipped += 1
            continue
        out.append(LabelledText(sent.get("id", ""), text, types))
    return out, skipped


def read_case2021(path: Path, mapping: dict) -> tuple[list[LabelledText], Counter]:
    """Snippets whose ACLED-style subtype maps to PLOVER; the rest counted by subtype."""
    out, unmapped = [], Counter()
    for i, line in enumerate(path.read_text("utf-8").splitlines()):
        parts = line.split("\t")
        if i == 0 or len(parts) < 3:
            continue
        entry = mapping.get(parts[2].strip())
        if not entry or not entry.get("accept"):
            unmapped[parts[2].strip()] += 1
            continue
        out.append(LabelledText(parts[0], parts[1], tuple(entry["accept"])))
    return out, unmapped


def load_case_mapping() -> dict:
    return yaml.safe_load((DATA_DIR / "acled2plover.yaml").read_text("utf-8"))["subtypes"]


def main_event_type(doc) -> str | None:
    realised = [e for e in doc._.ng_events or [] if not e.negated]
    if not realised:
        return None

    def depth(event) -> int:
        span = doc.char_span(event.trigger_start, event.trigger_end, alignment_mode="expand")
        tok, d = span.root, 0
        while tok.head.i != tok.i:
            tok, d = tok.head, d + 1
        return d

    return min(realised, key=lambda e: (e.hypothetical, depth(e), -e.confidence, e.trigger_start)).type


def score_types(pairs: list[tuple[tuple[str, ...], str | None]]) -> dict:
    """Macro F1 over gold classes and accuracy; a prediction in the accepted set is correct."""
    tp, fp, fn = Counter(), Counter(), Counter()
    correct = 0
    for gold, pred in pairs:
        if pred is not None and pred in gold:
            tp[gold[0]] += 1
            correct += 1
        else:
            fn[gold[0]] += 1
            if pred is not None:
                fp[pred] += 1
    per_type = {}
    for label in sorted({g[0] for g, _ in pairs}):
        p = tp[label] / (tp[label] + fp[label]) if tp[label] + fp[label] else 0.0
        r = tp[label] / (tp[label] + fn[label]) if tp[label] + fn[label] else 0.0
        per_type[label] = {"f1": round(2 * p * r / (p + r), 3) if p + r else 0.0, "n": tp[label] + fn[label]}
    macro = sum(v["f1"] for v in per_type.values()) / len(per_type) if per_type else 0.0
    coverage = sum(1 for _, pred in pairs if pred is not None)
    return {"n": len(pairs), "macro_f1": round(macro, 3), "accuracy": round(correct / len(pairs), 3) if pairs else 0.0,
            "coverage": round(coverage / len(pairs), 3) if pairs else 0.0, "per_type": per_type}


def label_texts(nlp, records: list[LabelledText]) -> list[tuple[tuple[str, ...], str | None]]:
    pairs = []
    for rec in records:
        article = record_article(rec.id, rec.text)
        pairs.append((rec.gold, main_event_type(run(nlp, article)) if article is not None else None))
    return pairs


def evaluate_gsr(nlp, data: str | None = None) -> dict:
    records = read_gsr(shared_dir(data) / "data/plover/PLOVER_GSR_CAMEO.txt")
    pairs = label_texts(nlp, records)
    result = {"full": score_types(pairs)}
    for split in ("dev", "heldout"):
        result[split] = score_types([p for p, r in zip(pairs, records) if r.split == split])
    return result


def evaluate_petrarch(nlp, data: str | None = None) -> dict:
    base = shared_dir(data) / "data"
    records, skipped = read_petrarch(base / "petrarch2/PETR.UnitTest.records.xml",
                                     read_cameo_map(base / "plover/CAMEO2PLOVER-2021.txt"))
    result = score_types(label_texts(nlp, records))
    result["skipped_unmapped_or_no_event"] = skipped
    return result


def evaluate_case2021(nlp, data: str | None = None) -> dict:
    records, unmapped = read_case2021(shared_dir(data) / "data/case2021-task2/test_set_final_release_with_labels.tsv",
                                      load_case_mapping())
    result = score_types(label_texts(nlp, records))
    result["skipped_no_plover_type"] = sum(unmapped.values())
    return result


def evaluate_events(nlp, data: str | None = None, sets=("seed", "gsr", "petrarch2", "case2021")) -> dict:
    """Everything ``newsgraph eval events`` reports, keyed by set."""
    from newsgraph.eval.plover_seed import evaluate_seed
    runners = {"seed": evaluate_seed, "gsr": evaluate_gsr, "petrarch2": evaluate_petrarch,
               "case2021": evaluate_case2021}
    return {name: runners[name](nlp, data) for name in sets}

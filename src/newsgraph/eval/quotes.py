"""Score quote extraction on PolNeAR (BRAT) and on the seed case.

PolNeAR matching: a predicted quote matches a gold attribution when its
content span covers at least ``threshold`` (0.5 and 0.8) of the gold content
characters; matching is one-to-one, best coverage first. Speaker accuracy is
measured on matched pairs whose gold attribution has a source. A predicted
speaker is right when

1. its span overlaps the gold source span, or
2. its resolved entity has a mention overlapping the gold source span, or
3. the head word of the gold source (its last word, e.g. "Trump" of "Donald
   Trump" or of "Mr. Trump") is a word of the predicted speaker's name,
   i.e. both refer to the same named person by name.

End-to-end F1 counts a match only when the content covers >= 50% and the
speaker is right (gold attributions without a source need no speaker).
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from newsgraph.eval.brat import Attribution, BratDocument, read_split
from newsgraph.eval.matching import pick_one_to_one, precision_recall_f1
from newsgraph.eval.paths import shared_dir
from newsgraph.model import Article, Entity, Paragraph, Quote

THRESHOLDS = (0.5, 0.8)
PRONOUN_WORDS = {"he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us", "who", "which"}


def default_data_dir() -> Path:
    return shared_dir() / "data" / "polnear"


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def coverage(gold: Attribution, pred: Quote) -> float:
    """Share of the gold content characters the predicted content covers."""
    total = sum(e - s for s, e in gold.content) or 1
    return sum(_overlap((s, e), (pred.start, pred.end)) for s, e in gold.content) / total


def match(gold: list[Attribution], pred: list[Quote], threshold: float) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index), best coverage first."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            cov = coverage(g, p)
            if cov >= threshold:
                tightness = cov * sum(e - s for s, e in g.content) / max(1, p.end - p.start)
                pairs.append((cov + tightness, gi, pi))
    pairs.sort(reverse=True)
    return pick_one_to_one(pairs)


def _words(text: str | None) -> set[str]:
    return {w.strip(".,’'\"“”").lower() for w in (text or "").split()} - {""}


def speaker_correct(text: str, gold: Attribution, pred: Quote, entities: list[Entity]) -> bool | None:
    """None when the gold has no source; else whether the speaker is right (see module doc)."""
    if not gold.source:
        return None
    sp = pred.speaker
    if sp is None:
        return False
    if sp.start is not None and any(_overlap((sp.start, sp.end), s) for s in gold.source):
        return True
    if sp.entity_id:
        for ent in entities:
            if ent.id == sp.entity_id and any(_overlap((m.start, m.end), s)
                                              for m in ent.mentions for s in gold.source):
                return True
    gold_words = text[gold.source[-1][0]:gold.source[-1][1]].split()
    head = gold_words[-1].strip(".,’'\"“”").lower() if gold_words else ""
    return bool(head) and head not in PRONOUN_WORDS and head in _words(sp.name)


def score(documents: Iterable[tuple[BratDocument, list[Quote], list[Entity]]]) -> dict:
    """Aggregate precision/recall/F1 at each threshold, speaker accuracy, end-to-end F1."""
    n_gold = n_pred = 0
    matched = {t: 0 for t in THRESHOLDS}
    spk_right = spk_total = e2e = 0
    for bdoc, quotes, entities in documents:
        n_gold += len(bdoc.attributions)
        n_pred += len(quotes)
        for t in THRESHOLDS:
            pairs = match(bdoc.attributions, quotes, t)
            matched[t] += len(pairs)
            if t == 0.5:
                for gi, pi in pairs:
                    ok = speaker_correct(bdoc.text, bdoc.attributions[gi], quotes[pi], entities)
                    if ok is not None:
                        spk_total += 1
                        spk_right += ok
                    e2e += ok is not False
    result = {"documents": None, "gold": n_gold, "predicted": n_pred}
    for t in THRESHOLDS:
        result[f"@{int(t * 100)}"] = _prf(matched[t], n_pred, n_gold)
    result["speaker_accuracy"] = round(spk_right / spk_total, 4) if spk_total else 0.0
    result["speaker_pairs"] = spk_total
    result["end_to_end"] = _prf(e2e, n_pred, n_gold)
    return result


def _prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p, r, f = precision_recall_f1(tp, n_pred, n_gold)
    return {"matched": tp, "precision": p, "recall": r, "f1": f}


def polnear_article(bdoc: BratDocument) -> Article:
    """PolNeAR text as an Article: one body paragraph per non-empty line, offsets untouched."""
    paras, pos = [], 0
    for line in bdoc.text.split("\n"):
        if line.strip():
            paras.append(Paragraph(len(paras), pos, pos + len(line), "body"))
        pos += len(line) + 1
    return Article(text=bdoc.text, paragraphs=paras, published=bdoc.publication_date,
                   source=bdoc.ann_path)


def evaluate_polnear(data_dir: str | Path | None = None, split: str = "dev", nlp=None,
                     limit: int | None = None) -> dict:
    """Run the pipeline over a PolNeAR split and score it (tune on dev, report test)."""
    from newsgraph.nlp.pipeline import build_nlp, make_doc

    data_dir = Path(data_dir) if data_dir else default_data_dir()
    bdocs = read_split(data_dir, split)[:limit]
    nlp = nlp or build_nlp()

    def runs():
        for bdoc in bdocs:
            doc = nlp(make_doc(nlp, polnear_article(bdoc)))
            from newsgraph.nlp.attribution.speakers import doc_entities
            yield bdoc, doc._.ng_quotes or [], doc_entities(doc)

    result = score(runs())
    result["documents"] = len(bdocs)
    result["split"] = split
    return result


def _norm_words(text: str) -> list[str]:
    table = str.maketrans({c: " " for c in "\"“”‘’',.:;!?()"})
    return text.translate(table).lower().split()


#: Share of the gold content's words a predicted content must hold to agree with it.
CONTENT_AGREEMENT = 0.6


def _content_hits(gold_content: str, pred_content: str) -> tuple[int, int]:
    """(gold content words, with repeats, that are words of the predicted content; gold words)."""
    gold_words = _norm_words(gold_content)
    pred_words = set(_norm_words(pred_content))
    return sum(w in pred_words for w in gold_words), len(gold_words)


def content_share(gold_content: str, pred_content: str) -> float:
    """Share of the gold content's words found in the predicted content (0 for an empty gold)."""
    hits, total = _content_hits(gold_content, pred_content)
    return hits / total if total else 0.0


def content_agrees(gold_content: str, pred_content: str) -> bool:
    """Most (``CONTENT_AGREEMENT``) of the gold content's words appear in the predicted content."""
    hits, total = _content_hits(gold_content, pred_content)
    return bool(total) and hits >= CONTENT_AGREEMENT * total


_content_agrees = content_agrees


def _speaker_agrees(gold_name: str, aliases: dict[str, set[str]], sp) -> bool:
    if sp is None:
        return False
    names = {gold_name.lower()} | aliases.get(gold_name, set())
    said = {(sp.name or "").lower(), (sp.text or "").lower()} - {""}
    return any(n == s or n in s for n in names for s in said)


def evaluate_seed(case_dir: str | Path, nlp=None) -> dict:
    """Seed gold: required quotes found with the right speaker, precision, no quote from non-body lines.

    A predicted quote matches a gold one on the same line when most of the
    gold content's words are in it and the speaker's name (or written text)
    contains the gold speaker or one of its aliases. Unmatched predictions on
    optional gold quotes are ignored; so is the "according to" record of a
    statement whose gold carries that source in ``according_to`` (the
    contract stores the attribution both ways).
    """
    from newsgraph.eval.seed import line_of, load_gold, load_case_article
    from newsgraph.nlp.pipeline import build_nlp, make_doc

    gold = load_gold(case_dir)
    article = load_case_article(case_dir)
    line = line_of(article, case_dir)
    nlp = nlp or build_nlp()
    doc = nlp(make_doc(nlp, article))
    preds = doc._.ng_quotes or []
    aliases = {e["name"]: {a.lower() for a in e.get("aliases", [])} for e in gold.get("entities", [])}
    gquotes = gold.get("quotes", [])
    used: set[int] = set()
    found, misses, false_pos, ignored = [], [], [], 0
    for gi, g in enumerate(gquotes):
        hit = next((pi for pi, p in enumerate(preds) if pi not in used and line(p.start) == g["line"]
                    and _content_agrees(g["content"], p.content)
                    and _speaker_agrees(g["speaker"], aliases, p.speaker)), None)
        if hit is not None:
            used.add(hit)
            found.append(gi)
        elif not g.get("optional"):
            misses.append(g)
    for pi, p in enumerate(preds):
        if pi in used:
            continue
        same_line = [g for g in gquotes if line(p.start) == g["line"]]
        if any(g.get("optional") and _content_agrees(g["content"], p.content) for g in same_line):
            ignored += 1
        elif p.cue == "according to" and any(
                (g.get("according_to") or "").lower() == (p.speaker.name or "").lower()
                and _content_agrees(g["content"], p.content) for g in same_line):
            ignored += 1
        else:
            false_pos.append({"line": line(p.start), "cue": p.cue, "content": p.content[:80],
                              "speaker": p.speaker.name if p.speaker else None})
    required = [g for g in gquotes if not g.get("optional")]
    found_required = sum(1 for gi in found if not gquotes[gi].get("optional"))
    counted = len(preds) - ignored
    bad_lines = set(gold["document"].get("not_body_lines", []))
    return {
        "required": len(required),
        "required_found": found_required,
        "recall": round(found_required / len(required), 4) if required else 1.0,
        "predicted": len(preds),
        "precision": round((counted - len(false_pos)) / counted, 4) if counted else 1.0,
        "from_non_body_lines": sum(1 for p in preds if line(p.start) in bad_lines),
        "missed": [{"line": g["line"], "speaker": g["speaker"], "content": g["content"]} for g in misses],
        "false_positives": false_pos,
    }

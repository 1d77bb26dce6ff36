"""Entity evaluation: the seed gold and MEANTIME English entity annotations.

``evaluate_seed(case_dir)``: every gold entity found (by name or alias) with
its aliases and country, persons' sectors, Kim Jong Un and Kim Jong Il kept
apart, and none of the ``not_entities``.

``evaluate_meantime(data_dir)``: named-mention precision/recall/F1 against
MEANTIME's NAM entity mentions of PER/ORG/LOC entities (exact span and
overlap, untyped and typed), and B-cubed over within-document chains of the
mentions both sides found. MEANTIME annotates only the first sentences of each
article, so predictions after the last annotated sentence are not counted.
"""

from __future__ import annotations

from pathlib import Path

from newsgraph.eval.matching import precision_recall_f1
from newsgraph.eval.seed import load_gold, load_case_article
from newsgraph.model import Article, Entity, Paragraph
from newsgraph.names import normalize_name

_TYPE_MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
_GOLD_TYPES = ("PER", "ORG", "LOC")


def _pipeline(nlp=None):
    if nlp is not None:
        return nlp
    import newsgraph.nlp.entities  # noqa: F401  (registers the component)
    from newsgraph.nlp.pipeline import build_nlp

    return build_nlp(components=["newsgraph_entities"])


def _run(nlp, article: Article) -> list[Entity]:
    from newsgraph.nlp.pipeline import make_doc

    return nlp(make_doc(nlp, article))._.ng_entities or []


# ------------------------------------------------------------------ seed

def _keys(entity: Entity) -> set[str]:
    return {normalize_name(a) for a in [entity.name, *entity.aliases]}


def evaluate_seed(case_dir: str | Path, nlp=None) -> dict:
    case_dir = Path(case_dir)
    gold = load_gold(case_dir)
    entities = _run(_pipeline(nlp), load_case_article(case_dir))
    found = aliases_ok = country_ok = country_total = sector_ok = sector_total = 0
    problems: list[str] = []
    match: dict[str, Entity] = {}
    for g in gold["entities"]:
        key = normalize_name(g["name"])
        cands = [e for e in entities if normalize_name(e.name) == key] or \
                [e for e in entities if key in _keys(e)]
        if not cands:
            problems.append(f"missing: {g['name']}")
            continue
        ent = max(cands, key=lambda e: len(e.mentions))
        match[g["name"]] = ent
        found += 1
        missing = [a for a in g.get("aliases", []) if normalize_name(a) not in _keys(ent)]
        if missing:
            problems.append(f"{g['name']}: aliases not grouped {missing}")
        else:
            aliases_ok += 1
        if g.get("country"):
            country_total += 1
            if ent.country == g["country"]:
                country_ok += 1
            else:
                problems.append(f"{g['name']}: country {ent.country} != {g['country']}")
        if g.get("sector") and g.get("type") == "PERSON":
            sector_total += 1
            if ent.sector == g["sector"]:
                sector_ok += 1
            else:
                problems.append(f"{g['name']}: sector {ent.sector} != {g['sector']}")
    distinct_ok = 0
    for pair in gold.get("distinct_entities", []):
        ids = [match[n].id for n in pair if n in match]
        if len(ids) == len(pair) and len(set(ids)) == len(ids):
            distinct_ok += 1
        else:
            problems.append(f"not kept apart: {pair}")
    false = [n for n in gold.get("not_entities", [])
             if any(normalize_name(n) in {normalize_name(m.text) for m in e.mentions} | {normalize_name(e.name)}
                    for e in entities)]
    problems += [f"false entity: {n}" for n in false]
    total = len(gold["entities"])
    return {
        "entities": total, "found": found, "aliases_ok": aliases_ok,
        "country_ok": country_ok, "country_total": country_total,
        "person_sector_ok": sector_ok, "person_sector_total": sector_total,
        "distinct_ok": distinct_ok, "distinct_total": len(gold.get("distinct_entities", [])),
        "false_entities": false, "predicted_entities": len(entities),
        "recall": round(found / total, 3) if total else 0.0, "problems": problems,
    }


# ------------------------------------------------------------------ MEANTIME

def _prf(tp: float, n_pred: int, n_gold: int) -> dict:
    return dict(zip(("precision", "recall", "f1"), precision_recall_f1(tp, n_pred, n_gold, digits=3)))


def _b_cubed(pairs: list[tuple[str, str]]) -> dict:
    """B-cubed over mentions found by both sides: (gold chain, predicted chain) per mention."""
    if not pairs:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0, "mentions": 0}
    p_sum = r_sum = 0.0
    for g, s in pairs:
        same_pred = [x for x in pairs if x[1] == s]
        same_gold = [x for x in pairs if x[0] == g]
        both = sum(1 for x in same_pred if x[0] == g)
        p_sum += both / len(same_pred)
        r_sum += both / len(same_gold)
    p, r = p_sum / len(pairs), r_sum / len(pairs)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "mentions": len(pairs)}


def _gold_mentions(doc) -> list[tuple[int, int, str, str]]:
    """(start, end, type, chain id) of named mentions of PER/ORG/LOC entities."""
    chain_of = {}
    for rel in doc.relations_of("REFERS_TO"):
        for s in rel.sources:
            for t in rel.targets:
                chain_of[s] = t
    out = []
    for m in doc.markables_of("ENTITY_MENTION"):
        if m.attrs.get("syntactic_type") != "NAM" or m.m_id not in chain_of:
            continue
        ent = doc.markables.get(chain_of[m.m_id])
        etype = ent.attrs.get("ent_type") if ent is not None else None
        extent = doc.span(m)
        if etype in _GOLD_TYPES and extent:
            out.append((extent[0], extent[1], etype, chain_of[m.m_id]))
    return out


def evaluate_meantime(data_dir: str | Path, nlp=None, limit: int | None = None) -> dict:
    from newsgraph.eval.meantime import read_cat

    data_dir = Path(data_dir)
    files = sorted(p for p in data_dir.rglob("*.xml"))[: limit or None]
    nlp = _pipeline(nlp)
    n_gold = n_pred = exact = exact_typed = overlap = 0
    pairs: list[tuple[str, str]] = []
    for path in files:
        doc = read_cat(path)
        article = Article(text=doc.text, paragraphs=_paragraphs(doc.text), published=doc.dct)
        limit_char = doc.annotated_end()
        gold = _gold_mentions(doc)
        pred = [(m.start, m.end, _TYPE_MAP[e.type], f"{path.name}:{e.id}")
                for e in _run(nlp, article) if e.type in _TYPE_MAP
                for m in e.mentions if m.label not in ("NOM", "NORP") and m.end <= limit_char]
        n_gold += len(gold)
        n_pred += len(pred)
        gold_by_span = {(g[0], g[1]): g for g in gold}
        used = set()
        for p in pred:
            g = gold_by_span.get((p[0], p[1]))
            if g is not None:
                exact += 1
                exact_typed += g[2] == p[2]
                pairs.append((f"{path.name}:{g[3]}", p[3]))
                used.add((g[0], g[1]))
                continue
            for g in gold:
                if (g[0], g[1]) not in used and g[0] < p[1] and p[0] < g[1]:
                    overlap += 1
                    used.add((g[0], g[1]))
                    pairs.append((f"{path.name}:{g[3]}", p[3]))
                    break
    return {
        "documents": len(files), "gold_mentions": n_gold, "predicted_mentions": n_pred,
        "exact": _prf(exact, n_pred, n_gold), "exact_typed": _prf(exact_typed, n_pred, n_gold),
        "overlap": _prf(exact + overlap, n_pred, n_gold), "b_cubed": _b_cubed(pairs),
    }


def _paragraphs(text: str) -> list[Paragraph]:
    paras, pos = [], 0
    for i, line in enumerate(text.split("\n")):
        paras.append(Paragraph(i, pos, pos + len(line), "heading" if i == 0 else "body"))
        pos += len(line) + 1
    return paras

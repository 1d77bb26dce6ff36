"""Shared by the scorers: one-to-one alignment of gold and predicted spans, precision/recall/F1."""

from __future__ import annotations

from typing import Iterable


def pick_one_to_one(ranked: Iterable[tuple[object, int, int]]) -> list[tuple[int, int]]:
    """Greedy matching: walk ``(score, gold_index, pred_index)`` candidates in the
    order given (best first) and keep each pair whose two sides are still free."""
    used_g, used_p, pairs = set(), set(), []
    for _, gi, pi in ranked:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    return pairs


def precision_recall_f1(tp: float, n_pred: int, n_gold: int, digits: int = 4) -> tuple[float, float, float]:
    """Rounded precision, recall and F1 of ``tp`` hits among ``n_pred`` predictions and ``n_gold`` gold
    items; 0.0 where a denominator is zero. Each scorer names the three in its own report keys."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, digits), round(r, digits), round(f, digits)

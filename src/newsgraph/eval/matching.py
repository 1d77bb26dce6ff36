"""One-to-one alignment of gold and predicted spans, shared by the scorers."""

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

"""The seed case: load it as newsgraph reads it, and score the document facts of ``gold.json``."""

from __future__ import annotations

import json
from pathlib import Path

from newsgraph.errors import NewsgraphError
from newsgraph.model import Article


def load_gold(case_dir: str | Path) -> dict:
    path = Path(case_dir) / "gold.json"
    if not path.exists():
        raise NewsgraphError(f"{path}: no gold file")
    return json.loads(path.read_text(encoding="utf-8"))


def load_seed_article(case_dir: str | Path) -> Article:
    """The seed article read exactly as ``newsgraph ingest --published <gold date>`` reads it."""
    from newsgraph.ingest import IngestError, iter_articles

    case_dir = Path(case_dir)
    gold = load_gold(case_dir)
    items = list(iter_articles([str(case_dir / gold.get("article", "article.txt"))],
                               published=gold.get("published")))
    articles = [i for i in items if not isinstance(i, IngestError)]
    if len(articles) != 1:
        raise NewsgraphError(f"{case_dir}: expected one article, got {items!r}")
    return articles[0]


def line_of(article: Article, case_dir: str | Path) -> callable:
    """Map a character offset in ``article.text`` to a 1-based line of the original file.

    Normalisation keeps one paragraph per non-empty input line, so paragraph
    order gives the line; this is checked, not assumed.
    """
    raw = (Path(case_dir) / "article.txt").read_text(encoding="utf-8").splitlines()
    lines = [i + 1 for i, line in enumerate(raw) if line.strip()]
    if len(lines) != len(article.paragraphs):
        raise NewsgraphError(f"seed: {len(article.paragraphs)} paragraphs for {len(lines)} lines")

    def lookup(char: int) -> int:
        for p, line in zip(article.paragraphs, lines):
            if p.start <= char <= p.end:
                return line
        return -1

    return lookup


def evaluate_seed_document(case_dir: str | Path) -> dict:
    gold = load_gold(case_dir)
    doc = gold["document"]
    article = load_seed_article(case_dir)
    line = line_of(article, case_dir)
    role_by_line = {line(p.start): p.role for p in article.paragraphs}
    not_body = sorted(n for n, r in role_by_line.items() if r not in ("body", "heading"))
    headings = sorted(n for n, r in role_by_line.items() if r == "heading" and n != 1)
    repaired_ok = all(
        article.text[p.start:p.end] == text
        for n, text in doc.get("repaired_lines", {}).items()
        for p in article.paragraphs if line(p.start) == int(n)
    )
    checks = {
        "title": article.title == doc["title"],
        "outlet": article.outlet == doc["outlet"],
        "not_body_lines": not_body == sorted(doc["not_body_lines"]),
        "heading_lines": headings == sorted(doc["heading_lines"]),
        "repaired_lines": repaired_ok,
        "published": article.published == gold.get("published"),
    }
    return {
        "checks_passed": sum(checks.values()) / len(checks),
        "checks": checks,
        "not_body_lines": not_body,
        "heading_lines": headings,
    }

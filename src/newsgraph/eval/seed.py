"""Cases (the seed, ``real-dev/*``): load one as newsgraph reads it; score the seed's document facts.

A case is a folder with ``article.txt`` and ``gold.json`` addressed by 1-based
line (``../shared/cases/README.md``). The loaders here take any case folder;
:func:`run_case` reads one and runs a pipeline over it once, for scorers that
judge several components on the same analysis.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from newsgraph.errors import NewsgraphError
from newsgraph.model import Article


def load_gold(case_dir: str | Path) -> dict:
    path = Path(case_dir) / "gold.json"
    if not path.exists():
        raise NewsgraphError(f"{path}: no gold file")
    return json.loads(path.read_text(encoding="utf-8"))


def load_case_article(case_dir: str | Path) -> Article:
    """A case's article read exactly as ``newsgraph ingest --published <gold date>`` reads it."""
    from newsgraph.ingest import IngestError, iter_articles

    case_dir = Path(case_dir)
    gold = load_gold(case_dir)
    items = list(iter_articles([str(case_dir / gold.get("article", "article.txt"))],
                               published=gold.get("published")))
    articles = [i for i in items if not isinstance(i, IngestError)]
    if len(articles) != 1:
        raise NewsgraphError(f"{case_dir}: expected one article, got {items!r}")
    return articles[0]


#: The name the seed scorers have always used.
load_seed_article = load_case_article


def line_spans(article: Article, case_dir: str | Path) -> dict[int, tuple[int, int]]:
    """1-based line of the original file -> (start, end) of its paragraph in ``article.text``.

    Normalisation keeps one paragraph per non-empty input line, so paragraph
    order gives the line; this is checked, not assumed.
    """
    case_dir = Path(case_dir)
    gold_article = "article.txt"
    if (case_dir / "gold.json").exists():
        gold_article = load_gold(case_dir).get("article", gold_article)
    raw = (case_dir / gold_article).read_text(encoding="utf-8").splitlines()
    lines = [i + 1 for i, line in enumerate(raw) if line.strip()]
    if len(lines) != len(article.paragraphs):
        raise NewsgraphError(f"{case_dir.name}: {len(article.paragraphs)} paragraphs for {len(lines)} lines")
    return {line: (p.start, p.end) for p, line in zip(article.paragraphs, lines)}


def line_of(article: Article, case_dir: str | Path) -> Callable[[int], int]:
    """Map a character offset in ``article.text`` to a 1-based line of the original file (-1: none)."""
    spans = list(line_spans(article, case_dir).items())

    def lookup(char: int) -> int:
        for line, (start, end) in spans:
            if start <= char <= end:
                return line
        return -1

    return lookup


@dataclass
class CaseRun:
    """One case read and analysed: its gold, the article, the analysed Doc and the line map."""

    name: str
    gold: dict
    article: Article
    doc: object  # spacy Doc carrying ng_entities, ng_quotes, ng_timexes, ng_events
    spans: dict[int, tuple[int, int]]
    line: Callable[[int], int]

    def line_text(self, line: int) -> str:
        start, end = self.spans.get(line, (0, 0))
        return self.article.text[start:end]


def analyse(nlp, article: Article):
    """``article`` analysed by ``nlp`` as ``newsgraph ingest`` would (paragraphs start sentences)."""
    from newsgraph.nlp.pipeline import make_doc

    return nlp(make_doc(nlp, article))


def run_case(nlp, case_dir: str | Path) -> CaseRun:
    """Read a case as ``newsgraph ingest`` would and run ``nlp`` over it once."""
    case_dir = Path(case_dir)
    gold = load_gold(case_dir)
    article = load_case_article(case_dir)
    spans = line_spans(article, case_dir)
    return CaseRun(case_dir.name, gold, article, analyse(nlp, article), spans, line_of(article, case_dir))


def evaluate_seed_document(case_dir: str | Path) -> dict:
    gold = load_gold(case_dir)
    doc = gold["document"]
    article = load_case_article(case_dir)
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

"""``process(articles) -> records``: a pure function of its input and the pipeline config."""

from __future__ import annotations

import logging

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.config import PipelineConfig
from newsgraph.ingest.language import is_english, skipped_note
from newsgraph.model import Article, Records
from newsgraph.nlp.pipeline import cached_nlp, make_doc

log = logging.getLogger(__name__)


def records_from_doc(doc: Doc, article: Article) -> Records:
    """The one function that turns an analysed Doc into records."""
    return Records(
        article=article,
        entities=list(doc._.ng_entities or []),
        timexes=list(doc._.ng_timexes or []),
        quotes=list(doc._.ng_quotes or []),
        events=list(doc._.ng_events or []),
        notes=article_notes(doc, article),
    )


def article_notes(doc: Doc, article: Article) -> list[str]:
    """Caveats for whoever reads this article's records: an unknown date, components' warnings."""
    notes = []
    if not article.published:
        notes.append("publication date unknown: relative dates keep their unknown parts (XXXX-...), "
                     "titles resolve without tenure, and nothing is dated by default")
    meta = doc._.ng_meta if isinstance(doc._.ng_meta, dict) else {}
    for key in sorted(meta):
        if key.endswith("_warnings"):
            notes.extend(str(w) for w in meta[key])
    return list(dict.fromkeys(notes))


def process(articles: list[Article], nlp: Language | None = None, *,
            config: PipelineConfig = PipelineConfig(), batch_size: int = 64) -> list[Records]:
    """Analyse articles; the same input and pipeline always give the same records.

    An article that makes the pipeline fail comes back as Records with
    ``error`` set (and nothing extracted) instead of sinking its whole batch;
    the store records the error and leaves the article out, so a rerun with
    a fixed pipeline picks it up.
    """
    english = [a for a in articles if is_english(a.language)]
    if len(english) < len(articles):  # our components (and the base model) are English-only
        done = {id(r.article): r for r in process(english, nlp, config=config, batch_size=batch_size)} if english else {}
        return [done[id(a)] if id(a) in done else _not_analysed(a) for a in articles]
    nlp = nlp or cached_nlp(config)
    try:
        docs = (make_doc(nlp, a) for a in articles)
        return [records_from_doc(doc, a) for doc, a in zip(nlp.pipe(docs, batch_size=batch_size), articles)]
    except Exception:  # find the culprit(s) one article at a time
        log.info("a batch of %d articles failed; analysing them one at a time", len(articles))
        return [_process_one(nlp, a) for a in articles]


def _not_analysed(article: Article) -> Records:
    """Records of an article in a language our components do not handle: the text, and a note."""
    return Records(article=article, notes=[skipped_note(article.language)])


def _process_one(nlp: Language, article: Article) -> Records:
    try:
        return records_from_doc(nlp(make_doc(nlp, article)), article)
    except Exception as exc:
        log.debug("pipeline failed on article %s (%s)", article.id, article.source, exc_info=True)
        return Records(article=article, error=f"pipeline failed: {type(exc).__name__}: {exc}")

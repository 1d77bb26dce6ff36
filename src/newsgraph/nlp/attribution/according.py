""""According to X" and its kin: a source credited for a whole clause.

The phrase is a quote-like record of its own (speaker X, content the clause
it qualifies minus the phrase) and also a property of any reported speech in
that clause (``according_to``), so "He called Russia an ally, according to
state media" keeps both who spoke and who relays it.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from newsgraph.nlp.attribution.candidate import QuoteCandidate, trimmed
from newsgraph.nlp.extensions import doc_text
from newsgraph.nlp.attribution.cues import CueLexicon


def _match_phrase(sent: Span, i: int, phrase: tuple[str, ...]) -> bool:
    if i + len(phrase) > sent.end:
        return False
    return all(sent.doc[i + k].lower_ == word for k, word in enumerate(phrase))


def find_according(doc: Doc, sents: list[Span], lex: CueLexicon) -> list[QuoteCandidate]:
    out = []
    first_words = {p[0] for p in lex.according_phrases}
    for sent in sents:
        i = sent.start
        while i < sent.end:
            if doc[i].lower_ not in first_words:
                i += 1
                continue
            phrase = next((p for p in lex.according_phrases if _match_phrase(sent, i, p)), None)
            if phrase is None:
                i += 1
                continue
            i, cand = _according_at(doc, sent, i, phrase)
            if cand is not None:
                out.append(cand)
    return out


def _according_at(doc: Doc, sent: Span, i: int, phrase: tuple[str, ...]) -> tuple[int, QuoteCandidate | None]:
    """The record of the phrase matched at token ``i`` (None if it credits nothing), and where to go on."""
    first = doc[i]
    last = doc[i + len(phrase) - 1]
    src_first, src_last = _source_bounds(doc, sent, last)
    if src_first >= sent.end:
        return i + len(phrase), None
    src_last = min(src_last, sent.end - 1)
    phrase_first, phrase_last = first.i, max(src_last, last.i)
    clause = _qualified_clause(doc, sent, phrase_first, phrase_last)
    if clause is None:
        return phrase_last + 1, None
    start, end = clause
    src_start = doc[src_first].idx
    src_end = doc[src_last].idx + len(doc[src_last].text)
    src_start, src_end = trimmed(doc, src_start, src_end)
    cand = QuoteCandidate(start, end, "according", cue=first, cue_start=first.idx,
                     cue_end=last.idx + len(last.text), speaker_head=doc[src_first:src_last + 1].root,
                     according_span=(src_start, src_end),
                     according_text=doc_text(doc)[src_start:src_end])
    return phrase_last + 1, cand


def _source_bounds(doc: Doc, sent: Span, last) -> tuple[int, int]:
    """The source: the object of the phrase's last preposition, with its modifiers (token range)."""
    pobjs = [c for c in last.children if c.dep_ in ("pobj", "pcomp")]
    if pobjs:
        src_first, src_last = pobjs[0].left_edge.i, pobjs[0].right_edge.i
    else:
        src_first = last.i + 1
        src_last = src_first
        while src_last + 1 < sent.end and not doc[src_last + 1].is_punct:
            src_last += 1
    return src_first, src_last


def _qualified_clause(doc: Doc, sent: Span, phrase_first: int, phrase_last: int) -> tuple[int, int] | None:
    """The qualified clause: the sentence outside the phrase (one side or both), as chars; None if too short."""
    before = trimmed(doc, sent.start_char, doc[phrase_first].idx)
    after_start = doc[phrase_last].idx + len(doc[phrase_last].text)
    after = trimmed(doc, after_start, sent.end_char)
    if after[1] - after[0] > 0 and sent.text.rstrip()[-1:] in ".!?\"”" and after[1] - after[0] <= 1:
        after = (after[0], after[0])
    sides = [s for s in (before, after) if s[1] - s[0] > 3]
    if not sides:
        return None
    start, end = min(s[0] for s in sides), max(s[1] for s in sides)
    if len(sides) == 2 and phrase_first > sent.start + 1:
        start, end = before  # mid-sentence phrase: it qualifies what precedes
    end = _strip_final_period(doc, start, end)
    return start, end


def _strip_final_period(doc: Doc, start: int, end: int) -> int:
    while end > start and doc_text(doc)[end - 1] in ".!? ":
        end -= 1
    return end


def qualify(candidates: list[QuoteCandidate], according: list[QuoteCandidate]) -> None:
    """Mark reported speech lying in a clause that an "according to" credits."""
    for acc in according:
        for cand in candidates:
            if cand.cue is None or not (acc.start <= cand.cue_start < acc.end):
                continue
            cand.according_span = acc.according_span
            cand.according_text = acc.according_text
            if cand.start < acc.cue_start < cand.end:  # the phrase is not part of what was said
                cand.end = trimmed(cand.cue.doc, cand.start, acc.cue_start)[1]

"""Direct quotations: quoted spans tied to a cue next to them, or floating.

The parse alone misses quotes that run over several sentences or paragraphs
and ones where the cue stands in its own sentence (``He said: "..."``). Here a
quoted span is a statement when a speech cue sits right before it (ending in
``:`` or ``,``) or right after it (``"...," he said``); a quoted paragraph with
no cue continues the previous speaker. Short quoted phrases with no cue are
scare quotes or titles and are left alone.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsgraph.nlp.attribution.candidate import QuoteCandidate
from newsgraph.nlp.extensions import doc_text
from newsgraph.nlp.attribution.cues import CueLexicon
from newsgraph.nlp.attribution.indirect import find_speaker
from newsgraph.nlp.attribution.marks import QuotedSpan

#: How many tokens may separate a quote from the cue after it.
MAX_CUE_GAP = 8


def is_clause_like(doc: Doc, q: QuotedSpan) -> bool:
    span = doc.char_span(q.inner_start, q.inner_end, alignment_mode="contract")
    if span is None or len(span) < 4:
        return False
    return any(t.pos_ in ("VERB", "AUX") for t in span)


def extend_to_quotes(candidates: list[QuoteCandidate], quotes: list[QuotedSpan]) -> None:
    """Grow a content span to the whole quotation it starts or ends inside.

    A parse stops at the first sentence; the quotation goes on. A cue that is
    itself inside the quotation (a quote within a quote) does not grow.
    """
    for cand in candidates:
        for q in quotes:
            if not q.double or cand.overlap(q.start, q.end) == 0:
                continue
            if cand.cue_start is not None and q.start <= cand.cue_start < q.end:
                continue
            if q.start < cand.start or q.end > cand.end:
                cand.start, cand.end = min(cand.start, q.start), max(cand.end, q.end)


def _cue_token(tok: Token, lex: CueLexicon, min_reliability: float) -> bool:
    return tok.pos_ in ("VERB", "AUX") and lex.reliability("clause", tok.lemma_.lower()) >= min_reliability


def _cue_after(doc: Doc, q: QuotedSpan, lex: CueLexicon, min_rel: float) -> Token | None:
    """``"...," he said`` / ``"..." — the minister told reporters``."""
    after = doc.char_span(q.end, min(len(doc_text(doc)), q.end + 160), alignment_mode="contract")
    if after is None:
        return None
    for k, tok in enumerate(after):
        if k > MAX_CUE_GAP or (tok.text in ".!?" and k > 0) or tok.text in "\n\u201c\"":
            break
        if _cue_token(tok, lex, min_rel):
            return tok
    return None


def _cue_before(doc: Doc, q: QuotedSpan, lex: CueLexicon, min_rel: float) -> Token | None:
    """``He said: "..."`` / ``he added, "..."``."""
    start = max(0, q.start - 200)
    before = doc.char_span(start, q.start, alignment_mode="contract")
    if before is not None and len(before) and before[-1].is_space and ":" in before[-2:-1].text:
        before = before[:-1]  # "..., tweeting:" ending a paragraph introduces the next one's quotation
    if before is None or len(before) == 0:
        return None
    last = before[-1]
    if last.text not in (":", ","):
        return None
    for tok in reversed(before[:-1]):
        if tok.text in ".!?\n" or tok.is_sent_end and tok.i < last.i - 1:
            break
        if _cue_token(tok, lex, min_rel) and not any(c.dep_ == "ccomp" and c.i < last.i for c in tok.children):
            return tok
    return None


DASHES = "\u2014\u2015\u2013"


def _dash_source(doc: Doc, q: QuotedSpan) -> Token | None:
    """``"..." \u2014 Jane Doe, a voter``: a signature line names the speaker."""
    i = q.end
    text = doc_text(doc)
    while i < len(text) and text[i] in " \t\n" and i - q.end < 4:
        i += 1
    if i >= len(text) or not (text[i] in DASHES or text.startswith("--", i)):
        return None
    span = doc.char_span(i, min(len(text), i + 120), alignment_mode="contract")
    if span is None:
        return None
    names = []
    for tok in span[1:]:
        if tok.text in (",", "\n", ".", "(") or tok.is_space:
            break
        names.append(tok)
    names = [t for t in names if t.pos_ in ("PROPN", "NOUN")]
    return names[-1] if names and names[0].text[:1].isupper() else None


def find_colon_labels(doc: Doc, paragraphs: list[tuple[int, int, str]]) -> list[QuoteCandidate]:
    """Transcript turns ("WALLACE: Let's start ...") and "Name: statement" headlines."""
    out = []
    for start, end, role in paragraphs:
        if role != "body":
            continue
        head = doc_text(doc)[start:min(end, start + 48)]
        colon = head.find(":")
        if colon < 2:
            continue
        label = head[:colon].strip()
        words = label.split()
        if not (1 <= len(words) <= 3) or any(w.lower() in ("and", "&", "or") for w in words):
            continue
        span = doc.char_span(start + head.index(label), start + head.index(label) + len(label),
                             alignment_mode="contract")
        if span is None or len(span) == 0:
            continue
        named = label.isupper() or any(e.label_ in ("PERSON", "ORG") and e.start <= span.root.i < e.end
                                       for e in doc.ents)
        content_start = start + colon + 1
        while content_start < end and doc_text(doc)[content_start].isspace():
            content_start += 1
        if named and end - content_start > 10:
            colon_tok = doc.char_span(start + colon, start + colon + 1, alignment_mode="expand")
            out.append(QuoteCandidate(content_start, end, "colon", cue=colon_tok[0] if colon_tok else None,
                                 cue_start=start + colon, cue_end=start + colon + 1, speaker_head=span.root))
    return out


def find_direct(doc: Doc, quotes: list[QuotedSpan], covered: list[QuoteCandidate], lex: CueLexicon,
                min_reliability: float) -> list[QuoteCandidate]:
    """Candidates for quotations no parse-based candidate already covers."""
    out = []
    for q in quotes:
        if not q.double or q.inner_end - q.inner_start < 2:
            continue
        if any(c.overlap(q.inner_start, q.inner_end) >= 0.5 * (q.inner_end - q.inner_start) for c in covered + out):
            continue
        if not is_clause_like(doc, q):
            continue
        cue = _cue_after(doc, q, lex, min_reliability) or _cue_before(doc, q, lex, min_reliability)
        signer = _dash_source(doc, q) if cue is None else None
        if signer is not None:
            dash = q.end + len(doc_text(doc)[q.end:]) - len(doc_text(doc)[q.end:].lstrip())
            out.append(QuoteCandidate(q.start, q.end, "marks", cue=None, cue_start=dash, cue_end=dash + 1,
                                 speaker_head=signer))
            continue
        if cue is not None:
            speaker, passive = find_speaker(cue)
            out.append(QuoteCandidate(q.start, q.end, "marks", cue=cue, cue_start=cue.idx,
                                 cue_end=cue.idx + len(cue.text), speaker_head=speaker, passive=passive))
            continue
        if _opens_paragraph(doc, q) or _continues_quotation(doc, q, quotes):
            out.append(QuoteCandidate(q.start, q.end, "floating"))
    return out


#: How a quoted paragraph ends before the next one opens.
SENTENCE_END = frozenset(".!?")


def _continues_quotation(doc: Doc, q: QuotedSpan, quotes: list[QuotedSpan]) -> bool:
    """A quotation opening where an unclosed one stops: the paragraph convention
    (each paragraph of a long quotation opens with a mark, only the last closes)
    in text whose paragraph breaks were lost; or right after a closed one in the
    same paragraph (``"You cannot sue them," said X. "They have immunity." "..."``):
    the same speaker goes on."""
    text = doc_text(doc)
    return any(p.double and p.end <= q.start and not text[p.end:q.start].strip()
               and (not p.balanced or "\n" not in text[p.end:q.start] and is_clause_like(doc, p))
               and text[p.inner_start:p.inner_end].rstrip(" \"”'’")[-1:] in SENTENCE_END  # ends a sentence
               for p in quotes if p is not q)


def _opens_paragraph(doc: Doc, q: QuotedSpan) -> bool:
    i = q.start
    while i > 0 and doc_text(doc)[i - 1] in " \t":
        i -= 1
    return i == 0 or doc_text(doc)[i - 1] == "\n"


#: Longest stretch between the two halves of a split quotation ("…," she said. "…").
MAX_SPLIT_GAP = 250


def join_split_quotes(doc: Doc, candidates: list[QuoteCandidate], quotes: list[QuotedSpan]) -> list[QuoteCandidate]:
    """``"First part," she said. "Second part."``: one statement, cut by its cue.

    A quotation ending right before its own cue continues into the quotation that
    opens right after the cue's clause in the same paragraph (PolNeAR keeps both
    halves as one content). Another cue in between means another speaker.
    Returns the candidates minus direct ones that only repeat a joined second half.
    """
    text = doc_text(doc)
    doubles = [q for q in quotes if q.double]
    cue_starts = sorted(c.cue_start for c in candidates if c.cue_start is not None)
    joined: list[tuple[int, int]] = []
    for cand in candidates:
        if cand.cue_start is None or cand.cue_start < cand.end:
            continue
        if not any(abs(q.end - cand.end) <= 1 for q in doubles):
            continue
        nxt = next((q for q in doubles if q.start >= cand.cue_end), None)
        if nxt is None or nxt.start - cand.end > MAX_SPLIT_GAP:
            continue
        gap = text[cand.end:nxt.start]
        if "\n" in gap or gap.rstrip()[-1:] not in (".", ",", ":", ";"):
            continue
        if any(cand.end <= s < nxt.start and s != cand.cue_start for s in cue_starts):
            continue
        joined.append((nxt.start, nxt.end))
        cand.end = nxt.end
    return [c for c in candidates if c.how not in ("marks", "floating")
            or not any(s <= c.start and c.end <= e for s, e in joined)]

"""Pair quotation marks into quoted spans, as a reader would.

News text mixes curly and straight marks, nests single marks inside double
ones, runs one quotation over several paragraphs (an opening mark on each
paragraph, a closing mark only at the end) and sometimes simply forgets a
mark. The pairing here never fails: an unmatched mark yields a span that ends
at its paragraph's end (flagged ``balanced=False``) or is ignored.
"""

from __future__ import annotations

from dataclasses import dataclass

DOUBLE_OPEN = "\u201c\u201e\u00ab"  # “ „ «
DOUBLE_CLOSE = "\u201d\u00bb"  # ” »
SINGLE_OPEN = "\u2018"  # ‘
SINGLE_CLOSE = "\u2019"  # ’ (also the apostrophe)
STRAIGHT_DOUBLE = '"'
STRAIGHT_SINGLE = "'"
DOUBLED_SINGLE = "''"
_OPENING_CONTEXT = " \t\n([{\u2014\u2013-/:" + DOUBLE_OPEN + SINGLE_OPEN


@dataclass
class QuotedSpan:
    """A quotation: ``start``/``end`` include the marks, ``inner_*`` exclude them."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    double: bool = True
    balanced: bool = True
    paragraphs: int = 1

    def contains(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end


def _is_opening(text: str, i: int) -> bool:
    """Straight marks open when preceded by space/start and followed by text."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before in _OPENING_CONTEXT and not after.isspace()


def _is_doubled_single(text: str, i: int) -> bool:
    """``''`` (two apostrophes) stands for a double mark in some newspapers' text."""
    return text.startswith(DOUBLED_SINGLE, i) and not text.startswith(DOUBLED_SINGLE, i + 1) \
        and (i == 0 or text[i - 1] != STRAIGHT_SINGLE)


def _double_marks(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """Double marks as (position of their last character, kind)."""
    marks = []
    i = start
    while i < end:
        ch = text[i]
        if ch in DOUBLE_OPEN:
            marks.append((i, "open"))
        elif ch in DOUBLE_CLOSE:
            marks.append((i, "close"))
        elif ch == STRAIGHT_DOUBLE:
            marks.append((i, "open" if _is_opening(text, i) else "close"))
        elif ch == STRAIGHT_SINGLE and i + 1 < end and _is_doubled_single(text, i):
            if _is_opening(text[:i] + text[i + 1:], i):  # judged as one mark
                marks.append((i, "open"))
            else:
                marks.append((i + 1, "close"))
            i += 1
        i += 1
    return marks


def _single_marks(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """Single marks, skipping apostrophes (``Kim’s``, ``don't``, ``’90s``)."""
    marks = []
    for i in range(start, end):
        ch = text[i]
        if ch not in (SINGLE_OPEN, SINGLE_CLOSE, STRAIGHT_SINGLE):
            continue
        if ch == STRAIGHT_SINGLE and (_is_doubled_single(text, i) or i > 0 and _is_doubled_single(text, i - 1)):
            continue  # half of a doubled mark, read as a double quotation mark
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if before.isalnum() and after.isalnum():
            continue  # apostrophe inside a word
        if ch == SINGLE_OPEN or (before in _OPENING_CONTEXT and after.isalnum()):
            marks.append((i, "open"))
        elif not after.isalnum() and (before.isalnum() or before in ".,!?;:\u201d\""):
            if before in "sS" and (i + 1 >= len(text) or after in " ,.;:"):
                # plural possessive (leaders’ talks) unless a quotation is open
                marks.append((i, "close?"))
            else:
                marks.append((i, "close"))
    return marks


def _pair(marks: list[tuple[int, str]], para_start: int, para_end: int, double: bool,
          carried: int | None) -> tuple[list[QuotedSpan], int | None]:
    """Pair marks inside one paragraph; return spans and a still-open start."""
    spans: list[QuotedSpan] = []
    open_at = carried
    for pos, kind in marks:
        if kind == "open":
            if open_at is not None:
                # two openings in a row: close the first just before the second
                spans.append(QuotedSpan(open_at, pos, open_at + 1, pos, double, balanced=False))
            open_at = pos
        elif open_at is not None:
            inner_start = open_at + 1
            spans.append(QuotedSpan(open_at, pos + 1, inner_start, pos, double,
                                    paragraphs=1 if open_at >= para_start else 2))
            open_at = None
        elif kind == "close" and double and not spans:
            # a closing mark with nothing open: the quote began with the paragraph
            spans.append(QuotedSpan(para_start, pos + 1, para_start, pos, double, balanced=False))
    return spans, open_at


def _continues(text: str, para_start: int, para_end: int) -> bool:
    """Does the paragraph open with a quotation mark (multi-paragraph quote)?"""
    stripped = text[para_start:para_end].lstrip()
    return bool(stripped) and (stripped[0] in DOUBLE_OPEN or stripped[0] == STRAIGHT_DOUBLE
                               or stripped.startswith(DOUBLED_SINGLE))


def find_quoted_spans(text: str, paragraphs: list[tuple[int, int]]) -> list[QuotedSpan]:
    """Double-quoted spans (possibly multi-paragraph) and single-quoted ones.

    ``paragraphs`` are (start, end) character ranges in reading order; quotes
    never cross into a paragraph that does not open with a mark.
    """
    spans: list[QuotedSpan] = []
    carried: int | None = None
    carried_paras = 0
    for n, (p_start, p_end) in enumerate(paragraphs):
        marks = _double_marks(text, p_start, p_end)
        if carried is not None and marks and marks[0][0] == p_start + (len(text[p_start:p_end]) - len(text[p_start:p_end].lstrip())):
            marks = marks[1:]  # the repeated opening mark of a continued quote
        found, open_at = _pair(marks, p_start, p_end, True, carried)
        for sp in found:
            if sp.start < p_start:
                sp.paragraphs = carried_paras + 1
        spans.extend(found)
        if open_at is not None:
            nxt = paragraphs[n + 1] if n + 1 < len(paragraphs) else None
            if nxt is not None and _continues(text, *nxt) and _pair_closes_later(text, paragraphs, n + 1):
                carried = open_at
                carried_paras = carried_paras + 1 if open_at < p_start else 1
                continue
            end = p_end
            while end > open_at + 1 and text[end - 1].isspace():
                end -= 1
            spans.append(QuotedSpan(open_at, end, open_at + 1, end, True, balanced=False,
                                    paragraphs=carried_paras + 1 if open_at < p_start else 1))
        carried = None
        carried_paras = 0
    for sp in spans:  # a doubled mark is two characters wide
        if text.startswith(DOUBLED_SINGLE, sp.inner_start - 1) and sp.inner_start < sp.inner_end:
            sp.inner_start += 1
        if text.startswith(DOUBLED_SINGLE, sp.inner_end - 1) and sp.inner_end - 1 > sp.inner_start:
            sp.inner_end -= 1
    spans.extend(_single_spans(text, paragraphs, spans))
    return sorted(spans, key=lambda s: (s.start, -s.end))


def _pair_closes_later(text: str, paragraphs: list[tuple[int, int]], idx: int) -> bool:
    """A continued quotation must close (or keep continuing) somewhere later."""
    for p_start, p_end in paragraphs[idx:idx + 12]:
        chunk = text[p_start:p_end]
        if any(ch in DOUBLE_CLOSE for ch in chunk) or chunk.count(STRAIGHT_DOUBLE) % 2 == 0 and STRAIGHT_DOUBLE in chunk \
                or chunk.count(DOUBLED_SINGLE) % 2 == 0 and DOUBLED_SINGLE in chunk:
            return True
        if not _continues(text, p_start, p_end):
            return False
    return False


def _single_spans(text: str, paragraphs: list[tuple[int, int]],
                  doubles: list[QuotedSpan]) -> list[QuotedSpan]:
    """Single-quoted spans within one paragraph (headlines, nested quotes)."""
    out = []
    for p_start, p_end in paragraphs:
        open_at = None
        for pos, kind in _single_marks(text, p_start, p_end):
            if kind == "open":
                open_at = pos
            elif open_at is not None:
                out.append(QuotedSpan(open_at, pos + 1, open_at + 1, pos, double=False))
                open_at = None
    return out


def doc_quoted_spans(doc) -> list[QuotedSpan]:
    """:func:`find_quoted_spans` over a Doc's paragraphs, computed once per Doc (cached in
    ``doc.user_data["ng_quoted_spans"]``) for every component that asks."""
    spans = doc.user_data.get("ng_quoted_spans")
    if spans is None:
        from newsgraph.nlp.extensions import doc_text, paragraphs  # extensions imports nothing from here
        spans = find_quoted_spans(doc_text(doc), [(p.start, p.end) for p in paragraphs(doc)])
        doc.user_data["ng_quoted_spans"] = spans
    return spans

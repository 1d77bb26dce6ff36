"""The date of an event: from the time component when installed, else a local guess.

``newsgraph.nlp.time`` (or ``newsgraph.nlp.timex``) exposes
``date_for_span(doc, start_char, end_char) -> (value, precision, inferred)``.
Until it does, the event takes the DATE/TIME expression of its own sentence
that hangs from the trigger's clause (else the nearest one), and otherwise the
article date, marked inferred.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

_date_for_span = None
for _module in ("newsgraph.nlp.time", "newsgraph.nlp.timex"):
    try:
        _date_for_span = getattr(__import__(_module, fromlist=["date_for_span"]), "date_for_span", None)
    except ImportError:  # pragma: no cover - depends on what is installed
        _date_for_span = None
    if _date_for_span is not None:
        break

_VALUE = re.compile(r"^(\d{4}|\d{3}X|\d{2}XX)(?:-(\d{2}))?(?:-(\d{2}))?")


def precision_of(value: str | None) -> str | None:
    if not value:
        return None
    match = _VALUE.match(value)
    if not match:
        return None
    if match.group(3):
        return "day"
    if match.group(2):
        return "month"
    return "year" if match.group(1).isdigit() else "decade"


def calendar_part(value: str) -> str:
    """"2024-06-19TNI" -> "2024-06-19"; "2023-09" stays."""
    match = _VALUE.match(value)
    return match.group(0) if match else value


def _published(doc: Doc) -> tuple[str | None, str | None, bool]:
    pub = doc._.ng_published
    if not pub:
        return None, None, True
    value = str(pub)[:10]
    return value, precision_of(value), True


def _clause_root(token: Token) -> Token:
    node = token
    while node.dep_ not in {"ROOT", "ccomp", "advcl", "relcl", "conj"} and node.head.i != node.i:
        node = node.head
    return node


def date_for_event(doc: Doc, trigger: Token) -> tuple[str | None, str | None, bool]:
    """(value, precision, inferred) for the event whose trigger is ``trigger``."""
    start, end = trigger.idx, trigger.idx + len(trigger)
    if _date_for_span is not None:
        try:
            value, precision, inferred = _date_for_span(doc, start, end)
            if value:
                value = calendar_part(value)
                return value, precision or precision_of(value), inferred
        except Exception:  # a bug there must not lose the event  # noqa: BLE001
            pass
    sent = trigger.sent
    candidates = []
    for timex in doc._.ng_timexes or []:
        if timex.type not in {"DATE", "TIME"} or not (sent.start_char <= timex.start < sent.end_char):
            continue
        value = calendar_part(timex.value or "")
        if not precision_of(value):
            continue
        span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
        attached = False
        if span is not None:
            root = _clause_root(span.root)
            attached = root is _clause_root(trigger) or trigger.is_ancestor(span.root)
        candidates.append((not attached, abs(timex.start - start), value))
    if candidates:
        candidates.sort()
        value = candidates[0][2]
        return value, precision_of(value), False
    return _published(doc)

"""``newsgraph_events``: PLOVER 2.0 event coding with provenance.

For each body or heading sentence, triggers from the pattern files (verbal
and nominal) propose event types; the first whose frame
(``data/plover/frames.yaml``: which roles it needs and what may fill them) the
dependency tree meets gives the type and mode, and its actor and recipient
phrases are coded into participants with country and sector; the clause gives
the modality flags (negated, hypothetical, future, historical), which never
change the type; the time component's ``date_for_span`` gives the date from
the event's own clause. PLOVER rules applied on top: a future cooperative act
is AGREE (a future RETREAT is CONCEDE); a repeated nominal mention of an
already coded event ("the visit") is not a new event; a headline event
(``in_title``) that the body also reports is kept once, from the body;
nothing is coded from related/footer paragraphs or from inside a direct
quotation unless the act is framed outside it.

Participants come from the entities component only: add ``newsgraph_entities``
before this one (the default pipeline does); without it the first doc fails.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.errors import NewsgraphError
from newsgraph.model import Event, Participant, stable_id, text_id
from newsgraph.nlp.actors.gazetteer import load_gazetteer
from newsgraph.nlp.extensions import extractable, paragraphs, role_at
from newsgraph.nlp.plover.actors import ActorCoder, expand_pairs, sector_lexicon
from newsgraph.nlp.plover.modality import historical_by_date, modality_of
from newsgraph.nlp.plover.patterns import Pattern, load_patterns
from newsgraph.nlp.plover.roles import role_heads
from newsgraph.nlp.plover.triggers import TriggerIndex
from newsgraph.nlp.registry import component
from newsgraph.nlp.time.dating import date_for_span

#: Cooperative intentions whose negation is a refusal ("would not agree", "did not allow").
REFUSABLE = {"AGREE", "CONCEDE", "RETREAT"}
_QUOTED = re.compile(r"[\"“”]([^\"“”]{1,600})[\"“”]")


@component("newsgraph_events", 1, default_config={"patterns_file": None, "include_headings": True},
           assigns=["doc._.ng_events"], requires=["doc._.ng_entities", "doc._.ng_timexes"])
def make_events_component(nlp: Language, name: str, patterns_file: str | None = None,
                          include_headings: bool = True):
    return EventCoder(load_patterns(patterns_file), include_headings)


class EventCoder:
    """The pipeline component; patterns are indexed once, at construction.

    ``include_headings`` (default True): code events from the title and heading
    lines too, flagged ``in_title``; False codes the body only.
    """

    def __init__(self, patterns: list[Pattern], include_headings: bool = True):
        self.index = TriggerIndex(patterns)
        sector_lexicon(), load_gazetteer()  # load data now, not on the first doc
        self.include_headings = include_headings

    def __call__(self, doc: Doc) -> Doc:
        doc._.ng_events = code_events(doc, self.index, self.include_headings)
        return doc


def quote_spans(doc: Doc, text: str | None = None) -> list[tuple[int, int]]:
    """Text inside quotation marks that is reported speech.

    The marks bound what the speaker said (a mixed quote's record also covers
    the reporter's words around them); with the quotes component present, only
    marked spans that belong to a quote record count.
    """
    marked = [(m.start(1), m.end(1)) for m in _QUOTED.finditer(doc.text if text is None else text)]
    quotes = doc._.ng_quotes
    if quotes:
        records = [(q.start, q.end) for q in quotes]
        marked = [(s, e) for s, e in marked if any(s < qe and qs < e for qs, qe in records)]
    return marked


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    for s, e in spans:
        if s <= start and end <= e:
            return s, e
    return None


def _coded(p: Participant) -> bool:
    """A named or sector-coded party (a bare common noun never becomes a participant)."""
    return bool(p.country or p.sector or p.entity_id or p.name)


def _dedupe(participants: list[Participant]) -> list[Participant]:
    seen, out = set(), []
    for p in participants:
        key = (p.entity_id or p.name, p.country)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def code_events(doc: Doc, index: TriggerIndex, include_headings: bool = True) -> list[Event]:
    """Events of ``doc`` in text order. Title and heading lines are coded too (unless
    ``include_headings`` is False), flagged ``in_title``; a headline event that a body
    event reports as well is dropped for it (:func:`merge_headline_events`)."""
    if doc._.ng_entities is None:
        raise NewsgraphError("newsgraph_events needs the entities component: "
                             "add newsgraph_entities before newsgraph_events")
    text = doc.text  # built once: Doc.text joins every token on each access
    coder = ActorCoder(doc, text)
    quotes = quote_spans(doc, text)
    paras = [(p.start, p.end) for p in paragraphs(doc)]
    para_starts = [start for start, _ in paras]
    doc_key = text_id(text)
    events: list[Event] = []  # body and headline events, in text order
    body: list[Event] = []
    headline: list[Event] = []
    for sent in doc.sents:  # each sentence once; triggers take theirs from here, not Token.sent
        coder.observe_sentence(sent)
        found = index.match_sentence(sent)
        if not found:
            continue
        bounds = _clip(sent, paras, para_starts)
        question = text[sent.start_char:sent.end_char].rstrip().endswith("?")
        for token, pattern in found:
            # Roles are per token: a parser sentence may run across a title and the body.
            if not extractable(doc, token):
                continue
            in_title = role_at(doc, token.idx) == "heading"
            if in_title and not include_headings:
                continue
            event = _event_for(doc, token, pattern, coder, quotes, bounds(token.idx), question)
            # A headline never hides a body sentence's mention (nor the reverse): each
            # is checked for repeats against its own kind, then merged below.
            earlier = headline if in_title else body
            if event is None or _repeats(event, token, earlier):
                continue
            event.id = stable_id(doc_key, event.type, str(event.trigger_start), str(event.trigger_end))
            event.in_title = in_title
            earlier.append(event)
            events.append(event)
    return merge_headline_events(events) if headline else events


def _event_for(doc: Doc, token: Token, pattern: Pattern, coder: ActorCoder,
               quotes: list[tuple[int, int]], sentence: tuple[int, int], question: bool) -> Event | None:
    heads = role_heads(token, pattern)
    actors = _dedupe(expand_pairs([p for h in heads.actors for p in coder.code(h, "actor")]))
    recipients = _dedupe(expand_pairs([p for h in heads.recipients for p in coder.code(h, "recipient")]))
    if not any(p.country for p in recipients):
        recipients += _dedupe([p for h in heads.fallback_recipients for p in coder.code(h, "recipient")])
    # The same party on both sides is the actor; two uncoded common nouns ("the leader
    # urged the president") are not the same party.
    actor_keys = {(p.entity_id, p.country) for p in actors if p.entity_id or p.country}
    recipients = [p for p in recipients if (p.entity_id, p.country) not in actor_keys]
    for p in recipients:
        p.role = "recipient"
    if not any(_coded(p) for p in actors + recipients):
        return None
    quote = _inside(quotes, token.idx, token.idx + len(token))
    if quote is not None and not any(p.start is not None and not (quote[0] <= p.start < quote[1]) for p in actors):
        return None  # the content of a quotation, not an act the reporter frames
    modality = modality_of(token, question=question)
    date, precision, inferred = date_for_span(doc, token.idx, token.idx + len(token))
    # A date carried over from the story's previous sentence still dates the act.
    stated = not inferred or date != str(doc._.ng_published or "")[:10]
    historical = modality.historical or historical_by_date(date, doc._.ng_published, not stated)
    event_type, mode = pattern.type, pattern.mode
    negated = modality.negated
    if modality.future and not negated and pattern.future_type:
        event_type, mode = pattern.future_type, (mode if pattern.future_type == pattern.type else None)
    from newsgraph.nlp.plover.modality import stated_refusal  # here: the imports above are another change's
    if negated and pattern.type in REFUSABLE | {"AID", "SUPPORT", "CONSULT"} and stated_refusal(token):
        # "will not accept", "would not bow": a refusal announced, PLOVER REJECT. Other
        # negation ("has not committed", "did not meet") is a flag, never a type.
        event_type, mode, negated = "REJECT", None, False
    location = location_id = None
    if heads.location is not None:
        place = coder.code(heads.location, "location")
        location = coder.text[heads.location.left_edge.idx:heads.location.idx + len(heads.location)]
        if place:
            location_id = place[0].entity_id
    confidence = pattern.confidence + (0.1 if actors and recipients else 0.0) \
        - (0.2 if not any(p.country for p in actors + recipients) else 0.0)
    sent_start, sent_end = sentence
    return Event(
        type=event_type, mode=mode, contexts=list(pattern.contexts),
        trigger_start=token.idx, trigger_end=token.idx + len(token), trigger_text=token.text,
        sentence_start=sent_start, sentence_end=sent_end,
        actor=actors, recipient=recipients, date=date, date_precision=precision, date_inferred=inferred,
        location_entity_id=location_id, location=location,
        negated=negated, hypothetical=modality.hypothetical, future=modality.future,
        historical=historical, confidence=round(max(0.05, min(confidence, 0.99)), 2),
    )


def _clip(sent: Span, paras: list[tuple[int, int]], starts: list[int]):
    """char -> the parser's sentence clipped to that character's paragraph."""
    start, end = sent.start_char, sent.end_char

    def bounds(char: int) -> tuple[int, int]:
        i = bisect_right(starts, char) - 1
        if i >= 0 and paras[i][0] <= char < max(paras[i][1], paras[i][0] + 1):
            return max(start, paras[i][0]), min(end, paras[i][1])
        return start, end
    return bounds


def _countries(participants: list[Participant]) -> frozenset:
    return frozenset(p.country for p in participants if p.country)


def _who(participants) -> frozenset:
    """Who takes part, as precisely as known: the entity, else its country. In a
    domestic story every actor is American; that alone makes no two acts one."""
    return frozenset(p.entity_id or p.country for p in participants if p.entity_id or p.country)


def _repeats(event: Event, token: Token, earlier: list[Event]) -> bool:
    """A nominal mention ("the visit", "Macron's visit") of an event already coded."""
    if token.pos_ not in {"NOUN", "PROPN"}:
        return False
    actors, recipients = _who(event.actor), _who(event.recipient)
    for prev in earlier:
        if prev.type != event.type or prev.mode != event.mode:
            continue
        if actors and actors == _who(prev.actor) and recipients <= _who(prev.recipient):
            if event.date_inferred or event.date == prev.date:
                return True
    return False


# ------------------------------------------------------------------ headlines

#: Types a headline may state with an actor alone ("French farmers protest"); any
#: other headline event needs both sides named to stand without the body.
HEADLINE_ONE_SIDED = frozenset({"PROTEST", "MOBILIZE"})


def merge_headline_events(events: list[Event]) -> list[Event]:
    """``events`` with the headline events (``in_title``) settled against the body.

    A headline and the body often state one event ("Kim gives Putin 'full support'"
    and "Kim told Putin he backed Russia's war"): the body's report stays (its
    sentence says more) and the headline's is not kept beside it. An event only a
    headline states stays, flagged ``in_title``, when it names its actor and its
    recipient (:func:`headline_stands_alone`): headlines drop words ("Indonesia
    'declines debt freeze'" has no creditor, "Hunt demo at Labour meeting" no
    second party), so a one-sided headline reading is mostly a misreading or a
    fragment of an event the body tells in full.
    """
    body = [e for e in events if not e.in_title]
    return [e for e in events if not e.in_title
            or (headline_stands_alone(e) and not any(_same_report(e, b) for b in body))]


def headline_stands_alone(event: Event) -> bool:
    """A headline event worth keeping without a body report: a coded actor and, unless
    its type is one-sided (:data:`HEADLINE_ONE_SIDED`), a coded recipient."""
    if not any(_party(p) for p in event.actor):
        return False
    return event.type in HEADLINE_ONE_SIDED or any(_party(p) for p in event.recipient)


def _same_report(headline: Event, body: Event) -> bool:
    """Same type and the same participants: every coded party of the headline event
    takes the same role in the body event, as the same entity or, failing that, as
    the same country."""
    if headline.type != body.type:
        return False
    sides = ((headline.actor, body.actor), (headline.recipient, body.recipient))
    if not any(_party(p) for side, _ in sides for p in side):
        return False
    return all(_party_in(p, others) for side, others in sides for p in side if _party(p))


def _party(p: Participant) -> bool:
    return bool(p.entity_id or p.country)


def _party_in(p: Participant, others: list[Participant]) -> bool:
    if p.entity_id and any(o.entity_id == p.entity_id for o in others):
        return True
    return bool(p.country) and any(o.country == p.country for o in others)

"""Events from what speakers say: evaluations and demands found by
:mod:`newsgraph.nlp.plover.stance` turned into :class:`newsgraph.model.Event` records.

The actor is the quote's resolved speaker, the recipient the party judged or
obliged (or, for a demand that names no one, the authorities of the story's
country); the event is dated like its quote, by the cue's clause. A trigger event
of the same sentence that already codes the speaker's act of that type is not
doubled: it takes the party as recipient if it has none.
"""

from __future__ import annotations

from newsgraph.model import Event, stable_id
from newsgraph.nlp.plover.actors import ActorCoder, expand_pairs
from newsgraph.nlp.plover.parties import addressed_authority, dedupe, who
from newsgraph.nlp.plover.stance import Stance, judged_party

#: Confidence of an event read from a judgement or demand in reported speech.
SPEECH_CONFIDENCE = 0.8


def by_sentence(stances: list[Stance]) -> dict[int, list[Stance]]:
    """Stances keyed by the first token of their sentence."""
    out: dict[int, list[Stance]] = {}
    for s in stances:
        out.setdefault(s.span.sent.start, []).append(s)
    return out


def speech_events(stances: list[Stance], coder: ActorCoder, earlier: list[Event], doc_key: str) -> list[Event]:
    """New events for ``stances`` of one sentence; ``earlier`` events of that sentence
    that code the same act are completed instead."""
    out: list[Event] = []
    for stance in stances:
        event = speech_event(stance, coder)
        if event is None:
            continue
        same = [e for e in earlier + out if e.sentence_start <= event.trigger_start < e.sentence_end
                and e.type == event.type and who(e.actor) & who(event.actor)
                and (not e.recipient or who(e.recipient) & who(event.recipient))]
        if same:
            if not same[0].recipient:
                same[0].recipient = event.recipient
            continue
        event.id = stable_id(doc_key, event.type, str(event.trigger_start), str(event.trigger_end))
        out.append(event)
    return out


def speech_event(stance: Stance, coder: ActorCoder) -> Event | None:
    """The event ``stance`` makes, or None when its speaker or its party is not coded."""
    quote, span = stance.quote, stance.span
    doc = span.doc
    where = doc.char_span(quote.speaker.start, quote.speaker.end, alignment_mode="expand") \
        if quote.speaker.start is not None and quote.speaker.end is not None else None
    actor = coder.for_entity(quote.speaker.entity_id, where.root if where else span.root, "actor")
    if actor is None or not (actor.country or actor.sector):
        return None
    recipients = expand_pairs(judged_party(stance, lambda head: coder.code(head, "recipient")))
    if not recipients and stance.type == "REQUEST":  # "the report must be made public"
        recipients = addressed_authority(doc, [actor], span.start_char)
    if not recipients:
        return None
    sent = span.sent
    return Event(
        type=stance.type, mode=stance.mode, contexts=[],
        trigger_start=span.start_char, trigger_end=span.end_char, trigger_text=span.text,
        sentence_start=sent.start_char, sentence_end=sent.end_char,
        actor=[actor], recipient=dedupe(recipients), date=quote.date, date_precision=quote.date_precision,
        date_inferred=quote.date_inferred, confidence=SPEECH_CONFIDENCE,
    )

"""Headline events settled against the body's report of the same event."""

from __future__ import annotations

from newsgraph.model import Event
from newsgraph.nlp.plover.parties import party, party_in

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
    if not any(party(p) for p in event.actor):
        return False
    return event.type in HEADLINE_ONE_SIDED or any(party(p) for p in event.recipient)


def _same_report(headline: Event, body: Event) -> bool:
    """Same type and the same participants: every coded party of the headline event
    takes the same role in the body event, as the same entity or, failing that, as
    the same country."""
    if headline.type != body.type:
        return False
    sides = ((headline.actor, body.actor), (headline.recipient, body.recipient))
    if not any(party(p) for side, _ in sides for p in side):
        return False
    return all(party_in(p, others) for side, others in sides for p in side if party(p))

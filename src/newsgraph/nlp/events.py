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

from bisect import bisect_right
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.errors import NewsgraphError
from newsgraph.model import Event, Participant, stable_id, text_id
from newsgraph.nlp.actors.gazetteer import load_gazetteer
from newsgraph.nlp.attribution.marks import DOUBLE_OPEN, STRAIGHT_DOUBLE, doc_quoted_spans
from newsgraph.nlp.extensions import article_iso, doc_text, extractable, paragraphs, role_at
from newsgraph.nlp.plover.actors import ActorCoder, expand_pairs, sector_lexicon
from newsgraph.nlp.plover.modality import historical_by_date, modality_of
from newsgraph.nlp.plover.patterns import Pattern, load_patterns
from newsgraph.nlp.plover.roles import role_heads
from newsgraph.nlp.plover.frame_spec import AGENT_KINDS, head_kinds
from newsgraph.nlp.plover.headlines import HEADLINE_ONE_SIDED, headline_stands_alone, merge_headline_events
from newsgraph.nlp.plover.modality import Modality, stated_refusal
from newsgraph.nlp.plover.parties import addressed_authority, coded, dedupe, who
from newsgraph.nlp.plover.roles import RoleHeads
from newsgraph.nlp.plover.speech_events import by_sentence, speech_events
from newsgraph.nlp.plover.stance import StanceFinder
from newsgraph.nlp.plover.triggers import TriggerIndex
from newsgraph.nlp.registry import versioned
from newsgraph.nlp.time.dating import date_for_span

#: Cooperative intentions whose negation is a refusal ("would not agree", "did not allow").
REFUSABLE = {"AGREE", "CONCEDE", "RETREAT"}
#: Marks that open a quotation (straight ones open or close by context).
OPENING_MARKS = frozenset(DOUBLE_OPEN) | {STRAIGHT_DOUBLE}
#: Acts a speaker performs by saying them in the first person ("we reject", "I support").
PERFORMATIVE = {"REJECT", "ACCUSE", "SUPPORT", "AGREE", "THREATEN", "CONCEDE"}
#: Subjects by which a quoted speaker names themselves.
FIRST_PERSON = {"i", "we"}
#: Possessives by which an object is the actor's own.
OWN_POSSESSIVES = {"his", "her", "its", "their", "my", "our"}
#: Objects that are the actor itself.
REFLEXIVES = {"himself", "herself", "itself", "themselves", "myself", "ourselves", "yourself", "yourselves"}


@versioned(1)
@Language.factory("newsgraph_events", default_config={"patterns_file": None, "include_headings": True},
                  assigns=["doc._.ng_events"], requires=["doc._.ng_entities", "doc._.ng_timexes"])
def make_events_component(nlp: Language, name: str, patterns_file: str | None = None,
                          include_headings: bool = True):
    return EventCoder(load_patterns(patterns_file), include_headings, StanceFinder(nlp))


class EventCoder:
    """The pipeline component; patterns are indexed once, at construction.

    ``include_headings`` (default True): code events from the title and heading
    lines too, flagged ``in_title``; False codes the body only.
    """

    def __init__(self, patterns: list[Pattern], include_headings: bool = True,
                 stances: StanceFinder | None = None):
        self.index = TriggerIndex(patterns)
        sector_lexicon(), load_gazetteer()  # load data now, not on the first doc
        self.include_headings = include_headings
        self.stances = stances

    def __call__(self, doc: Doc) -> Doc:
        doc._.ng_events = code_events(doc, self.index, self.include_headings, self.stances)
        return doc


def quote_spans(doc: Doc) -> list[tuple[int, int]]:
    """Text inside double quotation marks that is reported speech.

    The marks are paired as the quotes component pairs them (paragraph by paragraph,
    an unclosed quotation ended where the next one opens), so narration between two
    quotations is never taken for quoted words. The marks bound what the speaker said
    (a mixed quote's record also covers the reporter's words around them); with the
    quotes component present, only marked spans that belong to a quote record count.
    """
    text = doc_text(doc)
    # An opening mark never closed before the paragraph ends is as likely a stray
    # mark as a quotation: only a quotation closed, or cut short by the next one
    # opening (paragraphs run together), bounds quoted words.
    marked = [(q.inner_start, q.inner_end) for q in doc_quoted_spans(doc)
              if q.double and (q.balanced or text[q.end:q.end + 1] in OPENING_MARKS)]
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


def code_events(doc: Doc, index: TriggerIndex, include_headings: bool = True,
                stances: StanceFinder | None = None) -> list[Event]:
    """Events of ``doc`` in text order. Title and heading lines are coded too (unless
    ``include_headings`` is False), flagged ``in_title``; a headline event that a body
    event reports as well is dropped for it (:func:`merge_headline_events`)."""
    if doc._.ng_entities is None:
        raise NewsgraphError("newsgraph_events needs the entities component: "
                             "add newsgraph_entities before newsgraph_events")
    state = _DocEvents(doc, include_headings)
    judged = by_sentence(stances.find(doc, doc._.ng_quotes or []) if stances else [])
    possible = index.possible(doc)
    for sent in doc.sents:  # each sentence once; triggers take theirs from here, not Token.sent
        state.coder.observe_sentence(sent)
        if sent.start in judged:
            state.body.extend(speech_events(judged[sent.start], state.coder, state.body, state.doc_key))
        found = index.match_sentence(sent, possible)
        if found:
            state.code_sentence(sent, found)
    events = sorted(state.body + state.headline, key=lambda e: e.trigger_start)
    return merge_headline_events(events) if state.headline else events


class _DocEvents:
    """What coding one Doc's events keeps between sentences."""

    def __init__(self, doc: Doc, include_headings: bool):
        self.doc, self.include_headings = doc, include_headings
        self.text = doc_text(doc)
        self.coder = ActorCoder(doc, self.text)
        self.quotes = quote_spans(doc)
        self.paras = [(p.start, p.end) for p in paragraphs(doc)]
        self.para_starts = [start for start, _ in self.paras]
        self.doc_key = text_id(self.text)
        self.body: list[Event] = []
        self.headline: list[Event] = []
        self.mentions: list[Event] = []  # later mentions of acts already coded ("Fox's attacks")

    def code_sentence(self, sent: Span, found: list[tuple[Token, Pattern]]) -> None:
        """Code the trigger matches ``found`` in ``sent``."""
        bounds = _clip(sent, self.paras, self.para_starts)
        question = self.text[sent.start_char:sent.end_char].rstrip().endswith("?")
        for token, pattern in found:
            # Roles are per token: a parser sentence may run across a title and the body.
            if not extractable(self.doc, token):
                continue
            in_title = role_at(self.doc, token.idx) == "heading"
            if in_title and not self.include_headings:
                continue
            heads = role_heads(token, pattern)
            event = _event_for(self.doc, token, pattern, heads, self.coder, self.quotes, bounds(token.idx), question)
            # A headline never hides a body sentence's mention (nor the reverse): each
            # is checked for repeats against its own kind, then merged.
            earlier = self.headline if in_title else self.body
            if event is None or _twice_in_sentence(event, token, earlier):
                continue
            if _repeats(event, token, earlier):
                self.mentions.append(event)  # not a new act, but the parties are still dealing
                continue
            if not event.recipient:
                event.recipient = self._maker_of(token, event, earlier) or \
                    self._continuing_target(heads, event, earlier + self.mentions)
            event.id = stable_id(self.doc_key, event.type, str(event.trigger_start), str(event.trigger_end))
            event.in_title = in_title
            earlier.append(event)

    def _maker_of(self, token: Token, event: Event, earlier: list[Event]) -> list[Participant]:
        """"Aid groups criticised the offer": a definite act noun as the object names an act
        reported before ("the debt freeze offered by the Paris Club"), and whoever did
        that act is the party acted on. Only an act of the same word counts."""
        act = next((c for c in token.children if c.dep_ in ("dobj", "nsubjpass") and c.pos_ == "NOUN"
                    and any(d.lower_ in ("the", "this", "that") for d in c.children)
                    and not any(d.dep_ == "poss" for d in c.children)), None)
        if act is None:
            return []
        lemma = act.lemma_.lower()
        mine = who(event.actor)
        for prev in reversed(earlier):
            word = self.doc.char_span(prev.trigger_start, prev.trigger_end)
            if word is not None and word.root.lemma_.lower() == lemma and prev.actor and not who(prev.actor) & mine:
                return [Participant("recipient", p.name, p.entity_id, act.text, p.country, p.sector,
                                    act.idx, act.idx + len(act)) for p in prev.actor]
        return []


    def _continuing_target(self, heads: RoleHeads, event: Event, earlier: list[Event]) -> list[Participant]:
        """"Mr Trump responded to Mr Fox's attacks. Mr Fox fired back": a directed act
        whose clause names no target is aimed at the party its (named) actor was just
        dealing with: the target of the actor's previous act, or whoever last acted on
        the actor, within a few paragraphs. An object the coder could not name
        ("fired back at the weather") blocks it."""
        lex = self.coder.lex
        mine = {p.entity_id for p in event.actor if p.entity_id}
        if event.type not in lex["continuing_target_types"] or not mine or heads.recipients \
                or heads.fallback_recipients:
            return []
        here = self._paragraph(event.trigger_start)
        for prev in sorted(earlier, key=lambda e: e.trigger_start, reverse=True):
            if here - self._paragraph(prev.trigger_start) > lex["continuing_target_paragraphs"]:
                break
            theirs = {p.entity_id for p in prev.actor if p.entity_id}
            targets = {p.entity_id for p in prev.recipient if p.entity_id}
            if mine & theirs and targets - mine:
                return _as_recipients([p for p in prev.recipient if p.entity_id not in mine])
            if mine & targets and theirs - mine:
                return _as_recipients([p for p in prev.actor if p.entity_id and p.entity_id not in mine])
        return []

    def _paragraph(self, char: int) -> int:
        return bisect_right(self.para_starts, char)


def _as_recipients(parties: list[Participant]) -> list[Participant]:
    """Copies of ``parties`` in the recipient role; their offsets still point at the
    earlier mention that names them."""
    return [replace(p, role="recipient") for p in parties]


def _event_for(doc: Doc, token: Token, pattern: Pattern, heads: RoleHeads, coder: ActorCoder,
               quotes: list[tuple[int, int]], sentence: tuple[int, int], question: bool) -> Event | None:
    """The event ``pattern`` codes at ``token`` (whose role heads are ``heads``), or None
    when its frame is not met."""
    if any(c.dep_ == "dobj" and c.lower_ in REFLEXIVES and c.lower_ not in pattern.with_any for c in token.children):
        return None  # "Schiff defended himself": no second party ("blew himself up" says so in its pattern)
    if _describes(token):
        return None
    quote = _inside(quotes, token.idx, token.idx + len(token))
    speaker = _speaker_as_actor(doc, heads, coder) if quote is not None and pattern.type in PERFORMATIVE else None
    sides = _participants(doc, heads, pattern, coder, speaker, token.idx)
    if sides is None:
        return None
    actors, recipients = sides
    if pattern.type == "SUPPORT" and not recipients and _own_object(token, actors, coder):
        return None  # "Trump defended his proposals": backing one's own, no second party
    if quote is not None and speaker is None and not any(
            p.start is not None and not (quote[0] <= p.start < quote[1]) for p in actors):
        return None  # the content of a quotation, not an act the reporter frames
    modality = modality_of(token, question=question)
    event_type, mode, negated = _type_and_mode(token, pattern, modality)
    if pattern.roles == "reciprocal" and event_type != pattern.type and not recipients:
        actors, recipients = _partners_apart(token, actors)
    date, precision, inferred = date_for_span(doc, token.idx, token.idx + len(token))
    # A date carried over from the story's previous sentence still dates the act.
    stated = not inferred or date != (article_iso(doc) or "")
    location, location_id = _location(heads, coder)
    return Event(
        type=event_type, mode=mode, contexts=list(pattern.contexts),
        trigger_start=token.idx, trigger_end=token.idx + len(token), trigger_text=token.text,
        sentence_start=sentence[0], sentence_end=sentence[1],
        actor=actors, recipient=recipients, date=date, date_precision=precision, date_inferred=inferred,
        location_entity_id=location_id, location=location,
        negated=negated, hypothetical=modality.hypothetical, future=modality.future,
        historical=modality.historical or historical_by_date(date, doc._.ng_published, not stated),
        confidence=_confidence(pattern, actors, recipients),
    )


def _own_object(token: Token, actors: list[Participant], coder: ActorCoder) -> bool:
    """The direct object is a thing of the one actor's own ("his proposals", "its
    record"; not "his minister", nor "the US should support its plan" where "its" is
    somebody else's)."""
    if len(actors) != 1 or not actors[0].entity_id:
        return False
    owners = [d for c in token.children if c.dep_ == "dobj" and not head_kinds(c) & AGENT_KINDS
              for d in c.children if d.dep_ == "poss" and d.lower_ in OWN_POSSESSIVES]  # "his minister" is someone
    return any(p.entity_id == actors[0].entity_id for d in owners for p in coder.code(d, "actor"))


def _describes(token: Token) -> bool:
    """"the Medicaid budget, which provides health care to the poor": a relative clause in
    the simple present says what something is or does habitually, not an act; "the cost
    of funding the overhaul": a gerund after a noun's "of", with no doer of its own, names
    a kind of act, not one that happened."""
    if token.dep_ == "relcl" and token.tag_ in ("VBZ", "VBP"):
        return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("which", "that", "who") for c in token.children)
    return (token.tag_ == "VBG" and token.dep_ in ("pcomp", "pobj") and token.head.lower_ == "of"
            and token.head.head.pos_ == "NOUN" and not any(c.dep_ in ("nsubj", "poss") for c in token.children))


def _speaker_as_actor(doc: Doc, heads: RoleHeads, coder: ActorCoder) -> Participant | None:
    """""We reject his visit," Mr Fox told CNN': an act the speaker performs in the first
    person, in words quoted from them, is the speaker's act as the report gives it."""
    first = next((h for h in heads.actors if h.lower_ in FIRST_PERSON), None)
    if first is None:
        return None
    quote = next((q for q in doc._.ng_quotes or [] if q.start <= first.idx < q.end
                  and q.speaker is not None and q.speaker.entity_id), None)
    return coder.for_entity(quote.speaker.entity_id, first, "actor") if quote is not None else None


def _participants(doc: Doc, heads: RoleHeads, pattern: Pattern, coder: ActorCoder,
                  speaker: Participant | None, at: int) -> tuple[list[Participant], list[Participant]] | None:
    """(actors, recipients) coded from the role heads of the trigger at offset ``at``
    (the actor is ``speaker`` when the act is theirs in the first person); None when no
    side is coded."""
    actors = [speaker] if speaker is not None else \
        dedupe(expand_pairs([p for h in heads.actors for p in coder.code(h, "actor")]))
    if speaker is None and len(actors) == 1:
        actors = [_government_voice(doc, actors[0], at, coder) or actors[0]]
    # The same party on both sides is the actor ("withdrew its offer": its own offer);
    # two uncoded common nouns ("the leader urged the president") are not the same party,
    # nor two groups of one country in different sectors ("unions ... the government").
    actor_keys = {_party_key(p) for p in actors if p.entity_id or p.country}

    def others(tokens: list) -> list[Participant]:
        found = dedupe(expand_pairs([p for h in tokens for p in coder.code(h, "recipient")]))
        return [p for p in found if _party_key(p) not in actor_keys]
    recipients = others(heads.recipients)
    if not any(p.country for p in recipients):
        recipients += others(heads.fallback_recipients)
    for p in recipients:
        p.role = "recipient"
    if not any(coded(p) for p in actors + recipients):
        return None
    if not recipients and (pattern.type == "REQUEST" or _judges_policy(heads, pattern, coder.lex)):
        recipients = addressed_authority(doc, actors, at)
    return actors, recipients


def _government_voice(doc: Doc, actor: Participant, at: int, coder: ActorCoder) -> Participant | None:
    """"President Bush said the US backed Russian entry": a country acting in the reported
    words of a member of its own government acts through that member, the one who said so."""
    country = coder.entity(actor.entity_id)
    if not actor.country or actor.start is None or country is None or country.type != "GPE":
        return None
    quote = next((q for q in doc._.ng_quotes or [] if q.start <= at < q.end and q.start <= actor.start < q.end
                  and q.speaker is not None and q.speaker.entity_id), None)
    speaker = coder.entity(quote.speaker.entity_id) if quote is not None else None
    if speaker is None or (speaker.type, speaker.sector) != ("PERSON", "GOV"):
        return None
    head = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    voice = coder.for_entity(quote.speaker.entity_id, head.root, "actor") if head is not None else None
    return voice if voice is not None and voice.country == actor.country else None


def _party_key(p: Participant) -> tuple:
    """Who a participant is: its entity, or for a group the text only describes, its
    country and sector."""
    return (p.entity_id, p.country, None if p.entity_id else p.sector)


def _judges_policy(heads: RoleHeads, pattern: Pattern, lex: dict) -> bool:
    """"welcomed the ban", "condemned the bill": a judgement of a measure that names no
    maker ("defended his plan" does) is directed at the government that made it."""
    return pattern.type in lex["policy_judged_types"] and any(
        (h.lemma_.lower() in lex["policy_nouns"] or h.lower_ in lex["policy_nouns"])
        and not any(c.dep_ == "poss" for c in h.children)
        for h in heads.recipients + heads.fallback_recipients)


def _partners_apart(token: Token, actors: list[Participant]) -> tuple[list[Participant], list[Participant]]:
    """"The EU will start accession talks with Croatia": a meeting both sides hold is
    coded with both as actors, but the agreement or refusal to hold it (future AGREE,
    announced REJECT) is the subject's, and the "with" partner is its recipient."""
    partners = {t.idx for p in token.children if p.dep_ == "prep" and p.lower_ == "with"
                for g in p.children if g.dep_ == "pobj" for t in g.subtree}
    kept = [p for p in actors if p.start not in partners]
    moved = [p for p in actors if p.start in partners]
    if not kept or not moved:
        return actors, []
    for p in moved:
        p.role = "recipient"
    return kept, moved


def _type_and_mode(token: Token, pattern: Pattern, modality: Modality) -> tuple[str, str | None, bool]:
    """(type, mode, negated): the pattern's, except that a future cooperative act takes
    the pattern's future type and an announced refusal ("will not accept", "would not
    bow") is PLOVER REJECT. Other negation ("has not committed", "did not meet") is a
    flag, never a type."""
    event_type, mode, negated = pattern.type, pattern.mode, modality.negated
    if modality.future and not negated and pattern.future_type:
        event_type, mode = pattern.future_type, (mode if pattern.future_type == pattern.type else None)
    if negated and pattern.type in REFUSABLE | {"AID", "SUPPORT", "CONSULT"} and stated_refusal(token):
        event_type, mode, negated = "REJECT", None, False
    return event_type, mode, negated


def _location(heads: RoleHeads, coder: ActorCoder) -> tuple[str | None, str | None]:
    """(the place phrase as written, its entity id) of the event's location role."""
    if heads.location is None:
        return None, None
    place = coder.code(heads.location, "location")
    location = coder.text[heads.location.left_edge.idx:heads.location.idx + len(heads.location)]
    return location, (place[0].entity_id if place else None)


def _confidence(pattern: Pattern, actors: list[Participant], recipients: list[Participant]) -> float:
    """The pattern's prior, +0.1 with both sides, -0.2 when no participant has a country
    (the hand formula; see docs/confidence.md for why no fitted model replaces it)."""
    confidence = pattern.confidence + (0.1 if actors and recipients else 0.0) \
        - (0.2 if not any(p.country for p in actors + recipients) else 0.0)
    return round(max(0.05, min(confidence, 0.99)), 2)


def _clip(sent: Span, paras: list[tuple[int, int]], starts: list[int]):
    """char -> the parser's sentence clipped to that character's paragraph."""
    start, end = sent.start_char, sent.end_char

    def bounds(char: int) -> tuple[int, int]:
        i = bisect_right(starts, char) - 1
        if i >= 0 and paras[i][0] <= char < max(paras[i][1], paras[i][0] + 1):
            return max(start, paras[i][0]), min(end, paras[i][1])
        return start, end
    return bounds


def _repeats(event: Event, token: Token, earlier: list[Event]) -> bool:
    """A nominal mention ("the visit", "Macron's visit") of an event already coded."""
    if token.pos_ not in {"NOUN", "PROPN"}:
        return False
    actors, recipients = who(event.actor), who(event.recipient)
    for prev in earlier:
        if prev.type != event.type or prev.mode != event.mode:
            continue
        if actors and actors == who(prev.actor) and recipients <= who(prev.recipient):
            if event.date_inferred or event.date == prev.date:
                return True
    return False


def _twice_in_sentence(event: Event, token: Token, earlier: list[Event]) -> bool:
    """"Hale said Pike should resign": the demand read from the speech and the one read
    from the should-clause are one act of the same parties when one trigger governs
    the other ("Barr must testify" and "the files should be handed over" are two)."""
    actors = who(event.actor)
    if not actors:
        return False
    for prev in earlier[-8:]:
        if prev.sentence_start != event.sentence_start or prev.type != event.type or who(prev.actor) != actors \
                or who(prev.recipient) != who(event.recipient):
            continue
        other = token.doc.char_span(prev.trigger_start, prev.trigger_end, alignment_mode="expand")
        if other is not None and (_governs(other.root, token) or _governs(token, other.root)):
            return True
    return False


def _governs(head: Token, token: Token) -> bool:
    """``head`` governs ``token`` through subordination ("said ... should resign"), not
    through coordination ("should be handed over, and Barr must testify")."""
    node = token
    while node.head.i != node.i and node.i != head.i:
        if node.dep_ == "conj":
            return False
        node = node.head
    return node.i == head.i and token.i != head.i


__all__ = ["EventCoder", "code_events", "quote_spans", "merge_headline_events", "headline_stands_alone",
           "HEADLINE_ONE_SIDED"]

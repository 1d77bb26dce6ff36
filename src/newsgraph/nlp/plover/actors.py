"""Turn a noun phrase into a coded participant (name, entity, country, sector).

Named entities come from the entities component (``doc._.ng_entities`` through
:func:`newsgraph.nlp.entities.entity_at`, ``resolve_person`` and
``mention_code``); countries of words that are not entities ("Russian", "the
Kremlin") from its gazetteer. On top of that, PLOVER conventions for phrases
that are not names: a possessor or demonym stands for the head ("Russia's
war", "European sanctions"), generic nouns carry a sector ("police",
"officials"), "the two leaders" refers to the two parties named just before,
"the country" to the last country named.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from bisect import bisect_left, bisect_right

from spacy.tokens import Doc, Token

from newsgraph.model import Entity, Participant, stable_id
from newsgraph.nlp import entities as _entities
from newsgraph.nlp.actors.coding import country_of_phrase
from newsgraph.nlp.actors.gazetteer import load_gazetteer
from newsgraph.nlp.actors.kb import load_kb
from newsgraph.nlp.actors.coref import entity_from_gazetteer
from newsgraph.nlp.extensions import article_iso, doc_text
from newsgraph.nlp.plover.data import sector_lexicon

PRONOUNS = {"he", "she", "him", "her", "they", "them", "it", "its", "his", "their", "we", "us"}
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
#: A pronoun refers back at most this many sentences (its own counts as 0).
PRONOUN_REACH = 2
NON_AGENTS = {"something", "what", "which", "that", "who", "this", "these", "those", "one", "anything"}


def _agent_phrase(head: Token) -> str:
    """The head noun with its lower-case compound modifiers: "intelligence officers"."""
    words = [c.text for c in head.children if c.dep_ == "compound" and c.i < head.i and c.is_lower]
    return " ".join([*words, head.text]).lower()

#: Parts of speech of a name word ("Russia", "Russian", "government" in "the Russian government").
NAME_POS = frozenset({"PROPN", "ADJ", "NOUN"})
#: Relative pronouns: the party is the noun the relative clause describes.
RELATIVES = frozenset({"who", "which", "that"})

class ActorCoder:
    """Codes participants for one doc; create one per doc."""

    def __init__(self, doc: Doc, text: str | None = None):
        self.doc = doc
        self.text = doc_text(doc) if text is None else text
        self.lex = sector_lexicon()
        meta = doc._.ng_meta if isinstance(doc._.ng_meta, dict) else {}
        self.gaz = load_gazetteer(meta.get("actors_file"))  # the one the entities component used
        self.history: list[Participant] = []  # coded participants in text order, for anaphora
        self.person_ids: dict[str | None, bool] = {}
        self._by_token: dict[tuple[int, bool], Participant | None] = {}
        self._countries: dict[str, str | None] = {}
        self._named, self._mention_firsts = _mentioned_tokens(doc)
        self._entities_by_id = {e.id: e for e in doc._.ng_entities or []}

    # -- lookup of named entities -------------------------------------------------
    def _entity_for_token(self, tok: Token, resolve: bool = False) -> Participant | None:
        """The entity at ``tok`` (or, with ``resolve``, the one it refers to); cached per token."""
        key = (tok.i, resolve)
        if key not in self._by_token:
            self._by_token[key] = self._lookup_entity(tok, resolve)
        found = self._by_token[key]
        return copy.copy(found) if found is not None else None  # callers set role and span

    def _lookup_entity(self, tok: Token, resolve: bool) -> Participant | None:
        ent = _entities.entity_at(self.doc, tok.idx, tok.idx + len(tok)) if tok.i in self._named else None
        if ent is None and resolve:
            ent = _entities.resolve_person(self.doc, tok)
            if isinstance(ent, list):
                return self._pair([self._from_entity(e, tok) for e in ent], tok) if ent else None
        if ent is None:
            return None
        return self._from_entity(ent, tok)

    def _from_entity(self, ent, tok: Token) -> Participant:
        self.person_ids[ent.id] = ent.type == "PERSON"
        country, sector = _entities.mention_code(self.doc, tok.idx, tok.idx + len(tok))
        country, sector = country or ent.country, sector or ent.sector
        return Participant("actor", ent.name, ent.id, tok.text, country, sector, tok.idx, tok.idx + len(tok))

    def entity(self, entity_id: str | None) -> Entity | None:
        """This doc's entity with that id."""
        return self._entities_by_id.get(entity_id)

    def for_entity(self, entity_id: str, tok: Token, role: str) -> Participant | None:
        """The participant for a known entity (a quote's resolved speaker), placed at ``tok``."""
        ent = self.entity(entity_id)
        if ent is None:
            return None
        p = self._from_entity(ent, tok)
        p.role = role
        return p

    def country_of(self, text: str) -> str | None:
        """Country a phrase stands for, from the gazetteer (cached per doc)."""
        if text not in self._countries:
            self._countries[text] = country_of_phrase(self.gaz, text)
        return self._countries[text]

    def _pair(self, members: list[Participant], head: Token) -> Participant:
        """A placeholder for "the two leaders" that :func:`expand_pairs` replaces by ``members``."""
        return PairOf(members[0].role, "; ".join(m.name or "" for m in members), None, head.text,
                      None, None, head.idx, head.idx + len(head), members=list(members))

    def _phrase_tokens(self, head: Token) -> list[Token]:
        """The head with its compound/flat name parts, not relative clauses."""
        return [t for t in head.subtree if t.i <= head.i and (t is head or t.dep_ in {"compound", "amod", "nmod", "poss", "det", "nummod"}
                                                                 or t.head.dep_ == "compound")]

    def code(self, head: Token, role: str) -> list[Participant]:
        """Participants for the noun phrase headed by ``head`` (conjuncts expanded)."""
        heads = [head] + [c for c in head.conjuncts if c.i > head.i]
        if head.ent_type_ == "GPE":  # "Fiji, Tonga and the Seychelles": a list the parser read as apposition
            for appos in (c for c in head.children if c.dep_ == "appos" and c.ent_type_ == "GPE"):
                heads += [appos] + [c for c in appos.conjuncts if c.i > appos.i]
        out: list[Participant] = []
        for h in heads:
            p = self._code_one(h)
            found = [p] if p is not None else self._members(h)
            for q in found:
                q.role = role
                out.append(q)
        return out

    def _members(self, head: Token) -> list[Participant]:
        """"collaboration from North Korea with Russia": the parties inside the phrase."""
        out = []
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in {"from", "with", "by", "between", "among"}:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        for h in [pobj] + list(pobj.conjuncts):
                            p = self._code_one(h)
                            if p is not None and p.country:
                                out.append(p)
        return out

    def _code_one(self, head: Token) -> Participant | None:
        """The party the noun phrase headed by ``head`` stands for, trying in turn: the
        phrase itself (a name, a pronoun, a name in apposition), a quantity of a party
        ("thousands of Iraqi Kurds"), an anaphor ("the two leaders", "the minister"),
        a party inside the phrase ("Russia's army", "officials from Peru"), and a
        group of people of the story's country ("protesters")."""
        if head.lower_ in NON_AGENTS:
            return None
        if head.lemma_.lower() in self.lex["leader_bodies"]:
            leader = self._leader_of_body(head)
            if leader is not None:
                return leader
        named = self._named_party(head)
        if named is not None or head.lower_ in PRONOUNS:
            return named
        lower = head.lemma_.lower()
        found = self._quantity_of(head) or self._anaphor(head, lower)
        if found is not None:
            return found
        sector = self._sector(head, lower)
        # The actor dictionaries' generic agents ("intelligence officers" -> SPY): with
        # the country the phrase names, else, for the people and institutions of a
        # domestic story (home sectors: "MPs", "the archbishop"), the story's country;
        # a bare "investors" (business) codes nobody.
        agent = None if sector else load_kb().agent(_agent_phrase(head))
        found = self._owner(head, sector or (agent.sector if agent else None))
        if agent is not None and agent.sector in self.lex["home_sectors"]:
            sector = agent.sector
        if found is None and lower in self.lex["country_anaphors"] and any(
                c.lower_ in {"the", "this", "that"} for c in head.children):
            last = self._last_country(head.left_edge.idx)
            found = self._copy(last, head) if last is not None else None
        return found or self._of_party(head, sector) or self._generic(head, sector)

    def _named_party(self, head: Token) -> Participant | None:
        """A pronoun resolved, a name, or the name in apposition ("the SNP's leader, Nicola Sturgeon,");
        a relative pronoun stands for the noun its clause describes ("Indonesia, which accepted")."""
        if head.lower_ in RELATIVES and head.head.dep_ == "relcl" and head.head.head.i != head.i:
            return self._code_one(head.head.head)
        if head.lower_ in PRONOUNS:
            return self._pronoun(head)
        found = self._entity_for_token(head)
        if found is None or not self._is_person(found):
            # "Another top Republican, Sen. Lindsey Graham, ...": the person named
            # in apposition is the party, not the group the description names.
            for appos in (c for c in head.children if c.dep_ == "appos"):
                named = self._entity_for_token(appos)
                if named is not None and (found is None or self._is_person(named)):
                    return self._with_span(named, appos)
        return self._with_span(found, head) if found is not None else None

    def _leader_of_body(self, head: Token) -> Participant | None:
        """"the Obama administration", "his administration": the person a leader's body is
        named after; "the administration" alone: the leader of the story's country on its date."""
        mods = [c for c in head.children if c.dep_ in {"compound", "poss", "nmod", "amod"} and c.i < head.i]
        for mod in mods:
            person = self._person_named_by(mod)
            if person is not None:
                return self._with_span(person, head)
        if mods or not any(c.lower_ == "the" for c in head.children) or not self.doc._.ng_home_country:
            return None
        date = article_iso(self.doc)
        entry, dated = self.gaz.holder(self.doc._.ng_home_country, ["leader"], date)
        if entry is None or not dated:
            return None
        known = entity_from_gazetteer(entry, date)  # the article's entity has the same identity
        return self._with_span(self._from_entity(self.entity(known.id) or known, head), head)

    def _person_named_by(self, tok: Token) -> Participant | None:
        """The person a modifier names: a pronoun resolved, a person's mention, or the
        surname of a person the article names ("Obama" inside "the Obama administration")."""
        found = self._pronoun(tok) if tok.lower_ in PRONOUNS else self._entity_for_token(tok, resolve=True)
        if found is not None and self._is_person(found):
            return found
        word = tok.text[:-2] if tok.text.endswith(("'s", "’s")) else tok.text
        for ent in self.doc._.ng_entities or []:
            if ent.type == "PERSON" and any(a.split()[-1:] == [word] for a in [ent.name, *ent.aliases]):
                return self._from_entity(ent, tok)
        return None

    def _quantity_of(self, head: Token) -> Participant | None:
        """"thousands of Iraqi Kurds": the party the quantity counts."""
        if not (head.lower_ in self.lex["quantity_heads"] or (head.pos_ == "NUM" and head.dep_ != "nummod")):
            return None
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        inner = self._code_one(pobj)
                        if inner is not None:
                            return inner
        return None

    def _anaphor(self, head: Token, lower: str) -> Participant | None:
        """"the minister", "his deputy" resolved to the person; "the two leaders", "both
        countries" to the last two parties named."""
        if any(c.lower_ in {"the", "two", "both", "this", "that", "his", "her", "their"} for c in head.children) and (
                lower in self.lex["pair_heads"] or lower in self.lex["country_anaphors"] or lower in self.lex["nouns"]
                or lower in self.gaz.epithets):
            found = self._entity_for_token(head, resolve=True)
            if found is not None:
                return found
        if (lower in self.lex["pair_heads"] or head.lower_ in self.lex["pair_heads"]) and any(
                c.lower_ in {"two", "both"} for c in head.children):
            pair = self._last_distinct(2, head.left_edge.idx)
            if len(pair) == 2:
                return self._pair(pair, head)
        return None

    def _sector(self, head: Token, lower: str) -> str | None:
        """The sector a people noun names ("protesters", "militia members", "army units")."""
        sector = self.lex["nouns"].get(head.lower_) or self.lex["nouns"].get(lower)
        if sector is not None and head.lower_ in self.lex["needs_modifier"] and not any(
                c.dep_ in {"amod", "compound"} and c.i < head.i for c in head.children):
            sector = None  # "all parties": the sides, not political parties
        if sector is None:
            sector = next((self.lex["nouns"][c.lower_] for c in head.children if c.dep_ == "compound"
                           and c.lower_ in self.lex["nouns"] and c.lower_ not in self.lex["needs_modifier"]), None)
        return sector

    def _owner(self, head: Token, sector: str | None) -> Participant | None:
        """A possessor, demonym or country name inside the phrase stands for the head
        ("Russia's army", "Belarusian police"), with the head's sector unless possessed."""
        for child in head.children:
            if child.dep_ in {"poss", "compound", "amod", "nmod"} and child.i < head.i:
                leader = self._leader_of_body(child) if child.lemma_.lower() in self.lex["leader_bodies"] else None
                inner = leader or self._entity_for_token(child) or self._demonym(child)
                if inner is None and child.lower_ in PRONOUNS:
                    inner = self._pronoun(child)
                if inner is None and child.dep_ == "poss" and child.pos_ == "NOUN":
                    inner = self._code_one(child)  # "the government's plans": the government
                if inner is not None and (inner.country or leader is not None):
                    inner = self._with_span(inner, head)
                    if sector and child.dep_ != "poss":
                        inner.sector = sector
                    return inner
        return None

    def _of_party(self, head: Token, sector: str | None) -> Participant | None:
        """"the leader of Russia", "officials from Peru": a people noun of a named party."""
        if not sector:
            return None
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in {"of", "from"}:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        inner = self._entity_for_token(pobj) or self._demonym(pobj)
                        if inner is not None and inner.country:
                            inner = self._with_span(inner, head)
                            inner.end = _of_name_end(head) if child.lower_ == "of" else inner.end
                            inner.text, inner.sector = self.text[inner.start:inner.end], sector
                            return inner
        return None

    def _generic(self, head: Token, sector: str | None) -> Participant | None:
        """"protesters", "MPs": of the country the story is set in, if it has one; a
        capitalised name no gazetteer knows stays a name with no country."""
        if sector:
            country = self.doc._.ng_home_country if sector in self.lex["home_sectors"] else None
            start, end = self._phrase_tokens(head)[0].idx, _of_name_end(head)
            return Participant("actor", _description(head), None, self.text[start:end], country, sector, start, end)
        if head.pos_ == "PRON" or not (head.pos_ == "PROPN" and head.text[:1].isupper()):
            return None
        text = self._text(head)
        # "the Seychelles" missed by the recogniser is still the country the gazetteer knows
        country = self.country_of(text) if head.ent_type_ in ("", "GPE", "LOC") else None
        return Participant("actor", text, None, text, country, None, head.left_edge.idx, head.idx + len(head))

    def _demonym(self, tok: Token) -> Participant | None:
        text = tok.text
        if tok.dep_ == "amod" and tok.i > 0 and tok.nbor(-1).dep_ in {"amod", "compound"}:
            text = f"{tok.nbor(-1).text} {tok.text}"
        country = self.country_of(text) or self.country_of(tok.text)
        if country is None:
            return None
        return Participant("actor", text, stable_id("GPE", country), tok.text, country, None,
                           tok.idx, tok.idx + len(tok))

    def _governing_subject(self, tok: Token) -> Token | None:
        """The subject of the clause that governs the pronoun's clause ("MPs pressed the
        minister as they complained": "they" is the MPs), if it comes before the pronoun."""
        clause = tok.head
        while clause.dep_ not in {"ccomp", "ROOT", "advcl", "xcomp", "conj"} and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ not in {"ccomp", "advcl", "conj"}:
            return None
        return next((c for c in clause.head.children if c.dep_ == "nsubj" and c.i < tok.i), None)

    def _plural_subject(self, tok: Token) -> Participant | None:
        """"they" as the plural subject of a governing clause, named or a group noun,
        climbing past clauses whose subject is another pronoun ("after MPs pressed him
        to read it as they complained")."""
        node = tok
        for _ in range(4):
            subject = self._governing_subject(node)
            if subject is None:
                return None
            if subject.lower_ not in PRONOUNS:
                found = self._code_one(subject) if _plural(subject) else None
                return self._copy(found, tok) if found is not None else None
            node = subject
        return None

    def _pronoun(self, tok: Token) -> Participant | None:
        if tok.lower_ in PLURAL_PRONOUNS:
            found = self._plural_subject(tok)
            if found is not None:
                return found
        found = self._entity_for_token(tok, resolve=True)
        if found is not None:
            return found
        want_person = tok.lower_ in {"he", "she", "him", "her", "his"}
        # "X told Y he backed ...": the subject of the reporting clause.
        subject = self._governing_subject(tok)
        p = self._entity_for_token(subject) if subject is not None else None
        if p is not None and self._is_person(p) == want_person:
            return self._copy(p, tok)
        plural = tok.lower_ in PLURAL_PRONOUNS
        recent = self._recent(tok, want_person)
        found = next((p for p in recent if want_person or self._is_plural(p) == plural), None)
        if found is None and plural:
            # British usage: "The Countryside Alliance says ... They have agreed": an
            # organisation is "they" when it is the last party named and no plural one is.
            found = recent[0] if recent and self._entity_type(recent[0]) == "ORG" \
                and not self._plural_noun_between(recent[0], tok) else None
        return self._copy(found, tok) if found is not None else None

    def _recent(self, tok: Token, want_person: bool) -> list[Participant]:
        """Parties named before ``tok`` within the pronoun's reach, nearest first, that are
        people (or not) as the pronoun asks ("they" is not Russia, "its" not the Democrats:
        number is checked by the caller)."""
        here = self._sent_index(tok.idx)
        out = []
        for p in reversed(self.history):
            if p.start is None or p.start >= tok.idx:
                continue
            if here - self._sent_index(p.start) > PRONOUN_REACH:
                break  # too far back to be what the pronoun points at
            if self._is_person(p) == want_person:
                out.append(p)
        return out

    def _plural_noun_between(self, p: Participant, tok: Token) -> bool:
        """A plural noun ("forces", "demonstrators") between a party and a "they" is what
        "they" more likely means."""
        span = self.doc.char_span(p.end, tok.idx, alignment_mode="expand") if p.end is not None else None
        return span is not None and any(t.tag_ in ("NNS", "NNPS") and t.i not in self._named for t in span)

    def _entity_type(self, p: Participant) -> str | None:
        ent = self.entity(p.entity_id)
        return ent.type if ent is not None else None

    def _sent_index(self, char: int) -> int:
        if not hasattr(self, "_sent_starts"):
            self._sent_starts = [s.start_char for s in self.doc.sents]
        return bisect_right(self._sent_starts, char) - 1

    def _is_plural(self, p: Participant) -> bool:
        """The antecedent names a plural ("Democrats", "the creditors"), by its head's tag."""
        span = self.doc.char_span(p.start, p.end, alignment_mode="expand") if p.end is not None else None
        return span is not None and span.root.tag_ in ("NNS", "NNPS")

    def _is_person(self, p: Participant) -> bool:
        return self.person_ids.get(p.entity_id, False)

    def _last_distinct(self, n: int, before: int) -> list[Participant]:
        seen: list[Participant] = []
        countries: set[str] = set()
        for p in reversed(self.history):
            if p.start is not None and p.start >= before:
                continue
            if p.country and p.country not in countries:
                countries.add(p.country)
                seen.append(p)
                if len(seen) == n:
                    break
        return list(reversed(seen))

    def _last_country(self, before: int) -> Participant | None:
        for p in reversed(self.history):
            if p.start is not None and p.start >= before:
                continue
            if p.country and p.sector in (None, "GOV") and p.name and self.country_of(p.name) == p.country:
                return p
        return None

    def observe_sentence(self, sent) -> None:
        """Record every coded name of a sentence, so later anaphora can use it."""
        order = self._mention_firsts
        for i in order[bisect_left(order, sent.start):bisect_left(order, sent.end)]:
            tok = self.doc[i]
            p = self._entity_for_token(tok)
            if p is not None and p.country and (not self.history or self.history[-1].start != p.start):
                if self.history and self.history[-1].entity_id == p.entity_id and self.history[-1].end >= tok.idx - 1:
                    continue
                self.history.append(p)

    def _text(self, head: Token) -> str:
        tokens = self._phrase_tokens(head)
        start, end = tokens[0].idx, head.idx + len(head)
        return self.text[start:end]

    def _with_span(self, p: Participant, head: Token) -> Participant:
        tokens = self._phrase_tokens(head)
        return Participant(p.role, p.name, p.entity_id, self.text[tokens[0].idx:head.idx + len(head)],
                           p.country, p.sector, tokens[0].idx, head.idx + len(head))

    def _copy(self, p: Participant, tok: Token) -> Participant:
        return Participant(p.role, p.name, p.entity_id, tok.text, p.country, p.sector, tok.idx, tok.idx + len(tok))


def _description(head: Token) -> str:
    """The name of a group the text only describes: its noun with the capitalised words
    before it ("the Communist parties" -> "Communist parties", "Labour MPs"), else the noun."""
    words = []
    for tok in reversed(list(head.doc[head.left_edge.i:head.i])):
        if tok.head.i != head.i and tok.head.dep_ != "compound" or not tok.text[:1].isupper() or tok.pos_ == "DET":
            break
        words.insert(0, tok.text)
    return " ".join(words + [head.text])


def _of_name_end(head: Token) -> int:
    """Where the phrase of a people noun ends: after an "of" naming whose people they are
    ("the Catholic archbishop of Cardiff", "supporters of Countryside Alliance"), else
    at the noun."""
    for prep in head.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ == "PROPN":
                return pobj.right_edge.idx + len(pobj.right_edge)
    return head.idx + len(head)


def _plural(tok: Token) -> bool:
    """A plural noun, acronyms included ("protesters", "Democrats", "MPs", "NGOs")."""
    return tok.tag_ in ("NNS", "NNPS") or (len(tok.text) > 2 and tok.text[:-1].isupper() and tok.text[-1] == "s")


def _mentioned_tokens(doc: Doc) -> tuple[set[int], list[int]]:
    """Indices of tokens that overlap an entity mention (the only ones ``entity_at`` can
    name), and, in text order, the first name word of each mention (what anaphora remembers)."""
    out: set[int] = set()
    firsts: set[int] = set()
    for ent in doc._.ng_entities or []:
        for m in ent.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                out.update(range(span.start, span.end))
                first = next((t.i for t in span if t.pos_ in NAME_POS), None)
                if first is not None:
                    firsts.add(first)
    return out, sorted(firsts)


@dataclass
class PairOf(Participant):
    """"the two leaders": a phrase that stands for several parties, until
    :func:`expand_pairs` puts them in its place."""
    members: list[Participant] = field(default_factory=list)


def expand_pairs(participants: list[Participant]) -> list[Participant]:
    """Replace a "the two leaders" placeholder by the two parties it refers to."""
    out: list[Participant] = []
    for p in participants:
        pair = p.members if isinstance(p, PairOf) else None
        if pair:
            for q in pair:
                out.append(Participant(p.role, q.name, q.entity_id, p.text, q.country, q.sector, p.start, p.end))
        else:
            out.append(p)
    return out

"""Who "he", "the two leaders", "the Russian leader" or "the ministry" is.

Deliberately simple and predictable, sized for quote speakers and event
actors: a pronoun goes to the subject of its own sentence (not the subject of
its own verb when it is that verb's object), else to the subject of the
nearest earlier sentence that names a person; gender from the gazetteer or an
honorific filters candidates. A title with a country ("the Russian leader",
"Russia's foreign minister") resolves through the gazetteer to whoever held
the office on the article's date.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsgraph.model import Entity
from newsgraph.nlp.actors.coding import country_in_words, title_in_words
from newsgraph.nlp.actors.gazetteer import GazEntry, Gazetteer
from newsgraph.nlp.actors.names import fold, normalize_name
from newsgraph.nlp.attribution.marks import find_quoted_spans
from newsgraph.nlp.extensions import paragraphs

MALE = frozenset({"he", "him", "his", "himself"})
FEMALE = frozenset({"she", "her", "hers", "herself"})
PLURAL = frozenset({"they", "them", "their", "themselves"})
_OBJECT_DEPS = frozenset({"dobj", "dative", "iobj", "pobj"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_LOOKBACK = 3
_FEMALE_TITLES = frozenset({"spokeswoman", "chairwoman", "congresswoman", "businesswoman", "queen"})


def _left_words(gaz: Gazetteer, doc: Doc, start: int) -> list[Token]:
    """Country words immediately left of a title: "the Russian", "Russia's", "the U.S."."""
    toks, i = [], start - 1
    while i >= doc[start].sent.start:
        tok = doc[i]
        key = normalize_name(tok.text)
        if tok.text in ("'s", "’s") or (key and all(w in gaz.demonym_words or w in gaz.country_name_words
                                                     for w in key.split())):
            toks.insert(0, tok)
            i -= 1
            continue
        break
    while toks and toks[0].lower_ == "the":  # "the" is a word of "the Gambia", never a country alone
        toks = toks[1:]
    return toks


def title_mentions(doc: Doc, gaz: Gazetteer, date: str | None, taken: set[int],
                   is_extractable, home: str | None = None) -> list[tuple[int, int, GazEntry, bool]]:
    """Standalone office titles, resolved to the holder on ``date``.

    The country is the one the title names ("the Russian leader", "Russia's
    foreign minister"); a definite title without one ("the prime minister")
    is the office of ``home``, the country the article is set in, and of no
    one when the article has no clear setting. Returns (start_token,
    end_token, holder, dated). A title followed by a name ("Russian President
    Vladimir Putin") is a role, not a mention.
    """
    found = []
    for tok in doc:
        if tok.tag_ not in ("NN", "NNP") or tok.i in taken or fold(tok.text) not in gaz.title_words:
            continue
        nxt = tok.i + 1
        if nxt < len(doc) and (nxt in taken or (doc[nxt].text == "," and nxt + 1 in taken)):
            continue  # "President Putin", "its defense minister, Andrey Belousov"
        if tok.i > 1 and doc[tok.i - 1].text == "-":
            continue
        words = [fold(t.text) for t in doc[max(0, tok.i - 3): tok.i + 1]]
        hit = None
        for size in (4, 3, 2, 1):
            phrase = " ".join(words[-size:])
            if len(words) >= size and gaz.titles.get(phrase, {}).get("office"):
                hit = (size, gaz.titles[phrase])
                break
        if not hit or not is_extractable(tok.idx):
            continue
        size, info = hit
        start = tok.i - size + 1
        if start > 0 and fold(doc[start - 1].text).rstrip("-") in gaz.former_markers:
            continue
        left = _left_words(gaz, doc, start)
        country = country_in_words(gaz, [w for t in left for w in normalize_name(t.text).split()])
        if not country and not left and start > 0 and doc[start - 1].lower_ == "the" and home:
            country = home  # "the prime minister" in a British story
        if not country or any(t.i in taken and doc[t.i].ent_type_ == "PERSON" for t in left):
            continue
        holder, dated = gaz.holder(country, gaz.offices_for(info, country), date)
        if holder is not None:
            s = left[0].i if left else start
            found.append((s, tok.i + 1, holder, dated))
    return found


class PersonResolver:
    """Pronoun and nominal resolution over a Doc whose ng_entities are set."""

    def __init__(self, doc: Doc, gaz: Gazetteer):
        self.doc, self.gaz = doc, gaz
        self.genders: dict[str, str] = doc.user_data.get("ng_entity_gender", {})
        self.persons = []  # (start_char, end_char, entity)
        for ent in doc._.ng_entities or []:
            if ent.type == "PERSON":
                for m in ent.mentions:
                    self.persons.append((m.start, m.end, ent))
        self.persons.sort(key=lambda x: x[0])

    def _root(self, start: int, end: int) -> Token | None:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return span.root if span is not None else None

    def _in_sentence(self, sent, before: int) -> list[tuple[int, int, Entity]]:
        return [p for p in self.persons if sent.start_char <= p[0] < min(before, sent.end_char)]

    def _gender_ok(self, ent: Entity, gender: str | None) -> bool:
        known = self.genders.get(ent.id)
        if known is None and any(fold(r).split()[-1:] and fold(r).split()[-1] in _FEMALE_TITLES for r in ent.roles):
            known = "f"
        return gender is None or known is None or known == gender

    def _pick(self, cands: list[tuple[int, int, Entity]], exclude_head: Token | None = None) -> Entity | None:
        subjects = []
        for s, e, ent in cands:
            root = self._root(s, e)
            if root is not None and root.dep_ in _SUBJECT_DEPS:
                if exclude_head is not None and root.head == exclude_head:
                    continue
                subjects.append((ent, root))
        if subjects:
            main = [ent for ent, root in subjects if _in_main_clause(root)]
            return main[0] if main else subjects[0][0]  # "before Barr released ..., O'Rourke charged"
        rest = [c for c in cands if exclude_head is None or self._root(c[0], c[1]) is None
                or self._root(c[0], c[1]).head != exclude_head]
        return rest[-1][2] if rest else None

    def _role_words(self, role: str) -> set[str]:
        """A role's words with abbreviations spelled out ("Sen." -> senator)."""
        words = fold(role).split()
        return set(words) | {self.gaz.abbreviations[w] for w in words if w in self.gaz.abbreviations}

    def pronoun(self, token: Token) -> Entity | None:
        gender = "m" if token.lower_ in MALE else "f" if token.lower_ in FEMALE else None
        exclude = None
        if token.dep_ in _OBJECT_DEPS:
            exclude = token.head if token.dep_ != "pobj" else token.head.head
        sents = list(self.doc.sents)
        idx = next(i for i, s in enumerate(sents) if s.start <= token.i < s.end)
        quoted = _quoted_spans(self.doc)
        inside = next(((a, b) for a, b in quoted if a <= token.idx < b), None)

        def visible(c) -> bool:
            """A name inside a quotation is no antecedent for a pronoun outside it."""
            span = next(((a, b) for a, b in quoted if a <= c[0] < b), None)
            return span is None or span == inside

        same = [c for c in self._in_sentence(sents[idx], token.idx) if self._gender_ok(c[2], gender) and visible(c)]
        picked = self._pick(same, exclude)
        if picked:
            return picked
        for back in range(1, _LOOKBACK + 1):
            if idx - back < 0:
                break
            sent = sents[idx - back]
            cands = [c for c in self._in_sentence(sent, sent.end_char)
                     if self._gender_ok(c[2], gender) and visible(c)]
            if cands:
                return self._pick(cands)
        return None

    def plural(self, token: Token, n: int = 2) -> list[Entity] | None:
        sents = list(self.doc.sents)
        idx = next(i for i, s in enumerate(sents) if s.start <= token.i < s.end)
        seen: list[Entity] = []
        for back in range(0, 2 * _LOOKBACK + 1):
            if idx - back < 0:
                break
            sent = sents[idx - back]
            for _, _, ent in reversed(self._in_sentence(sent, token.idx if back == 0 else sent.end_char)):
                if all(ent.id != s.id for s in seen):
                    seen.append(ent)
            if len(seen) >= n:
                return seen[:n]
        return None

    def nominal(self, token: Token) -> Entity | None:
        """"the official", "the Russian leader", "the ministry"."""
        if any(c.dep_ == "det" and c.lower_ in INDEFINITE for c in token.children):
            return None  # "a senior official" brings in somebody new; it never points back
        left = [t for t in token.lefts if t.dep_ in ("amod", "compound", "poss", "nmod")]
        words = [w for t in left for w in normalize_name(t.text).split()]
        country = country_in_words(self.gaz, words)
        found = title_in_words(self.gaz, [fold(t.text) for t in left] + [fold(token.text)])
        ents = self.doc._.ng_entities or []
        office = found[1].get("office") if found else None
        definite = any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
        if found and office and not country and definite and all(fold(t.text) in self.gaz.title_words for t in left):
            country = self.doc._.ng_home_country  # "the prime minister": of the article's country
        if found and country and office:
            holder, _ = self.gaz.holder(country, self.gaz.offices_for(found[1], country), self.doc._.ng_published)
            if holder is not None:
                for ent in ents:
                    if ent.kb_id and ent.kb_id == holder.kb_id or normalize_name(ent.name) == normalize_name(holder.name):
                        return ent
                return entity_from_gazetteer(holder, self.doc._.ng_published)
        head = fold(token.lemma_ or token.text)
        before = [(m.start, ent) for ent in ents for m in ent.mentions if m.start < token.idx]
        before.sort(key=lambda x: x[0], reverse=True)
        sector = found[1].get("sector") if found else None
        for _, ent in before:
            if ent.type == "PERSON" and found:
                if country and ent.country and ent.country != country:
                    continue  # "Lebanon's prime minister" is not Israel's
                if any(head in self._role_words(r) for r in ent.roles):
                    return ent  # "Sen. Marco Rubio ... the senator said"
                if sector and ent.sector == sector and not office:
                    return ent  # "the official": the last official named; never for an office with one holder
            elif ent.type == "ORG" and not found and head in fold(ent.name).split():
                return ent
        return None


def _quoted_spans(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges inside double quotation marks, as the quotes component finds
    them (cached in ``doc.user_data["ng_quoted_spans"]``)."""
    spans = doc.user_data.get("ng_quoted_spans")
    if spans is None:
        paras = [(p.start, p.end) for p in paragraphs(doc)]
        spans = [(q.inner_start, q.inner_end) for q in find_quoted_spans(doc.text, paras) if q.double]
        doc.user_data["ng_quoted_spans"] = spans
    return spans


def _in_main_clause(token: Token) -> bool:
    """The subject of the sentence's main verb (or of a verb coordinated with it)."""
    verb = token.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "ROOT"


INDEFINITE = frozenset({"a", "an", "another", "one", "some", "any"})


def entity_from_gazetteer(entry: GazEntry, date: str | None) -> Entity:
    """An entity the article refers to only by title (no named mention)."""
    from newsgraph.corpus.entities import entity_identity

    return Entity(id=entity_identity(entry.name, entry.type, entry.kb_id), name=entry.name, type=entry.type,
                  mentions=[], country=entry.country, sector=entry.sector_on(date), kb_id=entry.kb_id,
                  aliases=[entry.name], roles=[])

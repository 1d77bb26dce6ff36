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

from collections import Counter

from spacy.tokens import Doc, Token

from newsgraph.model import Entity
from newsgraph.nlp.actors.coding import country_in_words, title_in_words
from newsgraph.nlp.actors.gazetteer import GazEntry, Gazetteer
from newsgraph.nlp.actors.names import fold, normalize_name
from newsgraph.nlp.attribution.marks import doc_quoted_spans
from newsgraph.nlp.extensions import sentences

MALE = frozenset({"he", "him", "his", "himself"})
FEMALE = frozenset({"she", "her", "hers", "herself"})
PLURAL = frozenset({"they", "them", "their", "themselves"})
_OBJECT_DEPS = frozenset({"dobj", "dative", "iobj", "pobj"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
#: Organisations "the company" or "the bank" never takes up.
_PUBLIC_SECTORS = frozenset({"GOV", "LEG", "JUD", "MIL", "COP", "PTY", "OPP", "SPY"})
#: Entity types "it" can stand for when it speaks or acts.
BODY_TYPES = frozenset({"ORG", "GPE", "NORP"})
#: How many sentences back "it" looks for the body in focus.
_FOCUS_REACH = 2
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
        hit = _title_hit(doc, gaz, tok, taken)
        if not hit or not is_extractable(tok.idx):
            continue
        size, info = hit
        start = tok.i - size + 1
        if start > 0 and fold(doc[start - 1].text).rstrip("-") in gaz.former_markers:
            continue
        left = _left_words(gaz, doc, start)
        country = _title_country(gaz, doc, start, left, home)
        if not country or any(t.i in taken and doc[t.i].ent_type_ == "PERSON" for t in left):
            continue
        holder, dated = gaz.holder(country, gaz.offices_for(info, country), date)
        if holder is not None:
            s = left[0].i if left else start
            found.append((s, tok.i + 1, holder, dated))
    return found


def _title_hit(doc: Doc, gaz: Gazetteer, tok: Token, taken: set[int]) -> tuple[int, dict] | None:
    """The longest office title ending at ``tok``, as (size in tokens, title info);
    None when ``tok`` is no free title word or the title is a role before a name."""
    if tok.tag_ not in ("NN", "NNP") or tok.i in taken or fold(tok.text) not in gaz.title_words:
        return None
    nxt = tok.i + 1
    if nxt < len(doc) and (nxt in taken or (doc[nxt].text == "," and nxt + 1 in taken)):
        return None  # "President Putin", "its defense minister, Andrey Belousov"
    if tok.i > 1 and doc[tok.i - 1].text == "-":
        return None
    words = [fold(t.text) for t in doc[max(0, tok.i - 3): tok.i + 1]]
    for size in (4, 3, 2, 1):
        phrase = " ".join(words[-size:])
        info = gaz.titles.get(phrase, {})
        if len(words) >= size and (info.get("office") or info.get("office_by_country")):
            return size, info
    return None


def _title_country(gaz: Gazetteer, doc: Doc, start: int, left: list, home: str | None) -> str | None:
    """The country a title names in its left words, or ``home`` for a bare definite title."""
    country = country_in_words(gaz, [w for t in left for w in normalize_name(t.text).split()])
    if not country and not left and start > 0 and doc[start - 1].lower_ == "the" and home:
        country = home  # "the prime minister" in a British story
    return country


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
        self.bodies = sorted(((m.start, m.end, ent) for ent in doc._.ng_entities or []
                              if ent.type in BODY_TYPES for m in ent.mentions), key=lambda x: x[0])

    def _sents(self) -> list:
        if getattr(self, "_sent_list", None) is None:
            self._sent_list = sentences(self.doc)
        return self._sent_list

    def _root(self, start: int, end: int) -> Token | None:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return span.root if span is not None else None

    def _in_sentence(self, sent, before: int) -> list[tuple[int, int, Entity]]:
        return [p for p in self.persons if sent.start_char <= p[0] < min(before, sent.end_char)]

    def _gender_ok(self, ent: Entity, gender: str | None, strict: bool = False) -> bool:
        """``ent`` may be the ``gender`` a pronoun asks for; ``strict``: is known to be."""
        known = self.genders.get(ent.id)
        if known is None and any(fold(r).split()[-1:] and fold(r).split()[-1] in _FEMALE_TITLES for r in ent.roles):
            known = "f"
        if strict:
            return known == gender
        return gender is None or known is None or known == gender

    def _pick(self, cands: list[tuple[int, int, Entity]], exclude_head: Token | None = None) -> Entity | None:
        subjects = []
        for s, e, ent in cands:
            root = self._root(s, e)
            if root is not None and root.dep_ in _SUBJECT_DEPS:
                if exclude_head is not None and root.head == exclude_head:
                    continue
                subjects.append((ent, root))
        rest = [c for c in cands if exclude_head is None or self._root(c[0], c[1]) is None
                or self._root(c[0], c[1]).head != exclude_head]
        if subjects:
            main = [ent for ent, root in subjects if _in_main_clause(root)]
            if main:
                return main[0]
            # "one day before Barr released ..., O'Rourke charged": the subject of a
            # subordinate clause is background, even when the parser makes it the root.
            foreground = [ent for ent, root in subjects if not _subordinate(root)]
            if foreground:
                return foreground[0]
            others = [c[2] for c in rest if all(c[2] is not ent for ent, _ in subjects)]
            return others[-1] if others else subjects[0][0]
        return rest[-1][2] if rest else None

    def _role_words(self, role: str) -> set[str]:
        """A role's words with abbreviations spelled out ("Sen." -> senator)."""
        words = fold(role).split()
        return set(words) | {self.gaz.abbreviations[w] for w in words if w in self.gaz.abbreviations}

    def pronoun(self, token: Token) -> Entity | None:
        """The person "he"/"she" means: the nearest fitting candidate, in this sentence
        (:meth:`_pick`) and then up to ``_LOOKBACK`` sentences back. The first subject
        found is taken; failing one, the nearest name known to agree in gender, else
        the nearest name ("she" is Ginsburg two sentences back, not the blog typed
        PERSON that the previous sentence mentions)."""
        earlier = _coordinated_subject(token)
        if earlier is not None:
            return self.pronoun(earlier)
        gender = "m" if token.lower_ in MALE else "f" if token.lower_ in FEMALE else None
        ahead = self._cataphor(token, gender)
        if ahead is not None:
            return ahead
        exclude = None
        if token.dep_ in _OBJECT_DEPS:
            exclude = token.head if token.dep_ != "pobj" else token.head.head
        agreeing = anyone = None
        speaker = self._quoting(token)
        for n, cands in enumerate(self._windows(token)):
            fitting = [c for c in cands if self._gender_ok(c[2], gender) and c[2].id != speaker]
            picked = self._pick(fitting, exclude if n == 0 else None)
            if picked is None:
                continue
            if self._subject_in(picked, fitting):
                return picked
            # A name in object position ("... from coma victim Tony Bland") is a weaker
            # antecedent than a subject a sentence further back ("Tony Blair said ..."),
            # and one whose gender is unknown ("his Election Law Blog") weaker than one
            # known to agree.
            anyone = anyone or picked
            if agreeing is None and gender is not None:
                agreeing = self._pick([c for c in fitting if self._gender_ok(c[2], gender, strict=True)],
                                      exclude if n == 0 else None)
        return agreeing or anyone

    def _quoting(self, token: Token) -> str | None:
        """The speaker of the quoted words ``token`` stands in: their "he" or "his" is
        somebody else ("We reject his visit," Mr Fox said). Reported speech is not so:
        "Kim told Putin he backed the war" is Kim's own stance."""
        if not any(a <= token.idx < b for a, b in _quoted_spans(self.doc)):
            return None
        return next((q.speaker.entity_id for q in self.doc._.ng_quotes or []
                     if q.start <= token.idx < q.end and q.speaker is not None), None)

    def _cataphor(self, token: Token, gender: str | None) -> Entity | None:
        """"As he prepared to travel, Mr. Trump responded": the subject of a subordinate
        clause put before its main clause means the main clause's named subject."""
        clause = token.head
        if token.dep_ not in ("nsubj", "nsubjpass") or clause.dep_ != "advcl" \
                or clause.i > clause.head.i or not _subordinate(token):
            return None
        subject = next((c for c in clause.head.children
                        if c.dep_ in ("nsubj", "nsubjpass") and c.i > clause.i), None)
        if subject is None:
            return None
        return next((ent for s, e, ent in self.persons
                     if token.idx < s < subject.idx + len(subject) and self._root(s, e) == subject
                     and self._gender_ok(ent, gender)), None)

    def _subject_in(self, ent: Entity, cands: list[tuple[int, int, Entity]]) -> bool:
        return any(c[2] is ent and (root := self._root(c[0], c[1])) is not None and root.dep_ in _SUBJECT_DEPS
                   for c in cands)

    def _windows(self, token: Token) -> list[list[tuple[int, int, Entity]]]:
        """Candidate persons visible from ``token``: its sentence (before it), then each
        earlier sentence within reach, nearest first."""
        sents = self._sents()
        idx = next(i for i, s in enumerate(sents) if s.start <= token.i < s.end)
        quoted = _quoted_spans(self.doc)
        inside = next(((a, b) for a, b in quoted if a <= token.idx < b), None)

        def visible(c) -> bool:
            """A name inside a quotation is no antecedent for a pronoun outside it."""
            span = next(((a, b) for a, b in quoted if a <= c[0] < b), None)
            return span is None or span == inside

        windows = [[c for c in self._in_sentence(sents[idx], token.idx) if visible(c)]]
        back = 0
        while len(windows) <= _LOOKBACK and idx - back > 0:
            back += 1
            sent = sents[idx - back]
            # A sentence of someone's quoted words names nobody a narrator's pronoun can
            # mean ("Barr." inside a senator's tweet): it does not count towards the reach.
            if inside is None and _all_quoted(sent, quoted):
                continue
            windows.append([c for c in self._in_sentence(sent, sent.end_char) if visible(c)])
        return windows

    def focus(self, token: Token) -> Entity | None:
        """"it said", "which it says": the organisation or country in focus, i.e. the
        nearest one that is a subject, in the pronoun's sentence before it and then up
        to ``_FOCUS_REACH`` sentences back; failing a subject, the nearest one named
        earlier in the pronoun's own sentence."""
        sents = self._sents()
        idx = next(i for i, s in enumerate(sents) if s.start <= token.i < s.end)
        for back in range(1 if _after_content(token) else 0, _FOCUS_REACH + 1):
            if idx - back < 0:
                break
            sent = sents[idx - back]
            before = token.idx if back == 0 else sent.end_char
            named = [c for c in self.bodies if sent.start_char <= c[0] < before]
            subjects = [c for c in named if (root := self._root(c[0], c[1])) is not None
                        and root.dep_ in _SUBJECT_DEPS]
            if subjects:
                return subjects[-1][2]
            if back == 0 and named:
                return named[-1][2]
        return None

    def plural(self, token: Token, n: int = 2) -> list[Entity] | None:
        sents = self._sents()
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
        office = (found[1].get("office") or found[1].get("office_by_country")) if found else None
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
        agent = self._agent_of(token)  # "Falconer praised his minister": not Falconer
        before = [(m.start, ent) for ent in ents for m in ent.mentions if m.start < token.idx and ent is not agent]
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
        if definite and not office and token.dep_ in _SUBJECT_DEPS and head in self.gaz.epithets:
            return self._epithet(token, country)
        if definite and not found and head in self.gaz.org_anaphors:
            return self._salient_business(before)
        return None

    def _salient_business(self, before: list[tuple[int, Entity]]) -> Entity | None:
        """The business "the company" takes up: the last one named, or, of several named in
        that sentence ("Yukos's Yuganskneftegas subsidiary ... the company"), the one named
        most often so far."""
        firms = [(start, ent) for start, ent in before if ent.type == "ORG" and ent.sector not in _PUBLIC_SECTORS]
        if not firms:
            return None
        sent = self._root(firms[0][0], firms[0][0] + 1).sent
        same = [ent for start, ent in firms if sent.start_char <= start < sent.end_char]
        counts = Counter(id(ent) for _, ent in firms)
        return max(same, key=lambda ent: counts[id(ent)])  # max keeps the first (the latest) of equals

    def _agent_of(self, token: Token) -> Entity | None:
        """The named subject of the verb whose object ``token`` is: an object describing a
        person is somebody other than the one acting on them."""
        if token.dep_ not in ("dobj", "dative", "pobj"):
            return None
        verb = token.head.head if token.dep_ == "pobj" else token.head
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None:
            return None
        return next((ent for s, e, ent in self.persons if s <= subject.idx < e), None)

    def _epithet(self, token: Token, country: str | None) -> Entity | None:
        """"Donald Trump ripped Obama ... The presumptive Republican nominee went on to
        say": a describing subject takes up the person the last sentence with a named
        person was about (its subject), of the same country when one is said."""
        for n, cands in enumerate(self._windows(token)):
            if n == 0:
                continue  # the description opens its sentence's reference; it does not point inside it
            subjects = [c for c in cands if (r := self._root(c[0], c[1])) is not None and r.dep_ in _SUBJECT_DEPS]
            if cands:
                picked = self._pick(subjects) if subjects else None
                if picked is not None and (country is None or picked.country in (None, country)):
                    return picked
                return None
        return None


def _quoted_spans(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges inside double quotation marks, as the quotes component finds them."""
    return [(q.inner_start, q.inner_end) for q in doc_quoted_spans(doc) if q.double]


def _after_content(token: Token) -> bool:
    """"…, it noted.": the subject of a reporting verb that follows what it reports;
    whatever the sentence names before it is the report's content, not its speaker."""
    verb = token.head
    return token.dep_ in _SUBJECT_DEPS and (verb.dep_ == "parataxis" or any(
        c.dep_ in ("ccomp", "parataxis") and c.i < token.i for c in verb.children))


def _all_quoted(sent, quoted: list[tuple[int, int]]) -> bool:
    """Every word of ``sent`` (punctuation aside) lies inside one quotation."""
    words = [t for t in sent if not (t.is_punct or t.is_space)]
    if not words:
        return False
    first, last = words[0].idx, words[-1].idx + len(words[-1])
    return any(a <= first and last <= b for a, b in quoted)


def _in_main_clause(token: Token) -> bool:
    """The subject of the sentence's main verb (or of a verb coordinated with it)."""
    verb = token.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "ROOT" and not _subordinate(token)


def _subordinate(token: Token) -> bool:
    """The subject of a clause opened by a subordinator ("before", "after", "when")."""
    return any(c.dep_ == "mark" and c.lower_ not in ("that", "whether") for c in token.head.children)


INDEFINITE = frozenset({"a", "an", "another", "one", "some", "any"})


def entity_from_gazetteer(entry: GazEntry, date: str | None) -> Entity:
    """An entity the article refers to only by title (no named mention)."""
    from newsgraph.names import entity_identity

    return Entity(id=entity_identity(entry.name, entry.type, entry.kb_id), name=entry.name, type=entry.type,
                  mentions=[], country=entry.country, sector=entry.sector_on(date), kb_id=entry.kb_id,
                  aliases=[entry.name], roles=[])


def _coordinated_subject(token: Token) -> Token | None:
    """"He suggested that Trump ... and he urged ...": the subject of a coordinated
    clause, when it is the same pronoun as the first clause's, means what that one means."""
    if token.dep_ != "nsubj" or token.head.dep_ != "conj":
        return None
    first = next((c for c in token.head.head.children if c.dep_ == "nsubj"), None)
    if first is None or first.i >= token.i:
        return None
    same = (first.lower_ in MALE and token.lower_ in MALE) or (first.lower_ in FEMALE and token.lower_ in FEMALE)
    return first if same else None

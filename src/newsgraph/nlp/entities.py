"""newsgraph_entities: cleaned, grouped, coded entities for each article.

Sets ``doc._.ng_entities`` to a list of :class:`newsgraph.model.Entity` whose
mentions carry character offsets into ``doc.text``, only from extractable
paragraphs. Each entity has a corpus-level ``id`` (see
:mod:`newsgraph.corpus.entities`), a PLOVER country and sector where one can be
told, the roles the article gives it, and its aliases.

Also the helpers other components use: :func:`entity_at` (span -> entity),
:func:`resolve_person` (pronoun / nominal -> entity or entities) and
:func:`mention_code` (country and sector of one mention in its context, so
"Pyongyang said" codes the North Korean government).
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.names import entity_identity
from newsgraph.model import Entity, Mention
from newsgraph.nlp import extensions  # noqa: F401  (registers Doc._ attributes)
from newsgraph.nlp.actors.coding import acts_as_agent
from newsgraph.nlp.actors.coding_groups import Code, code_group, display_name, employers_fill
from newsgraph.nlp.actors.coref import FEMALE, MALE, PLURAL, PersonResolver, title_mentions
from newsgraph.nlp.actors.gazetteer import Gazetteer, load_gazetteer
from newsgraph.nlp.actors.grouping import Group, Grouper, names_agree
from newsgraph.nlp.actors.home import apply_home_country, home_country
from newsgraph.nlp.actors.names import fold, normalize_name, strip_possessive
from newsgraph.nlp.actors.roles import (RoleInfo, following_appositive_role, preceding_appositive_role,
                                        premodifier_role)
from newsgraph.nlp.actors.spans import Cand, build_matchers, caps_mentions_of, collect_candidates
from newsgraph.nlp.actors.surnames import add_surname_mentions
from newsgraph.nlp.extensions import extractable, paragraphs, published_day
from newsgraph.nlp.registry import versioned

NO_DATE_WARNING = "no article date: titles resolved to the latest office-holder, without tenure"


@versioned(1)
@Language.factory("newsgraph_entities", default_config={"actors_file": None},
                  assigns=["doc._.ng_entities", "doc._.ng_home_country"])
def make_entities(nlp, name: str, actors_file: str | None = None) -> "EntityResolver":
    return EntityResolver(nlp, actors_file)


class EntityResolver:
    """The component: gazetteer and phrase matchers are built once, here."""

    def __init__(self, nlp, actors_file: str | None = None):
        self.actors_file = actors_file
        self.gaz: Gazetteer = load_gazetteer(actors_file)
        self.matchers = build_matchers(nlp, self.gaz)

    def __call__(self, doc: Doc) -> Doc:
        meta, date = self._meta_and_date(doc)
        gaz = self.gaz
        cands, caps = collect_candidates(doc, gaz, self.matchers)
        grouper = Grouper(doc, gaz, date)
        groups = grouper.run(cands)
        self._add_caps_mentions(doc, caps, cands, groups)
        body = sorted((p.start, p.end) for p in paragraphs(doc) if p.extractable and (p.start, p.end) not in caps)
        add_surname_mentions(doc, gaz, groups, cands, body)
        title_tokens = self._person_roles(doc, groups, cands)
        _drop_title_words(groups, title_tokens)
        countries = grouper.article_countries()
        codes = {gid: self._code(doc, g, date, cands, countries) for gid, g in groups.items() if g.mentions}
        employers_fill(doc, groups, codes, cands, date)
        home = home_country([(c.country, c.type, len(groups[gid].mentions), c.source) for gid, c in codes.items()])
        doc._.ng_home_country = home
        undated = self._add_title_mentions(doc, grouper, groups, date, home)
        if undated and not date:
            meta.setdefault("entities_warnings", []).append(NO_DATE_WARNING)
        entities, genders = self._entities(doc, groups, codes, date, cands, countries)
        apply_home_country(entities, home)
        entities.sort(key=lambda e: e.mentions[0].start)
        doc._.ng_entities = entities
        doc.user_data["ng_entity_gender"] = genders
        doc.user_data.pop("ng_entity_index", None)
        return doc

    # ------------------------------------------------------------ steps of __call__

    def _meta_and_date(self, doc: Doc) -> tuple[dict, str | None]:
        """The doc's meta dict (created if missing) and its article date, warning if unreadable."""
        meta = doc._.ng_meta if isinstance(doc._.ng_meta, dict) else {}
        doc._.ng_meta = meta
        if self.actors_file:
            meta["actors_file"] = str(self.actors_file)
        date = article_date(doc._.ng_published)
        if doc._.ng_published and not date:
            meta.setdefault("entities_warnings", []).append(
                f"unreadable article date {doc._.ng_published!r}: titles resolved without tenure")
        return meta, date

    def _person_roles(self, doc: Doc, groups: dict[str, Group], cands: list[Cand]) -> set[int]:
        """Set the roles of person groups; return the tokens of the titles read."""
        title_tokens: set[int] = set()
        for g in list(groups.values()):
            if g.mentions and g.type == "PERSON":
                g.mentions.sort(key=lambda m: m.start)
                g.roles = self._roles(doc, g, cands, title_tokens)
        return title_tokens

    def _add_title_mentions(self, doc: Doc, grouper: Grouper, groups: dict[str, Group],
                            date: str | None, home) -> bool:
        """Add bare-title mentions ("the president") to their holders; True if any was undated."""
        taken = {i for g in groups.values() for m in g.mentions for i in range(m.start, m.end)}
        undated = False
        for s, e, holder, dated in title_mentions(doc, self.gaz, date, taken, lambda c: extractable(doc, c), home):
            g = grouper.group("gaz:" + holder.uid, holder)
            holder_names = [normalize_name(n).split() for n in [holder.name, *holder.aliases]]
            same = [o for o in groups.values() if o is not g and o.type == "PERSON" and o.mentions
                    and any(names_agree(h, w) for h in holder_names
                            for w in o.words + [normalize_name(m.text).split() for m in o.mentions])]
            g = same[0] if same else g
            g.mentions.append(Cand(s, e, doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text),
                                   doc[s:e].text, "NOM", holder, "title"))
            undated = undated or not dated
        return undated

    def _entities(self, doc: Doc, groups: dict[str, Group], codes: dict, date: str | None,
                  cands: list[Cand], countries: set[str]) -> tuple[list[Entity], dict]:
        """One entity per group with mentions, and the genders known by entity id."""
        entities, genders = [], {}
        for gid, g in groups.items():
            if not g.mentions:
                continue
            g.mentions.sort(key=lambda m: m.start)
            code = codes.get(gid) or self._code(doc, g, date, cands, countries)
            ent = self._entity(doc, g, code)
            entities.append(ent)
            if g.gender:
                genders[ent.id] = g.gender
        return entities, genders

    # ------------------------------------------------------------ helpers

    def _add_caps_mentions(self, doc: Doc, caps, cands: list[Cand], groups: dict[str, Group]) -> None:
        if not caps:
            return
        names: dict[str, str] = {}
        owner: dict[str, Group] = {}
        for g in groups.values():
            for m in g.mentions:
                if m.source != "caps":
                    key = fold(strip_possessive(m.text))
                    names.setdefault(key, g.type)
                    owner.setdefault(key, g)
        surnames: dict[str, list[Group]] = {}
        for g in groups.values():
            if g.type == "PERSON":
                words = fold(g.gaz.name if g.gaz else display_name(g)).split()
                for w in {words[0], words[-1]} if len(words) > 1 else set():
                    if len(w) >= 3 and w not in names:
                        surnames.setdefault(w, []).append(g)
        for w, gs in surnames.items():
            if len(gs) == 1:
                names[w], owner[w] = "PERSON", gs[0]
        for c in caps_mentions_of(doc, caps, names, [m for g in groups.values() for m in g.mentions]):
            owner[fold(c.text)].mentions.append(c)

    def _roles(self, doc: Doc, g: Group, cands: list[Cand], title_tokens: set[int]) -> list[RoleInfo]:
        roles = []
        for m in g.mentions:
            if m.source == "title":
                continue
            for finder, at in ((premodifier_role, m.start), (following_appositive_role, m.end),
                               (preceding_appositive_role, m.start)):
                role = finder(self.gaz, doc, at)
                if role is None:
                    continue
                if finder is premodifier_role:  # "Swedish Infrastructure Minister": title words, not an ORG
                    i = m.start - 1
                    while i >= 0 and doc[i].idx >= role.start_char:
                        title_tokens.add(i)
                        i -= 1
                if role.needs_possessor:
                    role.country = self._country_before(cands, role.start_char, doc)
                roles.append(role)
        return roles

    def _country_before(self, cands: list[Cand], char: int, doc: Doc) -> str | None:
        """"its" / "the country's": the nearest country named before, in this or the previous sentence."""
        sent_start = doc[doc.char_span(char, char + 1, alignment_mode="expand").start].sent.start
        floor = doc[sent_start - 1].sent.start_char if sent_start > 0 else 0
        for c in sorted(cands, key=lambda c: c.start_char, reverse=True):
            if floor <= c.start_char < char and c.label == "GPE":
                code = c.gaz.country if c.gaz else None
                if code:
                    return code
        return None

    def _code(self, doc: Doc, g: Group, date: str | None, cands: list[Cand], countries: set[str]) -> Code:
        """Name, type, country, sector (and where the country came from) of one group."""
        return code_group(self.gaz, doc, g, date, cands, countries, self._acts)

    def _entity(self, doc: Doc, g: Group, code: Code) -> Entity:
        aliases = sorted({strip_possessive(m.text) for m in g.mentions if m.source != "title"} | {code.name}
                         | (self._honorific_forms(doc, g) if code.type == "PERSON" else set()))
        mentions = [Mention(m.start_char, m.end_char, m.text, m.label) for m in g.mentions]
        return Entity(id=entity_identity(code.identity_name, code.type, code.kb_id), name=code.name,
                      type=code.type, mentions=mentions, country=code.country, sector=code.sector,
                      kb_id=code.kb_id, aliases=aliases, roles=list(code.roles),
                      country_source=code.source if code.country else None)

    def _honorific_forms(self, doc: Doc, g: Group) -> set[str]:
        """"Mr Dodd", "Lord Falconer", "President Bush": the name as the text gives it
        with its honorific ("Vice President Cheney" is not "President Cheney")."""
        forms = set()
        gaz = self.gaz
        for m in g.mentions:
            if m.source == "title" or m.start == 0:
                continue
            prev = doc[m.start - 1]
            if fold(prev.text) not in gaz.honorifics or not prev.text[:1].isupper():
                continue
            if m.start >= 2 and fold(prev.text) in gaz.title_words:
                before = fold(doc[m.start - 2].text)
                if before in gaz.title_words or before in gaz.role_modifiers or before in gaz.honorifics:
                    continue
            forms.add(f"{prev.text}{prev.whitespace_ or ' '}{strip_possessive(m.text)}")
        return forms

    def _acts(self, doc: Doc, m: Cand) -> bool:
        return m.source != "title" and acts_as_agent(doc[m.start:m.end])


def _drop_title_words(groups: dict[str, Group], title_tokens: set[int]) -> None:
    """NER's ORG/LOC guesses inside a person's premodifier title ("Infrastructure" in
    "Swedish Infrastructure Minister X") are part of the title; demonyms and gazetteer
    names there stay (they code the country)."""
    if not title_tokens:
        return
    for g in groups.values():
        if g.type != "PERSON":
            g.mentions = [m for m in g.mentions if m.gaz is not None or m.label in ("PERSON", "NORP")
                          or not all(i in title_tokens for i in range(m.start, m.end))]


def article_date(value) -> str | None:
    """YYYY-MM-DD from an ISO date or datetime, else None (:func:`~newsgraph.nlp.extensions.published_day`)."""
    day = published_day(str(value)) if value else None
    return day.isoformat() if day else None


# ------------------------------------------------------------------ helpers for other components

def _index(doc: Doc) -> tuple[list[int], list[tuple[int, int, Entity]]]:
    index = doc.user_data.get("ng_entity_index")
    if index is None:
        rows = sorted(((m.start, m.end, e) for e in (doc._.ng_entities or []) for m in e.mentions),
                      key=lambda r: r[0])
        index = ([r[0] for r in rows], rows)
        doc.user_data["ng_entity_index"] = index
    return index


def entity_at(doc: Doc, start_char: int, end_char: int) -> Entity | None:
    """The entity with a mention overlapping [start_char, end_char) the most."""
    starts, rows = _index(doc)
    best, best_overlap = None, 0
    for i in range(bisect_right(starts, end_char) - 1, -1, -1):
        s, e, ent = rows[i]
        if e <= start_char and s < start_char - 200:
            break
        overlap = min(e, end_char) - max(s, start_char)
        if overlap > best_overlap:
            best, best_overlap = ent, overlap
    return best


def resolve_person(doc: Doc, token: Token | Span) -> Entity | list[Entity] | None:
    """Who a pronoun, title or nominal refers to ("he", "the Russian leader",
    "the two leaders" -> list, "the official", "the ministry"); None if unsure."""
    if isinstance(token, Span):
        token = token.root
    if not extractable(doc, token):
        return None
    hit = entity_at(doc, token.idx, token.idx + len(token.text))
    if hit is not None:
        return hit
    for appos in (c for c in token.children if c.dep_ == "appos"):  # "its minister, Ana Lind"
        named = entity_at(doc, appos.idx, appos.idx + len(appos.text))
        if named is not None and named.type == "PERSON":
            return named
    resolver = PersonResolver(doc, load_gazetteer(_actors_file(doc)))
    low = token.lower_
    if low in MALE or low in FEMALE:
        return resolver.pronoun(token)
    if low in ("it", "its"):
        return resolver.focus(token)
    if token.tag_ in ("NNS", "NNPS"):
        if fold(token.lemma_) not in resolver.gaz.title_words or not any(
                c.lower_ in ("the", "both", "these", "those") for c in token.children):
            return None  # "major foreign leaders" is nobody in particular
    if low in PLURAL or token.tag_ in ("NNS", "NNPS"):
        n = 2
        for child in token.children:
            if child.like_num and child.text.isdigit():
                n = int(child.text)
            elif child.lower_ in ("two", "both"):
                n = 2
            elif child.lower_ == "three":
                n = 3
        return resolver.plural(token, n)
    if token.pos_ in ("NOUN", "PROPN"):
        return resolver.nominal(token)
    return None


def mention_code(doc: Doc, start_char: int, end_char: int) -> tuple[str | None, str | None]:
    """(country, sector) of the entity at this span, in context: a capital that
    acts ("Pyongyang warned") is its government (GOV)."""
    ent = entity_at(doc, start_char, end_char)
    if ent is None:
        return None, None
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    gaz = load_gazetteer(_actors_file(doc))
    entry = next((e for e in gaz.lookup(ent.name) if e.capital_of or e.type == "GPE"), None)
    if span is not None and ent.type == "GPE" and entry is not None and acts_as_agent(span):
        return ent.country, "GOV"
    return ent.country, ent.sector


def _actors_file(doc: Doc) -> str | None:
    meta = doc._.ng_meta if isinstance(doc._.ng_meta, dict) else {}
    return meta.get("actors_file")

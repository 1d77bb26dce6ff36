"""Country and sector of one grouped entity, from the strongest evidence there is.

In order, the first that answers wins the country:

1. ``gazetteer``: the project's own lists and a user's actors file (curated,
   dated offices, seats of government);
2. ``kb``: the actor dictionaries compiled from PETRARCH2 (people with dated
   roles, international and non-state actors), for a full name only, and
   only when the name is not ambiguous in the article's setting;
3. ``role``: a title or demonym the text gives the person ("UK Foreign
   Secretary Jack Straw", "Victor Cha, a former U.S. official"), or the
   government named beside a spokesperson;
4. ``name``: a country or demonym inside an organisation's name ("Iraqi Oil
   Ministry"), or a parent organisation the gazetteer knows ("BBC News");
5. ``place``: a city, region, state, county or council ("Gateshead" -> GBR),
   alone or inside an organisation's name ("Northumbria Police").

Nothing here guesses from the article's setting: that is
:mod:`newsgraph.nlp.actors.home`, applied afterwards to what stays uncoded.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc

from newsgraph.nlp.actors.coding import country_in_words, org_sector
from newsgraph.nlp.actors.parties import party_in_role, party_sector
from newsgraph.nlp.actors.gazetteer import Gazetteer
from newsgraph.nlp.actors.grouping import Group
from newsgraph.nlp.actors.kb import KBActor, load_kb
from newsgraph.nlp.actors.names import normalize_name, strip_possessive
from newsgraph.nlp.actors.places import place_country
from newsgraph.nlp.actors.spans import Cand

_GOV_SECTORS = frozenset({"GOV", "MIL"})
#: The PETRARCH2 dictionaries were compiled in 2014: a role they leave open is
#: known to hold up to then, not later.
KB_HORIZON = "2014-12-31"
_SPOKES_OFFICES = frozenset({"spokesperson", "press_secretary"})
#: An NER label the knowledge base may correct: a one-word "person" that the
#: dictionaries know as an organisation ("Yukos", "Gazprom") is one.
_RETYPABLE = frozenset({"PERSON", "GPE", "LOC", "FAC", "NORP"})


@dataclass
class Code:
    name: str
    type: str
    country: str | None = None
    sector: str | None = None
    source: str | None = None
    kb_id: str | None = None
    roles: list[str] = field(default_factory=list)
    identity_name: str = ""  # the name the corpus-level id is made from

    def __post_init__(self):
        self.identity_name = self.identity_name or self.name


def display_name(g: Group) -> str:
    texts = [strip_possessive(m.text) for m in g.mentions if m.source != "title"]
    if not texts:
        return g.mentions[0].text
    if g.type == "PERSON":
        return max(texts, key=lambda t: (len(t.split()), texts.count(t)))
    counts = Counter(texts)
    return max(counts, key=lambda t: (counts[t], len(t)))


def code_group(gaz: Gazetteer, doc: Doc, g: Group, date: str | None, cands: list[Cand],
               countries: set[str], acts) -> Code:
    """The :class:`Code` of group ``g``; ``countries`` are the article's named countries
    (to pick among namesakes), ``acts(doc, cand)`` tells a mention that acts."""
    roles = list(dict.fromkeys(r.text for r in g.roles))
    if g.gaz is not None:
        return _in_power(_gazetteer_code(doc, g, date, roles, acts), g, date)
    name = display_name(g)
    natural = _natural_place(gaz, name)
    code = Code(name, "LOC" if natural else _entity_type(gaz, doc, g), roles=roles)
    if not natural:  # the actor dictionaries list "Indian Ocean" as India's parliament
        _code_from_kb(code, g, countries, date)
    if code.type == "PERSON":
        _code_person(gaz, doc, code, g, cands, date)
    elif code.type == "ORG":
        _code_org(gaz, doc, code, g, cands)
    elif code.type == "NORP":
        code.country = gaz.demonyms.get(normalize_name(code.name))
        code.source = "name" if code.country else None
    elif code.type in ("GPE", "LOC", "FAC") and not code.country:
        code.country = place_country(code.name) or load_kb().place(code.name)
        code.source = "place" if code.country else None
    return _in_power(code, g, date)


def _in_power(code: Code, g: Group, date: str | None) -> Code:
    """A party of a parliamentary country is the government or the opposition on the
    article's date (``data/gazetteer/governing_parties.yaml``)."""
    if code.sector == "PTY":
        names = [code.name] + [m.text for m in g.mentions if m.source != "title"]
        code.sector = party_sector(code.country, names, date) or code.sector
    return code


def _natural_place(gaz: Gazetteer, name: str) -> bool:
    words = normalize_name(name).split()
    return len(words) > 1 and words[-1] in gaz.geographic_features


def _entity_type(gaz: Gazetteer, doc: Doc, g: Group) -> str:
    """The recogniser's type, corrected where the name or the text says otherwise: a
    "person" or "place" described as a business, or a "person" whose name ends like an
    organisation's ("Baikal Finance Group"), is an organisation (a name ending in a
    feature of nature is a place: see :func:`code_group`)."""
    if g.type == "PERSON" and (_named_as_organisation(gaz, g) or _described_as_business(gaz, doc, g)):
        return "ORG"
    described = g.type in ("FAC", "LOC", "WORK_OF_ART") or g.type == "GPE" and _unknown_place(g)
    if described and (_described_as_business(gaz, doc, g) or _employs_market_professional(gaz, doc, g)):
        return "ORG"  # "Turkish firm Everasia", "an economist at Natexis Banques Populaires"
    if g.type in ("FAC", "LOC", "GPE") and _country_owned_unknown_place(gaz, doc, g):
        return "ORG"  # "Turkey's Everasia" (a place would be one the places table knows)
    return g.type


def _unknown_place(g: Group) -> bool:
    name = display_name(g)
    return g.gaz is None and not place_country(name) and not load_kb().place(name)


def _country_owned_unknown_place(gaz: Gazetteer, doc: Doc, g: Group) -> bool:
    """A "place" no gazetteer knows, named right after a country's possessive."""
    return any(m.source != "title" and m.start >= 2 and doc[m.start - 1].text in ("'s", "’s")
               and gaz.country_words.get(normalize_name(doc[m.start - 2].text)) for m in g.mentions) \
        and _unknown_place(g)


def _named_as_organisation(gaz: Gazetteer, g: Group) -> bool:
    names = [m.text for m in g.mentions if m.source != "title"]
    return any(len(words) > 1 and words[-1] in gaz.org_name_endings
               for words in (normalize_name(n).lower().split() for n in names))


def _described_as_business(gaz: Gazetteer, doc: Doc, g: Group) -> bool:
    """A mention the text describes as a business: "state-owned oil firm Rosneft", "oil
    and gas giant Yukos", "Yukos's Yuganskneftegas subsidiary", or in apposition
    "Yukos, one of Russia's biggest companies"."""
    return any(m.source != "title" and (_business_next_to(gaz, doc, m) or _business_apposition(gaz, doc, m)
                                        or _named_noun(gaz, doc, m) is not None)
               for m in g.mentions)


def _named_noun(gaz: Gazetteer, doc: Doc, m: Cand):
    """The business noun of "a Canadian company, named IOG" / "a firm called Everasia", or None."""
    root = doc[m.start:m.end].root
    verb = root.head
    if root.dep_ not in ("oprd", "dobj", "attr", "xcomp", "npadvmod") or verb.lemma_.lower() not in ("name", "call") \
            or verb.dep_ != "acl" or verb.i > m.start:
        return None
    noun = verb.head
    return noun if noun.pos_ == "NOUN" and noun.lemma_.lower() in gaz.business_nouns else None


def _business_next_to(gaz: Gazetteer, doc: Doc, m: Cand) -> bool:
    """A business noun right before the name that modifies it, or one just after that
    the name modifies."""
    if m.start > 0:
        before = doc[m.start - 1]
        if before.pos_ == "NOUN" and before.lemma_.lower() in gaz.business_nouns and \
                before.dep_ in ("compound", "nmod", "appos") and m.start <= before.head.i < m.end:
            return True
    root = doc[m.start:m.end].root
    head = root.head
    return root.dep_ == "compound" and m.end <= head.i <= m.end + 2 and head.pos_ == "NOUN" \
        and head.lemma_.lower() in gaz.business_nouns


def _business_apposition(gaz: Gazetteer, doc: Doc, m: Cand) -> bool:
    """"Yukos, one of Russia's biggest companies, ...": the apposition's head is a business
    word ("Yukos, the oil company"; "one of ... companies"), not a word inside a person's
    role ("Ann Lee, the company's chairwoman")."""
    if m.end >= len(doc) or doc[m.end].text != ",":
        return False
    for tok in doc[m.end + 1:min(m.end + 9, doc[m.end].sent.end)]:
        if tok.is_punct:
            return False
        head = tok.dep_ == "appos" or (tok.dep_ == "pobj" and tok.head.lower_ == "of"
                                       and tok.head.head.lower_ == "one")
        if head and tok.pos_ == "NOUN" and tok.lemma_.lower() in gaz.org_anaphors:
            return True
    return False


def _employs_market_professional(gaz: Gazetteer, doc: Doc, g: Group) -> bool:
    """"an analyst at CCF", "an economist at Natexis Banques Populaires"."""
    for m in g.mentions:
        root = doc[m.start:m.end].root
        prep = root.head
        if m.source != "title" and root.dep_ == "pobj" and prep.lower_ in ("at", "with") \
                and prep.head.lemma_.lower() in gaz.market_professions:
            return True
    return False


def _gazetteer_code(doc: Doc, g: Group, date: str | None, roles: list[str], acts) -> Code:
    """The code of a group the gazetteer knows: its entry, a seat of government if it acts."""
    entry = g.gaz
    code = Code(entry.name, entry.type, entry.capital_of or entry.country, entry.sector_on(date),
                kb_id=entry.kb_id, roles=roles)
    code.source = "gazetteer" if code.country else None
    if entry.capital_of and any(acts(doc, m) for m in g.mentions):
        code.sector = "GOV"
        code.roles.append("seat of government")
    if entry.type == "PERSON" and not code.country:
        _from_roles(code, g)
    if entry.type == "PERSON" and not code.sector:  # out of the offices the gazetteer dates:
        # the text's role ("Sen. Marco Rubio" in 2016), else the sector of the offices held
        code.sector = _role_sector(g, code.country, date) or entry.sector
    return code


def _code_from_kb(code: Code, g: Group, countries: set[str], date: str | None) -> None:
    """Type, country and sector from the knowledge base, when it knows the name."""
    actor = _kb_actor(code.name, code.type, g, countries, date)
    if actor is not None:
        if actor.type != code.type and code.type in _RETYPABLE and len(code.name.split()) <= 2:
            code.type = actor.type
        country, sector = actor.code_on(date)
        if country:
            code.country, code.sector, code.source = country, sector, "kb"
            code.identity_name = actor.name


def _code_person(gaz: Gazetteer, doc: Doc, code: Code, g: Group, cands: list[Cand], date: str | None) -> None:
    """A person's country and sector from roles, "of <place>", or a spokesperson's government."""
    if not code.country:
        _from_roles(code, g)
    if not code.country:
        _from_of_place(gaz, doc, code, g, cands)
    from_roles = _role_sector(g, code.country, date)
    # The text's role is more precise than the actor dictionaries ("Republican Senator John
    # McCain": LEG), but a leader of rebels is no government.
    if from_roles and not (from_roles == "GOV" and code.sector and code.sector not in _STATE_SECTORS):
        code.sector = from_roles
    if not code.country and any(set(r.offices) & _SPOKES_OFFICES for r in g.roles):
        country, sector = _nearby_government(doc, g, cands)
        if country:
            code.country, code.source = country, "role"
            code.sector = code.sector or sector
    # "CBI director-general Alan Marsh": a business says more than a generic government title
    generic_title = code.sector == from_roles == "GOV"
    if code.sector and code.country and not generic_title:
        return  # nothing an employer could add
    country, sector = _affiliation_code(gaz, doc, g, cands, code.country, date)
    if sector and (not code.sector or generic_title and sector not in _STATE_SECTORS):
        code.sector = sector
    if country and not code.country:
        code.country, code.source = country, "role"


#: Sectors of the state: a role in one of them may replace another.
_STATE_SECTORS = frozenset({"GOV", "LEG", "JUD", "MIL", "COP", "SPY", "ELI", "PTY", "OPP"})


def _role_sector(g: Group, country: str | None, date: str | None) -> str | None:
    """The sector the text's roles of a person give: the party a role names ("Tory leader
    Michael Howard": the opposition, on the article's date), else the one the roles give
    most often ("Sen. Marco Rubio": LEG)."""
    for role in g.roles:
        party = party_in_role(role.text, country)
        if party:
            sector = party_sector(country, [party], date)
            if sector:
                return sector
    role_sectors = [r.sector for r in g.roles if r.sector]
    return Counter(role_sectors).most_common(1)[0][0] if role_sectors else None


def _code_org(gaz: Gazetteer, doc: Doc, code: Code, g: Group, cands: list[Cand]) -> None:
    """An organisation's sector, from the words of any of its names ("Sumitomo Mitsui
    Financial", later "Sumitomo"), and its country from its name or a premodifier."""
    names = sorted({code.name} | {m.text for m in g.mentions if m.source != "title"}, key=len, reverse=True)
    from_name = next((s for n in names if (s := org_sector(gaz, n))), None)
    # the actor dictionaries code congressional committees as government
    code.sector = from_name if from_name == "LEG" or not code.sector else code.sector
    if not code.sector and (_described_as_business(gaz, doc, g) or _employs_market_professional(gaz, doc, g)):
        code.sector = "BUS"
    if not code.country:
        code.country, code.source = _org_country(gaz, code.name)
    if not code.country:
        code.country = _premodifier_country(gaz, doc, g, cands) or _named_noun_country(gaz, doc, g)
        code.source = "role" if code.country else None


def _named_noun_country(gaz: Gazetteer, doc: Doc, g: Group) -> str | None:
    """"A Canadian company, named IOG": the demonym of the business noun it is named as."""
    for m in g.mentions:
        noun = _named_noun(gaz, doc, m) if m.source != "title" else None
        for tok in noun.children if noun is not None else ():
            country = gaz.demonyms.get(normalize_name(tok.text)) if tok.dep_ in ("amod", "compound") else None
            if country:
                return country
    return None


def _from_roles(code: Code, g: Group) -> None:
    for r in g.roles:
        if r.country:
            code.country, code.source = r.country, "role"
            return


def _from_of_place(gaz: Gazetteer, doc: Doc, code: Code, g: Group, cands: list[Cand]) -> None:
    """"Ambassador Stefan Johannesson of Iceland", "Senator Marco Rubio of Florida"."""
    starts = {c.start: c for c in cands if c.label in ("GPE", "LOC")}
    for m in g.mentions:
        if m.source == "title" or m.end + 1 >= len(doc) or doc[m.end].lower_ != "of":
            continue
        place = starts.get(m.end + 1)
        if place is None:
            continue
        country = (place.gaz.capital_of or place.gaz.country) if place.gaz else place_country(place.text)
        if country:
            code.country, code.source = country, "role"
            return


def _kb_actor(name: str, etype: str, g: Group, countries: set[str], date: str | None) -> KBActor | None:
    """The dictionaries' actor for a full name, if the article supports it.

    A bare surname is never looked up. Of namesakes, the one whose country the
    article names. A single entry is taken when the article names its country
    or when it held a role on the article's date; a John Delaney of the
    Bahamas' 1990s cabinet is not the one in a 2019 American campaign story.
    """
    if etype == "PERSON" and len(normalize_name(name).split()) < 2:
        return None
    found = load_kb().lookup(name)
    if etype in ("PERSON", "ORG"):
        found = [a for a in found if a.type in ("PERSON", "ORG")]
    if len(found) > 1 and date:
        # namesakes of two eras: the one holding a role on the article's date
        holding = [a for a in found if any(r.holds_on(date) for r in a.roles)]
        found = holding if len(holding) == 1 else found
    if len(found) > 1:
        local = [a for a in found if a.country in countries]
        found = local if len({a.country for a in local}) == 1 else []
    if not found or len({a.country for a in found}) > 1:
        return None
    actor = found[0]
    if actor.country in countries or actor.country is None and actor.type == "ORG":
        return actor
    if date and any(r.holds_on(date) and (r.end or date[:10] <= KB_HORIZON) for r in actor.roles):
        return actor  # an open-ended role is known only up to the dictionaries' date
    return None


def _org_country(gaz: Gazetteer, name: str) -> tuple[str | None, str | None]:
    words = normalize_name(name).split()
    code = country_in_words(gaz, words)
    if code:
        return code, "name"
    for size in range(len(words) - 1, 0, -1):  # "BBC News" -> BBC, "Fox News Channel" -> Fox News
        for entry in gaz.lookup(" ".join(words[:size])):
            if entry.type == "ORG" and entry.country:
                return entry.country, "gazetteer"
    # "Northumbria Police", "Houston College of Law", "Gateshead Council": a place in the
    # name of a local institution. Not in any name: "Morgan Stanley" is no place.
    if len(words) > 1 and any(w in gaz.local_institution_words for w in words):
        for size in (3, 2, 1):
            for i in range(len(words) - size + 1):
                country = place_country(" ".join(words[i:i + size]))
                if country:
                    return country, "place"
    elif len(words) == 1 and (country := place_country(words[0])):  # NER's ORG for a place name
        return country, "place"
    return None, None


#: Words a premodifier may run over between a country word and the name:
#: "Russian oil firm Yukos", "a US private equity group", "Iraq's oil ministry".
_MAX_PREMODIFIER = 4


def _premodifier_country(gaz: Gazetteer, doc: Doc, g: Group, cands: list[Cand]) -> str | None:
    """An organisation's country from the words before it: a demonym or a country's
    possessive followed only by lower-case description ("Irish firm Petrel Resources")."""
    for m in g.mentions:
        i, seen = m.start - 1, 0
        while i >= 0 and seen <= _MAX_PREMODIFIER and doc[i].sent == doc[m.start].sent:
            tok = doc[i]
            if tok.text in ("'s", "’s") and i > 0:
                country = gaz.country_words.get(normalize_name(doc[i - 1].text)) or \
                    gaz.demonyms.get(normalize_name(doc[i - 1].text))
                return country
            key = normalize_name(tok.text)
            country = gaz.demonyms.get(key) or gaz.country_words.get(key)
            if country and tok.text[:1].isupper():
                return country
            if not (tok.is_lower and tok.is_alpha) or tok.pos_ in ("VERB", "AUX", "ADP", "CCONJ", "PRON"):
                break
            i -= 1
            seen += 1
    return None


def _affiliation_code(gaz: Gazetteer, doc: Doc, g: Group, cands: list[Cand], own_country: str | None,
                      date: str | None) -> tuple[str | None, str | None]:
    """(country, sector) of the organisation the text places a person in: "Eric Kraus, of
    Sovlink Securities" (BUS), "CBI director-general Digby Jones" (GBR, BUS), "The Scottish
    Green Party's health spokeswoman, Eleanor Scott" (the opposition on the article's date)."""
    orgs = [c for c in cands if c.label == "ORG"]
    org = next((c for m in g.mentions if m.source != "title" for c in _affiliations(doc, m, orgs)), None)
    if org is None:
        return None, None
    country = org.gaz.country if org.gaz else None
    sector = (org.gaz.sector if org.gaz else None) or org_sector(gaz, org.text)
    if sector == "PTY":  # a party member is the government or the opposition, or nothing told
        sector = party_sector(country or own_country, [org.text], date)
    return country, sector


def employers_fill(doc: Doc, groups: dict, codes: dict[str, Code], cands: list[Cand], date: str | None) -> None:
    """A person still without a sector or country takes them from the organisation the
    text places them in as that organisation was coded in this article ("Donald
    Nicolaisen, the SEC's chief accountant": the SEC, which an earlier mention named in
    full), not only as its mention alone is known."""
    needy = [gid for gid, code in codes.items() if code.type == "PERSON" and not (code.sector and code.country)]
    if not needy:
        return
    orgs = [c for c in cands if c.label == "ORG"]
    code_at = {m.start: codes[gid] for gid, g in groups.items() if gid in codes for m in g.mentions}
    for gid in needy:
        code = codes[gid]
        employer = next((code_at[c.start] for m in groups[gid].mentions if m.source != "title"
                         for c in _affiliations(doc, m, orgs) if c.start in code_at), None)
        if employer is None or employer.type != "ORG":
            continue
        sector = employer.sector
        if sector == "PTY":
            sector = party_sector(employer.country or code.country, [employer.name], date)
        code.sector = code.sector or sector
        if not code.country and employer.country:
            code.country, code.source = employer.country, "role"


#: Words that place a person in an organisation named after them ("of", "at").
_AFFILIATION_PREPS = frozenset({"of", "at", "for", "from", "with"})


def _affiliations(doc: Doc, m: Cand, orgs: list[Cand]) -> list[Cand]:
    """The organisations (of ``orgs``) in the phrases around a person's mention that describe
    the person: the apposition after it, an of-phrase, or the role words and apposition before it."""
    sent = doc[m.start].sent
    out = []
    if m.end < sent.end and (doc[m.end].text == "," or doc[m.end].lower_ in _AFFILIATION_PREPS):
        # the apposition ends at punctuation or at the clause's verb ("..., told AFP")
        stop = next((i for i in range(m.end + 1, min(sent.end, m.end + 14))
                     if doc[i].text in {",", ".", ";", ":", "(", "\"", "\u201c"} or doc[i].pos_ in {"VERB", "AUX"}),
                    min(sent.end, m.end + 14))
        out += [c for c in orgs if m.end < c.start and c.end <= stop]
    before = [c for c in orgs if sent.start <= c.start and c.end <= m.start and m.start - c.end <= 5]
    for c in before:  # "CBI director-general Sir Digby Jones", "the SNP's Holyrood leader, Nicola Sturgeon,"
        between = doc[c.end:m.start]
        if not any(t.pos_ in {"VERB", "AUX"} or t.text in {".", ";", ":"} for t in between):
            out.append(c)
    return out


def _nearby_government(doc: Doc, g: Group, cands: list[Cand]) -> tuple[str | None, str | None]:
    """A spokesperson's country: the government body named in the same sentence."""
    for m in g.mentions:
        sent = doc[m.start].sent
        for c in cands:
            if sent.start <= c.start < sent.end and c.gaz and c.gaz.type == "ORG" \
                    and c.gaz.country and c.gaz.sector in _GOV_SECTORS:
                return c.gaz.country, "GOV"
    return None, None

"""Event frames: a trigger word codes an event only when its roles are filled.

The data is ``src/newsgraph/data/plover/frames.yaml``: per PLOVER type, whether
an actor and a recipient are needed, which kinds of filler each may have
(person, organisation, state, place, group noun with a sector, ...), what a
direct object may be, and whether a counterpart (a plural actor) or the act
demanded or threatened stands in for the recipient. A pattern overrides any
key with its own ``frame:`` mapping. The speech-act and idiom filters of the
same file (``speech:``, ``idioms:``) say when a phrase is talk or a figure of
speech, not the act its words name.

Everything here reads the parse and the entities component's mentions; it
codes no participant (that is :mod:`newsgraph.nlp.plover.actors`' job).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import yaml
from spacy.tokens import Token

from newsgraph.errors import NewsgraphError
from newsgraph.nlp.plover.patterns import DATA_DIR, Pattern, ontology
from newsgraph.nlp.plover.roles import participle_of_patient

AGENT_KINDS = frozenset({"person", "organisation", "state", "group"})
NEEDS = ("required", "optional", "absent")
ACT_FORMS = ("infinitive", "clause", "agent_clause", "noun", "object", "for")
#: Auxiliaries of an act announced in a complement clause ("warned that police will ...").
MODAL_AUX = {"will", "would", "shall", "could", "may", "might", "'ll", "wo", "must"}
FRAME_KEYS = {"actor", "recipient", "actor_kinds", "recipient_kinds", "object_kinds", "counterpart", "act", "strict"}
#: Objects that say nothing of what they stand for.
UNKNOWN_OBJECTS = {"it", "this", "that", "which", "what", "these", "those", "something", "anything", "one"}
#: Prepositions whose object may name the act ("warned of reprisals", "called for talks").
ACT_PREPS = {"of", "for", "with", "about", "over"}


@dataclass(frozen=True)
class Frame:
    actor: str = "optional"
    recipient: str = "optional"
    actor_kinds: frozenset[str] = AGENT_KINDS
    recipient_kinds: frozenset[str] = AGENT_KINDS
    object_kinds: frozenset[str] | None = None  # None: any object
    counterpart: bool = False
    act: tuple[str, ...] = ()
    strict: bool = False  # only fillers of a known allowed kind count (no benefit of the doubt)


@dataclass(frozen=True)
class Idiom:
    """A phrase in which a trigger word is talk or a figure of speech (frames.yaml ``idioms:``)."""

    id: str
    lemmas: frozenset[str]
    example: str
    types: frozenset[str] = frozenset()
    prt: frozenset[str] = frozenset()
    prep: frozenset[str] = frozenset()
    with_kinds: frozenset[str] = frozenset()
    object_kinds: frozenset[str] = frozenset()
    phrase_kinds: frozenset[str] = frozenset()
    complement: str | None = None
    mark: frozenset[str] = frozenset()
    unless_subject_kinds: frozenset[str] = frozenset()
    drop: bool = False
    type: str | None = None
    mode: str | None = None


IDIOM_KEYS = {"id", "lemmas", "example", "types", "prt", "prep", "with_kinds", "object_kinds", "phrase_kinds",
              "complement", "mark", "unless_subject_kinds", "drop", "type", "mode"}
COMPLEMENTS = ("clause", "question", "oprd")


@dataclass
class Lexicon:
    entity_kinds: dict[str, set[str]] = field(default_factory=dict)  # entity type -> kinds
    sector_kinds: dict[str, set[str]] = field(default_factory=dict)  # sector -> extra kinds
    word_kinds: dict[str, set[str]] = field(default_factory=dict)    # word -> kinds
    frames: dict[str, Frame] = field(default_factory=dict)
    idioms: dict[str, list[Idiom]] = field(default_factory=dict)     # lemma -> idioms
    references: dict[str, frozenset[str]] = field(default_factory=lambda: {"preps": frozenset(), "nouns": frozenset()})


def _kinds_list(value, where: str, known: set[str]) -> frozenset[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise NewsgraphError(f"{where}: kinds must be a list of strings")
    out: set[str] = set()
    for v in value:
        if v == "agent":
            out |= AGENT_KINDS
        elif v in known:
            out.add(v)
        else:
            raise NewsgraphError(f"{where}: unknown kind {v!r} (known: agent, {', '.join(sorted(known))})")
    return frozenset(out)


def parse_frame(raw: dict, where: str, known: set[str], base: Frame | None = None) -> Frame:
    """A frame from its YAML mapping; keys left out keep ``base``'s value."""
    if not isinstance(raw, dict):
        raise NewsgraphError(f"{where}: a frame must be a mapping")
    unknown = set(raw) - FRAME_KEYS
    if unknown:
        raise NewsgraphError(f"{where}: unknown frame keys {sorted(unknown)} (known: {', '.join(sorted(FRAME_KEYS))})")
    values = dict(base.__dict__) if base is not None else {}
    for role in ("actor", "recipient"):
        if role in raw:
            if raw[role] not in NEEDS:
                raise NewsgraphError(f"{where}: {role} must be one of {NEEDS}")
            values[role] = raw[role]
    for key in ("actor_kinds", "recipient_kinds"):
        if key in raw:
            values[key] = _kinds_list(raw[key], f"{where}: {key}", known)
    if "object_kinds" in raw:
        values["object_kinds"] = None if raw["object_kinds"] in (None, "any") else _kinds_list(
            raw["object_kinds"], f"{where}: object_kinds", known)
    if "counterpart" in raw:
        values["counterpart"] = bool(raw["counterpart"])
    if "strict" in raw:
        values["strict"] = bool(raw["strict"])
    if "act" in raw:
        forms = raw["act"] if isinstance(raw["act"], list) else ([] if not raw["act"] else [raw["act"]])
        bad = [f for f in forms if f not in ACT_FORMS]
        if bad:
            raise NewsgraphError(f"{where}: act forms must be among {ACT_FORMS}, not {bad}")
        values["act"] = tuple(forms)
    return Frame(**values)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    path = DATA_DIR / "frames.yaml"
    raw = yaml.safe_load(path.read_text("utf-8"))
    lex = Lexicon()
    known = set(raw["kinds"])
    for kind, spec in raw["kinds"].items():
        for etype in spec.get("entity_types") or []:
            lex.entity_kinds.setdefault(etype, set()).add(kind)
        for sector in spec.get("sectors") or []:
            lex.sector_kinds.setdefault(sector, set()).add(kind)
        for word in spec.get("words") or []:
            lex.word_kinds.setdefault(str(word).lower(), set()).add(kind)
    types = ontology().types
    for name, spec in (raw.get("frames") or {}).items():
        if name not in types:
            raise NewsgraphError(f"{path}: frame for unknown type {name!r}")
        lex.frames[name] = parse_frame(spec, f"{path}: frame {name}", known)
    refs = raw.get("references") or {}
    lex.references = {"preps": frozenset(refs.get("preps") or []), "nouns": frozenset(refs.get("nouns") or [])}
    for i, spec in enumerate(raw.get("idioms") or []):
        idiom = parse_idiom(spec, f"{path}: idiom #{i + 1} ({spec.get('id', 'no id') if isinstance(spec, dict) else spec})",
                            known | {"group"})
        for lemma in idiom.lemmas:
            lex.idioms.setdefault(lemma, []).append(idiom)
    return lex


def _words(value, where: str, key: str) -> frozenset[str]:
    if value is None:
        return frozenset()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise NewsgraphError(f"{where}: '{key}' must be a string or a list of strings "
                             "(quote words YAML reads as booleans: \"on\", \"off\")")
    return frozenset(v.lower() for v in value)


def parse_idiom(raw: dict, where: str, known: set[str]) -> Idiom:
    if not isinstance(raw, dict):
        raise NewsgraphError(f"{where}: each idiom must be a mapping")
    unknown = set(raw) - IDIOM_KEYS
    if unknown:
        raise NewsgraphError(f"{where}: unknown keys {sorted(unknown)}")
    for key in ("id", "lemmas", "example"):
        if not raw.get(key):
            raise NewsgraphError(f"{where}: missing required key '{key}'")
    onto = ontology()
    types = frozenset(t.upper() for t in _words(raw.get("types"), where, "types"))
    bad = [t for t in types if t not in onto.types]
    if bad:
        raise NewsgraphError(f"{where}: unknown types {bad}")
    new_type = str(raw["type"]).upper() if raw.get("type") else None
    if bool(raw.get("drop")) == bool(new_type):
        raise NewsgraphError(f"{where}: give either 'drop: true' or a 'type' to recode it")
    if new_type is not None and new_type not in onto.types:
        raise NewsgraphError(f"{where}: type {raw['type']!r} is not a PLOVER type")
    mode = raw.get("mode")
    if mode is not None and (new_type is None or mode not in onto.types[new_type]):
        raise NewsgraphError(f"{where}: mode {mode!r} is not defined for {new_type}")
    complement = raw.get("complement")
    if complement is not None and complement not in COMPLEMENTS:
        raise NewsgraphError(f"{where}: complement must be one of {COMPLEMENTS}")
    kinds = {key: _kinds_list(raw[key], f"{where}: {key}", known) if key in raw else frozenset()
             for key in ("with_kinds", "object_kinds", "phrase_kinds", "unless_subject_kinds")}
    return Idiom(id=str(raw["id"]), lemmas=_words(raw["lemmas"], where, "lemmas"), example=str(raw["example"]),
                 types=types, prt=_words(raw.get("prt"), where, "prt"), prep=_words(raw.get("prep"), where, "prep"),
                 complement=complement, mark=_words(raw.get("mark"), where, "mark"), drop=bool(raw.get("drop")),
                 type=new_type, mode=mode, **kinds)


def idioms() -> list[Idiom]:
    """Every idiom of frames.yaml, once each."""
    seen: dict[str, Idiom] = {}
    for entries in lexicon().idioms.values():
        for idiom in entries:
            seen.setdefault(idiom.id, idiom)
    return list(seen.values())


def known_kinds() -> set[str]:
    lex = lexicon()
    return {k for kinds in (*lex.entity_kinds.values(), *lex.word_kinds.values()) for k in kinds} | {"group"}


_FRAMES: dict[tuple[str, str, str], Frame] = {}


def frame_for(pattern: Pattern) -> Frame:
    """The pattern's frame: its type's, with the pattern's own ``frame:`` keys on top."""
    key = (pattern.source, pattern.id, pattern.type)
    found = _FRAMES.get(key)
    if found is None:
        base = lexicon().frames.get(pattern.type, Frame())
        found = base if not pattern.frame else parse_frame(
            dict(pattern.frame), f"{pattern.source}: pattern {pattern.id} frame", known_kinds(), base)
        _FRAMES[key] = found
    return found


# ---------------------------------------------------------------- kinds of a filler

def _sectors():
    from newsgraph.nlp.plover.actors import sector_lexicon
    return sector_lexicon()


def _entity_type(tok: Token) -> str | None:
    doc = tok.doc
    if doc.has_extension("ng_entities") and doc._.ng_entities:
        from newsgraph.nlp.entities import entity_at
        ent = entity_at(doc, tok.idx, tok.idx + len(tok))
        if ent is not None:
            return ent.type
    return tok.ent_type_ or None


def head_kinds(tok: Token) -> set[str]:
    """Kinds of the word itself: entity type, sector noun, word lists."""
    lex = lexicon()
    kinds: set[str] = set()
    etype = _entity_type(tok)
    if etype:
        kinds |= lex.entity_kinds.get(etype, set())
    low, lemma = tok.lower_, tok.lemma_.lower()
    kinds |= lex.word_kinds.get(low, set()) | lex.word_kinds.get(lemma, set())
    sectors = _sectors()["nouns"]
    sector = sectors.get(low) or sectors.get(lemma)
    if sector:
        kinds.add("group")
        kinds |= lex.sector_kinds.get(sector, set())
    if not kinds and tok.pos_ == "PROPN" and tok.text[:1].isupper():
        kinds.add("organisation")  # a name nobody knows: someone, not something
    return kinds


def filler_kinds(tok: Token, owners: bool = True) -> set[str]:
    """Kinds of the noun phrase headed by ``tok``.

    "thousands of students" takes the kinds of "students"; with ``owners``, a
    name or demonym modifying the head acts for it ("Russia's war", "the
    Belarusian crackdown"), as the actor coder reads it.
    """
    kinds = head_kinds(tok)
    quantity = _sectors()["quantity_heads"]
    if tok.lower_ in quantity or tok.pos_ == "NUM" or tok.lower_ in {"some", "many", "most", "all", "one", "two",
                                                                       "several", "part", "members"}:
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        kinds |= filler_kinds(pobj, owners)
    if owners and not kinds & AGENT_KINDS:
        for child in tok.children:
            if child.dep_ in {"poss", "compound", "amod", "nmod"} and child.i < tok.i:
                if head_kinds(child) & (AGENT_KINDS | {"place"}) and (
                        child.dep_ == "poss" or _entity_type(child) in {"NORP", "GPE", "ORG", "PERSON"}):
                    kinds.add("owned")
    return kinds


def _is_agent(kinds: set[str], allowed: frozenset[str]) -> bool:
    return bool(kinds & allowed) or ("owned" in kinds and bool(allowed & AGENT_KINDS))


def _fills(tok: Token, allowed: frozenset[str], strict: bool = False) -> bool:
    """A filler of an allowed kind, or (unless ``strict``) a noun or name of no known kind."""
    kinds = filler_kinds(tok)
    if _is_agent(kinds, allowed):
        return True
    return not strict and not (kinds - {"owned"}) and tok.pos_ in {"NOUN", "PROPN"}


# ---------------------------------------------------------------- the check

def direct_objects(token: Token) -> list[Token]:
    """What the act is done to: the direct object, a passive subject with no
    object left, the noun a participle modifies ("the deal struck"), a noun's
    "of" phrase."""
    if token.pos_ in {"NOUN", "PROPN"}:
        return [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children if g.dep_ == "pobj"]
    objs = [c for c in token.children if c.dep_ == "dobj"]
    if not objs:
        objs = [c for c in token.children if c.dep_ == "nsubjpass"]
    if not objs and participle_of_patient(token):
        objs = [token.head]
    return [o for o in objs if o.lower_ not in UNKNOWN_OBJECTS]


def _infinitive(token: Token) -> bool:
    """An act clause "to ..." under the trigger, directly or after its object
    or a "for" phrase ("urged Mali to hold", "called for the report to be released")."""
    frontier = [token]
    for c in token.children:
        if c.dep_ in {"dobj", "prep", "dative"}:
            frontier.append(c)
            frontier.extend(g for g in c.children if g.dep_ in {"pobj", "pcomp"})
    for node in frontier:
        for c in node.children:
            if c.dep_ in {"xcomp", "acl", "ccomp", "advcl", "pcomp", "relcl"} and c.pos_ in {"VERB", "AUX"} and \
                    any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
                return True
            if node is token and c.dep_ == "xcomp" and c.pos_ in {"VERB", "AUX"}:
                return True
    return False


def _act_met(token: Token, frame: Frame, objects: list[Token]) -> bool:
    forms = frame.act
    if not forms:
        return False
    if "infinitive" in forms and _infinitive(token):
        return True
    if "clause" in forms and any(c.dep_ in {"ccomp", "xcomp"} for c in token.children):
        return True
    if "agent_clause" in forms:
        for c in token.children:
            if c.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ in MODAL_AUX for a in c.children):
                subj = [g for g in c.children if g.dep_ in {"nsubj", "nsubjpass"}]
                if any(filler_kinds(g) & AGENT_KINDS for g in subj):
                    return True  # "warned that police will no longer tolerate rallies"
    if "object" in forms and objects:
        return True
    if "for" in forms and any(c.dep_ == "prep" and c.lower_ == "for" and any(g.dep_ in {"pobj", "pcomp"} for g in c.children)
                              for c in token.children):
        return True  # "pushed for reform", "called for the report to be released"
    if "noun" in forms:
        nouns = list(objects) + [g for c in token.children if c.dep_ == "prep" and c.lower_ in ACT_PREPS
                                 for g in c.children if g.dep_ == "pobj"]
        if token.pos_ in {"NOUN", "PROPN"} and any(c.dep_ == "acl" for c in token.children):
            return True  # "the threat to close the strait"
        if any("act" in head_kinds(n) for n in nouns):
            return True
    return False


def _reference(token: Token) -> bool:
    """An event noun without actor that only dates or explains something else: "after the
    attack", "in the wake of the Orlando attack", "since the invasion"."""
    refs = lexicon().references
    if token.dep_ != "pobj":
        return False
    prep = token.head
    if prep.lower_ in refs["preps"]:
        return True
    return prep.lower_ == "of" and prep.head.lemma_.lower() in refs["nouns"]


@dataclass
class FrameCheck:
    ok: bool
    reason: str = ""


def check_frame(token: Token, pattern: Pattern, heads) -> FrameCheck:
    """Does the phrase at ``token`` fill ``pattern``'s frame? ``heads``: its role heads."""
    frame = frame_for(pattern)
    if token.pos_ in {"NOUN", "PROPN"} and not heads.actors and _reference(token):
        return FrameCheck(False, "a reference to an event told elsewhere")
    objects = direct_objects(token)
    if frame.object_kinds is not None:
        for obj in objects:
            if obj.lower_ in pattern.with_any or obj.lemma_.lower() in pattern.with_any:
                continue  # the event noun of a light verb ("held talks", "shared intelligence")
            kinds = filler_kinds(obj, owners=False)
            if kinds and not kinds & frame.object_kinds:  # a word of unknown kind passes
                return FrameCheck(False, f"object {obj.text!r} is {sorted(kinds)}")
    actors = [t for t in heads.actors if _fills(t, frame.actor_kinds)]
    if frame.actor == "required" and not actors:
        nominal = token.pos_ in {"NOUN", "PROPN"}
        # An event noun often leaves its actor to the clause ("resorted to stones during
        # demonstrations against X", "the withdrawal of forces"): any party will do.
        if not (nominal and any(_fills(t, AGENT_KINDS) for t in [*heads.recipients, *objects])):
            return FrameCheck(False, "no actor")
    if frame.actor == "optional" and heads.actors and not actors and frame.actor_kinds != AGENT_KINDS:
        return FrameCheck(False, f"actor is no {sorted(frame.actor_kinds)}")
    if frame.recipient == "required":
        preps = {"to", "for"} | set(pattern.recipient_preps or ())
        candidates = list(heads.recipients) + list(heads.fallback_recipients) + [
            g for obj in objects for c in obj.children if c.dep_ == "prep" and c.lower_ in preps
            for g in c.children if g.dep_ == "pobj"]  # "granted asylum to five officers", "shared data with X"
        fillers = [t for t in candidates if _fills(t, frame.recipient_kinds, frame.strict)]
        if fillers:
            return FrameCheck(True)
        if frame.counterpart and _plural(heads.actors):
            return FrameCheck(True)
        if _act_met(token, frame, objects):
            return FrameCheck(True)
        return FrameCheck(False, "no recipient")
    return FrameCheck(True)


def _plural(actors: list[Token]) -> bool:
    if len(actors) >= 2:
        return True
    for t in actors:
        if any(c.dep_ == "conj" for c in t.children) or t.tag_ in {"NNS", "NNPS"} or t.lower_ in {"they", "we"}:
            return True
        if any(c.lower_ in {"both", "two"} for c in t.children):
            return True
    return False


# ---------------------------------------------------------------- idioms

def _with_objects(token: Token) -> list[Token]:
    """Objects of "with" on the trigger or on its direct object ("hit the firm with a bill")."""
    holders = [token] + [c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}]
    found = [g for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "with"
             for g in c.children if g.dep_ == "pobj"]
    # "with a barrage of requests", "with a flood of letters": what the measure word counts
    return found + [g for f in found for c in f.children if c.dep_ == "prep" and c.lower_ == "of"
                    for g in c.children if g.dep_ == "pobj"]


def _has_complement(token: Token, kind: str) -> bool:
    for c in token.children:
        if kind == "oprd":
            if c.dep_ == "oprd" or (c.dep_ == "ccomp" and c.pos_ in {"NOUN", "PROPN", "ADJ"}
                                    and any(g.dep_ == "nsubj" for g in c.children)):
                return True
            continue
        if c.dep_ not in {"ccomp", "advcl", "xcomp"}:
            continue
        first = c.left_edge  # "asked him whether invoking Kennedy might ...": the clause's first word
        question = first.lower_ in {"whether", "if"} or first.tag_ in {"WDT", "WP", "WRB"} or any(
            g.lower_ in {"whether", "if"} or (g.tag_ in {"WDT", "WP", "WRB"} and g.i < c.i) for g in c.children)
        if kind == "question" and question:
            return True
        if kind == "clause" and c.dep_ == "ccomp" and not question:
            return True
    return False


def _any_kind(tokens, kinds: frozenset[str]) -> bool:
    return any(head_kinds(t) & kinds for t in tokens)


def idiom_at(token: Token, pattern: Pattern) -> Idiom | None:
    """The first idiom of frames.yaml whose conditions all hold for ``pattern`` at ``token``."""
    entries = lexicon().idioms.get(token.lemma_.lower()) or lexicon().idioms.get(token.lower_)
    if not entries:
        return None
    for idiom in entries:
        if idiom.types and pattern.type not in idiom.types:
            continue
        if idiom.prt and not any(c.dep_ in {"prt", "advmod"} and c.lower_ in idiom.prt for c in token.children):
            continue
        if idiom.prep and not any(c.dep_ in {"prep", "dative"} and c.lower_ in idiom.prep for c in token.children):
            continue
        if idiom.with_kinds and not _any_kind(_with_objects(token), idiom.with_kinds):
            continue
        if idiom.object_kinds and not _any_kind(direct_objects(token), idiom.object_kinds):
            continue
        if idiom.phrase_kinds:
            from newsgraph.nlp.plover.triggers import local_tokens
            nouns = [t for t in local_tokens(token) if t.i != token.i and t.pos_ in {"NOUN", "PROPN"}]
            if not _any_kind(nouns, idiom.phrase_kinds):
                continue
        if idiom.complement and not _has_complement(token, idiom.complement):
            continue
        if idiom.mark and not any(c.dep_ in {"mark", "advmod"} and c.lower_ in idiom.mark for c in token.children):
            continue
        if idiom.unless_subject_kinds:
            subjects = [c for c in token.children if c.dep_ == "nsubj"] + [
                g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            if any(filler_kinds(t) & idiom.unless_subject_kinds for t in subjects):
                continue
        return idiom
    return None

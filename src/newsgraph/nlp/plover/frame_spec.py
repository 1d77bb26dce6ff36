"""The grammar of frames.yaml: kinds of filler, frames per PLOVER type, idioms.

It reads and checks the file (``lexicon()``) and says which kinds a word or
noun phrase is (``head_kinds``, ``filler_kinds``); :mod:`newsgraph.nlp.plover.frames`
checks a trigger's phrase against it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import yaml
from spacy.tokens import Token

from newsgraph.errors import NewsgraphError
from newsgraph.nlp.plover.data import DATA_DIR, ontology, sector_lexicon

AGENT_KINDS = frozenset({"person", "organisation", "state", "group"})
NEEDS = ("required", "optional", "absent")
ACT_FORMS = ("infinitive", "clause", "agent_clause", "noun", "object", "for")
FRAME_KEYS = {"actor", "recipient", "actor_kinds", "recipient_kinds", "object_kinds", "counterpart", "act", "strict"}


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
    subject_kinds: frozenset[str] = frozenset()
    unless_object_kinds: frozenset[str] = frozenset()
    unless_sentence_kinds: frozenset[str] = frozenset()
    pos: frozenset[str] = frozenset()
    drop: bool = False
    type: str | None = None
    mode: str | None = None


IDIOM_KEYS = {"id", "lemmas", "example", "types", "prt", "prep", "with_kinds", "object_kinds", "phrase_kinds",
              "complement", "mark", "unless_subject_kinds", "subject_kinds", "unless_object_kinds",
              "unless_sentence_kinds", "pos", "drop", "type", "mode"}
COMPLEMENTS = ("clause", "question", "oprd", "negated_clause")


@dataclass
class FrameLexicon:
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
def lexicon() -> FrameLexicon:
    path = DATA_DIR / "frames.yaml"
    raw = yaml.safe_load(path.read_text("utf-8"))
    lex = FrameLexicon()
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
             for key in ("with_kinds", "object_kinds", "phrase_kinds", "unless_subject_kinds", "subject_kinds",
                         "unless_object_kinds", "unless_sentence_kinds")}
    return Idiom(id=str(raw["id"]), lemmas=_words(raw["lemmas"], where, "lemmas"), example=str(raw["example"]),
                 types=types, prt=_words(raw.get("prt"), where, "prt"), prep=_words(raw.get("prep"), where, "prep"),
                 complement=complement, mark=_words(raw.get("mark"), where, "mark"), drop=bool(raw.get("drop")),
                 pos=frozenset(str(p).upper() for p in raw.get("pos") or ()), type=new_type, mode=mode, **kinds)


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


# ---------------------------------------------------------------- kinds of a filler

def _sectors():
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

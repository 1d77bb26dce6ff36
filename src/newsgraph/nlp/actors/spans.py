"""Candidate entity spans: spaCy's NER cleaned, plus gazetteer matches.

Cleaning: possessive 's off, leading "the" off, truncated organisation names
extended ("the Center for Strategic and" -> "... and International Studies"),
"X of the Y" names kept whole ("Palace of the Sun", not "Sun"), obvious false
entities dropped ("Bulletproof, drab green:" is a headline adjective), nothing
from non-body paragraphs, and ALL-CAPS headlines matched case-insensitively
against names known from the gazetteer instead of trusting NER there.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from newsgraph.nlp.actors.gazetteer import GazEntry, Gazetteer
from newsgraph.nlp.actors.names import CONNECTORS, fold, is_all_caps, is_title_case, normalize_name
from newsgraph.nlp.extensions import doc_text, extractable, paragraphs

ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_DASHES = frozenset({"-", "–", "—", "‐", "‑"})
#: Heads that make a demonym, country or leader's name a government actor.
_GOVERNMENT_HEADS = frozenset({"government", "cabinet", "administration", "regime", "authorities"})
_ADJ_SUFFIXES = ("proof", "less", "ful", "ous", "ive", "able", "ible", "ish")


@dataclass
class Cand:
    """One mention before grouping (token and character offsets)."""

    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    label: str
    gaz: GazEntry | None = None
    source: str = "ner"  # ner | gazetteer | caps | title
    key: str = ""
    words: list[str] = field(default_factory=list)
    gender: str | None = None


@dataclass
class Matchers:
    orth: PhraseMatcher
    lower: PhraseMatcher
    entries: dict[str, GazEntry]


def build_matchers(nlp, gaz: Gazetteer) -> Matchers:
    """Built once per pipeline: gazetteer names for organisations and people
    (case-sensitive) and every name for ALL-CAPS headlines (case-insensitive)."""
    orth = PhraseMatcher(nlp.vocab, attr="ORTH")
    lower = PhraseMatcher(nlp.vocab, attr="LOWER")
    entries: dict[str, GazEntry] = {}
    for entry in gaz.entries:
        names = [entry.name, *entry.aliases]
        entries.setdefault(entry.uid, entry)
        if entry.type in ("ORG", "PERSON", "FAC") and not entry.region:
            orth.add(entry.uid, [nlp.make_doc(n) for n in names])
        if not entry.region:
            lower.add(entry.uid, [nlp.make_doc(n) for n in names if len(n) >= 4])
    return Matchers(orth, lower, entries)


def _para_ranges(doc: Doc) -> tuple[list[tuple[int, int]], list[tuple[int, int]], list[tuple[int, int]]]:
    """(extractable paragraph ranges, ALL-CAPS ranges, headline ranges) in chars.

    Title Case headlines ("Marco Rubio Lays Out ...", "Donald Trump Defends ...")
    capitalise words that are not names, so NER is not trusted there either:
    like ALL-CAPS paragraphs, they only get names known from the body or the
    gazetteer. Sentence-case headlines are read like the body.
    """
    body, caps, heads = [], [], []
    text = doc_text(doc)
    for p in paragraphs(doc):
        if not p.extractable:
            continue
        body.append((p.start, p.end))
        if is_all_caps(text[p.start:p.end]):
            caps.append((p.start, p.end))
        elif p.role == "heading" and len(paragraphs(doc)) > 1 and is_title_case(text[p.start:p.end]):
            heads.append((p.start, p.end))
    return body, caps, heads


def _inside(ranges: list[tuple[int, int]], a: int, b: int) -> bool:
    return any(s <= a and b <= e for s, e in ranges)


#: Lower-case words after an outlet's name that say what kind of outlet it is.
OUTLET_KINDS = frozenset({"news", "agency", "newspaper", "daily", "weekly", "magazine", "website",
                          "channel", "broadcaster", "network", "wire", "tabloid"})
#: Kinds of place a name may be followed by ("Aceh province").
PLACE_KINDS = frozenset({"province", "region", "state", "county", "district", "prefecture", "governorate",
                         "oblast", "territory", "city", "town", "village"})


def _clean_bounds(doc: Doc, s: int, e: int, label: str) -> tuple[int, int]:
    for i in range(s + 1, e):  # "House of Lords - which ...": a spaced dash before plain words ends the name
        if doc[i].text in _DASHES and doc[i - 1].whitespace_ and doc[i].whitespace_ \
                and i + 1 < len(doc) and not doc[i + 1].text[:1].isupper():
            e = i
            break
    while e > s and (doc[e - 1].text in _POSSESSIVE or doc[e - 1].text in _DASHES):
        e -= 1
    while s < e and doc[s].lower_ == "the":
        s += 1
    # "rival bank UFJ Holdings": plain lower-case words before the name are description.
    while s + 1 < e and doc[s].is_lower and doc[s].is_alpha and doc[s].pos_ in ("NOUN", "ADJ") \
            and doc[s].lower_ not in CONNECTORS and not doc[s + 1].is_lower:
        s += 1
    # "Aceh province", "Sichuan region": a lower-case kind of place after a place name
    # is no part of it ("Washington State", capitalised, is).
    while label in ("GPE", "LOC") and e - 1 > s and doc[e - 1].is_lower and doc[e - 1].lower_ in PLACE_KINDS:
        e -= 1
    # "AFP news agency", "the Kommersant newspaper": the kind of outlet is description.
    while label == "ORG" and e - 1 > s and doc[e - 1].is_lower and doc[e - 1].lower_ in OUTLET_KINDS:
        e -= 1
    opened = [i for i in range(s, e) if doc[i].text == "("]
    if opened and not any(doc[i].text == ")" for i in range(opened[0], e)):
        e = opened[0]  # "Software Development Kit (SDK": the acronym is its own mention
    if s >= e or label not in ("ORG", "FAC", "LOC"):
        return s, e
    # Truncated names end on a connector; "X of (the) Y" names continue.
    truncated = doc[e - 1].lower_ in CONNECTORS
    of_the = False  # "Palace of the Moon": a person is not "the Moon"
    if not truncated and e + 1 < len(doc) and doc[e].lower_ == "of":
        of_the = doc[e + 1].lower_ == "the" and e + 2 < len(doc)
        nxt = e + 2 if of_the else e + 1
        truncated = doc[nxt].is_title and (of_the or doc[nxt].ent_type_ != "PERSON") \
            and doc[nxt].sent == doc[s].sent
    if truncated:
        j = e
        sent_end = doc[s].sent.end
        while j < sent_end and (doc[j].is_title or doc[j].is_upper or doc[j].lower_ in CONNECTORS) \
                and (of_the or doc[j].ent_type_ != "PERSON") and not doc[j].is_punct:
            j += 1
        while j > e and doc[j - 1].lower_ in CONNECTORS:
            j -= 1
        e = max(e, j)
        while e > s and doc[e - 1].lower_ in CONNECTORS:
            e -= 1
    return s, e


def _strip_titles(doc: Doc, s: int, e: int, gaz: Gazetteer) -> int:
    """"Constable David Warcup", "Sen. Marco Rubio": the title is a role, not the name."""
    while e - s > 1 and (fold(doc[s].text) in gaz.title_words or fold(doc[s].text) in gaz.honorifics
                         or fold(doc[s].text) in gaz.role_modifiers):
        s += 1
    return s


def _false_entity(doc: Doc, s: int, e: int, label: str, gaz: Gazetteer, matched: bool) -> bool:
    text = doc[s:e].text
    if not any(c.isalpha() for c in text) or not any(c.isupper() for c in text) or "\n" in text:
        return True
    if matched or e - s != 1 or label == "PERSON":
        return False
    tok = doc[s]
    low = fold(tok.text)
    if normalize_name(tok.text) in gaz.demonyms:
        return False
    if label in ("GPE", "LOC") and low.endswith(_ADJ_SUFFIXES):
        return True
    # A headline's opening adjective: "Bulletproof, drab green: ..."
    if label not in ("GPE", "LOC", "NORP") or not (tok.i + 1 < len(doc) and doc[tok.i + 1].text in (",", ":")):
        return False
    sent = tok.sent
    return tok.i == sent.start and any(t.text == ":" for t in sent)


def _gaz_for(gaz: Gazetteer, text: str, label: str) -> GazEntry | None:
    if label == "NORP":  # "Russian" is a mention of Russia (the label stays NORP)
        code = gaz.demonyms.get(normalize_name(text))
        if code and code in gaz.country_entries:
            return gaz.country_entries[code]
    for entry in gaz.lookup(text):
        if label == "PERSON" and entry.type in ("GPE", "LOC"):
            continue  # "Jordan" the person is not the country
        if label in ("GPE", "LOC", "NORP") and entry.type == "PERSON":
            continue
        return entry
    return None


def _add_cand(doc: Doc, cands: list[Cand], taken: list[bool], s: int, e: int, label: str,
              source: str, entry: GazEntry | None = None) -> None:
    """Append the mention doc[s:e] and mark its tokens taken."""
    start_char, end_char = doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)
    text = doc[s:e].text
    for i in range(s, e):
        taken[i] = True
    cands.append(Cand(s, e, start_char, end_char, text, label, entry, source))


def _gazetteer_spans(doc: Doc, caps: list[tuple[int, int]], matchers: Matchers | None
                     ) -> list[tuple[int, int, GazEntry]]:
    """Gazetteer matches, longest first at each start: they fix NER's misses and splits ("RIA", "KCNA")."""
    gaz_spans = []
    if matchers is not None:
        for match_id, s, e in matchers.orth(doc):
            if not extractable(doc, doc[s].idx):
                continue
            entry = matchers.entries[doc.vocab.strings[match_id]]
            if _inside(caps, doc[s].idx, doc[e - 1].idx) and len(doc[s:e].text) <= 4:
                continue  # "WHO" in a shouted headline is the pronoun
            while s < e - 1 and doc[s].lower_ == "the":
                s += 1
            gaz_spans.append((s, e, entry))
    gaz_spans.sort(key=lambda m: (m[0], -(m[1] - m[0])))
    return gaz_spans


def _add_ner_candidates(doc: Doc, gaz: Gazetteer, guarded: list[tuple[int, int]],
                        gaz_spans: list[tuple[int, int, GazEntry]], cands: list[Cand],
                        taken: list[bool]) -> None:
    """NER mentions outside guarded ranges, cleaned and checked against the gazetteer."""
    for ent in doc.ents:
        if ent.label_ not in ACTOR_LABELS or not extractable(doc, ent.start_char):
            continue
        if _inside(guarded, ent.start_char, ent.end_char):
            continue  # NER guesses on ALL-CAPS text and headlines; matched below instead
        s, e = _clean_bounds(doc, ent.start, ent.end, ent.label_)
        if ent.label_ == "PERSON":
            s = _strip_titles(doc, s, e, gaz)
        if s >= e or any(taken[s:e]):
            continue
        if e < len(doc) and doc[e].lower_ in _GOVERNMENT_HEADS and not taken[e] and \
                (ent.label_ in ("NORP", "GPE") or ent.label_ == "PERSON" and e - s == 1):
            _add_cand(doc, cands, taken, s, e + 1, "ORG", "ner")  # "the Russian government", "the Blair government"
            continue
        # A longer gazetteer match covering this span wins.
        cover = [g for g in gaz_spans if g[0] <= s and e <= g[1] and (g[1] - g[0]) > (e - s)]
        if cover:
            continue
        entry = _gaz_for(gaz, doc[s:e].text, ent.label_)
        if _false_entity(doc, s, e, ent.label_, gaz, entry is not None):
            continue
        label = entry.type if entry and not (ent.label_ == "NORP" and entry.type == "GPE") else ent.label_
        _add_cand(doc, cands, taken, s, e, label, "ner", entry)


def _add_guarded_candidates(doc: Doc, caps: list[tuple[int, int]], guarded: list[tuple[int, int]],
                            matchers: Matchers, cands: list[Cand], taken: list[bool]) -> None:
    """Case-insensitive gazetteer matches inside ALL-CAPS paragraphs and headlines."""
    for match_id, s, e in sorted(matchers.lower(doc), key=lambda m: (m[1], -(m[2] - m[1]))):
        if not _inside(guarded, doc[s].idx, doc[e - 1].idx) or any(taken[s:e]):
            continue
        if not _inside(caps, doc[s].idx, doc[e - 1].idx) and not all(t.text[:1].isupper() for t in doc[s:e]
                                                                     if t.lower_ not in CONNECTORS):
            continue  # in a mixed-case headline "turkey" is not Turkey
        entry = matchers.entries[doc.vocab.strings[match_id]]
        _add_cand(doc, cands, taken, s, e, entry.type, "caps", entry)


def collect_candidates(doc: Doc, gaz: Gazetteer, matchers: Matchers | None
                       ) -> tuple[list[Cand], list[tuple[int, int]]]:
    """Cleaned mentions in text order, and the ALL-CAPS paragraph ranges."""
    body, caps, heads = _para_ranges(doc)
    guarded = sorted(caps + heads)  # NER is not trusted here
    cands: list[Cand] = []
    taken = [False] * len(doc)
    # Gazetteer matches first: they fix NER's misses and splits ("RIA", "KCNA").
    gaz_spans = _gazetteer_spans(doc, caps, matchers)
    _add_ner_candidates(doc, gaz, guarded, gaz_spans, cands, taken)
    for s, e, entry in gaz_spans:
        if not any(taken[s:e]):
            _add_cand(doc, cands, taken, s, e, entry.type, "gazetteer", entry)
    if guarded and matchers is not None:
        _add_guarded_candidates(doc, caps, guarded, matchers, cands, taken)
    cands.sort(key=lambda c: c.start)
    return cands, guarded


def caps_mentions_of(doc: Doc, caps: list[tuple[int, int]], names: dict[str, str],
                     cands: list[Cand]) -> list[Cand]:
    """Mentions in ALL-CAPS paragraphs of names known from the body ({folded name: label})."""
    if not caps or not names:
        return []
    taken = {i for c in cands for i in range(c.start, c.end)}
    found = []
    by_first: dict[str, list[list[str]]] = {}
    for name in names:
        parts = name.split()
        by_first.setdefault(parts[0], []).append(parts)
    for a, b in caps:
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is None:
            continue
        i = span.start
        while i < span.end:
            hit = None
            for parts in sorted(by_first.get(fold(doc[i].text), []), key=len, reverse=True):
                if i + len(parts) <= span.end and [fold(t.text) for t in doc[i:i + len(parts)]] == parts:
                    hit = parts
                    break
            if hit and not any(j in taken for j in range(i, i + len(hit))):
                s, e = i, i + len(hit)
                found.append(Cand(s, e, doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text),
                                  doc[s:e].text, names[" ".join(hit)], None, "caps"))
                i = e
            else:
                i += 1
    return found

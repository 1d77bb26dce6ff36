"""Later surname mentions: "William Ruto ... Ruto said" is Ruto, whatever NER said.

News names a person in full once, then by surname (or a longer tail of the
name: "Le Maire", "Sivertsen Næss"). spaCy often misses those short forms or
tags them ORG/GPE ("Næss said" -> ORG), which loses speakers and actors. After
grouping, one pass over the tokens finds every capitalised sequence equal to a
person's full name or a tail of it and moves it into that person's group,
unless it is clearly something else:

- part of a longer different name ("Marcel Proust", "Ruto Foundation");
- a tail shared by two people of the article ("Ingrid Vos ... Sanne Vos ...
  Vos"): left alone, not guessed (NER-tagged PERSON short forms are still
  resolved by :mod:`grouping`'s salience rule);
- a gazetteer place or organisation used as one ("flights to Lima"): only a
  subject use ("Lima said") goes to the person.
"""

from __future__ import annotations

from spacy.tokens import Doc

from newsgraph.nlp.actors.gazetteer import Gazetteer
from newsgraph.nlp.actors.grouping import Group
from newsgraph.nlp.actors.names import normalize_name
from newsgraph.nlp.actors.spans import Cand

_DASHES = frozenset({"-", "‐", "‑", "–"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_MAX_TAIL = 4


def _doubtful_people(groups: dict[str, Group]) -> set[str]:
    """Person groups whose full name NER tags otherwise at least as often ("Northrop
    Grumman" once PERSON, three times ORG): not a person to build tails for."""
    other: dict[str, int] = {}
    for g in groups.values():
        if g.type != "PERSON":
            for m in g.mentions:
                other[m.key or normalize_name(m.text)] = other.get(m.key or normalize_name(m.text), 0) + 1
    doubtful = set()
    for g in groups.values():
        if g.type == "PERSON" and g.gaz is None:
            people = sum(1 for m in g.mentions if m.label == "PERSON")
            if any(other.get(" ".join(w), 0) >= people for w in g.words):
                doubtful.add(g.gid)
    return doubtful


def _tails(groups: dict[str, Group]) -> dict[str, list[tuple[tuple[str, ...], Group]]]:
    """{first word: [(word tuple, group)]}, longest first, for full names and their tails.
    A tuple two different people share maps to no one."""
    owners: dict[tuple[str, ...], set[str]] = {}
    by_gid = {}
    doubtful = _doubtful_people(groups)
    for g in groups.values():
        if g.type != "PERSON" or not g.mentions or g.gid in doubtful:
            continue
        by_gid[g.gid] = g
        for words in g.words:
            if len(words) < 2:
                continue
            for k in range(1, min(len(words), _MAX_TAIL) + 1):
                tail = tuple(words[-k:])
                if k == 1 and len(tail[0]) < 2:
                    continue
                owners.setdefault(tail, set()).add(g.gid)
    index: dict[str, list[tuple[tuple[str, ...], Group]]] = {}
    for tail, gids in owners.items():
        if len(gids) == 1:
            index.setdefault(tail[0], []).append((tail, by_gid[next(iter(gids))]))
    for options in index.values():
        options.sort(key=lambda o: len(o[0]), reverse=True)
    return index


def _capitalised(tok) -> bool:
    """"Ruto", "Næss", "McDonald", "O'Brien"; not "UN" or "said"."""
    text = tok.text
    return text[:1].isupper() and text[:1].isalpha() and (len(text) == 1 or not text.isupper())


def _name_like(tok) -> bool:
    return _capitalised(tok) and tok.pos_ == "PROPN"


def _blocked_neighbour(doc: Doc, i: int, gaz: Gazetteer, before: bool) -> bool:
    """A capitalised proper noun glued to the match makes it part of a longer name."""
    if not 0 <= i < len(doc) or not _name_like(doc[i]):
        return False
    tok = doc[i]
    if before:
        low = normalize_name(tok.text)
        if low in gaz.honorifics or low + "." in gaz.honorifics or low in gaz.title_words \
                or low in gaz.role_modifiers or low in gaz.demonyms or tok.ent_type_ in ("DATE", "TIME"):
            return False  # "President Ruto", "Mr. Ruto", "Kenyan Ruto", "Monday Ruto"
    return True


def _mention_maps(groups: dict[str, Group]
                  ) -> tuple[dict[int, Group], dict[tuple[int, int], Cand], dict[int, Cand]]:
    """Each mention's group (by id), the mention at each (start, end), and the mention covering each token."""
    owner: dict[int, Group] = {}
    at: dict[tuple[int, int], Cand] = {}
    covered: dict[int, Cand] = {}
    for g in groups.values():
        for m in g.mentions:
            owner[id(m)] = g
            at.setdefault((m.start, m.end), m)
            for t in range(m.start, m.end):
                covered[t] = m
    return owner, at, covered


def _key_cache(doc: Doc):
    """A function from token index to its normalised text, computed once per token."""
    keys: dict[int, str] = {}

    def key(t: int) -> str:
        k = keys.get(t)
        if k is None:
            k = keys[t] = normalize_name(doc[t].text)
        return k

    return key


def add_surname_mentions(doc: Doc, gaz: Gazetteer, groups: dict[str, Group], cands: list[Cand],
                         body: list[tuple[int, int]]) -> int:
    """Move or add full-name and name-tail mentions to their person; returns how many.

    ``body``: extractable, not ALL-CAPS paragraph ranges (chars). Linear in the
    doc: a token is compared only with the tails starting with its own word.
    """
    index = _tails(groups)
    if not index:
        return 0
    owner, at, covered = _mention_maps(groups)
    key = _key_cache(doc)
    return _scan_tails(doc, gaz, index, body, key, (owner, at, covered), cands)


def _scan_tails(doc: Doc, gaz: Gazetteer, index, body: list[tuple[int, int]], key, maps,
                cands: list[Cand]) -> int:
    """One pass over the body tokens, taking each name or tail matched; returns how many."""
    owner, at, covered = maps
    added = 0
    n = len(doc)
    bi = 0
    i = 0
    while i < n:
        tok = doc[i]
        if not _capitalised(tok):
            i += 1
            continue
        while bi < len(body) and body[bi][1] <= tok.idx:
            bi += 1
        if bi >= len(body):
            break
        if tok.idx < body[bi][0]:
            i += 1
            continue
        options = index.get(key(i))
        hit = _match(doc, i, options, key) if options else None
        if hit is None:
            i += 1
            continue
        end, group = hit
        if _take(doc, gaz, i, end, group, owner, at, covered, cands):
            added += 1
        i = end
    return added


def _match(doc: Doc, i: int, options, key):
    """The longest tail starting at token ``i`` (hyphens inside names skipped), as (end, group)."""
    n = len(doc)
    for words, group in options:
        j, w = i, 0
        while j < n and w < len(words):
            if w and doc[j].text in _DASHES and j + 1 < n:
                j += 1
                continue
            if not _capitalised(doc[j]) or key(j) != words[w]:
                break
            j, w = j + 1, w + 1
        if w == len(words):
            return j, group
    return None


def _names_entourage(doc: Doc, e: int, gaz: Gazetteer) -> bool:
    """"a Pelosi aide", "the Trump campaign": the name modifies a noun of the person's people."""
    return e < len(doc) and doc[e - 1].dep_ == "compound" and doc[e - 1].head.i == e \
        and doc[e].lower_ in gaz.entourage_nouns


def _take(doc: Doc, gaz: Gazetteer, s: int, e: int, group: Group, owner, at, covered, cands) -> bool:
    existing = at.get((s, e))
    inside = {id(covered[t]) for t in range(s, e) if t in covered}
    if existing is None and inside:
        return False  # part of a longer (or differently cut) mention: leave it
    if existing is not None and owner.get(id(existing)) is group:
        return False
    if existing is not None and owner.get(id(existing)).type == "PERSON":
        return False  # NER's PERSON short forms are resolved by salience in grouping
    if _blocked_neighbour(doc, s - 1, gaz, True) or _blocked_neighbour(doc, e, gaz, False):
        return False
    if s > 0 and (doc[s - 1].pos_ == "DET" or (doc[s - 1].pos_ == "ADJ" and doc[s - 1].is_lower)) \
            and not _names_entourage(doc, e, gaz):
        return False  # "the Falcon's bodyshell", "the current Falcon": a thing, not a person
    if existing is not None and existing.gaz is not None and existing.gaz.type != "PERSON" \
            and doc[s:e].root.dep_ not in _SUBJECT_DEPS:
        return False  # a known place or organisation, used as one ("flights to Lima")
    if existing is not None:
        old = owner[id(existing)]
        old.mentions.remove(existing)
        existing.label, existing.gaz, existing.source = "PERSON", group.gaz, "surname"
        mention = existing
    else:
        mention = Cand(s, e, doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text), doc[s:e].text,
                       "PERSON", group.gaz, "surname")
        cands.append(mention)
    group.mentions.append(mention)
    owner[id(mention)] = group
    return True

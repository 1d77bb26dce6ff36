"""Within-article grouping: which mentions name the same entity.

Full names, gazetteer aliases and transliteration variants share a group;
short forms ("Putin", "Mr. Putin", "Kim", "Jean-Pierre") join the full name
that is most salient where they occur — the one mentioned most so far, with a
bonus for a mention in the same or previous sentence — unless the context
contradicts it ("Kim's father, ... Kim Jong Il": that Kim is not the father).
Nothing here looks at other articles: "Kim" is never linked to a Kim elsewhere.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc

from newsgraph.nlp.actors.genders import gender_of_name
from newsgraph.nlp.actors.gazetteer import GazEntry, Gazetteer
from newsgraph.nlp.actors.names import initials, looks_like_acronym, normalize_name
from newsgraph.nlp.actors.places import place_country
from newsgraph.nlp.actors.spans import Cand

KINSHIP = frozenset({"father", "mother", "son", "daughter", "brother", "sister", "wife", "husband",
                     "grandfather", "grandmother", "uncle", "aunt", "grandson", "granddaughter",
                     "widow", "nephew", "niece", "cousin", "predecessor", "successor", "family"})
TYPE_CLASS = {"GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}
_LABEL_PRIORITY = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")
_RECENT_BONUS = 3


@dataclass
class Group:
    gid: str
    gaz: GazEntry | None = None
    mentions: list[Cand] = field(default_factory=list)
    words: list[list[str]] = field(default_factory=list)  # full-name word lists known for a person
    roles: list = field(default_factory=list)
    gender: str | None = None

    @property
    def type(self) -> str:
        if self.gaz:
            return self.gaz.type
        if getattr(self, "_type_for", -1) != len(self.mentions):  # recomputed only when mentions change
            counts = Counter(m.label for m in self.mentions if m.label != "NOM")
            best = max(counts.values()) if counts else 0
            self._type = next((lab for lab in _LABEL_PRIORITY if counts.get(lab) == best), "PERSON")
            self._type_for = len(self.mentions)
        return self._type


def type_class(label: str) -> str:
    """Identity ignores GPE/LOC/FAC disagreements between NER runs."""
    return TYPE_CLASS.get(label, label)


def person_words(gaz: Gazetteer, text: str) -> tuple[list[str], str | None]:
    """Name words without honorifics ("Mr. Putin" -> ["putin"]) and the gender they imply."""
    words = normalize_name(text).split()
    gender = None
    while len(words) > 1 and (words[0] in gaz.honorifics or words[0] + "." in gaz.honorifics):
        if words[0] in gaz.female_honorifics or words[0] + "." in gaz.female_honorifics:
            gender = "f"
        elif words[0] in gaz.male_honorifics or words[0] + "." in gaz.male_honorifics:
            gender = "m"
        words = words[1:]
    return words, gender or gender_of_name(words)


def names_agree(a: list[str], b: list[str]) -> bool:
    """Two full names of one person: same surname, and given names equal or one an
    initial of the other ("p chidambaram" / "palaniappan chidambaram"). A bare
    surname agrees with nothing here."""
    if len(a) < 2 or len(b) < 2 or a[-1] != b[-1]:
        return False

    def same(x: str, y: str) -> bool:
        return x == y or (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y))

    middle_a, middle_b = a[1:-1], b[1:-1]  # "George H W Bush" is not "George W Bush"
    if middle_a and middle_b and (len(middle_a) != len(middle_b)
                                  or not all(same(x, y) for x, y in zip(middle_a, middle_b))):
        return False
    return same(a[0], b[0])


def _is_part(short: list[str], full: list[str]) -> bool:
    n = len(short)
    return 0 < n < len(full) and (full[:n] == short or full[-n:] == short)


class Grouper:
    def __init__(self, doc: Doc, gaz: Gazetteer, date: str | None):
        self.doc, self.gaz, self.date = doc, gaz, date
        self.groups: dict[str, Group] = {}
        self._sent_starts = [s.start for s in doc.sents]

    def sent_index(self, token_i: int) -> int:
        return bisect_right(self._sent_starts, token_i) - 1

    def group(self, gid: str, entry: GazEntry | None = None) -> Group:
        g = self.groups.get(gid)
        if g is None:
            g = self.groups[gid] = Group(gid, entry)
            if entry is not None:
                g.gender = entry.gender or (gender_of_name(normalize_name(entry.name).split())
                                            if entry.type == "PERSON" else None)
                if entry.type == "PERSON":
                    g.words = [normalize_name(n).split() for n in [entry.name, *entry.aliases]]
        return g

    def run(self, cands: list[Cand]) -> dict[str, Group]:
        self._cands = cands
        person_lists = self._read_names(cands)
        full = self._full_name_groups(cands, person_lists)
        acronyms = self._parenthetical_acronyms(cands, full)
        self._attach_mentions(cands, full, acronyms)
        self._merge_short_org_names()
        return self.groups

    def _read_names(self, cands: list[Cand]) -> list[list[str]]:
        """Set each mention's key (and a person's name words and gender); return the multi-word person names."""
        person_lists: list[list[str]] = []
        for i, c in enumerate(cands):
            c.key = normalize_name(c.text)
            if c.label == "PERSON" and not c.gaz:
                c.words, c.gender = person_words(self.gaz, c.text)
                if len(c.words) > 1:
                    person_lists.append(c.words)
            elif c.gaz is not None and c.gaz.type == "PERSON":
                # "Peña Nieto" after "Enrique Peña Nieto": a part of a known person's name
                person_lists.append(normalize_name(c.gaz.name).split())
        return person_lists

    def _full_name_groups(self, cands: list[Cand], person_lists: list[list[str]]) -> dict[int, str]:
        """Groups for gazetteer entries, full person names and other names: {mention index: group id}."""
        full: dict[int, str] = {}
        for i, c in enumerate(cands):
            if c.gaz:
                full[i] = "gaz:" + c.gaz.uid
                g = self.group(full[i], c.gaz)
                words = normalize_name(c.gaz.name).split()
                if c.gaz.type == "PERSON" and len(words) > 1 and words not in g.words:
                    g.words.append(words)
            elif c.label == "PERSON":
                if len(c.words) < 2 or any(_is_part(c.words, other) for other in person_lists):
                    continue
                full[i] = "per:" + " ".join(c.words)
                g = self.group(full[i])
                if c.words not in g.words:
                    g.words.append(c.words)
            elif looks_like_acronym(c.text):
                continue
            else:
                full[i] = f"{type_class(c.label)}:{c.key}"
                g = self.group(full[i])
            g.gender = g.gender or c.gender
        return full

    def _attach_mentions(self, cands: list[Cand], full: dict[int, str], acronyms) -> None:
        """Add every mention to its group, resolving short names and acronyms in text order."""
        totals = Counter(full.values())
        counts: Counter = Counter()
        last_sent: dict[str, int] = {}
        for i, c in enumerate(cands):
            gid = full.get(i)
            if gid is None:
                if c.label == "PERSON":
                    gid = self._resolve_short(c, cands, full, counts, last_sent, totals)
                else:
                    gid = acronyms.get(c.text) or self._by_initials(c) or f"{type_class(c.label)}:{c.key}"
                full[i] = gid
            g = self.group(gid, c.gaz)
            g.mentions.append(c)
            counts[gid] += 1
            last_sent[gid] = self.sent_index(c.start)

    def _merge_short_org_names(self) -> None:
        """"Petrel" after "Petrel Resources", "UFJ" beside "UFJ Holdings": a name that is
        the start of exactly one longer organisation name of the article is that
        organisation, whatever NER labelled it. A place or a person the gazetteer
        knows is left alone ("Japan" is not "Japan Airlines")."""
        orgs = [(gid, g) for gid, g in self.groups.items() if g.type == "ORG" and g.mentions]
        names = {gid: {tuple(m.key.split()) for m in g.mentions if m.key} for gid, g in orgs}
        for gid, g in list(self.groups.items()):
            if not g.mentions or (g.gaz is not None and g.gaz.type != "ORG") or g.type == "PERSON" and len(g.words) > 0 \
                    and any(len(w) > 1 for w in g.words):
                continue
            keys = {tuple(m.key.split()) for m in g.mentions if m.key}
            if not keys or any(len(k) > 3 for k in keys):
                continue
            if g.type != "ORG" and any(place_country(" ".join(k)) for k in keys):
                continue  # "Texas" beside "Texas Instruments" is the state
            owners = {oid for oid, full in names.items() if oid != gid
                      and all(any(len(f) > len(k) and f[:len(k)] == k for f in full) for k in keys)}
            if len(owners) == 1:
                owner = self.groups[owners.pop()]
                owner.mentions.extend(g.mentions)
                del self.groups[gid]

    def _parenthetical_acronyms(self, cands: list[Cand], full: dict[int, str]) -> dict[str, str]:
        """"International Atomic Energy Agency (IAEA)" makes IAEA an alias."""
        doc, found = self.doc, {}
        for i, c in enumerate(cands):
            e = c.end
            if i in full and e + 2 < len(doc) and doc[e].text == "(" and doc[e + 2].text == ")" \
                    and looks_like_acronym(doc[e + 1].text):
                found[doc[e + 1].text] = full[i]
        return found

    def _by_initials(self, c: Cand) -> str | None:
        if not looks_like_acronym(c.text):
            return None
        for gid, g in self.groups.items():
            names = [m.text for m in g.mentions] + ([g.gaz.name] if g.gaz else [])
            if g.type != "PERSON" and any(initials(n) == c.text.replace(".", "") for n in names if " " in n):
                return gid
        return None

    def _contradicted(self, c: Cand, cands: list[Cand], full: dict[int, str]) -> set[str]:
        """Groups named right after "Kim's father," in the same sentence: not Kim."""
        doc = self.doc
        e = c.end
        if e + 1 < len(doc) and doc[e].text in ("'s", "’s") and doc[e + 1].lemma_.lower() in KINSHIP:
            sent_end = doc[c.start].sent.end
            return {full[j] for j, o in enumerate(cands) if j in full and e < o.start < sent_end}
        return set()

    def _resolve_short(self, c: Cand, cands, full, counts, last_sent, totals) -> str:
        words = c.words or normalize_name(c.text).split()
        options = [gid for gid, g in self.groups.items()
                   if g.type == "PERSON" and any(_is_part(words, w) for w in g.words)]
        options = [gid for gid in options if gid not in self._contradicted(c, cands, full)]
        if c.gender:
            options = [gid for gid in options if self.groups[gid].gender in (None, c.gender)]
        here = self.sent_index(c.start)
        prior = [gid for gid in options if counts[gid] > 0]
        if prior:
            return max(prior, key=lambda gid: (counts[gid] + (_RECENT_BONUS if last_sent[gid] >= here - 1 else 0),
                                               last_sent[gid]))
        if options:
            return max(options, key=lambda gid: totals[gid])
        after_article = c.start > 0 and self.doc[c.start - 1].lower_ in ("the", "a", "an")
        entry = None if after_article else self._gazetteer_surname(words)  # "the Moon" is not Moon Jae-in
        if entry is not None:
            c.gaz = entry
            return "gaz:" + entry.uid
        return "per:" + " ".join(words)

    def _gazetteer_surname(self, words: list[str]) -> GazEntry | None:
        """"Putin" alone: the gazetteer person, if unique and plausible in this article."""
        if len(words) != 1:
            return None
        people = self.gaz.by_name_word.get(words[0], [])
        if len({p.uid for p in people}) != 1:
            return None
        person = people[0]
        if self.date:  # "Hunt" in a 2005 story is not a minister of 2015
            return person if any(p.holds_on(self.date) for p in person.positions) else None
        return person if person.country in self.article_countries() else None

    def article_countries(self) -> set[str]:
        if not hasattr(self, "_countries"):
            self._countries = set()
            for c in self._cands:
                if c.gaz and c.gaz.country and c.gaz.type in ("GPE", "ORG"):
                    self._countries.add(c.gaz.country)
                code = self.gaz.demonyms.get(c.key)
                if code:
                    self._countries.add(code)
                if c.label in ("GPE", "LOC") and not c.gaz:
                    code = place_country(c.text)
                    if code:
                        self._countries.add(code)
        return self._countries

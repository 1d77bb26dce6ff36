"""Date an event or a quote by its own clause, else the article's date as its tense allows.

Used by the quotes and events components through :func:`date_for_span`.

A time expression dates a predicate (an event's verb or noun, a quote's cue) when it is
that predicate's own temporal modifier:

- a modifier of the predicate's clause: "met *on Tuesday*", "signed *Wednesday*",
  "*Last month*, experts warned", "*One evening in the 1960s*, he met ...";
- for an event noun, a modifier of the noun itself: "the summit *in March*", "*Sunday's*
  auction", "the *2011* attacks";
- a time inside a temporal phrase or clause of the predicate: "during *Thursday's* hearing",
  "during a debate *in 1973*", "*When it was argued in January*, the court seemed ...", a
  speaker's participial adjunct ("Sanders, *campaigning on Sunday*, told ...");
- the antecedent of a "when" clause holding the predicate ("*in December*, when members
  gather for a summit").

A clause takes the time of the clause above it through coordination, reported speech (the
cue's time bounds what it reports), adverbial and prepositional clauses ("raised eyebrows
Monday after *telling* ..."), present participles ("signed a letter on Monday *demanding*
...") and light verbs ("*held* talks in 2019"); never through a relative clause, a past
participle or an appositive describing a participant ("the group, *founded in 1984*, met"),
an infinitival complement ("agreed on Monday *to meet*": the meeting is later), a
conditional or concessive clause, or from the content of a quotation.

Never a date: durations and sets; a phrase giving a bound or a span rather than the time
("*since 1984*", "until", "for", "from ... to", "before", "after", "through"; "by" only
for a future predicate: "will be introduced *by the spring of 2006*"); a modifier of some
other noun ("the *1776* Declaration", "a *2019* report", "his *1985* debut"); a time
expression inside a quotation the predicate is outside of.

Failing a time of its own, an event inside a quotation takes the date of the clause that
reports it (its quote's cue); a future predicate gets no date (the article's date only
bounds it from below and says nothing of its day); a past-tense sentence that does not
report words continues the date of the previous sentence's main clause in the same
paragraph ("In July 2000 Putin visited ... He met Kim's father"); otherwise the article's
date, marked inferred (for the past an upper bound). The word lists are data:
``data/timex/dating.yaml``. The small parser misattaches; a few of its habits are read
back (a time before a subordinate clause's opening word belongs to the clause around it;
a time after an argument noun to the argument's verb), and a predicate that can only be
linked to a dated clause through a relation the parser gives a misread main clause is
dated by it when nothing better is found.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from newsgraph.errors import NewsgraphError
from newsgraph.model import Timex
from newsgraph.nlp.extensions import paragraphs
from newsgraph.nlp.time.grammar import _load_yaml
from newsgraph.nlp.time.tense import clause_verb, verb_tense
from newsgraph.nlp.time.values import parse_dct, precision_of


@dataclass(frozen=True)
class Words:
    """The word lists of ``data/timex/dating.yaml`` (see the comments there)."""

    clause_prepositions: frozenset
    noun_prepositions: frozenset  # clause_prepositions included
    bounding_words: frozenset
    deadline_prepositions: frozenset
    frame_prepositions: frozenset
    publication_verbs: frozenset
    simultaneous_marks: frozenset
    unshared_marks: frozenset
    unshared_prepositions: frozenset
    unshared_noun_prepositions: frozenset  # unshared_prepositions included


@lru_cache(maxsize=1)
def words() -> Words:
    data = _load_yaml("dating.yaml") or {}
    try:
        lists = {name: frozenset(str(w).lower() for w in data[name]) for name in Words.__dataclass_fields__}
    except (KeyError, TypeError) as exc:
        raise NewsgraphError(f"data/timex/dating.yaml: missing or malformed list {exc}") from None
    lists["noun_prepositions"] |= lists["clause_prepositions"]
    lists["unshared_noun_prepositions"] |= lists["unshared_prepositions"]
    return Words(**lists)


#: Bare attachments of a time expression that modify a clause ("signed Wednesday", "earlier").
CLAUSE_RELATIONS = frozenset({"npadvmod", "advmod", "tmod", "obl", "obl:tmod", "nmod:tmod", "dep"})
#: Attachments that modify a noun ("the 1776 Declaration", "Sunday's auction").
NOUN_RELATIONS = frozenset({"compound", "amod", "nummod", "poss", "npadvmod", "nmod", "appos"})
#: Argument positions through which an event noun takes its verb's time ("held talks").
ARGUMENT_RELATIONS = frozenset({"dobj", "obj", "nsubj", "nsubjpass", "attr", "oprd", "dative"})
#: Past the end of the list: "now" is the time of the nearest report around it, else the DCT.
DEFERRED = 50


_FINENESS = {p: n for n, p in enumerate(
    ("day", "week", "month", "season", "quarter", "half", "year", "decade", "century"))}


def _datable(timex: Timex) -> bool:
    if timex.type not in ("DATE", "TIME"):
        return False
    if timex.value == "PRESENT_REF":
        return True
    return precision_of(timex.value) is not None


def _as_date(timex: Timex, dct: str | None) -> tuple[str, str]:
    """(value, precision) for a governing timex; times keep their day."""
    if timex.value == "PRESENT_REF":
        day = parse_dct(dct)
        return (day.isoformat(), "day") if day else ("PRESENT_REF", "day")
    precision = precision_of(timex.value)
    if precision == "time":
        return timex.value.split("T", 1)[0], "day"
    if timex.value.count("-") == 2 and "-W" in timex.value:
        return timex.value, "day"
    return timex.value, precision


def _span(doc: Doc, start: int, end: int) -> Span | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span


# --- syntax ------------------------------------------------------------------------


def _is_verbal(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX")


def _verbal(token: Token) -> Token | None:
    """The clause head a modifier of ``token`` belongs to: the verb itself, or the verb an
    adjectival or adverbial predicate hangs off ("was absent on Monday"); None for a noun."""
    current = token
    for _ in range(4):
        if _is_verbal(current):
            return current
        if current.pos_ in ("ADJ", "ADV") and current.dep_ in ("acomp", "advmod", "xcomp", "oprd") \
                and current.head is not current:
            current = current.head
            continue
        return None
    return None


def _marks(verb: Token) -> set[str]:
    return {c.lower_ for c in verb.children if c.dep_ in ("mark", "advmod") and c.i < verb.i}


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _tense(token: Token) -> str:
    """past | present | future of the clause holding ``token`` ("went on to demand" is past).
    An event noun has its clause's tense only as the clause's argument ("will hold *talks*");
    in a phrase ("plans to respond to Trump's *attacks*") its time is its own, unknown."""
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ not in ARGUMENT_RELATIONS:
        return "present"
    verb = clause_verb(token)
    if verb.pos_ not in ("VERB", "AUX"):
        return "present"
    head = verb.head
    if _infinitive(verb) and head is not verb and head.lemma_.lower() == "go" and \
            any(c.dep_ == "prt" and c.lower_ == "on" for c in head.children):
        return verb_tense(head)
    return verb_tense(verb)


def _future(verb: Token) -> bool:
    return _is_verbal(verb) and _tense(verb) == "future"


def _finite(verb: Token) -> bool:
    return verb.tag_ in ("VBD", "VBZ", "VBP") or any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children)


def _up(token: Token, lenient: bool = False) -> tuple[Token, str] | None:
    """One step from a clause (or an event noun) to the clause whose time it shares, with
    the kind of step taken; None when its time is its own. ``lenient`` also climbs the
    relations the small parser gives a main clause it misreads (a finite verb as a noun's
    modifier, an unlabelled dependent)."""
    if token.head is token:
        return None
    if _is_verbal(token) or token.pos_ in ("ADJ", "ADV"):
        return _clause_up(token, lenient)
    return _noun_up(token)


def _clause_up(token: Token, lenient: bool) -> tuple[Token, str] | None:
    """:func:`_up` for a verb, adjective or adverb: along its clause relation."""
    head, dep = token.head, token.dep_
    if dep == "conj":
        return head, "conj"
    if dep == "ccomp":
        # reported content: the report's time bounds it, unless it lies ahead
        return (head, "report") if not _future(token) else None
    if dep == "advcl":
        return _adverbial_up(token)
    if dep == "xcomp":
        return None if _infinitive(token) else (head, "aspect")  # "kept asking", not "agreed to meet"
    if dep == "pcomp":
        if head.head is head:
            return None
        word, site = _phrase_head(head)
        return None if set(word.split()) & words().unshared_prepositions else (site, "adverbial")
    if dep == "acl" and token.tag_ == "VBG" and not _infinitive(token):
        return head, "participle"  # "a letter demanding ...": climb on from the noun
    if dep in ("acomp", "advmod", "oprd") and token.pos_ in ("ADJ", "ADV"):
        return head, "same"
    if lenient and (dep in ("dep", "csubj") or dep == "acl" and _finite(token) and not _infinitive(token)
                    and not any(c.tag_ in ("WDT", "WP", "WP$", "WRB") or c.dep_ == "mark"
                                for c in token.children)):
        return head, "misparse"
    return None


def _adverbial_up(token: Token) -> tuple[Token, str] | None:
    """An adverbial clause shares its governor's time, unless a mark says otherwise
    ("before", "until") or it is the purpose of a future act."""
    if _marks(token) & words().unshared_marks:
        return None
    if _infinitive(token):
        # "flew to Pyongyang on Monday to meet Kim"; not "will go ... to meet"
        return (token.head, "purpose") if not _future(token.head) else None
    return token.head, "adverbial"


def _noun_up(token: Token) -> tuple[Token, str] | None:
    """An event noun: the clause it is an argument of."""
    head, dep = token.head, token.dep_
    if dep in ARGUMENT_RELATIONS or dep == "conj" or dep == "compound":
        return head, "argument"
    if dep == "pobj" and head.dep_ in ("prep", "agent", "dative") and head.head is not head:
        word, site = _phrase_head(head)
        if set(word.split()) & words().unshared_noun_prepositions:
            return None
        return site, "argument"
    return None


def _chain(pred: Token) -> list[tuple[Token, int, int]]:
    """(clause or noun, depth, tier) from the predicate upward: depth counts the clauses
    climbed, tier is 1 once a step only a misparse explains was taken."""
    out = [(pred, 0, 0)]
    current, depth, tier = pred, 0, 0
    for _ in range(12):
        step = _up(current, lenient=True)
        if step is None:
            break
        nxt, kind = step
        if kind != "same" and _future(current) and not _future(nxt):
            break  # what is still to come takes no time from a clause that is not
        if kind != "same" and not (kind == "argument" and not _is_verbal(nxt)):
            depth += 1
        tier = max(tier, 1 if kind == "misparse" else 0)
        current = nxt
        out.append((current, depth, tier))
    return out


def _phrase_head(prep: Token) -> tuple[str, Token]:
    """(the preposition's words, what the phrase attaches to), through complex prepositions:
    "early on Monday", "ahead of the vote", "prior to", "because of", "up to"."""
    word, site = prep.lower_, prep.head
    while site.pos_ in ("ADV", "ADP", "SCONJ", "PART") and site.head is not site and \
            site.dep_ in ("advmod", "prep", "pcomp", "npadvmod", "amod"):
        word = f"{site.lower_} {word}"
        site = site.head
    return word, site


def _bounding(word: str) -> bool:
    """A preposition giving a bound or a span, not a time: "since", "prior to", "ahead of"."""
    parts = word.split()
    return parts[0] in words().bounding_words or parts[-1] in words().bounding_words


def _attachment(tspan: Span) -> tuple[Token, str | None, str] | None:
    """(site, preposition, relation) a time expression hangs off."""
    root = tspan.root
    if root.head is root:
        return None
    head = root.head
    if root.dep_ == "pobj" or head.pos_ == "ADP" or head.dep_ in ("prep", "agent"):
        if head.head is head:
            return None
        word, site = _phrase_head(head)
        return site, word, "prep"
    return head, None, root.dep_


def _preposition_ok(word: str | None, allowed: frozenset, site: Token | None) -> bool:
    if word is None:
        return True
    if word.split()[-1] in words().deadline_prepositions and word.split()[0] not in words().bounding_words:
        verb = _verbal(site) if site is not None else None
        return verb is not None and _future(verb)
    if _bounding(word):
        return False
    return word.split()[-1] in allowed


def _clause_above(token: Token) -> Token | None:
    """The nearest clause head above ``token``, through the nouns in between."""
    current = token.head
    for _ in range(12):
        verb = _verbal(current)
        if verb is not None:
            return verb
        if current.head is current:
            return None
        current = current.head
    return None


def _reanchored(verb: Token, tspan: Span) -> Token:
    """A time expression the parser hung on a subordinate clause it precedes belongs to the
    clause around it: "visited Pyongyang in July 2000, four months after he was elected"."""
    if verb.dep_ not in ("advcl", "relcl", "acl", "amod", "ccomp"):
        return verb
    openers = [c.i for c in verb.children
               if c.dep_ == "mark" or c.tag_ in ("WDT", "WP", "WP$", "WRB")]
    if openers and tspan.end <= min(openers):
        return _clause_above(verb) or verb
    return verb


def _argument_clause(noun: Token) -> Token | None:
    """The clause a noun is an argument of, through the prepositional phrases the parser
    may have stacked on one another ("told counterparts at UFJ of its decision": told)."""
    current = noun
    for _ in range(4):
        if current.dep_ in ARGUMENT_RELATIONS:
            return _verbal(current.head)
        prep = current.head
        if current.dep_ != "pobj" or prep.dep_ not in ("prep", "agent", "dative") or prep.head is prep:
            return None
        word, site = _phrase_head(prep)
        if _bounding(word) and word != "to":
            return None
        verb = _verbal(site)
        if verb is not None:
            return verb
        if site.pos_ not in ("NOUN", "PROPN", "PRON", "NUM"):
            return None
        current = site
    return None


def _frame(noun: Token) -> Token | None:
    """The clause a noun frames in time: "during *Thursday's hearing*", "in a letter on Tuesday"."""
    prep = noun.head
    if noun.dep_ == "pobj" and prep.dep_ == "prep" and prep.lower_ in words().frame_prepositions:
        return _verbal(prep.head)
    return None


def _anchors(tspan: Span) -> list[tuple[Token, int, bool]]:
    """What a time expression dates: (token, remoteness, noun_only). A noun-only anchor
    dates that noun as an event and nothing else."""
    found = _attachment(tspan)
    if found is None:
        return []
    site, word, rel = found
    verb = _verbal(site)
    if verb is not None:
        out = _clause_anchors(verb, word, rel, tspan)
    elif site.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "X"):
        out = _noun_anchors(site, word, rel, tspan)
    else:
        return []
    for token, n, noun_only in list(out):
        if not noun_only:
            out += [(anchor, n + 1, False) for anchor in _shared_with(token)]
    return out


def _clause_anchors(verb: Token, word: str, rel: str, tspan: Span) -> list[tuple[Token, int, bool]]:
    """Anchors of a time expression that modifies a clause."""
    if rel == "prep" and not _preposition_ok(word, words().clause_prepositions, verb):
        return []
    if rel != "prep" and rel not in CLAUSE_RELATIONS:
        return []  # an argument ("2019 was a good year"), not a modifier
    verb = _reanchored(verb, tspan)
    out = [(verb, 0, False)]
    # a participle describing the frame: "In a letter published on Tuesday, Putin said"
    if verb.dep_ == "acl" and _frame(verb.head) is not None:
        out.append((_frame(verb.head), 1, False))
    return out


def _noun_anchors(site: Token, word: str, rel: str, tspan: Span) -> list[tuple[Token, int, bool]]:
    """Anchors of a time expression attached to a noun: the noun as an event, and the
    clauses that noun places in time."""
    if rel == "prep" and not _preposition_ok(word, words().noun_prepositions, None):
        return []
    if rel != "prep" and rel not in NOUN_RELATIONS:
        return []
    out = [(site, 0, True)]
    # a temporal noun modifying a clause: "One evening in the 1960s, he met ..."
    if site.dep_ in ("npadvmod", "tmod") and _verbal(site.head) is not None:
        out.append((_verbal(site.head), 0, False))
    # the frame an event took place in: "during Thursday's hearing", "In Saturday's call"
    if _frame(site) is not None:
        out.append((_frame(site), 1, False))
    # a time after an argument is the parser's guess between noun and verb, and in news
    # it is the verb's ("told them of its decision on Friday", "Schiff on Monday signed")
    after = tspan.start > site.i
    if after and (rel == "prep" and word and word.split()[-1] in words().clause_prepositions
                  or rel == "npadvmod"):
        clause = _argument_clause(site)
        if clause is not None:
            out.append((clause, 1, False))
    return out


def _shared_with(token: Token) -> list[Token]:
    """Clauses that share the time of a dated clause: a clause of time around it ("When it
    was argued in January, the court ..."), a free participle beside it ("took aim at X,
    saying on Sunday that ..."), a speaker's participial adjunct ("Sanders, campaigning on
    Sunday, told ...") or the publication of a document that speaks ("a survey released on
    Friday said ...")."""
    out = []
    if token.dep_ == "advcl" and _verbal(token.head) is not None:
        marks = _marks(token)
        if marks & words().simultaneous_marks or (not marks and token.tag_ == "VBG"):
            out.append(_verbal(token.head))
    if token.dep_ == "acl" and token.head.dep_ in ("nsubj", "nsubjpass") and _verbal(token.head.head) is not None \
            and (token.tag_ == "VBG" or token.tag_ == "VBN" and token.lemma_.lower() in words().publication_verbs
                 and not any(t.is_punct for t in token.doc[token.head.i + 1:token.i])):
        out.append(_verbal(token.head.head))
    return out


# --- quotations --------------------------------------------------------------------


def _quoted_ranges(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks, as paired once per Doc for every component."""
    from newsgraph.nlp.attribution.marks import doc_quoted_spans

    return [(q.inner_start, q.inner_end) for q in doc_quoted_spans(doc)]


def _outside_quotation(doc: Doc, tspan: Span, pred: Token) -> bool:
    """False when the time expression lies in a quotation that the predicate is not in."""
    start, end = tspan.start_char, tspan.end_char
    for qs, qe in _quoted_ranges(doc):
        if qs <= start and end <= qe and not qs <= pred.idx < qe:
            return False
    return True


def _framing_clause(doc: Doc, pred: Token) -> Token | None:
    """The clause that reports the words holding the predicate: the cue of the narrowest
    quote record around it, else the clause the quotation marks hang in ('"...," he said':
    the verb outside the marks attached to the words inside), else the verb whose
    complement clause holds it."""
    around = [q for q in doc._.ng_quotes or []
              if q.start <= pred.idx < q.end and q.cue_start is not None and not q.start <= q.cue_start < q.end]
    if around:
        quote = min(around, key=lambda q: q.end - q.start)
        cue = _span(doc, quote.cue_start, quote.cue_end or quote.cue_start + 1)
        if cue is not None:
            return _verbal(cue.root) or cue.root
    marked = [(qs, qe) for qs, qe in _quoted_ranges(doc) if qs <= pred.idx < qe]
    if marked:
        qs, qe = min(marked, key=lambda r: r[1] - r[0])

        def reporting(token: Token) -> bool:  # a verb in the narration, not in another quotation
            return _is_verbal(token) and not any(a <= token.idx < b for a, b in _quoted_ranges(doc))

        outside = next((t for t in [pred, *pred.ancestors] if not qs <= t.idx < qe), None)
        if outside is not None and reporting(outside):
            return outside
        if outside is None:
            beside = [t for t in pred.sent if not qs <= t.idx < qe and reporting(t)
                      and qs <= t.head.idx < qe and t.head is not t]
            if beside:
                return min(beside, key=lambda t: min(abs(t.idx - qs), abs(t.idx - qe)))
    # reported speech without marks (or words in scare quotes): the verb whose complement
    # holds the predicate, past the relative clauses in between ("... is something the
    # White House is concerned about, the press secretary said on Tuesday")
    for token in [pred, *pred.ancestors]:
        if token.dep_ == "ccomp" and _is_verbal(token.head):
            return token.head
        if token.dep_ == "parataxis":
            return None
    return None


# --- choosing ----------------------------------------------------------------------


def _predicate(doc: Doc, target: Span) -> Token:
    """The token to date: the trigger or cue itself; for a time expression passed in (a
    cue's date words), the clause it belongs to."""
    root = target.root
    overlapping = [t for t in (doc._.ng_timexes or [])
                   if t.start < target.end_char and target.start_char < t.end]
    if overlapping or root.ent_type_ in ("DATE", "TIME"):
        # the words of a cue's date: the cue they hang under, past a clause that only
        # describes one of its dependents ("said of the course, which opened in 1971")
        verb = clause_verb(root)
        for _ in range(6):
            if verb.dep_ not in ("relcl", "acl", "appos", "amod") or \
                    any(c.dep_ in ("ccomp", "xcomp", "parataxis") for c in verb.children):
                break
            above = _clause_above(verb)
            if above is None:
                break
            verb = above
        return verb
    for _ in range(4):  # a particle or preposition of a phrasal trigger ("put ... up for sale")
        if root.pos_ in ("ADP", "PART", "DET", "PUNCT", "CCONJ", "SCONJ") and root.head is not root:
            root = root.head
    if root.pos_ in ("ADJ", "ADV") and _verbal(root) is None:
        return clause_verb(root)  # "one of the most racist presidents": the clause it is said in
    return _verbal(root) or root


def _clause_timex(doc: Doc, pred: Token, sent: Span) -> Timex | None:
    chain = _chain(pred)
    position: dict[int, tuple[int, int]] = {}
    for tok, depth, tier in chain:
        position.setdefault(tok.i, (depth, tier))
    timexes = [t for t in (doc._.ng_timexes or [])
               if sent.start_char <= t.start < sent.end_char and _datable(t)]
    best, best_key = None, None
    for timex in timexes:
        tspan = _span(doc, timex.start, timex.end)
        if tspan is None or not _outside_quotation(doc, tspan, pred):
            continue
        keys = []
        for token, remote, noun_only in _anchors(tspan):
            if token.i not in position:
                continue
            depth, tier = position[token.i]
            if noun_only and (depth != 0 or token.i != pred.i or _is_verbal(pred)):
                continue
            rank = depth * 2 + remote
            if timex.value == "PRESENT_REF":
                rank = DEFERRED + rank  # "now" is the time of the report around it, if any
            keys.append((tier, rank))
        # the antecedent of a "when" clause the predicate is in
        for tok, depth, tier in chain:
            if tok.dep_ == "relcl" and timex.start <= tok.head.idx < timex.end:
                keys.append((tier, depth * 2))
        if not keys:
            continue
        distance = min(abs(timex.start - pred.idx), abs(timex.end - pred.idx))
        # equally near in the syntax: the finer expression ("on Thursday afternoon this month")
        key = (*min(keys), _FINENESS.get(_as_date(timex, None)[1], 9), distance)
        if best_key is None or key < best_key:
            best, best_key = timex, key
    return best


def _nearest_timex(doc: Doc, target: Span) -> Timex | None:
    """Without a parse: the nearest datable expression of the sentence."""
    sent = target.sent
    timexes = [t for t in (doc._.ng_timexes or [])
               if sent.start_char <= t.start < sent.end_char and _datable(t)]
    if not timexes:
        return None
    return min(timexes, key=lambda t: min(abs(t.start - target.start_char), abs(t.end - target.end_char)))


def governing_timex(doc: Doc, start_char: int, end_char: int) -> Timex | None:
    """The time expression of the span's own clause, if any (see the module's docstring)."""
    target = _span(doc, start_char, end_char)
    if target is None:
        return None
    if not doc.has_annotation("DEP"):
        return _nearest_timex(doc, target)
    return _clause_timex(doc, _predicate(doc, target), target.sent)


def _reports(doc: Doc, pred: Token) -> bool:
    """Does the predicate report words (a clause or a quotation of its own)? What someone
    said to the reporter is not part of the story the previous sentence told."""
    if any(c.dep_ in ("ccomp", "parataxis") for c in pred.children) or pred.dep_ == "parataxis":
        return True
    quoted = _quoted_ranges(doc)

    def inside(token: Token) -> bool:
        return any(a <= token.idx < b for a, b in quoted)
    return not inside(pred) and (inside(pred.head) or any(inside(c) for c in pred.children))


def _narrative_timex(doc: Doc, pred: Token) -> Timex | None:
    """A past-tense sentence with no date of its own continues the story of the previous
    sentence of its paragraph ("in July 2000 ... He met Kim's father"): the absolute date
    of that sentence's main clause, not one of its appositives or noun modifiers."""
    if _tense(pred) != "past" or _reports(doc, pred):
        return None
    sent = pred.sent
    if sent.start == 0:
        return None
    prev = doc[sent.start - 1].sent
    between = "".join(t.whitespace_ if t.i == prev.end - 1 else t.text_with_ws
                      for t in doc[prev.end - 1:sent.start])
    if "\n" in between or \
            any(p.start > prev.start_char and p.start <= sent.start_char for p in paragraphs(doc)):
        return None
    main = {prev.root.i} | {c.i for c in prev.root.children if c.dep_ == "conj" and _is_verbal(c)}
    found = []
    for t in doc._.ng_timexes or []:
        if not (prev.start_char <= t.start < prev.end_char and _datable(t) and t.anchor is None):
            continue
        tspan = _span(doc, t.start, t.end)
        if tspan is None or not _outside_quotation(doc, tspan, prev.root):
            continue
        if any(tok.i in main and not noun_only for tok, _, noun_only in _anchors(tspan)):
            found.append(t)
    return found[-1] if found else None


def _date_of(doc: Doc, pred: Token, sent: Span, depth: int = 0) -> tuple[str | None, str | None, bool]:
    timex = _clause_timex(doc, pred, sent)
    if timex is not None:
        value, precision = _as_date(timex, doc._.ng_published)
        return value, precision, False
    if _tense(pred) == "future":
        return None, None, True  # still to come: neither the article's date nor a report's is its day
    frame = _framing_clause(doc, pred) if depth < 2 else None
    if frame is not None and frame is not pred:
        value, precision, inferred = _date_of(doc, frame, frame.sent, depth + 1)
        if value is not None and not inferred:
            return value, precision, inferred
    carried = _narrative_timex(doc, pred)
    if carried is not None:
        value, precision = _as_date(carried, doc._.ng_published)
        return value, precision, True
    return _article_day(doc)


def _article_day(doc: Doc) -> tuple[str | None, str | None, bool]:
    """The fallback: the article's date, inferred (nothing when it has none)."""
    day = parse_dct(doc._.ng_published)
    return (day.isoformat(), "day", True) if day is not None else (None, None, True)


def date_for_span(doc: Doc, start_char: int, end_char: int) -> tuple[str | None, str | None, bool]:
    """``(value, precision, inferred)`` for the event or quote at the given characters.

    The span is an event's trigger, a quote's cue, or a time expression among the cue's
    dependents (then the cue it hangs under is dated). ``value`` is a TIMEX3 date value
    ("2024-06-19", "2023-09", "2019", "XXXX-WXX-3"), ``precision`` "day" | "week" |
    "month" | "quarter" | "season" | "year" | "decade" | "century", and ``inferred`` is
    True when no time expression dates the span, its clause or the report around it: the
    article's date (for the past an upper bound), or an absolute date carried over from
    the previous sentence of the same paragraph when the story simply goes on in the past
    tense. A future predicate with no time expression of its own has no date:
    ``(None, None, True)``.
    """
    target = _span(doc, start_char, end_char)
    if target is not None and doc.has_annotation("DEP"):
        pred = _predicate(doc, target)
        return _date_of(doc, pred, target.sent)
    timex = _nearest_timex(doc, target) if target is not None and doc.has_annotation("SENT_START") else None
    if timex is not None:
        value, precision = _as_date(timex, doc._.ng_published)
        return value, precision, False
    return _article_day(doc)

"""Find reported speech through the dependency parse of each cue word.

A cue verb's frame tells where its content is: the clausal complement ("said
the summit presents ..."), the infinitive ("vowed to punish ..."), the object
and what follows ("called Russia an ally", "blasted him for ..."), or the
object of a preposition ("called for ..."). The subject is the speaker,
found through coordination, participles, raising verbs and relative clauses.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newsgraph.nlp.attribution.candidate import QuoteCandidate, token_range, trimmed
from newsgraph.nlp.attribution.cues import CueLexicon
from newsgraph.nlp.extensions import doc_text

SUBJECTS = ("nsubj", "csubj", "expl")
#: Relations along which a verb without its own subject borrows its head's.
BORROWS_SUBJECT = ("xcomp", "conj", "advcl", "acl", "ccomp", "pcomp")
OBJECT_PARTS = ("dobj", "dative", "oprd", "prep", "xcomp", "ccomp", "attr", "acomp", "advcl", "npadvmod")
CLAUSE_DEPS = ("ccomp",)


def find_speaker(cue: Token) -> tuple[Token | None, bool]:
    """Subject of the cue (or of the verb it leans on); flag passive without agent."""
    verb = cue
    for _ in range(4):
        # the subject nearest the verb: "The Latest: Trump urges ..." has two
        subjects = [c for c in verb.children if c.dep_ in SUBJECTS and c.dep_ != "expl"
                    and c.ent_type_ not in ("DATE", "TIME")]
        if subjects:
            return min(subjects, key=lambda c: abs(c.i - verb.i)), False
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        if passive:
            for child in verb.children:
                if child.dep_ == "agent":
                    pobj = [g for g in child.children if g.dep_ == "pobj"]
                    if pobj:
                        return pobj[0], False
            if verb.i == cue.i:
                return None, True
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return verb.head, False  # "a spokesman, speaking on condition ..."
        if verb.dep_ == "relcl":
            return verb.head, False
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.i != verb.head.i:
            verb = verb.head.head  # "..., by saying that ..."
            continue
        if (verb.dep_ in BORROWS_SUBJECT or (verb.dep_ == "advmod" and verb.pos_ == "ADV")) \
                and verb.head.i != verb.i:
            verb = verb.head  # "went so far as to say": through the adverb to "went"
            continue
        break
    return None, False


def adjacent_speaker(cue: Token) -> Token | None:
    """When the parse lost the subject: the name right before ("..., Trump said")
    or right after ("said Mr. Bush") the cue."""
    doc = cue.doc
    i = cue.i - 1
    while i >= 0 and doc[i].dep_ in ("advmod", "aux", "neg") and doc[i].pos_ in ("ADV", "AUX", "PART"):
        i -= 1
    if i >= 0 and doc[i].pos_ in ("PROPN", "PRON") and doc[i].lower_ not in ("it", "that", "this", "what"):
        return doc[i]
    j = cue.i + 1
    if j < len(doc) and doc[j].pos_ in ("PROPN", "DET", "NOUN"):
        while j + 1 < len(doc) and doc[j + 1].pos_ in ("PROPN", "NOUN") and doc[j + 1].dep_ in ("compound", "nsubj", "appos", "flat") \
                or j + 1 < len(doc) and doc[j].dep_ in ("compound", "det", "amod"):
            j += 1
        if doc[j].pos_ in ("PROPN", "NOUN"):
            return doc[j]
    return None


def _that_after(cue: Token) -> tuple[int, int] | None:
    """"reported at the time that ...", misparsed as a relative clause: a "that"
    a few words after the cue, with no verb between, opens the content."""
    doc = cue.doc
    sent_end = cue.sent.end
    for tok in doc[cue.i + 1:min(sent_end, cue.i + 7)]:
        if tok.lower_ == "that" and tok.i + 1 < sent_end:
            return tok.i, sent_end - 1
        if tok.pos_ in ("VERB", "AUX") or tok.is_punct and tok.text not in (",",):
            return None
    return None


def _clause_content(cue: Token) -> tuple[int, int] | None:
    comps = [c for c in cue.children if c.dep_ in CLAUSE_DEPS]
    if not comps:
        # the small parser often files a reported clause as an adverbial one
        comps = [c for c in cue.children if c.dep_ == "advcl" and c.i > cue.i and _finite_unmarked(c)]
    if comps:
        left = min(c.left_edge.i for c in comps)
        right = max(c.right_edge.i for c in comps)
        return left, right
    if cue.dep_ == "parataxis":
        head = cue.head
        left, right = head.left_edge.i, head.right_edge.i
        # drop the inserted "he said" part when it sits at an edge
        if cue.right_edge.i >= right - 1:
            right = cue.left_edge.i - 1
        elif cue.left_edge.i <= left + 1:
            left = cue.right_edge.i + 1
        if right >= left:
            return left, right
    return _that_after(cue)


def _finite_unmarked(verb: Token) -> bool:
    marks = [c.lower_ for c in verb.children if c.dep_ == "mark"]
    has_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    return has_subject and all(m == "that" for m in marks)


def _infinitive_content(cue: Token) -> tuple[int, int] | None:
    xcomps = [c for c in cue.children if c.dep_ == "xcomp" and c.i > cue.i]
    if not xcomps:
        return None
    objs = [c for c in cue.children if c.dep_ in ("dobj", "dative") and c.i > cue.i]
    left = min([x.left_edge.i for x in xcomps] + [o.left_edge.i for o in objs])
    return left, max(x.right_edge.i for x in xcomps)


def _object_content(cue: Token) -> tuple[int, int] | None:
    # "called Trump a liar": the small parser often files the object as a predicate (oprd)
    if not any(c.dep_ in ("dobj", "oprd") for c in cue.children):
        return None
    if _naming(cue):
        return None
    parts = [c for c in cue.children if c.dep_ in OBJECT_PARTS]
    right_parts = [c for c in parts if c.i > cue.i]
    if not right_parts:
        # object fronted ("what they called a pact"): object plus its complement
        parts = [c for c in parts if c.dep_ in ("dobj", "oprd")]
        if not parts:
            return None
        return min(p.left_edge.i for p in parts), max(p.right_edge.i for p in parts)
    return min(p.left_edge.i for p in right_parts), max(p.right_edge.i for p in right_parts)


def _naming(cue: Token) -> bool:
    """"a company, named IOG, ...", "a box labeled 'medical problem'": a participle that
    gives a thing its name, with nothing else said; "Clinton, called a liar by Trump" and
    "the doctor ... called Oz a quack" (a verb the small parser took for one) say something."""
    if cue.dep_ != "acl" or cue.tag_ != "VBN":
        return False
    deps = [c.dep_ for c in cue.children if c.dep_ not in ("punct", "advmod")]
    return len(deps) == 1 and deps[0] in ("dobj", "oprd")


def _passive_object_content(cue: Token) -> tuple[int, int] | None:
    """"Mr. X was accused of fraud", "it was labeled 'Mostly True'": the passive
    subject is what the statement is about, together with what is said of it."""
    subjects = [c for c in cue.children if c.dep_ == "nsubjpass" and c.i < cue.i]
    if not subjects or not any(c.dep_ == "auxpass" for c in cue.children):
        return None
    parts = [c for c in cue.children if c.i > cue.i and c.dep_ in ("oprd", "prep", "xcomp", "attr", "acomp")
             and not (c.dep_ == "prep" and c.lower_ == "by")]
    right = max([p.right_edge.i for p in parts], default=subjects[0].right_edge.i)
    return subjects[0].left_edge.i, right


def _preposition_content(cue: Token, lex: CueLexicon) -> tuple[tuple[int, int], Token] | None:
    wanted = lex.prepositions.get(cue.lemma_.lower())
    if not wanted:
        return None
    for child in cue.children:
        if child.i > cue.i and child.lower_ in wanted and child.dep_ in ("prep", "prt"):
            target = child if child.dep_ == "prep" else cue
            objs = [g for g in target.children if g.dep_ in ("pobj", "pcomp")] if child.dep_ == "prep" else \
                [g for g in cue.children if g.dep_ == "prep"]
            if objs:
                return (min(o.left_edge.i for o in objs), max(o.right_edge.i for o in objs)), child
    return None


def frame_content(cue: Token, lex: CueLexicon, min_reliability: float):
    """(frame, (first, last) token range, cue end token, reliability) or None."""
    lemma = cue.lemma_.lower()
    for frame, finder in (("clause", _clause_content), ("infinitive", _infinitive_content),
                          ("object", _object_content)):
        rel = lex.reliability(frame, lemma)
        if rel >= lex.threshold(frame, min_reliability):
            found = finder(cue)
            if found:
                return frame, found, cue, rel
    rel = lex.reliability("object", lemma)
    if rel >= lex.threshold("object", min_reliability):
        found = _passive_object_content(cue)
        if found:
            return "object", found, cue, rel
    prep = _preposition_content(cue, lex)
    if prep:
        return "preposition", prep[0], prep[1], max(lex.any_frame(lemma), min_reliability)
    return None


def _noun_candidates(sent: Span, lex: CueLexicon) -> list[QuoteCandidate]:
    out = []
    for tok in sent:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in lex.noun_clause:
            continue
        for child in tok.children:
            if child.dep_ in ("acl", "ccomp", "appos") and any(
                    g.dep_ == "mark" and g.lower_ == "that" for g in child.children):
                start, end = token_range(sent.doc, child.left_edge.i, child.right_edge.i)
                speaker = next((c for c in tok.children if c.dep_ == "poss"), None)
                if speaker is None and tok.dep_ in ("dobj", "pobj"):
                    verb = tok.head if tok.dep_ == "dobj" else tok.head.head
                    speaker = find_speaker(verb)[0] if verb.pos_ in ("VERB", "AUX") else None
                out.append(QuoteCandidate(start, end, "noun", cue=tok, cue_start=tok.idx,
                                     cue_end=tok.idx + len(tok.text), speaker_head=speaker))
                break
    return out


def _addressee(cue: Token, lex: CueLexicon, content: tuple[int, int]) -> Token | None:
    roles = lex.addressing.get(cue.lemma_.lower())
    if not roles:
        return None
    for child in cue.children:
        if content[0] <= child.i <= content[1]:
            continue
        if child.dep_ in roles:
            return child
        if child.dep_ == "prep" and child.lower_ in roles:
            pobj = [g for g in child.children if g.dep_ == "pobj"]
            if pobj:
                return pobj[0]
    return None


def _medium_and_date(cue: Token, lex: CueLexicon, content: tuple[int, int],
                     speaker: Token | None) -> tuple[str | None, list[Token]]:
    """The medium ("in a letter") and time tokens attached to the cue, not the content."""
    medium, dates = None, []
    blocked = set(range(content[0], content[1] + 1))
    if speaker is not None:
        blocked.update(range(speaker.left_edge.i, speaker.right_edge.i + 1))
    for child in cue.children:
        if child.i in blocked or child.dep_ in CLAUSE_DEPS + ("xcomp", "parataxis", "conj"):
            continue
        if child.dep_ == "prep" and child.lower_ in lex.media_prepositions and medium is None:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.lemma_.lower() in lex.media:
                    parts = [c.text for c in pobj.lefts if c.dep_ == "compound"]
                    medium = " ".join(parts + [pobj.lemma_.lower()])
        for tok in child.subtree:
            if tok.i not in blocked and tok.ent_type_ in ("DATE", "TIME"):
                dates.append(tok)
    return medium, dates


#: Words that end what a cue reports: a credited source follows, not more content.
_STOPPERS = {"according"}
#: Closing quotation marks stay with the content they close.
_CLOSING_MARKS = ("\u201d", '"', "'", "''")


def _to_sentence_end(sent: Span, last: int, lex: CueLexicon, min_reliability: float) -> int:
    """Content after its cue runs to the end of the sentence (the PolNeAR convention,
    three times in four on train): the small parser often cuts a complement short at a
    coordination or a colon."""
    end = last
    for tok in sent.doc[last + 1:sent.end]:
        if tok.lower_ in _STOPPERS or _starts_other_attribution(tok, lex, min_reliability):
            break
        end = tok.i
    while end > last and (sent.doc[end].is_punct and sent.doc[end].text not in _CLOSING_MARKS or sent.doc[end].is_space):
        end -= 1
    return end


def _starts_other_attribution(tok: Token, lex: CueLexicon, min_reliability: float) -> bool:
    """A cue verb with its own subject opens the next attribution: content stops before it."""
    if tok.pos_ not in ("VERB", "AUX") or lex.any_frame(tok.lemma_.lower()) < min_reliability:
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)


def paragraph_range(doc: Doc, char: int) -> tuple[int, int]:
    """The line holding ``char``: reported speech never crosses a paragraph break,
    even when the parser runs a headline into the first sentence."""
    text = doc_text(doc)
    end = text.find("\n", char)
    return text.rfind("\n", 0, char) + 1, end if end >= 0 else len(text)


def find_indirect(doc: Doc, sents: list[Span], lex: CueLexicon, min_reliability: float) -> list[QuoteCandidate]:
    """Candidates from cue verbs and cue nouns in the given sentences."""
    out: list[QuoteCandidate] = []
    for sent in sents:
        for tok in sent:
            if tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() == "accord":
                continue
            found = frame_content(tok, lex, min_reliability)
            if not found:
                continue
            frame, (first, last), cue_end_tok, rel = found
            if first > last:
                continue
            if first > tok.i:
                last = _to_sentence_end(sent, last, lex, min_reliability)
            para = paragraph_range(doc, tok.idx)
            start, end = token_range(doc, first, last)
            start, end = trimmed(doc, max(start, para[0]), min(end, para[1]))
            if end - start < 2:
                continue
            speaker, passive = find_speaker(tok)
            if passive and frame == "infinitive":
                continue  # "is expected to travel", "is believed to live": nobody says so
            if speaker is not None and not para[0] <= speaker.idx < para[1]:
                speaker = None  # a sentence the parser ran across a paragraph break
            if speaker is None and not passive:
                speaker = adjacent_speaker(tok)
            if speaker is not None and first <= speaker.i <= last and speaker.head.i != tok.i \
                    and not (tok.left_edge.i <= speaker.i <= tok.right_edge.i and tok.dep_ == "parataxis"):
                speaker = None
            medium, dates = _medium_and_date(tok, lex, (first, last), speaker)
            cue_last = max(tok.i, cue_end_tok.i)
            out.append(QuoteCandidate(
                start, end, frame, cue=tok, cue_start=tok.idx,
                cue_end=doc[cue_last].idx + len(doc[cue_last].text),
                speaker_head=speaker, addressee_head=_addressee(tok, lex, (first, last)),
                medium=medium, date_tokens=dates, passive=passive, reliability=rel))
        out.extend(_noun_candidates(sent, lex))
    return out

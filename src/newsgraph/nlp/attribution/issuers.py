"""Who issued a statement, letter or tweet that the text makes the speaker.

"Clinton released a statement calling the massacre an act of terror", "the
letter stated", "a statement from the ministry said": the parser's subject of
the cue is the document, but a reader credits the words to whoever issued it.
The issuer is, in order: the document's possessor ("Clinton's statement"), its
"from"/"by" phrase, the subject of the verb it is the object of ("Clinton
released a statement", "Republicans sent a letter"), or the issuer of the same
kind of document in the few sentences before ("... signed a letter. The letter
stated ..."). Document nouns are the media nouns of the cue lexicon
(``data/quotes/sources.yaml``). When nothing names an issuer the document
stays the speaker, as the annotation guidelines ask.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.nlp.attribution.indirect import find_speaker

#: How many sentences back the issuer of "the letter" may have been named.
LOOKBACK_SENTENCES = 3
_SOURCE_PREPS = frozenset({"from", "by"})


def _is_document(token: Token, media: frozenset[str]) -> bool:
    return token.lemma_.lower() in media or token.lower_ in media


def _issuer_in_clause(doc_noun: Token, media: frozenset[str]) -> Token | None:
    for child in doc_noun.children:
        if child.dep_ == "poss" and child.lower_ not in ("its", "their", "his", "her"):
            return child
        if child.dep_ == "prep" and child.lower_ in _SOURCE_PREPS:
            pobj = [g for g in child.children if g.dep_ == "pobj"]
            if pobj and not _is_document(pobj[0], media):
                return pobj[0]
    verb = doc_noun.head
    if doc_noun.dep_ == "pobj" and verb.lower_ in ("in", "through", "via"):  # "X demanded in a letter"
        verb = verb.head
        if verb.pos_ in ("VERB", "AUX"):
            subject, _ = find_speaker(verb)
            if subject is not None and not _is_document(subject, media):
                return subject
        return None
    if doc_noun.dep_ in ("dobj", "nsubjpass") and verb.pos_ in ("VERB", "AUX") and verb.i != doc_noun.i:
        subject, _ = find_speaker(verb)
        if subject is not None and subject.i != doc_noun.i and not _is_document(subject, media):
            return subject
    return None


def document_issuer(head: Token, media: frozenset[str]) -> Token | None:
    """The token naming who issued the document ``head`` names, or None (also
    when ``head`` is no document noun)."""
    if not _is_document(head, media):
        return None
    found = _issuer_in_clause(head, media)
    if found is not None:
        return found
    doc, lemma = head.doc, head.lemma_.lower()
    sent = head.sent
    for _ in range(LOOKBACK_SENTENCES):
        if sent.start == 0:
            break
        sent = doc[sent.start - 1].sent
        for tok in reversed(list(sent)):
            if tok.lemma_.lower() == lemma and tok.pos_ == "NOUN":
                issuer = _issuer_in_clause(tok, media)
                if issuer is not None:
                    return issuer
    return None

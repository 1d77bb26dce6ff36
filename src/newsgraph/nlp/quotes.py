"""``newsgraph_quotes``: who said what, to whom, when, and according to whom.

Finders propose candidates (reported speech through the parse, "according
to" attributions, direct quotations through quote marks); this module merges
them, resolves speakers, addressees and dates, and writes
:class:`newsgraph.model.Quote` records to ``doc._.ng_quotes``. Only body and
heading paragraphs are read: related-story links and footers never quote.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.errors import NewsgraphError
from newsgraph.model import Quote, Speaker, stable_id
from newsgraph.nlp.attribution.according import find_according, qualify
from newsgraph.nlp.attribution.candidate import QuoteCandidate
from newsgraph.nlp.attribution.cues import CueLexicon, load_lexicon
from newsgraph.nlp.attribution.direct import (
    extend_to_quotes,
    find_colon_labels,
    find_direct,
    join_split_quotes,
)
from newsgraph.nlp.attribution.indirect import find_indirect
from newsgraph.nlp.attribution.issuers import document_issuer
from newsgraph.nlp.attribution.marks import QuotedSpan, doc_quoted_spans
from newsgraph.nlp.attribution.speakers import make_speaker, speaker_from_text
from newsgraph.nlp.extensions import article_iso, doc_text, extractable, paragraphs
from newsgraph.nlp.registry import versioned
from newsgraph.nlp.time.dating import date_for_span

DEFAULT_MIN_RELIABILITY = 0.4
#: A quoted paragraph with no cue continues a speaker quoted this close before it.
FLOATING_REACH = 700


@versioned(1)
@Language.factory("newsgraph_quotes", default_config={"min_reliability": DEFAULT_MIN_RELIABILITY, "lexicon_dir": None},
                  assigns=["doc._.ng_quotes"], requires=["doc._.ng_entities", "doc._.ng_timexes"])
def make_quote_finder(nlp: Language, name: str, min_reliability: float, lexicon_dir: str | None):
    return QuoteFinder(min_reliability, lexicon_dir)


class QuoteFinder:
    def __init__(self, min_reliability: float = DEFAULT_MIN_RELIABILITY, lexicon_dir: str | None = None):
        self.min_reliability = min_reliability
        self.lexicon = load_lexicon(lexicon_dir)

    def __call__(self, doc: Doc) -> Doc:
        doc._.ng_quotes = extract_quotes(doc, self.lexicon, self.min_reliability)
        return doc


def extract_quotes(doc: Doc, lexicon: CueLexicon | None = None,
                   min_reliability: float = DEFAULT_MIN_RELIABILITY) -> list[Quote]:
    """All quotes of a parsed Doc (needs a parser, sentence boundaries and the entities component)."""
    if doc._.ng_entities is None:
        raise NewsgraphError("newsgraph_quotes needs the entities component: "
                             "add newsgraph_entities before newsgraph_quotes")
    lex = lexicon or load_lexicon()
    para_ranges = [(p.start, p.end) for p in paragraphs(doc) if p.extractable]
    sents = [s for s in doc.sents if extractable(doc, s)]
    # Paired once per Doc over all paragraphs (coreference and events read the same
    # pairs); only quotations that open in an extractable paragraph are ours.
    quoted = [q for q in doc_quoted_spans(doc) if any(s <= q.start < e for s, e in para_ranges)]
    candidates = _outside_quotations(find_indirect(doc, sents, lex, min_reliability), quoted)
    according = _outside_quotations(find_according(doc, sents, lex), quoted)
    candidates = _absorb_passives(candidates, according)
    qualify(candidates, according)
    extend_to_quotes(candidates, quoted)
    labelled = find_colon_labels(doc, [(p.start, p.end, p.role) for p in paragraphs(doc)])
    direct = find_direct(doc, quoted, candidates + according + labelled, lex, min_reliability)
    direct += labelled
    joined = join_split_quotes(doc, candidates + direct, quoted)
    merged = _dedupe(_outside_quotations(joined + according, quoted))
    merged = _drop_weak_nested(merged, lex, min_reliability)
    merged = [c for c in merged if not _imperative_cue(c)]
    merged = [c for c in merged if extractable(doc, c.start) and extractable(doc, max(c.start, c.end - 1))]
    return _to_records(doc, merged, quoted, lex.media, lex.not_speech, lex.infinitive_speech)


def _outside_quotations(cands: list[QuoteCandidate], quoted: list[QuotedSpan]) -> list[QuoteCandidate]:
    """Drop attributions whose cue lies inside a quotation.

    Words inside quotation marks are the quoted speaker's; a "said" or "believe"
    among them is part of what was said, not a new statement by the article's
    account (PolNeAR train: 1% of cue verbs inside quotations are annotated cues).
    """
    spans = [(q.inner_start, q.inner_end) for q in quoted if q.double and q.balanced]
    return [c for c in cands if c.cue_start is None
            or not any(s <= c.cue_start < e for s, e in spans)]


def _drop_weak_nested(cands: list[QuoteCandidate], lex: CueLexicon, min_reliability: float) -> list[QuoteCandidate]:
    """A cue inside another statement's content ("she said he hopes ...") must be
    reliable as a nested cue: reported thoughts inside reported speech mostly are
    the outer speaker's claim, not a statement of their own."""
    cued = [c for c in cands if c.cue_start is not None]
    out = []
    for cand in cands:
        nested = cand.cue is not None and cand.how != "according" and any(
            o is not cand and o.start <= cand.cue_start < o.end and not cand.start <= o.cue_start < cand.end
            for o in cued)
        if nested and lex.nested_reliability(cand.cue.lemma_.lower()) < min_reliability:
            continue
        out.append(cand)
    return out


_SUBJECTS = {"nsubj", "nsubjpass", "csubj", "expl"}


def _imperative_cue(cand: QuoteCandidate) -> bool:
    """"Tell us what you think", "Say no to ...": a bare-form cue that opens its
    clause with no subject is an instruction to the reader, not an attribution."""
    cue = cand.cue
    if cue is None or cand.how in ("according", "marks", "floating") or cand.speaker_head is not None:
        return False
    if cue.tag_ != "VB" or any(child.dep_ in _SUBJECTS for child in cue.children):
        return False
    before = [t for t in cue.sent if t.i < cue.i and not t.is_punct and not t.is_space]
    return not before or all(t.lower_ in {"please", "do", "just", "now", "so"} for t in before)


def _absorb_passives(candidates: list[QuoteCandidate], according: list[QuoteCandidate]) -> list[QuoteCandidate]:
    """"X was said to ..., according to Y": Y is the speaker; keep one record."""
    out = []
    for cand in candidates:
        if cand.passive and any(a.start <= (cand.cue_start or -1) < a.end for a in according):
            continue
        out.append(cand)
    return out


def _dedupe(cands: list[QuoteCandidate]) -> list[QuoteCandidate]:
    cands = sorted(cands, key=lambda c: (c.start, -(c.end - c.start)))
    out: list[QuoteCandidate] = []
    for cand in cands:
        dup = next((o for o in out if o.cue_start == cand.cue_start and o.cue is not None
                    and cand.cue is not None and o.overlap(cand.start, cand.end) > 0), None)
        if dup is not None:
            continue
        same = next((o for o in out if (o.start, o.end) == (cand.start, cand.end) and o.how != "according"
                     and cand.how != "according"), None)
        if same is not None:
            continue
        out.append(cand)
    return out


#: Frames whose content may be a bare noun phrase ("condemned the attack").
_NOUN_PHRASE_FRAMES = frozenset({"object", "preposition"})
#: ``Quote.type`` of an attribution that is not reported speech: a speech act whose
#: object is only a noun phrase ("condemned the attack", "announced his bid"), or a
#: verb of thinking, seeming or showing ("believed", "figures showed"; the cue
#: lexicon's ``not_speech``). Kept, since PolNeAR and readers of opinion count
#: them, but apart from reported speech (a quotation, a clause or "according to").
ATTRIBUTION = "attribution"
#: Cues whose passive reports words ("X is reported to have won" = someone reported it).
RAISING_SPEECH = frozenset({"report", "say", "allege", "claim", "rumor", "rumour"})


def _kind(doc: Doc, cand: QuoteCandidate, marked: str, not_speech: frozenset[str],
          infinitive_speech: frozenset[str] | None = None) -> str:
    """``marked`` (direct/mixed/indirect), or "attribution" for unquoted content
    that is a noun phrase or follows a verb of thinking, seeming or showing, or an
    infinitive that is an intention rather than words ("seeking to", "agreed to",
    "was asked to"; the lexicon's ``infinitive_speech`` lists the verbs whose
    infinitive is what was said: "urged them to", "vowed to")."""
    if marked != "indirect":
        return marked
    if cand.cue is not None and cand.cue.lemma_.lower() in not_speech:
        return ATTRIBUTION
    if cand.how == "infinitive" and infinitive_speech is not None and cand.cue is not None:
        lemma = cand.cue.lemma_.lower()
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in cand.cue.children)
        if lemma not in infinitive_speech or (passive and lemma not in RAISING_SPEECH):
            return ATTRIBUTION
    if cand.how not in _NOUN_PHRASE_FRAMES:
        return marked
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    if span is None or span.root.pos_ in ("VERB", "AUX") or any(t.dep_ in ("ccomp", "xcomp") for t in span):
        return marked
    return ATTRIBUTION


def quote_type(start: int, end: int, quoted: list[QuotedSpan]) -> str:
    """direct when the content is the quotation, mixed when it holds one, else indirect."""
    inside = 0
    for q in quoted:
        if not q.double:
            continue
        inside += max(0, min(end, q.end) - max(start, q.start))
    length = max(1, end - start)
    if inside >= 0.9 * length:
        return "direct"
    return "mixed" if inside > 0 else "indirect"


def _date(doc: Doc, cand: QuoteCandidate) -> tuple[str | None, str | None, bool]:
    dct_value = article_iso(doc)
    article_date = (dct_value, "day" if dct_value else None, True)
    if not cand.date_tokens:  # the cue's own clause: "Sanders, campaigning on Sunday, told ..."
        if cand.cue_start is None:
            return article_date
        value, precision, inferred = date_for_span(doc, cand.cue_start, cand.cue_end)
        return (value, precision, inferred) if value else article_date
    toks = sorted(cand.date_tokens, key=lambda t: t.i)
    group = [toks[0]]
    for tok in toks[1:]:
        if tok.i == group[-1].i + 1:
            group.append(tok)
    start, end = group[0].idx, group[-1].idx + len(group[-1].text)
    value, precision, inferred = date_for_span(doc, start, end)
    return (value, precision, inferred) if value else article_date


def _to_records(doc: Doc, cands: list[QuoteCandidate], quoted: list[QuotedSpan],
                media: frozenset[str] = frozenset(), not_speech: frozenset[str] = frozenset(),
                infinitive_speech: frozenset[str] | None = None) -> list[Quote]:
    records: list[Quote] = []
    last_speaker: Speaker | None = None
    last_end = -10**9
    for cand in sorted(cands, key=lambda c: c.start):
        if cand.how == "according" and cand.according_span:
            speaker = speaker_from_text(doc, *cand.according_span)
        elif cand.how == "floating":
            if last_speaker is None or cand.start - last_end > FLOATING_REACH:
                continue
            speaker = last_speaker
        else:  # "the letter stated": whoever issued the letter speaks
            head = cand.speaker_head
            issuer = document_issuer(head, media) if head is not None else None
            speaker = make_speaker(doc, issuer if issuer is not None else head, last_speaker)
        addressee = make_speaker(doc, cand.addressee_head) if cand.addressee_head is not None else None
        value, precision, inferred = _date(doc, cand)
        cue_text = doc_text(doc)[cand.cue_start:cand.cue_end] if cand.cue_start is not None else None
        quote = Quote(
            start=cand.start, end=cand.end, content=doc_text(doc)[cand.start:cand.end],
            type="indirect" if cand.how == "according" else _kind(doc, cand, quote_type(cand.start, cand.end, quoted), not_speech,
                                                                  infinitive_speech),
            cue=cue_text.lower() if cand.how == "according" and cue_text else cue_text,
            cue_start=cand.cue_start, cue_end=cand.cue_end,
            speaker=speaker, addressee=addressee,
            according_to=cand.according_text if cand.how != "according" else None,
            medium=cand.medium, date=value, date_precision=precision, date_inferred=inferred,
        )
        quote.id = stable_id(doc_text(doc)[:64], str(quote.start), str(quote.end), quote.cue or "")
        records.append(quote)
        if speaker is not None and speaker.name and cand.how != "according":
            last_speaker, last_end = speaker, cand.end
    return records

"""newsgraph_quotes: direct, mixed, indirect and "according to" attributions."""

from __future__ import annotations

import pytest

from newsgraph.errors import BadInput
from newsgraph.model import Article, Paragraph
from newsgraph.nlp.attribution.cues import load_lexicon
from newsgraph.nlp.attribution.marks import find_quoted_spans

spacy = pytest.importorskip("spacy")


@pytest.fixture(scope="module")
def nlp():
    import newsgraph.nlp.quotes  # noqa: F401  (registers the factory)
    from newsgraph.nlp.pipeline import build_nlp

    # Speakers are the entities component's entities; dates come from the time component.
    return build_nlp(components=["newsgraph_entities", "newsgraph_timex", "newsgraph_quotes"])


def article(*lines: str, roles: dict[int, str] | None = None, published: str = "2023-03-15") -> Article:
    text = "\n".join(lines)
    paras, pos = [], 0
    for i, line in enumerate(lines):
        paras.append(Paragraph(i, pos, pos + len(line), (roles or {}).get(i, "body")))
        pos += len(line) + 1
    return Article(text=text, paragraphs=paras, published=published)


def run(nlp, *lines, **kw):
    from newsgraph.nlp.pipeline import make_doc

    doc = nlp(make_doc(nlp, article(*lines, **kw)))
    return doc, doc._.ng_quotes


def by_cue(quotes, cue):
    found = [q for q in quotes if q.cue == cue]
    assert found, f"no quote with cue {cue!r} in {[q.cue for q in quotes]}"
    return found[0]


# --- quote marks -----------------------------------------------------------

def test_marks_pair_curly_and_straight_and_skip_apostrophes():
    text = 'The mayor\u2019s aide said \u201cwe are ready\u201d and "so are they."'
    spans = find_quoted_spans(text, [(0, len(text))])
    inner = [text[s.inner_start:s.inner_end] for s in spans if s.double]
    assert inner == ["we are ready", "so are they."]
    assert all(s.balanced for s in spans)


def test_marks_multi_paragraph_quote_runs_to_final_closing_mark():
    p1 = "\u201cThe first part is done."
    p2 = "\u201cThe second part waits for the vote,\u201d she said."
    text = p1 + "\n" + p2
    spans = [s for s in find_quoted_spans(text, [(0, len(p1)), (len(p1) + 1, len(text))]) if s.double]
    assert len(spans) == 1
    assert spans[0].start == 0 and text[spans[0].end - 1] == "\u201d"
    assert spans[0].paragraphs == 2


def test_marks_unbalanced_never_raise_and_stop_at_paragraph_end():
    text = 'He said "this never closes.\nNext paragraph "with one\u201d \u201d stray.'
    spans = find_quoted_spans(text, [(0, 27), (28, len(text))])
    first = [s for s in spans if s.start == 8][0]
    assert not first.balanced and first.end == 27


def test_marks_nested_single_inside_double():
    text = "\u201cThey shouted \u2018go home\u2019 at us,\u201d she said."
    spans = find_quoted_spans(text, [(0, len(text))])
    singles = [text[s.inner_start:s.inner_end] for s in spans if not s.double]
    assert singles == ["go home"]


# --- the component ---------------------------------------------------------

def test_direct_quote_with_trailing_cue(nlp):
    _, quotes = run(nlp, "\u201cWe will rebuild the bridge before winter,\u201d the mayor said on Tuesday.")
    q = by_cue(quotes, "said")
    assert q.type == "direct"
    assert "rebuild the bridge" in q.content
    assert q.speaker.text == "the mayor"


def test_a_paragraph_ending_in_a_cue_and_colon_introduces_the_next_paragraphs_quote(nlp):
    _, quotes = run(nlp, "Governor Maria Lopez went further on Thursday, tweeting:",
                    "\u201cThe council should be dissolved before the summer!\u201d",
                    "Others on the council kept quiet.")
    q = by_cue(quotes, "tweeting")
    assert "council should be dissolved" in q.content
    assert "Lopez" in q.speaker.name


def test_the_speaker_of_a_cue_under_an_adverb_is_the_main_subject(nlp):
    _, quotes = run(nlp, "Governor Maria Lopez went so far as to say the mayor should resign.")
    q = by_cue(quotes, "say")
    assert q.speaker is not None and "Lopez" in q.speaker.name


def test_a_capitalised_title_with_the_takes_up_the_person_who_holds_it(nlp):
    _, quotes = run(nlp, "Finance Minister Lena Varga of Hungary spoke in Budapest on Monday.",
                    "The Hungarian Finance Minister explained that the money would go to the flooded towns.")
    q = by_cue(quotes, "explained")
    assert q.speaker is not None and q.speaker.name == "Lena Varga"


def test_indirect_speech_with_named_speaker_and_addressee(nlp):
    doc, quotes = run(nlp, "Governor Maria Lopez told reporters the new budget would cut school funding.")
    q = by_cue(quotes, "told")
    assert q.type == "indirect"
    assert q.content.startswith("the new budget")
    assert "Lopez" in q.speaker.name
    assert q.addressee is not None and q.addressee.text == "reporters"
    assert doc.text[q.start:q.end] == q.content


def test_mixed_quote_and_according_to_on_the_statement(nlp):
    _, quotes = run(nlp, "Chancellor Otto Berg spoke at the summit.",
                    "He also called the treaty \u201ca historic mistake,\u201d according to local media.")
    called = by_cue(quotes, "called")
    assert called.type == "mixed"
    assert called.according_to == "local media"
    assert "according" not in called.content
    assert called.speaker.text == "He" and "Berg" in (called.speaker.name or "")
    acc = by_cue(quotes, "according to")
    assert acc.speaker.name == "local media"


def test_according_to_alone_is_a_quote_like_record(nlp):
    _, quotes = run(nlp, "The steel plant will close next spring, according to the workers\u2019 union.")
    q = by_cue(quotes, "according to")
    assert q.type == "indirect"
    assert q.content == "The steel plant will close next spring"
    assert "union" in q.speaker.text


def test_scare_quotes_and_titles_are_not_statements(nlp):
    _, quotes = run(nlp, "The delegation made a \u201cfriendly visit\u201d to the port city.",
                    "Critics watched the film \u201cNight Harbor\u201d twice.")
    assert quotes == []


def test_non_body_paragraphs_yield_nothing(nlp):
    _, quotes = run(nlp, "The council met on Monday.",
                    "\u2018Big trouble\u2019: Mayor says the budget is broken, aides warn",
                    roles={1: "related"})
    assert quotes == []


def test_multi_paragraph_quote_and_floating_quote_keep_the_speaker(nlp):
    _, quotes = run(nlp, "Mayor Ana Ruiz said: \u201cThe first stage of the plan is ready.",
                    "\u201cThe second stage comes once the council votes.\u201d",
                    "The council meets in May.",
                    "Ruiz was blunt. \u201cWe cannot wait for another flood,\u201d she said.",
                    "\u201cEvery delay costs us homes and lives.\u201d")
    direct = [q for q in quotes if q.type == "direct"]
    first = next(q for q in direct if "first stage" in q.content)
    assert "second stage" in first.content  # one quote over two paragraphs
    assert "Ruiz" in first.speaker.name
    floating = next(q for q in quotes if "Every delay" in q.content)
    assert floating.cue is None and "Ruiz" in floating.speaker.name


def test_adjacent_quotes_in_one_paragraph_keep_the_speaker(nlp):
    _, quotes = run(nlp, "\u201cYou cannot sue a state,\u201d said Omar Haddad, a lawyer in Oslo. "
                         "\u201cThe state has immunity.\u201d \u201cThe court will say the same thing.\u201d "
                         "He spoke on the show \u201cMorning Live.\u201d \u201cIt is over now.\u201d")
    later = next(q for q in quotes if "court will say" in q.content)
    assert later.cue is None and "Haddad" in later.speaker.name
    assert not any("It is over" in q.content for q in quotes)  # after a title, not a statement


def test_medium_and_article_date_fallback(nlp):
    _, quotes = run(nlp, "In a letter to parents, the school board wrote that classes would resume.")
    q = by_cue(quotes, "wrote")
    assert q.medium == "letter"
    assert q.date is not None  # the time of the cue, else the article date
    assert q.date_inferred or q.date != "2023-03-15"


def test_unbalanced_marks_do_not_crash_the_component(nlp):
    _, quotes = run(nlp, 'The minister said "this will never end.', "\u201d Nothing else \u201c here.")
    assert isinstance(quotes, list)


def test_bad_lexicon_file_names_the_file(tmp_path):
    (tmp_path / "cues.yaml").write_text("clause: [unclosed\n", encoding="utf-8")
    (tmp_path / "sources.yaml").write_text("according_phrases: [according to]\n", encoding="utf-8")
    with pytest.raises(BadInput) as info:
        load_lexicon(str(tmp_path))
    assert "cues.yaml" in str(info.value)


def test_lexicon_has_core_cues_in_each_frame():
    lex = load_lexicon()
    assert lex.reliability("clause", "say") > 0.8
    assert lex.reliability("infinitive", "vow") > 0.5
    assert lex.reliability("object", "call") > 0.4
    assert ("according", "to") in lex.according_phrases


# --- PolNeAR conventions (content boundaries, quotations) ------------------

def test_marks_doubled_apostrophes_read_as_double_marks():
    text = "The judge said ''the file is sealed,'' and Ms. Reyes's aide agreed."
    spans = find_quoted_spans(text, [(0, len(text))])
    assert [text[s.inner_start:s.inner_end] for s in spans if s.double] == ["the file is sealed,"]
    assert not [s for s in spans if not s.double]  # no apostrophe read as a single mark


def test_split_quotation_is_one_statement(nlp):
    _, quotes = run(nlp, "\u201cThe levee held,\u201d the engineer said. \u201cThe next storm may not be so kind.\u201d")
    q = by_cue(quotes, "said")
    assert "levee held" in q.content and "next storm" in q.content
    assert len([x for x in quotes if "next storm" in x.content]) == 1


def test_cue_inside_a_quotation_is_not_a_new_statement(nlp):
    _, quotes = run(nlp, "\u201cMy neighbours told me the river would rise again,\u201d the farmer said.")
    assert [q.cue for q in quotes] == ["said"]
    assert quotes[0].speaker.text == "the farmer"


def test_clause_content_runs_to_the_end_of_the_sentence(nlp):
    _, quotes = run(nlp, "The auditor noted that the town overspent on roads and that the parks budget went unused.")
    q = by_cue(quotes, "noted")
    assert q.content.startswith("that the town") and q.content.endswith("went unused")


def test_passive_raising_verb_without_agent_is_not_a_statement(nlp):
    _, quotes = run(nlp, "The ferry is expected to resume service on Friday.")
    assert not [q for q in quotes if q.cue == "expected"]


def test_frame_minimum_raises_a_low_caller_setting():
    lex = load_lexicon()
    assert lex.threshold("object", 0.1) >= lex.minimum.get("object", 0.0) > 0.1
    assert lex.threshold("clause", 0.3) == 0.3


def test_unquoted_on_in_a_user_lexicon_is_a_preposition(tmp_path):
    (tmp_path / "cues.yaml").write_text("preposition:\n  comment: [on]\n", encoding="utf-8")
    (tmp_path / "sources.yaml").write_text("according_phrases: [according to]\n", encoding="utf-8")
    assert load_lexicon(str(tmp_path)).prepositions["comment"] == ("on",)


def test_thought_reported_inside_speech_is_not_a_second_statement(nlp):
    _, quotes = run(nlp, "The mayor said she thinks the new bridge will hold through the winter.")
    assert [q.cue for q in quotes] == ["said"]
    assert "thinks the new bridge" in quotes[0].content


def test_nested_reliability_falls_back_to_the_default():
    lex = load_lexicon()
    assert lex.nested_reliability("think") < lex.reliability("clause", "think") or lex.nested_reliability("think") < 0.4
    assert lex.nested_reliability("no-such-verb") == lex.nested_default


def test_quotes_without_entities_fail_clearly():
    from newsgraph.errors import NewsgraphError
    from newsgraph.nlp.pipeline import build_nlp, make_doc

    bare = build_nlp(components=["newsgraph_quotes"])
    with pytest.raises(NewsgraphError, match="add newsgraph_entities before newsgraph_quotes"):
        bare(make_doc(bare, article("The mayor said the bridge would reopen.")))


def test_imperative_cue_is_not_an_attribution():
    from newsgraph.model import Article, Paragraph
    from newsgraph.nlp.pipeline import build_nlp, make_doc

    nlp = build_nlp()
    text = ("Tell us what you think about the new bridge tolls.\n"
            "The mayor said the tolls would fall next year.")
    article = Article(text=text, paragraphs=[Paragraph(0, 0, 51), Paragraph(1, 52, len(text))],
                      published="2024-02-01")
    quotes = nlp(make_doc(nlp, article))._.ng_quotes
    assert [q.cue for q in quotes] == ["said"]


def test_new_referents_and_appositions_are_not_resolved_back_to_an_earlier_leader():
    from newsgraph.model import Article, Paragraph
    from newsgraph.nlp.pipeline import build_nlp, make_doc

    nlp = build_nlp()
    lines = ["Chilean President Gabriel Boric said the copper levy would stay.",
             "Peru's prime minister, Gustavo Adrianzén, said the border talks were useful.",
             "A senior finance ministry official said the figures would be published in March."]
    text, paras, pos = "\n".join(lines), [], 0
    for i, line in enumerate(lines):
        paras.append(Paragraph(i, pos, pos + len(line)))
        pos += len(line) + 1
    doc = nlp(make_doc(nlp, Article(text=text, paragraphs=paras, published="2024-09-10")))
    def speaker_of(word):
        return next(q.speaker.name for q in doc._.ng_quotes if q.speaker and word in q.content)

    assert speaker_of("border") == "Gustavo Adrianzén"  # the apposition, not the earlier president
    assert speaker_of("figures") not in ("Gabriel Boric", "Gustavo Adrianzén")  # "a ... official" is new


# --- who issued the document that "speaks" -----------------------------------

def test_a_statement_released_by_someone_is_their_words(nlp):
    _, quotes = run(nlp, "Senator Jane Roe released a statement calling the vote a disgrace.",
                    "Later, Roe said in a statement that the state would appeal.")
    for q in quotes:
        assert q.speaker is not None and "Roe" in q.speaker.name, (q.cue, q.speaker)


def test_the_letter_stated_goes_to_whoever_sent_the_letter(nlp):
    _, quotes = run(nlp, "The Harbour Workers Union sent a letter to the port authority on Monday.",
                    "\u201cWe will not accept these cuts,\u201d the letter stated.")
    stated = by_cue(quotes, "stated")
    assert stated.speaker is not None and "Harbour Workers Union" in stated.speaker.name


def test_a_document_nobody_issued_stays_the_speaker(nlp):
    _, quotes = run(nlp, "\u201cPrices will keep rising,\u201d a report said on Tuesday.")
    q = by_cue(quotes, "said")
    assert q.speaker is not None and "report" in (q.speaker.text or q.speaker.name)


# --- pronoun speakers -------------------------------------------------------

def test_he_is_the_main_clause_subject_not_a_subordinate_one(nlp):
    _, quotes = run(nlp, "A day before Attorney General Sam Ode released his report, "
                         "Senator Pat Lund spoke to voters in Dayton.",
                    "He said that the report should be published in full.")
    q = by_cue(quotes, "said")
    assert q.speaker is not None and q.speaker.name.endswith("Lund"), q.speaker


def test_a_name_inside_the_quotation_is_not_the_pronoun_speaker(nlp):
    _, quotes = run(nlp, "Senator Mia Lund spoke to reporters in Dayton.",
                    "\u201cWe asked Sam Ode for the report and got nothing,\u201d she said.")
    q = by_cue(quotes, "said")
    assert q.speaker is not None and q.speaker.name.endswith("Lund"), q.speaker


def test_the_senator_is_the_sen_named_before(nlp):
    # Rubio's gazetteer sector is GOV (a later office), so only "Sen." = senator links them.
    _, quotes = run(nlp, "Sen. Marco Rubio of Florida toured a steel plant in Ohio on Monday.",
                    "The senator said that tariffs would protect the plant.", published="2015-04-14")
    q = by_cue(quotes, "said")
    assert q.speaker is not None and q.speaker.name == "Marco Rubio", q.speaker


def test_a_quote_is_dated_by_its_cue_clause_not_its_content(nlp):
    _, quotes = run(nlp, "Mayor Ann Hill, campaigning in Dayton on Sunday, told reporters that "
                         "the 1990s had been the city's best years.", published="2023-03-15")
    q = by_cue(quotes, "told")
    assert q.date == "2023-03-12", q.date


def test_attributions_that_are_not_speech_are_kept_apart(nlp):
    _, quotes = run(nlp, "Senator Mia Lund condemned the attack on Monday.",
                    "Senator Pat Reed said the attack was cowardly.",
                    "Senator Ann Hill believed the attack was planned.")
    kinds = {q.cue: q.type for q in quotes}
    assert kinds.get("condemned") == "attribution", kinds
    assert kinds.get("believed") == "attribution", kinds
    assert kinds.get("said") == "indirect", kinds


def test_a_participle_that_names_a_thing_is_no_statement(nlp):
    """"a company, named Kordel, ..." gives a name; "called a liar by Varga" reports words."""
    _, quotes = run(nlp, "A Canadian company, named Kordel, is reported to have won the contract. "
                         "A man named Tom Parr owned it.")
    assert not [q for q in quotes if q.cue in ("named", "name")]
    _, quotes = run(nlp, "Mayor Lopez, called a liar by Governor Anna Varga on Monday, refused to resign.")
    assert [q for q in quotes if q.cue == "called"]

"""The base model's attribute ruler and lemmatizer, by table: the same output as the pipes they replace."""

from __future__ import annotations

import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.pipeline import AttributeRuler

from newsgraph.nlp.base_rules import AttributeTable, LemmaTable, use_rule_tables
from newsgraph.nlp.pipeline import resolve_model_name

ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD]

# Sentences that reach the ruler's rarer rules: contractions and slang it lemmatises
# over two tokens, pronoun case by dependency, "there is", "but" as an adverb,
# auxiliaries, whitespace tokens, subordinators.
TEXTS = [
    "Y'all ain't gonna believe what the mayor said. C'mon, let's go!",
    "I told you nothin' new, but you gave it to me anyway. I gotta leave.",
    "There's a ferry at noon and there are two buses. It is what it is.",
    "Do you have the report? She did, and he has done it too.  Two  spaces\n\n\tthen a tab.",
    "If the talks fail, which side will walk away first, and whether that matters, "
    "is all but certain: the ministers had been meeting since Monday.",
    "He's been elected, they're sure, I'm not, we've seen worse, and who'd know?",
    "",
]


@pytest.fixture(scope="module")
def models():
    plain = spacy.load(resolve_model_name())
    tabled = spacy.load(resolve_model_name())
    use_rule_tables(tabled)
    return plain, tabled


def same_analysis(plain, tabled, text):
    a, b = plain(text), tabled(text)
    return [t.text for t in a] == [t.text for t in b] and (a.to_array(ATTRS) == b.to_array(ATTRS)).all()


def test_the_tables_replace_the_pipes_under_their_names(models):
    plain, tabled = models
    assert tabled.pipe_names == plain.pipe_names
    assert isinstance(tabled.get_pipe("attribute_ruler"), AttributeTable)
    assert isinstance(tabled.get_pipe("lemmatizer"), LemmaTable)


def test_the_pipeline_we_build_uses_them(nlp):
    assert isinstance(nlp.get_pipe("attribute_ruler"), AttributeTable)
    assert isinstance(nlp.get_pipe("lemmatizer"), LemmaTable)


@pytest.mark.parametrize("text", TEXTS)
def test_every_token_gets_what_the_pipes_give(models, text):
    plain, tabled = models
    for _ in range(2):  # the second time from the tables' memory
        assert same_analysis(plain, tabled, text)


def test_the_rare_rules_were_reached(models):
    plain, _ = models
    doc = plain("They ain't gonna believe it.")
    assert [t.lemma_ for t in doc][1:5] == ["be", "not", "go", "to"]  # two-token rules


def test_patterns_the_table_cannot_read_keep_their_place_in_the_order():
    # A length test and a two-token rule, added after the tag rules: both must still
    # apply, and the two-token one must override what the tag rules set.
    plain = spacy.load(resolve_model_name())
    plain.get_pipe("attribute_ruler").add([[{"LENGTH": {">": 14}}]], {"LEMMA": "LONGWORD"})
    plain.get_pipe("attribute_ruler").add([[{"LOWER": "quick"}, {"LOWER": "fox"}]], {"POS": "X"}, index=1)
    tabled = spacy.load(resolve_model_name())
    for spec in plain.get_pipe("attribute_ruler").patterns[-2:]:
        tabled.get_pipe("attribute_ruler").add(**spec)
    use_rule_tables(tabled)
    text = "The quick fox was uncharacteristically calm."
    doc = tabled(text)
    assert doc[2].pos_ == "X" and doc[4].lemma_ == "LONGWORD"
    assert same_analysis(plain, tabled, text)


def test_other_pipes_are_left_alone():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    use_rule_tables(nlp)
    assert nlp.pipe_names == ["sentencizer"]

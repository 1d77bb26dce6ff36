"""Language detection: non-English articles are stored with their language and a note,
never analysed by the English-only components; short texts stay English; --language overrides."""

from __future__ import annotations

import json
import sqlite3

import pytest

from newsgraph.errors import NewsgraphError
from newsgraph.ingest import IngestError, iter_articles
from newsgraph.ingest.language import MIN_LETTERS, detect_language, validate_language
from newsgraph.model import Article, Paragraph
from newsgraph.process import process

# Written for these tests.
FRENCH = ("Le ministre des Affaires étrangères a déclaré mardi à Paris que les négociations avec "
          "ses partenaires européens reprendraient le 12 mars 2024, malgré la colère des syndicats.")
RUSSIAN = ("Министр иностранных дел заявил в понедельник в Москве, что переговоры с делегацией "
           "соседней страны продолжатся на следующей неделе, несмотря на разногласия.")
GERMAN = ("Die Bundesregierung hat am Dienstag in Berlin neue Maßnahmen gegen die steigenden "
          "Energiepreise beschlossen, teilte ein Sprecher des Wirtschaftsministeriums mit.")
ENGLISH = ("The foreign minister said on Tuesday in Geneva that talks with the visiting delegation "
           "would resume next week, despite the objections of several opposition parties.")


@pytest.mark.parametrize("text,code", [(FRENCH, "fr"), (RUSSIAN, "ru"), (GERMAN, "de"), (ENGLISH, "en")])
def test_detects_the_language_of_an_article(text, code):
    found = detect_language(text)
    assert found.language == code and found.method == "detected"
    assert found.confidence >= 0.9


@pytest.mark.parametrize("headline", ["Putin meets Xi in Beijing", "Mahal kita, sabi ni Juan",
                                      "Biden signs bill", "Talks resume", "Ja, nein, vielleicht"])
def test_short_texts_stay_english(headline):
    assert sum(ch.isalpha() for ch in headline) < MIN_LETTERS
    found = detect_language(headline)
    assert found.language == "en" and found.method == "default: too short"


def test_unsure_detection_defaults_to_english():
    # long enough, but a list of names and numbers says nothing about the language
    mixed = "Ana Ruiz, Lima 2024; Jan Novak, Oslo 2023; Kim Lee, Hanoi 2022; Ola Berg, Accra 2021."
    assert detect_language(mixed).language == "en"


def test_language_flag_is_validated():
    assert validate_language(" FR ") == "fr"
    assert validate_language(None) is None
    with pytest.raises(ValueError):
        validate_language("french!")
    with pytest.raises(NewsgraphError, match="ISO 639"):
        iter_articles(["x"], language="12")


def _items(tmp_path, **kwargs):
    corpus = tmp_path / "mixed.jsonl"
    with corpus.open("w", encoding="utf-8") as out:
        for i, text in enumerate([FRENCH, RUSSIAN, GERMAN, ENGLISH]):
            out.write(json.dumps({"id": f"d{i}", "title": f"Item {i}", "text": text}) + "\n")
    return corpus, list(iter_articles([str(corpus)], **kwargs))


def test_normalisation_sets_the_language_and_the_flag_overrides_it(tmp_path):
    _, items = _items(tmp_path)
    assert not any(isinstance(i, IngestError) for i in items)
    assert [a.language for a in items] == ["fr", "ru", "de", "en"]
    _, forced = _items(tmp_path, language="en")
    assert {a.language for a in forced} == {"en"}


def test_non_english_articles_are_not_analysed_but_noted():
    text = "Titre\n" + FRENCH
    article = Article(text=text, paragraphs=[Paragraph(0, 0, 5, "heading"), Paragraph(1, 6, len(text))],
                      title="Titre", language="fr")
    (records,) = process([article])  # no spaCy pipeline is loaded for it
    assert records.error is None and records.article is article
    assert not (records.entities or records.timexes or records.quotes or records.events)
    assert any("language 'fr'" in n and "not analysed" in n for n in records.notes)


@pytest.mark.slow
def test_ingest_stores_languages_counts_them_and_obeys_the_flag(tmp_path):
    from click.testing import CliRunner

    from newsgraph.cli import cli

    corpus, _ = _items(tmp_path)
    db = tmp_path / "lang.db"
    result = CliRunner().invoke(cli, ["ingest", str(db), str(corpus), "-q", "--published", "2024-03-01"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output.strip().splitlines()[-1])
    assert summary["new"] == 4 and summary["not_english"] == 3
    con = sqlite3.connect(db)
    rows = dict(con.execute("SELECT source_id, language FROM articles").fetchall())
    assert rows == {"d0": "fr", "d1": "ru", "d2": "de", "d3": "en"}
    notes = dict(con.execute("SELECT language, notes_json FROM articles").fetchall())
    assert "not analysed" in notes["ru"] and "not analysed" not in notes["en"]
    analysed = {lang for (lang,) in con.execute(
        "SELECT DISTINCT a.language FROM mentions m JOIN articles a ON a.id = m.article_id")}
    assert analysed == {"en"}  # no "Министр" as a person

    flagged = tmp_path / "flag.db"
    result = CliRunner().invoke(cli, ["ingest", str(flagged), str(corpus), "-q", "--language", "fr"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output.strip().splitlines()[-1])["not_english"] == 4
    assert {lang for (lang,) in sqlite3.connect(flagged).execute("SELECT language FROM articles")} == {"fr"}

"""``newsgraph.toml``: read from --config or the working directory, flags over file over defaults."""

from __future__ import annotations

import pytest

from newsgraph.config import DEFAULT_CONFIG_FILE, RunConfig, load_config
from newsgraph.errors import NewsgraphError
from newsgraph.nlp.pipeline import PipelineConfig, required_components


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_gives_the_defaults(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert load_config() == RunConfig()
    assert load_config().effective_batch_size == 32


def test_newsgraph_toml_in_the_working_directory_is_read(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / DEFAULT_CONFIG_FILE, 'model = "my_model"\nworkers = 3\nbatch_size = 5\n')
    config = load_config()
    assert config.pipeline.model == "my_model"
    assert (config.workers, config.batch_size, config.effective_batch_size) == (3, 5, 5)
    assert config.runner == "local"


def test_paths_are_relative_to_the_file_and_flags_win(tmp_path, monkeypatch):
    conf = tmp_path / "conf"
    conf.mkdir()
    file = write(conf / "run.toml", 'actors = "my_actors.yaml"\npatterns = "p/my_patterns.yaml"\n'
                                    'workers = 2\ncomponents = ["quotes"]\nrunner = "local"\n')
    monkeypatch.chdir(tmp_path)  # elsewhere: paths still resolve beside the file
    config = load_config(file, workers=4, runner=None)
    assert config.pipeline.actors == str((conf / "my_actors.yaml").resolve())
    assert config.pipeline.patterns == str((conf / "p" / "my_patterns.yaml").resolve())
    assert config.workers == 4  # the flag
    assert config.effective_batch_size == 8  # several workers: small batches
    # a component brings what it reads, in pipeline order
    assert config.pipeline.components == ("newsgraph_entities", "newsgraph_timex", "newsgraph_quotes")
    assert config.pipeline.component_config() == {
        "newsgraph_entities": {"actors_file": config.pipeline.actors},
        "newsgraph_events": {"patterns_file": config.pipeline.patterns},
    }
    # hashable: one cached pipeline per config
    assert hash(config.pipeline) == hash(PipelineConfig(**vars(config.pipeline)))


@pytest.mark.parametrize("text, message", [
    ("workers = 2\ncolour = 'blue'\n", "unknown config keys: colour"),
    ("workers = \n", "invalid config"),
    ("workers = 0\n", "workers must be at least 1"),
    ("components = 'entities,sentiment'\n", "unknown component 'sentiment'"),
])
def test_bad_files_are_one_clear_error(tmp_path, text, message):
    file = write(tmp_path / "bad.toml", text)
    with pytest.raises(NewsgraphError, match=message):
        load_config(file)


def test_a_named_file_must_exist(tmp_path):
    with pytest.raises(NewsgraphError, match="config file not found"):
        load_config(tmp_path / "missing.toml")


def test_a_file_that_is_not_utf8_is_an_error(tmp_path):
    file = tmp_path / "latin1.toml"
    file.write_bytes('model = "caf\xe9"\n'.encode("latin-1"))
    with pytest.raises(NewsgraphError, match="invalid config"):
        load_config(file)


def test_dependencies_come_from_the_factories():
    """What each component reads is declared once, on its ``@Language.factory``."""
    from spacy.language import Language

    assert required_components("newsgraph_entities") == []
    assert required_components("newsgraph_timex") == []
    assert required_components("newsgraph_quotes") == ["newsgraph_entities", "newsgraph_timex"]
    assert required_components("newsgraph_events") == ["newsgraph_entities", "newsgraph_timex"]
    for name in ("newsgraph_quotes", "newsgraph_quotes_v1"):
        meta = Language.get_factory_meta(name)
        assert meta.assigns == ["doc._.ng_quotes"]
        assert meta.requires == ["doc._.ng_entities", "doc._.ng_timexes"]


@pytest.mark.slow
def test_the_built_pipeline_satisfies_its_declarations(nlp):
    analysis = nlp.analyze_pipes()
    assert all(not problems for problems in analysis["problems"].values()), analysis["problems"]


def test_a_pinned_name_builds_the_same_component():
    import spacy

    import newsgraph.nlp.timex  # noqa: F401  (registers both names, as the README shows)

    blank = spacy.blank("en")
    blank.add_pipe("newsgraph_timex_v1")
    doc = blank("We met on 3 March 2024.")
    assert [t.value for t in doc._.ng_timexes] == ["2024-03-03"]

"""Shared fixtures: a temporary database, the CLI runner, one pipeline per session, shared data paths."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("NEWSGRAPH_SHARED", ROOT.parent / "shared"))
SEED_DIR = SHARED / "cases" / "seed"
EXAMPLES = ROOT / "examples" / "corpus"


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "test.db"


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture(scope="session")
def nlp():
    from newsgraph.nlp.pipeline import build_nlp

    return build_nlp()


@pytest.fixture(scope="session")
def analyse(nlp):
    """text -> the Doc the whole pipeline makes of it, as a one-item article of 2024-03-05."""
    from newsgraph.eval.plover import run, single_text_article

    def go(text: str):
        return run(nlp, single_text_article(text, "2024-03-05"))
    return go


@pytest.fixture(scope="session")
def seed_dir():
    if not (SEED_DIR / "article.txt").exists():
        pytest.skip("seed case not available (../shared/cases/seed)")
    return SEED_DIR


@pytest.fixture(scope="session")
def shared_data():
    data = SHARED / "data"
    if not data.exists():
        pytest.skip("shared evaluation data not available (../shared/data)")
    return data

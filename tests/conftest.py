"""Shared fixtures: our own articles, the shipped pipeline, and the corpora when present."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitat.language.ndt import data_dir

ARTICLES = Path(__file__).parent / "articles"
ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="session")
def nlp():
    """The shipped pipeline (loaded once)."""
    from sitat.language import load

    return load()


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    path = data_dir(None)
    if not (path / "norne-nb" / "ndt").is_dir():
        pytest.skip(f"NDT/NorNE corpora not found at {path}: set SITAT_DATA to the shared data folder")
    return path


def article_path(name: str) -> Path:
    return ARTICLES / name

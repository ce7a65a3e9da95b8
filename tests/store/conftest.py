"""Store fixtures: articles built by hand (no model needed) and a writer on a fresh database file."""

from __future__ import annotations

from typing import Callable

import pytest

from sitat.article import Article, Quote, Speaker, SpeakerProfile, TextSpan
from sitat.read.inputs import ArticleInput
from sitat.store.database import connect
from sitat.store.writer import Writer

# (snippet of the text that is the quote, type, speaker name or None, kind, party, role)
QuoteSpec = tuple[str, str, str | None, str | None, str | None, str | None]


def build(text: str, quotes: list[QuoteSpec], *, source: str = "a.txt", title: str | None = None,
          meta: dict | None = None, lang: str = "nb") -> tuple[ArticleInput, Article]:
    """An input and the article the engine would make of it, with the quotes given by snippet."""
    profiles: dict[str, SpeakerProfile] = {}
    made = []
    for snippet, kind_of_quote, name, kind, party, role in quotes:
        start = text.index(snippet)
        entity = None
        mention = None
        if name:
            key = (name, kind)
            entity = next((p.entity for p in profiles.values() if (p.name, p.kind) == key), f"e{len(profiles) + 1}")
            surname = name.split()[-1]
            at = text.find(surname)
            mention = TextSpan(surname, at, at + len(surname)) if at >= 0 else None
            profile = profiles.setdefault(entity, SpeakerProfile(entity=entity, name=name, kind=kind or "person",
                                                                 party=party, role=role))
            profile.quotes += 1
            if mention and mention not in profile.mentions:
                profile.mentions.append(mention)
        speaker = Speaker(name=name, mention=mention, entity=entity, party=party, role=role, kind=kind)
        made.append(Quote(text=snippet, start=start, end=start + len(snippet), type=kind_of_quote,
                          cue=None, speaker=speaker, confidence=0.9))
    item = ArticleInput(text=text, source=source, title=title, meta=dict(meta or {}))
    return item, Article(text=text, lang=lang, title=title, source=source, quotes=made,
                         speakers=list(profiles.values()), meta=dict(meta or {}))


@pytest.fixture
def article() -> Callable[..., tuple[ArticleInput, Article]]:
    return build


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "nyheter.db"


@pytest.fixture
def conn(db_path):
    connection = connect(db_path)
    yield connection
    connection.close()


@pytest.fixture
def writer(conn) -> Writer:
    return Writer(conn, extractor="test")


@pytest.fixture(scope="session")
def extract_nlp():
    """The shipped pipeline as `sitat.extract` loads it (shared with the other model tests)."""
    from sitat.extract import UNUSED_COMPONENTS
    from sitat.language import load

    return load(exclude=UNUSED_COMPONENTS)

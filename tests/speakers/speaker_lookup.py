"""Shared by the speaker rule tests: which speaker sitat gives each quote of an invented article."""

from __future__ import annotations

import sitat


def speakers_of(text: str, lang: str = "nb") -> dict[str, str | None]:
    """Quote text -> canonical speaker name (None for no speaker)."""
    article = sitat.extract(text, lang=lang)
    return {q.text: q.speaker.name for q in article.quotes}


def speaker_of(text: str, start: str, lang: str = "nb") -> str | None:
    """The speaker of the quote that starts with ``start`` (the test fails if there is none)."""
    found = [name for quote, name in speakers_of(text, lang).items() if quote.startswith(start)]
    assert found, f"no quote starting with {start!r}"
    return found[0]

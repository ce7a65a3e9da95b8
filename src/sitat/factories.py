"""Registers every spaCy component sitat ships (entry point: spacy_factories)."""

from __future__ import annotations

from spacy.language import Language

from .quotes.component import DEFAULT_SPANS_KEY, QuoteFinder


@Language.factory(
    "sitat_quotes",
    assigns=["doc.spans", "doc._.quotes", "doc._.speakers"],
    requires=["token.pos", "token.dep", "doc.ents", "doc.sents"],
    default_config={"spans_key": DEFAULT_SPANS_KEY, "title_line": False},
)
def make_quotes(nlp: Language, name: str, *, spans_key: str, title_line: bool) -> QuoteFinder:
    """Find quotes and their speakers; results on ``doc._.quotes`` and ``doc.spans[spans_key]``."""
    return QuoteFinder(name=name, spans_key=spans_key, title_line=title_line)

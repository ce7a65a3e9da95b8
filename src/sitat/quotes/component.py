"""The ``sitat_quotes`` spaCy component: the quote engine over one whole-article Doc."""

from __future__ import annotations

from spacy.tokens import Doc

from ..read.paragraphs import split_paragraphs
from .engine import find_candidates, paras_from_doc

DEFAULT_SPANS_KEY = "sitat_quotes"

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)
if not Doc.has_extension("speakers"):
    Doc.set_extension("speakers", default=None)


class QuoteFinder:
    """Adds ``doc._.quotes`` (list of dicts, as ``sitat extract`` prints them) and quote spans.

    Paragraphs are read from blank lines in ``doc.text``; results are plain dicts so they
    survive ``DocBin`` and pickling.
    """

    def __init__(self, *, name: str = "sitat_quotes", spans_key: str = DEFAULT_SPANS_KEY, title_line: bool = False) -> None:
        self.name = name
        self.spans_key = spans_key
        self.title_line = title_line

    def __call__(self, doc: Doc) -> Doc:
        from ..speakers.coreference import build_quotes
        from ..speakers.entities import collect

        paras = paras_from_doc(doc, split_paragraphs(doc.text, title_line=self.title_line))
        candidates = find_candidates(paras)
        quotes, speakers = build_quotes(candidates, collect(paras, doc.text))
        doc._.quotes = [q.to_dict() for q in quotes]
        doc._.speakers = [
            {"entity": s.entity, "name": s.name, "kind": s.kind, "role": s.role, "party": s.party,
             "organisation": s.organisation, "country": s.country, "gender": s.gender, "quotes": s.quotes}
            for s in speakers
        ]
        spans = []
        for q in quotes:
            span = doc.char_span(q.start, q.end, label=q.type, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc

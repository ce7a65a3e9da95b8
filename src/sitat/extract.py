"""Article text in, statements out: read -> language -> quotes -> speakers."""

from __future__ import annotations

from typing import Iterable, Iterator

from spacy.language import Language

from .article import Article
from .language import detect_standard, load
from .quotes.engine import find_candidates, paras_from_docs
from .read.files import ArticleInput
from .read.paragraphs import split_paragraphs
from .speakers.coreference import build_quotes
from .speakers.entities import collect

# Components the quote engine does not read; skipping them is pure speed.
UNUSED_COMPONENTS = ("trainable_lemmatizer",)


def extract(text: str, *, title: str | None = None, lang: str | None = None, source: str | None = None,
            title_line: bool = False, nlp: Language | None = None) -> Article:
    """Find every statement in one article, with its speaker resolved.

    text (str): the article text exactly as given; all offsets index this string.
    title (str | None): the headline, if known (metadata; it is not searched for quotes
        unless it is also the first line of ``text`` and ``title_line`` is set).
    lang (str | None): "nb" or "nn"; detected from the text when None.
    source (str | None): where the text came from (a path or URL), echoed in the output.
    title_line (bool): the first line of ``text`` is the title (our .txt format).
    nlp (Language | None): a pipeline to use instead of the shipped one.
    RETURNS (Article): the article with its quotes and quoted speakers.
    DOCS: docs/python-api.md
    """
    item = ArticleInput(text=text, source=source or "<text>", title=title, title_line=title_line)
    return next(iter(extract_many([item], lang=lang, nlp=nlp)))


def extract_many(items: Iterable[ArticleInput], *, lang: str | None = None, nlp: Language | None = None,
                 batch_size: int = 64) -> Iterator[Article]:
    """Extract from many articles, batching their paragraphs through the pipeline."""
    nlp = nlp or load(lang, exclude=UNUSED_COMPONENTS)
    for item in items:
        paragraphs = split_paragraphs(item.text, title_line=item.title_line)
        texts = [item.text[p.start : p.end] for p in paragraphs]
        docs = list(nlp.pipe(texts, batch_size=batch_size))
        paras = paras_from_docs(item.text, paragraphs, docs)
        candidates = find_candidates(paras)
        registry = collect(paras, item.text)
        quotes, speakers = build_quotes(candidates, registry)
        yield Article(
            text=item.text,
            lang=lang or detect_standard(item.text),
            title=item.title,
            source=item.source,
            quotes=quotes,
            speakers=speakers,
            meta=dict(item.meta),
        )

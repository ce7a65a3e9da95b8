"""Run the pipeline over many paragraphs, parsing only those a test says need it.

The shipped components share one tok2vec: it writes ``doc.tensor`` and the tagger, parser and
NER listen to it, so any component can run on any subset of a batch once tok2vec has run.
Paragraphs the test rejects skip the parser; a rule-based sentencizer gives them sentences in
its place, before NER, so NER still sees sentence boundaries as it does after the parser (it
never lets an entity cross one). Docs come back one per text, in order, their text unchanged.
"""

from __future__ import annotations

from typing import Callable, Iterable, Iterator

from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

# Components that give dependencies (and sentences); skipped where the test says no parse.
PARSE_COMPONENTS = ("parser",)
# Paragraphs per batch: large enough for the matrix products to run at full speed.
DEFAULT_BATCH_SIZE = 256
# Tokens per batch at most. The parser precomputes its first layer for every token of a batch
# (8 features x 128 hidden x 3 pieces, 12 kB a token), so a batch of 16,000 tokens (256 long
# paragraphs) briefly takes 190 MB; 4,000 tokens keep that under 50 MB at the same speed.
DEFAULT_MAX_TOKENS = 4000


def annotate(nlp: Language, texts: Iterable[str], *, needs_parse: Callable[[Doc], bool] | None = None,
             batch_size: int = DEFAULT_BATCH_SIZE, max_tokens: int = DEFAULT_MAX_TOKENS) -> Iterator[Doc]:
    """One Doc per text, with the parser run only where ``needs_parse`` says so.

    nlp (Language): a pipeline; its enabled components run in their order.
    texts (Iterable[str]): paragraphs; each becomes one Doc whose ``text`` equals it.
    needs_parse (Callable[[Doc], bool] | None): called on the tokenized Doc; None parses all.
    batch_size (int): texts per batch through the components.
    max_tokens (int): tokens per batch at most (a longer text is a batch of its own).
    RETURNS (Iterator[Doc]): the annotated Docs, in the order of ``texts``.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    sentencizer = Sentencizer()
    for docs in _batches((nlp.make_doc(text) for text in texts), batch_size, max_tokens):
        parse = [needs_parse is None or needs_parse(doc) for doc in docs]
        everything = list(range(len(docs)))
        parsed = [i for i in everything if parse[i]]
        for name, component in nlp.pipeline:
            if name in PARSE_COMPONENTS:
                _run(component, docs, parsed)
                for i in everything:
                    if not parse[i]:
                        docs[i] = sentencizer(docs[i])
            else:
                _run(component, docs, everything)
        yield from docs


def _batches(docs: Iterator[Doc], size: int, max_tokens: int) -> Iterator[list[Doc]]:
    """Consecutive docs, at most ``size`` of them and ``max_tokens`` tokens (one doc at least)."""
    batch: list[Doc] = []
    tokens = 0
    for doc in docs:
        if batch and (len(batch) >= size or tokens + len(doc) > max_tokens):
            yield batch
            batch, tokens = [], 0
        batch.append(doc)
        tokens += len(doc)
    if batch:
        yield batch


def _run(component, docs: list[Doc], which: list[int]) -> None:
    """Annotate ``docs[i]`` for every i in ``which`` with one component, as one batch."""
    if not which:
        return
    subset = [docs[i] for i in which]
    if hasattr(component, "pipe"):
        annotated = list(component.pipe(subset, batch_size=len(subset)))
    else:
        annotated = [component(doc) for doc in subset]
    for i, doc in zip(which, annotated):
        docs[i] = doc

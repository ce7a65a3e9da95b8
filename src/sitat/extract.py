"""Article text in, statements out: read -> language -> quotes -> speakers."""

from __future__ import annotations

import os
from functools import lru_cache
from itertools import chain, islice
from typing import Iterable, Iterator

from spacy.language import Language

from .article import Article
from .language import detect_standard, load
from .language.prefilter import CueFilter
from .language.processes import WorkersFailed, available_cores, can_start_workers, ordered_map
from .language.selective import DEFAULT_BATCH_SIZE, annotate
from .quotes.attribution import skippable_adverbs
from .quotes.cues import cues
from .quotes.engine import find_candidates, paras_from_docs
from .quotes.indirect import MIN_SPLIT_PHRASE_WORDS
from .read.files import ArticleInput
from .read.paragraphs import Paragraph, split_paragraphs
from .speakers.coreference import build_quotes
from .speakers.entities import collect

# Components the quote engine does not read; skipping them is pure speed.
UNUSED_COMPONENTS = ("trainable_lemmatizer",)
# With workers left to choose (workers=None), fewer articles than this stay in this process:
# starting a worker and loading its pipeline costs a few seconds, as much as ~40 articles take.
MIN_ARTICLES_FOR_WORKERS = 32
# Paragraphs per task sent to a worker: big enough for full batches, small enough that the
# last tasks of a run spread over all workers.
PARAGRAPHS_PER_TASK = 128
# Environment variable that sets the number of worker processes (1: never start any).
WORKERS_VARIABLE = "SITAT_WORKERS"


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
    return next(iter(extract_many([item], lang=lang, nlp=nlp, workers=1)))


def extract_many(items: Iterable[ArticleInput], *, lang: str | None = None, nlp: Language | None = None,
                 batch_size: int = DEFAULT_BATCH_SIZE, workers: int | None = None,
                 parse_all: bool = False) -> Iterator[Article]:
    """Extract from many articles, in input order, batching paragraphs across articles.

    items (Iterable[ArticleInput]): the articles; read lazily, so a stream of millions is fine.
    lang (str | None): "nb" or "nn" for every article; detected per article when None.
    nlp (Language | None): a pipeline to use instead of the shipped one (always in this process).
    batch_size (int): paragraphs per batch through the pipeline.
    workers (int | None): worker processes, each with its own pipeline. 1 works in this
        process. None: ``$SITAT_WORKERS`` if set, else one per core when ``nlp`` is None and
        more than ``MIN_ARTICLES_FOR_WORKERS`` articles come, else this process.
    parse_all (bool): parse every paragraph, not only those with a quote cue (for comparisons).
    RETURNS (Iterator[Article]): one Article per item.
    DOCS: docs/performance.md
    """
    chosen = workers if workers is not None else _workers_from_environment()
    if chosen is not None and chosen < 1:
        raise ValueError(f"workers must be at least 1, got {chosen}")
    if nlp is not None or chosen == 1 or (chosen is None and not can_start_workers()):
        return extract_here(items, lang=lang, nlp=nlp, batch_size=batch_size, parse_all=parse_all)
    if chosen is None:
        return _extract_auto(iter(items), lang=lang, batch_size=batch_size, parse_all=parse_all)
    return extract_in_processes(items, workers=chosen, lang=lang, batch_size=batch_size, parse_all=parse_all)


def extract_here(items: Iterable[ArticleInput], *, lang: str | None = None, nlp: Language | None = None,
                 batch_size: int = DEFAULT_BATCH_SIZE, parse_all: bool = False) -> Iterator[Article]:
    """``extract_many`` in this process: articles in windows of about ``batch_size`` paragraphs."""
    nlp = nlp or load(lang, exclude=UNUSED_COMPONENTS)
    needs_parse = None if parse_all else cue_filter().needs_parse
    for window in _windows(iter(items), batch_size):
        texts = [item.text[p.start : p.end] for item, paragraphs in window for p in paragraphs]
        docs = iter(annotate(nlp, texts, needs_parse=needs_parse, batch_size=batch_size))
        for item, paragraphs in window:
            yield _article(item, paragraphs, list(islice(docs, len(paragraphs))), lang)


def _workers_from_environment() -> int | None:
    value = os.environ.get(WORKERS_VARIABLE, "").strip()
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"${WORKERS_VARIABLE} must be a whole number of worker processes, got {value!r}") from None


def _extract_auto(items: Iterator[ArticleInput], *, lang: str | None, batch_size: int,
                  parse_all: bool) -> Iterator[Article]:
    """One worker per core, unless so few articles come that starting workers costs more."""
    head = list(islice(items, MIN_ARTICLES_FOR_WORKERS))
    options = {"lang": lang, "batch_size": batch_size, "parse_all": parse_all}
    if len(head) < MIN_ARTICLES_FOR_WORKERS:
        yield from extract_here(head, **options)
    else:
        yield from extract_in_processes(chain(head, items), workers=available_cores(), **options)


def extract_in_processes(items: Iterable[ArticleInput], *, workers: int, lang: str | None = None,
                         batch_size: int = DEFAULT_BATCH_SIZE, parse_all: bool = False) -> Iterator[Article]:
    """``extract_many`` in ``workers`` worker processes (even one), each loading the shipped pipeline.

    Articles go out in tasks of about ``PARAGRAPHS_PER_TASK`` paragraphs and come back in input
    order; only a few tasks per worker are read ahead, so memory stays flat on any input size.
    """
    tasks = ([item for item, _paragraphs in window] for window in _windows(items, PARAGRAPHS_PER_TASK))
    options = (lang, batch_size, parse_all)
    results = ordered_map(_extract_task, ((task, options) for task in tasks), workers=workers,
                          initializer=_start_worker, initargs=(lang,))
    try:
        for articles in results:
            yield from articles
    except WorkersFailed as err:
        raise RuntimeError(
            f"{err}. A script that calls sitat.extract_many must start with "
            f"`if __name__ == \"__main__\":` before the call (worker processes import the script "
            f"again); or set {WORKERS_VARIABLE}=1 to extract in this process."
        ) from err


def _start_worker(lang: str | None) -> None:
    """Load the pipeline, the lexicons and the name lists before the first task arrives."""
    from .speakers.gender import preload

    load(lang, exclude=UNUSED_COMPONENTS)
    cue_filter()
    preload()


def _extract_task(task: tuple[list[ArticleInput], tuple[str | None, int, bool]]) -> list[Article]:
    items, (lang, batch_size, parse_all) = task
    return list(extract_here(items, lang=lang, batch_size=batch_size, parse_all=parse_all))


def _article(item: ArticleInput, paragraphs: list[Paragraph], docs: list, lang: str | None) -> Article:
    paras = paras_from_docs(item.text, paragraphs, docs)
    candidates = find_candidates(paras)
    registry = collect(paras, item.text)
    quotes, speakers = build_quotes(candidates, registry)
    return Article(
        text=item.text,
        lang=lang or detect_standard(item.text),
        title=item.title,
        source=item.source,
        quotes=quotes,
        speakers=speakers,
        meta=dict(item.meta),
    )


def _windows(items: Iterable[ArticleInput], paragraphs: int) -> Iterator[list[tuple[ArticleInput, list[Paragraph]]]]:
    """Consecutive articles, with their paragraphs, holding at least ``paragraphs`` paragraphs
    (the last window may hold fewer)."""
    window: list[tuple[ArticleInput, list[Paragraph]]] = []
    size = 0
    for item in items:
        found = split_paragraphs(item.text, title_line=item.title_line)
        window.append((item, found))
        size += len(found)
        if size >= paragraphs:
            yield window
            window, size = [], 0
    if window:
        yield window


@lru_cache(maxsize=1)
def cue_filter() -> CueFilter:
    """The paragraph test built from the quote lexicon: every word that can start a quote rule.

    Reporting verbs (single words and phrases such as "legger ikke skjul på"), "ifølge" and its
    phrases ("i følge"), quotation marks and dialogue dashes. A new rule that
    fires on anything else must add its trigger here, or its paragraphs go unparsed
    (tests/language/test_speed_prefilter.py compares against parsing everything).
    """
    lexicon = cues()
    phrases = [words for found in lexicon.verb_phrases.values() for words, _verb in found]
    # "la ordførar Haugen vekt på at": the subject splits a long phrase; its tail is the cue.
    phrases += [words[1:] for words in phrases if len(words) >= MIN_SPLIT_PHRASE_WORDS]
    phrases += list(lexicon.according_to_phrases)
    # "peker også på at": adverbs inside a two-word phrase (quotes.indirect.phrase_around_adverbs).
    phrases += [(words[0], adverb, words[1]) for found in lexicon.verb_phrases.values() for words, _verb in found
                if len(words) == 2 for adverb in skippable_adverbs()]
    marks = set(lexicon.quote_marks) | {c for closes in lexicon.quote_marks.values() for c in closes}
    return CueFilter.build(words=set(lexicon.verbs) | set(lexicon.according_to), phrases=phrases,
                           marks=marks, dashes=lexicon.dashes)

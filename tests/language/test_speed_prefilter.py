"""Parsing only paragraphs with a quote cue: which pass, what the others still get, same results."""

from pathlib import Path

import pytest
import spacy
from thinc.api import NumpyOps

from sitat.extract import cue_filter, extract_many
from sitat.language import model_path
from sitat.language.prefilter import CueFilter
from sitat.language.selective import annotate
from sitat.read.files import ArticleInput, read_text_file

ARTICLES = Path(__file__).parent.parent / "articles"

NO_CUE = "Brannvesenet rykket ut til Storgata i Hamar natt til søndag. Ingen ble skadd i brannen."
WITH_VERB = "Ordfører Kari Nordmo (Ap) sier at kommunen må spare penger neste år."
ACCORDING_TO = "Ifølge Statens vegvesen blir tunnelen stengt i tre uker."
GUILLEMETS = "Planen ble kalt «et løft for hele regionen» i søknaden."
DIALOGUE = "– Vi har aldri hatt så mange besøkende på en dag."
COLON_DASH = "Rektor Anne Bakken er tydelig: – Mobilen skal ligge i sekken."
HYPHENS = "Nato-sjefen og Frp-lederen møttes i Oslo, der kampen endte 2-1."

ARTICLE = (
    "Ny bru over Glomma\n\n"
    "Arbeidet med den nye brua over Glomma ved Kongsvinger startet mandag. Brua blir 300 meter lang.\n\n"
    "Prosjektleder Ingrid Solheim i Statens vegvesen er fornøyd med framdriften.\n\n"
    "– Vi ligger to uker foran planen, sier Solheim.\n\n"
    "Hun forteller at brua skal stå ferdig høsten 2027.\n\n"
    "Trafikken går som før over den gamle brua. Den ble bygd i 1952."
)


@pytest.fixture(scope="module")
def cues() -> CueFilter:
    return cue_filter()


@pytest.mark.parametrize("text", [WITH_VERB, ACCORDING_TO, GUILLEMETS, DIALOGUE, COLON_DASH])
def test_prefilter_passes_paragraphs_with_a_cue(nlp, cues, text):
    assert cues.needs_parse(nlp.make_doc(text))


@pytest.mark.parametrize("text", [NO_CUE, HYPHENS, "   "])
def test_prefilter_skips_paragraphs_without_a_cue(nlp, cues, text):
    assert not cues.needs_parse(nlp.make_doc(text))


def test_prefilter_built_from_explicit_words_is_case_insensitive(nlp):
    custom = CueFilter.build(words=["Uttaler", ""], marks=["«"], dashes=["–"])
    assert custom.needs_parse(nlp.make_doc("Politiet UTTALER lite om saken."))
    assert not custom.needs_parse(nlp.make_doc("Politiet sier lite om saken."))


def test_annotate_parses_only_cue_paragraphs_but_gives_all_names_and_sentences(nlp, cues):
    texts = [NO_CUE, WITH_VERB, "Statsminister Jonas Gahr Støre besøkte Tromsø. Han kom med fly."]
    docs = list(annotate(nlp, texts, needs_parse=cues.needs_parse, batch_size=2))
    assert [doc.text for doc in docs] == texts
    assert docs[1].has_annotation("DEP") and not docs[0].has_annotation("DEP")
    assert not docs[2].has_annotation("DEP")
    # The unparsed paragraphs still have sentences, tags and entities for the speaker resolver.
    assert [s.text for s in docs[2].sents] == ["Statsminister Jonas Gahr Støre besøkte Tromsø.", "Han kom med fly."]
    assert any(ent.label_ == "PER" and "Støre" in ent.text for ent in docs[2].ents)
    assert all(token.pos_ for token in docs[0])


def test_annotate_without_a_test_parses_everything(nlp):
    docs = list(annotate(nlp, [NO_CUE, HYPHENS]))
    assert all(doc.has_annotation("DEP") for doc in docs)


def test_annotate_rejects_an_empty_batch_size(nlp):
    with pytest.raises(ValueError, match="batch_size"):
        list(annotate(nlp, [NO_CUE], batch_size=0))


def test_skipping_the_parse_changes_no_quote_or_speaker():
    """The filter must pass every paragraph a rule can use: compare with parsing everything."""
    items = [read_text_file(path) for path in sorted(ARTICLES.glob("*.txt"))]
    items.append(ArticleInput(text=ARTICLE, source="bru", title_line=True))
    fast = list(extract_many(items, workers=1))
    full = list(extract_many(items, workers=1, parse_all=True))
    assert sum(len(a.quotes) for a in fast) > 50
    for a, b in zip(fast, full):
        assert [q.to_dict(explain=True) for q in a.quotes] == [q.to_dict(explain=True) for q in b.quotes], a.source
        assert a.speakers == b.speakers, a.source


def test_batching_across_articles_gives_what_each_article_gives_alone():
    text = ARTICLE
    layouts = [text, text.replace("\n\n", "\r\n\r\n"), "\n\n  " + text.replace("\n\n", "\n")]
    items = [ArticleInput(text=t, source=str(n), title_line=n < 2) for n, t in enumerate(layouts)]
    together = list(extract_many(items, workers=1, batch_size=3))
    for item, article in zip(items, together):
        alone = next(extract_many([item], workers=1))
        assert [q.to_dict() for q in article.quotes] == [q.to_dict() for q in alone.quotes]
        assert article.quotes, item.source
        for quote in article.quotes:
            assert item.text[quote.start : quote.end] == quote.text
            mention = quote.speaker.mention
            assert mention is None or item.text[mention.start : mention.end] == mention.text
    speakers = {q.speaker.name for a in together for q in a.quotes}
    assert "Ingrid Solheim" in speakers


def test_shipped_pipeline_multiplies_with_numpy_and_annotates_as_stock_spacy(nlp):
    """Routing the maths through NumPy must not change a single tag, arc or entity."""
    assert all(isinstance(node.ops, NumpyOps) and not node.ops.use_blis
               for _name, component in nlp.pipeline if hasattr(component, "model")
               for node in component.model.walk())
    stock = spacy.load(model_path())
    texts = [NO_CUE, WITH_VERB, ACCORDING_TO, COLON_DASH, *ARTICLE.split("\n\n")]
    for ours, theirs in zip(nlp.pipe(texts), stock.pipe(texts)):
        assert [(t.tag_, t.pos_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in ours] == \
               [(t.tag_, t.pos_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in theirs]

"""The sitat_quotes spaCy component composes with nlp.pipe and survives DocBin."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import DocBin

from sitat.language import model_path

TEXT = (
    "Nato-toppmøtet\n\n"
    "Nato-sjef Mark Rutte møtte pressen i Haag torsdag.\n\n"
    "– Vi står samlet. Ingen skal tvile på det, sa Rutte.\n\n"
    "Ifølge NTB skal statsministrene møtes igjen i juni."
)


@pytest.fixture(scope="module")
def quote_nlp():
    # A fresh copy, so adding the component does not change the pipeline extract() shares.
    nlp = spacy.load(model_path())
    nlp.add_pipe("sitat_quotes", config={"title_line": True})
    return nlp


def test_component_sets_quotes_and_spans(quote_nlp):
    doc = quote_nlp(TEXT)
    texts = [q["text"] for q in doc._.quotes]
    assert "Vi står samlet. Ingen skal tvile på det" in texts
    rutte = next(q for q in doc._.quotes if q["text"].startswith("Vi står"))
    assert rutte["speaker"]["name"] == "Mark Rutte"
    assert rutte["type"] == "direct"
    assert [s.label_ for s in doc.spans["sitat_quotes"]] == [q["type"] for q in doc._.quotes]


def test_component_results_survive_docbin(quote_nlp):
    doc = quote_nlp(TEXT)
    restored = list(DocBin(docs=[doc], store_user_data=True).get_docs(quote_nlp.vocab))[0]
    assert list(restored._.quotes) == doc._.quotes
    assert len(restored.spans["sitat_quotes"]) == len(doc.spans["sitat_quotes"])


def test_component_two_processes(quote_nlp):
    docs = list(quote_nlp.pipe([TEXT, TEXT.replace("Rutte.", "han.")], n_process=2))
    assert all(doc._.quotes for doc in docs)
    assert docs[1]._.quotes[0]["speaker"]["name"] in ("Mark Rutte", None)


def test_component_reads_every_shipped_article_whole(quote_nlp):
    """One Doc per article: a parsed sentence may cross a paragraph break (a name in the next
    paragraph, a complement cut at the break); no crash and no empty quote."""
    from pathlib import Path

    for path in sorted((Path(__file__).parent.parent / "articles").glob("*.txt")):
        doc = quote_nlp(path.read_text(encoding="utf-8"))
        assert doc._.quotes, path.name
        for quote in doc._.quotes:
            assert quote["end"] > quote["start"] and quote["text"] == doc.text[quote["start"] : quote["end"]], path.name

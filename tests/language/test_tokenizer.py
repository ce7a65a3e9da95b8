import pytest
import spacy

from sitat.language.tokenizer import customize_tokenizer


@pytest.fixture(scope="module")
def tokenizer():
    return customize_tokenizer(spacy.blank("nb")).tokenizer


@pytest.mark.parametrize(
    "text, tokens",
    [
        ("– Vi er klare, sa Putin.", ["–", "Vi", "er", "klare", ",", "sa", "Putin", "."]),
        ("-Vi er klare, sa han.", ["-", "Vi", "er", "klare", ",", "sa", "han", "."]),
        ("—Nei!", ["—", "Nei", "!"]),
        ("bl.a. f.eks. kl. 14.30 nr. 3", ["bl.a.", "f.eks.", "kl.", "14.30", "nr.", "3"]),
        ("130.000 kroner og 50–60 prosent", ["130.000", "kroner", "og", "50–60", "prosent"]),
        ("Jonas Gahr Støre (Ap) sa", ["Jonas", "Gahr", "Støre", "(", "Ap", ")", "sa"]),
        ("Iflg. prof. Holm, t.d. i Volda", ["Iflg.", "prof.", "Holm", ",", "t.d.", "i", "Volda"]),
        ("«Vi er klare», sa hun.", ["«", "Vi", "er", "klare", "»", ",", "sa", "hun", "."]),
    ],
)
def test_tokenizer_news_cases(tokenizer, text, tokens):
    assert [t.text for t in tokenizer(text)] == tokens


def test_tokenizer_rules_survive_serialisation(tokenizer):
    nlp = spacy.blank("nb")
    nlp.tokenizer.from_bytes(tokenizer.to_bytes())
    assert [t.text for t in nlp("-Vi sa det iflg. prof. Holm.")] == ["-", "Vi", "sa", "det", "iflg.", "prof.", "Holm", "."]

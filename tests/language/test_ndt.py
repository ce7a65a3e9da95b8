"""The NDT reader and converter, on the shared corpora (skipped where they are absent)."""

import spacy

from sitat.language.ndt import chunks, guess_spaces, read_chunk, sentences_to_doc, split_of


def test_guess_spaces_punctuation_and_quotes():
    words = ["Han", "sa", ":", '"', "Nei", '"', ",", "og", "(", "Ap", ")", "."]
    text = "".join(w + (" " if s else "") for w, s in zip(words, guess_spaces(words)))
    assert text == 'Han sa: "Nei", og (Ap). '


def test_split_membership_from_the_data_readme():
    assert split_of("nb", "ap014_0003") == "test"
    assert split_of("nb", "ap013_0000") == "dev"
    assert split_of("nb", "kk006_0000") == "train"
    assert split_of("nn", "dot015_0003") == "test"
    assert split_of("nb", "db001b_0001") == "train"


def test_split_sentence_counts_match_the_readme(corpus_dir):
    counts = {split: sum(1 for f in chunks("nb", split, corpus_dir) for _ in read_chunk(f)) for split in ("dev", "test")}
    assert counts == {"dev": 2410, "test": 1939}


def test_gold_doc_relabels_roots_and_drops_headline_marks(corpus_dir):
    sentences = list(read_chunk(chunks("nb", "test", corpus_dir)[0]))[:10]
    doc = sentences_to_doc(spacy.blank("nb").vocab, sentences)
    roots = [t for t in doc if t.head == t]
    assert roots and all(t.dep_ == "ROOT" for t in roots)
    assert "|" not in [t.text for t in doc]
    assert not any(t.lemma_.startswith("$") for t in doc)
    assert len(list(doc.sents)) == 10

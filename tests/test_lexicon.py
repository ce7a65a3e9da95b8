import pytest

from sitat.errors import LexiconError
from sitat.lexicon import parse_tsv


def test_parse_tsv_reads_rows_and_skips_comments():
    text = "# why\nform\tlemma\n\nsier\tsi\n# more\nseier\tseie\n"
    rows = parse_tsv(text, "verbs.tsv")
    assert [(r["form"], r["lemma"], r["_line"]) for r in rows] == [("sier", "si", "4"), ("seier", "seie", "6")]


def test_parse_tsv_names_file_and_line_of_a_bad_row():
    with pytest.raises(LexiconError, match=r"E001 verbs.tsv:3: expected 2"):
        parse_tsv("form\tlemma\nsier\tsi\nsa\tsi\tekstra\n", "verbs.tsv")


def test_parse_tsv_required_column():
    with pytest.raises(LexiconError, match=r"E002 verbs.tsv:2: empty value in column 'lemma'"):
        parse_tsv("form\tlemma\nsier\t\n", "verbs.tsv", required=("lemma",))

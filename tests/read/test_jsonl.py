"""JSONL corpora: records with metadata, every bad record reported with file:line, gzip."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from sitat.errors import InputError
from sitat.read.files import iter_inputs
from sitat.read.jsonl import read_jsonl

ARTICLES = Path(__file__).parent.parent / "articles"
FIXTURES = Path(__file__).parent / "fixtures"
WITH_ERRORS = FIXTURES / "korpus_med_feil.jsonl"
RAS = {"id": "ras-1", "title": "Steinras stenger E16", "text": "Et steinras gikk over E16 natt til mandag.\n– Veien er stengt, sier vaktleder Arne Lien."}


def split(items):
    good = [i for i in items if not isinstance(i, InputError)]
    bad = [str(i) for i in items if isinstance(i, InputError)]
    return good, bad


def write_jsonl(path: Path, records: list) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_records_carry_metadata_and_no_title_line():
    good, bad = split(list(read_jsonl(ARTICLES / "nyheter.jsonl")))
    assert bad == []
    assert [i.meta["id"] for i in good] == ["nrk-2024-0311-ras", "20240412", "vp-2024-0520-havn"]
    ras, buss, havn = good
    assert ras.source == f"{ARTICLES / 'nyheter.jsonl'}:1"
    assert ras.title == "Steinras stenger E16 i Nærøydalen" and not ras.title_line
    assert ras.meta["authors"] == ["Marit Aasen", "Jon Eik"]
    assert ras.meta["published"] == "2024-03-11T07:45:00+01:00"
    assert ras.meta["outlet"] == "Nyhetsbyrået" and ras.meta["section"] == "Innenriks"
    assert ras.text.startswith("Et steinras gikk over E16")
    assert buss.meta["authors"] == ["Ragnhild Sande"] and buss.meta["published"] == "2024-04-12"
    assert "section" not in buss.meta  # missing metadata is fine


def test_jsonl_html_record_is_extracted_and_the_record_wins():
    havn = list(read_jsonl(ARTICLES / "nyheter.jsonl"))[2]
    assert havn.title == "Havnen i Ålesund får landstrøm"
    assert havn.text.startswith("Cruiseskip som legger til i Ålesund")  # no <h1>, no <nav>
    assert "Forsiden" not in havn.text and "ansvarlig redaktør" not in havn.text
    assert havn.meta["url"] == "https://vestlandsposten.example/naering/landstrom-alesund"
    assert havn.meta["published"] == "2024-05-20T12:00:00+02:00"
    assert havn.meta["section"] == "Næringsliv"  # from the record, not the page


def test_jsonl_bad_records_are_named_by_line_and_the_rest_is_read():
    good, bad = split(list(iter_inputs([str(WITH_ERRORS)])))
    assert [i.meta["id"] for i in good] == ["bt-0001", "bt-0005"]
    assert [m[:4] for m in bad] == ["E040", "E042", "E043"]
    assert f"{WITH_ERRORS}:2:" in bad[0]
    assert f"{WITH_ERRORS}:3:" in bad[1] and "'authors'" in bad[1] and "a number" in bad[1]
    assert good[1].meta["authors"] == ["Per Hauge", "Siri Tveit"]


@pytest.mark.parametrize(
    "record, code, words",
    [
        ("[1, 2, 3]", "E041", "a list"),
        ({"text": "Hei.", "id": 3.5}, "E042", "'id'"),
        ({"text": "Hei.", "id": True}, "E042", "true/false"),
        ({"text": 17}, "E042", "'text'"),
        ({"text": "Hei.", "authors": ["Kari", 7]}, "E042", "non-string"),
        ({"text": "Hei.", "published": "3. oktober 2024"}, "E045", "3. oktober 2024"),
        ({"title": "Bare tittel"}, "E043", "'text' or 'html'"),
        ({"html": "<html><body><div><img src='a.jpg'></div></body></html>"}, "E047", "no article text"),
    ],
)
def test_jsonl_wrong_record_gets_its_code(tmp_path, record, code, words):
    path = write_jsonl(tmp_path / "korpus.jsonl", [record, RAS])
    good, bad = split(list(read_jsonl(path)))
    assert len(bad) == 1 and bad[0].startswith(f"{code} {path}:1") and words in bad[0]
    assert [i.meta["id"] for i in good] == ["ras-1"]


def test_jsonl_null_metadata_counts_as_missing(tmp_path):
    path = write_jsonl(tmp_path / "korpus.jsonl", [RAS | {"url": None, "authors": None, "published": None}])
    (item,) = read_jsonl(path)
    assert item.meta == {"id": "ras-1"}


def test_jsonl_record_over_the_size_limit_is_skipped_not_read(tmp_path):
    big = RAS | {"id": "stor", "text": "Lang tekst. " * 2000}
    path = write_jsonl(tmp_path / "korpus.jsonl", [big, RAS])
    good, bad = split(list(read_jsonl(path, max_bytes=4096)))
    assert len(bad) == 1 and bad[0].startswith(f"E044 {path}:1") and "4096" in bad[0]
    assert [i.meta["id"] for i in good] == ["ras-1"]


def test_jsonl_line_that_is_not_utf8(tmp_path):
    path = tmp_path / "korpus.jsonl"
    path.write_bytes(b'{"text": "Bl\xe5b\xe6r"}\n' + json.dumps(RAS).encode() + b"\n")
    good, bad = split(list(read_jsonl(path)))
    assert bad[0].startswith(f"E049 {path}:1") and len(good) == 1


def test_jsonl_binary_file_is_one_error(tmp_path):
    path = tmp_path / "bilde.jsonl"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50)
    assert [str(e)[:4] for e in read_jsonl(path)] == ["E012"]


def test_jsonl_gz_round_trip(tmp_path):
    path = tmp_path / "korpus.jsonl.gz"
    path.write_bytes(gzip.compress(WITH_ERRORS.read_bytes()))
    good, bad = split(list(iter_inputs([str(tmp_path)])))
    assert [i.meta["id"] for i in good] == ["bt-0001", "bt-0005"]
    assert [m[:4] for m in bad] == ["E040", "E042", "E043"] and f"{path}:2:" in bad[0]
    assert good[0].text == list(read_jsonl(WITH_ERRORS))[0].text


def test_jsonl_truncated_gz_keeps_what_came_before(tmp_path):
    data = gzip.compress((json.dumps(RAS, ensure_ascii=False) + "\n").encode() * 200)
    path = tmp_path / "avkuttet.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    good, bad = split(list(read_jsonl(path)))
    assert len(bad) == 1 and bad[0].startswith(f"E046 {path}")
    assert all(i.meta["id"] == "ras-1" for i in good)


def test_jsonl_gz_that_is_not_gzip(tmp_path):
    path = tmp_path / "feil.jsonl.gz"
    path.write_text(json.dumps(RAS), encoding="utf-8")
    assert [str(e)[:4] for e in read_jsonl(path)] == ["E046"]

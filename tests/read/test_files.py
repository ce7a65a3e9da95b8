from pathlib import Path

import pytest

from sitat.errors import InputError
from sitat.read.files import iter_inputs, read_text_file


def test_read_text_file_keeps_text_and_takes_title(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Flom i Voss\n\n– Vatnet stig, seier ho.\n", encoding="utf-8")
    item = read_text_file(path)
    assert item.title == "Flom i Voss"
    assert item.text == "Flom i Voss\n\n– Vatnet stig, seier ho.\n"
    assert item.title_line


@pytest.mark.parametrize(
    "data, code",
    [(b"", "E011"), (b"  \n\n ", "E011"), (b"abc\x00def", "E012"), (b"Bl\xe5b\xe6r", "E013")],
)
def test_read_text_file_rejects_bad_input_with_named_error(tmp_path, data, code):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as err:
        read_text_file(path)
    assert str(err.value).startswith(code)
    assert str(path) in str(err.value)


def test_read_text_file_strips_bom_only(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffTittel\n\nTekst.".encode("utf-8"))
    assert read_text_file(path).text == "Tittel\n\nTekst."


def test_iter_inputs_yields_errors_and_goes_on(tmp_path):
    good = tmp_path / "god.txt"
    good.write_text("Tittel\n\nTekst.", encoding="utf-8")
    (tmp_path / "tom.txt").write_text("", encoding="utf-8")
    items = list(iter_inputs([str(tmp_path), str(tmp_path / "mangler.txt")]))
    errors = [i for i in items if isinstance(i, InputError)]
    assert [i.source for i in items if not isinstance(i, InputError)] == [str(good)]
    assert sorted(str(e)[:4] for e in errors) == ["E010", "E011"]


def test_expand_paths_walks_articles_and_corpora_only(tmp_path):
    for name in ("a.txt", "b.html", "c.htm", "d.jsonl", "e.jsonl.gz", "notater.docx", "f.gz", "g.json"):
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "under").mkdir()
    (tmp_path / "under" / "h.TXT").write_bytes(b"x")
    from sitat.read.files import expand_paths

    names = [Path(p).name for p in expand_paths([str(tmp_path)])]
    assert names == ["a.txt", "b.html", "c.htm", "d.jsonl", "e.jsonl.gz", "h.TXT"]


def test_iter_inputs_mixes_kinds_and_globs(tmp_path):
    import gzip
    import json

    (tmp_path / "a.txt").write_text("Flom i Voss\n\n– Vatnet stig, seier ho.", encoding="utf-8")
    record = {"id": 1, "text": "– Vi er klare, sier Støre."}
    (tmp_path / "b.jsonl.gz").write_bytes(gzip.compress((json.dumps(record) + "\n").encode()))
    items = list(iter_inputs([str(tmp_path / "*.txt"), str(tmp_path / "b.*")]))
    assert [(i.source, i.title_line) for i in items] == [(str(tmp_path / "a.txt"), True), (f"{tmp_path / 'b.jsonl.gz'}:1", False)]
    assert items[1].meta == {"id": "1"}


def test_iter_inputs_file_over_the_size_limit(tmp_path):
    path = tmp_path / "stor.txt"
    path.write_text("Tittel\n\n" + "Tekst. " * 1000, encoding="utf-8")
    (error,) = iter_inputs([str(path)], max_bytes=1000)
    assert str(error).startswith(f"E048 {path}")


def test_stdin_is_one_text_article(monkeypatch):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("Tittel\n\n– Hei, sa hun.".encode())))
    (item,) = iter_inputs(["-"])
    assert item.source == "-" and item.title == "Tittel" and item.title_line


def test_count_inputs_counts_records(tmp_path):
    from sitat.read.files import count_inputs

    (tmp_path / "a.txt").write_text("T\n\nx", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"text": "x"}\n\n{"text": "y"}\n{broken\n', encoding="utf-8")
    assert count_inputs([str(tmp_path)]) == 4
    assert count_inputs([str(tmp_path), "-"]) is None

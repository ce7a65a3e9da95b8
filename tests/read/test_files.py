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

"""HTML pages through trafilatura: the article text and its metadata, nothing of the page around it."""

from __future__ import annotations

from pathlib import Path

from sitat.errors import InputError
from sitat.read.files import iter_inputs
from sitat.read.html import html_to_input
from sitat.read.paragraphs import split_paragraphs

PAGE = Path(__file__).parent.parent / "articles" / "bybane_asane.html"


def test_html_page_text_and_metadata():
    (item,) = iter_inputs([str(PAGE)])
    assert item.source == str(PAGE)
    assert item.title == "Bybanen til Åsane blir to år forsinket" and not item.title_line
    assert item.meta == {
        "url": "https://vestlandsposten.example/nyheter/bergen/bybanen-til-asane-forsinket",
        "outlet": "Vestlandsposten",
        "section": "Bergen",
        "authors": ["Kari Nordvik"],
        "published": "2024-10-03T09:12:00+02:00",
    }


def test_html_text_is_the_article_only():
    (item,) = iter_inputs([str(PAGE)])
    assert item.text.startswith("Byggingen av bybanen")  # the <h1> is the title, not the text
    assert "– Vi har møtt mer krevende grunnforhold" in item.text
    assert "«en ren skandale for folk i Åsane»" in item.text
    for page_furniture in ("Meninger", "Les også", "informasjonskapsler", "dataLayer", "Georgia"):
        assert page_furniture not in item.text
    paragraphs = [item.text[p.start : p.end] for p in split_paragraphs(item.text)]
    assert len(paragraphs) == 8 and paragraphs[-1] == "Hun mener byrådet burde ha varslet om problemene allerede i vår."


def test_html_without_article_text_is_reported(tmp_path):
    page = tmp_path / "meny.html"
    page.write_text("<html><head><title>Bilder</title></head><body><div><img src='a.jpg'></div></body></html>", encoding="utf-8")
    empty = tmp_path / "tom.htm"
    empty.write_text("  \n", encoding="utf-8")
    errors = list(iter_inputs([str(page), str(empty)]))
    assert all(isinstance(e, InputError) for e in errors)
    assert [str(e)[:4] for e in errors] == ["E047", "E011"] and str(page) in str(errors[0])


def test_html_binary_is_reported(tmp_path):
    page = tmp_path / "bilde.html"
    page.write_bytes(b"GIF89a\x00\x01\x00\x00" * 20)
    (error,) = iter_inputs([str(page)])
    assert str(error).startswith(f"E012 {page}")


def test_html_declared_charset_is_honoured():
    html = ('<html><head><meta charset="windows-1252"><title>Bl\xe5b\xe6r</title></head><body><article>'
            "<p>Sankingen av bl\xe5b\xe6r er godt i gang i \xd8stmarka, og s\xe6songen ser ut til \xe5 bli "
            "bedre enn i fjor etter en varm og fuktig sommer.</p><p>\u2013 Det er mye b\xe6r i \xe5r, sier "
            "soppkontroll\xf8r Eva Li.</p></article></body></html>").encode("cp1252")
    item = html_to_input(html, source="blabaer.html")
    assert "blåbær er godt i gang i Østmarka" in item.text and "– Det er mye bær i år" in item.text

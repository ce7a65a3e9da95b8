from sitat.read.paragraphs import split_paragraphs

TEXT = "Tittel her\n\n– Vi er klare, sa Putin.\n\n  Han la til at det haster.  \n\n\nSiste avsnitt."


def test_paragraphs_offsets_index_the_text_as_given():
    paragraphs = split_paragraphs(TEXT, title_line=True)
    texts = [TEXT[p.start : p.end] for p in paragraphs]
    assert texts == ["Tittel her", "– Vi er klare, sa Putin.", "Han la til at det haster.", "Siste avsnitt."]
    assert paragraphs[0].headline and not any(p.headline for p in paragraphs[1:])


def test_paragraphs_single_newlines_split_when_no_blank_line():
    text = "Første avsnitt.\nAndre avsnitt.\r\nTredje."
    texts = [text[p.start : p.end] for p in split_paragraphs(text)]
    assert texts == ["Første avsnitt.", "Andre avsnitt.", "Tredje."]


def test_paragraphs_title_without_body():
    paragraphs = split_paragraphs("Bare en tittel", title_line=True)
    assert [(p.start, p.end, p.headline) for p in paragraphs] == [(0, 14, True)]


def test_paragraphs_empty_text():
    assert split_paragraphs("   \n\n  ") == []

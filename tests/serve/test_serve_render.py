"""The pieces pages are drawn from: marked segments, highlight offsets, chart geometry."""

from __future__ import annotations

import pytest

from sitat.serve.queries import highlight_html, matches_of, query_terms
from sitat.serve.render import (
    Colours,
    Mark,
    month_range,
    segments,
    stacked_rows,
    timeline_bars,
)

TEXT = "Bybrua stenges\n\n– Vi har ikke noe valg, sier byrådsleder Ingrid Solberg (Ap)."


def test_serve_segments_cover_the_text_exactly_and_mark_quote_cue_and_mention():
    quote = TEXT.index("Vi har")
    cue = TEXT.index("sier")
    mention = TEXT.index("Ingrid")
    marks = [Mark(quote, TEXT.index(", sier"), "quote", 7, 0), Mark(cue, cue + 4, "cue", 7, 0),
             Mark(mention, mention + len("Ingrid Solberg"), "mention", 7, 0, speaker=12)]
    segs = segments(TEXT, marks)
    assert "".join(s.text for s in segs) == TEXT
    assert all(TEXT[s.start:s.end] == s.text for s in segs)
    quoted = [s for s in segs if s.quote == 7]
    assert "".join(s.text for s in quoted) == "Vi har ikke noe valg"
    assert quoted[0].anchor == 7 and quoted[-1].label_after == 7
    assert [s.text for s in segs if s.cue] == ["sier"]
    assert [(s.text, s.mention_speaker) for s in segs if s.mention] == [("Ingrid Solberg", 12)]
    assert "spk-0" in quoted[0].classes and "q" in quoted[0].classes


def test_serve_segments_handle_nested_overlapping_and_out_of_range_marks():
    text = "«Dette er galt», sier Eva Lie, og «helt feil»."
    marks = [Mark(0, 15, "quote", 1, 2), Mark(5, 20, "mention", None, 3, speaker=9),  # overlaps the quote's end
             Mark(33, 99, "quote", 2, None),  # runs past the text: clipped
             Mark(10, 10, "cue", 1, 2)]  # empty: dropped
    segs = segments(text, marks)
    assert "".join(s.text for s in segs) == text
    both = [s for s in segs if s.quote == 1 and s.mention]
    assert "".join(s.text for s in both) == text[5:15]
    assert [s for s in segs if s.quote == 2][-1].end == len(text)
    assert "spk-none" in [s for s in segs if s.quote == 2][0].classes
    assert not any(s.cue for s in segs)


def test_serve_segments_use_python_str_offsets_for_astral_characters():
    text = "😀 – Vi er klare 🇳🇴, sier Ola."
    start, end = text.index("Vi"), text.index(",")
    segs = segments(text, [Mark(start, end, "quote", 1, 0)])
    assert [s.text for s in segs if s.quote] == ["Vi er klare 🇳🇴"]


def test_serve_colours_follow_first_appearance_and_wrap():
    colours = Colours()
    assert [colours(k) for k in ("a", "b", "a", None)] == [0, 1, 0, None]
    assert [colours(n) for n in range(10)][-1] == 3  # the 12th speaker over 8 colours: 11 % 8


@pytest.mark.parametrize("text,query,expected", [
    ("Skatten skal ned, sa hun om skatten.", "skatten", [(0, 7), (28, 35)]),
    ("Skatt og skattekutt", "skatt*", [(0, 5), (9, 19)]),
    ("Han sa at de er uten dekning i dag, uten tvil.", '"uten dekning"', [(16, 28)]),
    ("Blåbær og blabaer", "blåbær", [(0, 6)]),  # æ, ø, å are letters of their own, as in the index
    ("😀 Skatten 🇳🇴 skal ned", "skatt*", [(2, 9)]),  # str offsets past astral characters
    ("Ingen treff her", "skatt", []),
])
def test_serve_matches_of_marks_what_the_query_matched(text, query, expected):
    from sitat.store.search import escape_query

    spans = matches_of(text, query_terms(escape_query(query)))
    assert spans == expected


def test_serve_highlight_html_escapes_everything_but_its_marks():
    text = '<b>skatt</b> & "mer"'
    html = highlight_html(text, [(3, 8)])
    assert html == "&lt;b&gt;<mark>skatt</mark>&lt;/b&gt; &amp; &#34;mer&#34;"


def test_serve_timeline_fills_empty_months_and_keeps_undated_last():
    chart = timeline_bars([{"month": "2023-11", "quotes": 2}, {"month": "2024-02", "quotes": 4},
                           {"month": "unknown", "quotes": 1}])
    assert [b["label"] for b in chart["bars"]] == ["2023-11", "2023-12", "2024-01", "2024-02", "uten dato"]
    assert [b["quotes"] for b in chart["bars"]] == [2, 0, 0, 4, 1]
    tallest = chart["bars"][3]
    assert tallest["h"] == chart["height"] and tallest["y"] == 0
    assert month_range("2024-11", "2025-02") == ["2024-11", "2024-12", "2025-01", "2025-02"]
    assert timeline_bars([])["bars"] == []


def test_serve_stacked_rows_are_shares_that_fill_the_bar():
    dims = lambda f, m: {"gender": [{"value": "f", "quotes": f}, {"value": "m", "quotes": m}]}
    groups = [{"key": "Vestlandsposten", "totals": {"quotes": 4}, "dimensions": dims(1, 3)},
              {"key": "Nyhetsbyrået", "totals": {"quotes": 2}, "dimensions": dims(2, 0)}]
    chart = stacked_rows(groups, "gender")
    assert [item["label"] for item in chart["legend"]] == ["kvinner", "menn"]
    first = chart["rows"][0]["segments"]
    assert [(s["label"], s["w"]) for s in first] == [("kvinner", 25.0), ("menn", 75.0)]
    assert first[1]["x"] == 25.0
    assert [(s["label"], s["w"]) for s in chart["rows"][1]["segments"]] == [("kvinner", 100.0)]


def test_serve_stacked_rows_pool_the_long_tail():
    values = [{"value": f"P{n}", "quotes": 10 - n} for n in range(10)]
    chart = stacked_rows([{"key": "alle", "totals": {"quotes": 55}, "dimensions": {"party": values}}], "party", top=3)
    assert [item["label"] for item in chart["legend"]] == ["P0", "P1", "P2", "andre"]
    assert chart["rows"][0]["segments"][-1]["count"] == 55 - 10 - 9 - 8
    assert round(sum(s["w"] for s in chart["rows"][0]["segments"]), 6) == 100.0

"""The quote engine end to end on articles we wrote (tests/articles), with the shipped model."""

from __future__ import annotations

from pathlib import Path

import pytest

import sitat
from sitat.read.files import read_text_file

ARTICLES = Path(__file__).parent.parent / "articles"


def article_path(name: str) -> Path:
    return ARTICLES / name


@pytest.fixture(scope="module")
def ukraina():
    item = read_text_file(article_path("ukraina_diplomati.txt"))
    return sitat.extract(item.text, title=item.title, source=item.source, title_line=True)


@pytest.fixture(scope="module")
def voss():
    item = read_text_file(article_path("flaum_voss.txt"))
    return sitat.extract(item.text, title=item.title, source=item.source, title_line=True)


def find(article, snippet):
    matches = [q for q in article.quotes if snippet in q.text]
    assert matches, f"no quote containing {snippet!r}; got {[q.text for q in article.quotes]}"
    return matches[0]


def test_offsets_index_the_text_as_given(ukraina):
    for quote in ukraina.quotes:
        assert ukraina.text[quote.start : quote.end] == quote.text
        if quote.cue:
            assert ukraina.text[quote.cue.start : quote.cue.end] == quote.cue.text
        if quote.speaker.mention:
            m = quote.speaker.mention
            assert ukraina.text[m.start : m.end] == m.text


def test_dash_quote_with_inverted_attribution(ukraina):
    quote = find(ukraina, "Vi er ikke i mål")
    assert quote.type == "direct"
    assert quote.text.startswith("Diplomatiet virker.")
    assert quote.text.endswith("for et halvt år siden")
    assert quote.cue.text == "sier"
    assert quote.speaker.name == "Espen Barth Eide"
    assert quote.speaker.party == "Ap"


def test_pronoun_resolves_to_the_person_before(ukraina):
    quote = find(ukraina, "en ny samtalerunde er planlagt")
    assert quote.type == "indirect"
    assert quote.speaker.mention.text == "Han"
    assert quote.speaker.name == "Espen Barth Eide"


def test_gender_decides_between_two_people(ukraina):
    his = find(ukraina, "Norge vil fortsette å støtte Ukraina")
    hers = find(ukraina, "sanksjonene mot Russland fortsatt virker")
    assert his.speaker.name == "Espen Barth Eide"
    assert hers.speaker.name == "Anna Kvam"


def test_mixed_quote_with_guillemets(ukraina):
    quote = find(ukraina, "«konstruktive, men krevende»")
    assert quote.type == "mixed"
    assert quote.speaker.name == "Dmitrij Peskov"


def test_vague_source_has_no_speaker(ukraina):
    quote = find(ukraina, "USA presser Ukraina")
    assert quote.speaker.name is None


def test_headline_quote_takes_the_speaker_named_in_the_body(ukraina):
    headline = [q for q in ukraina.quotes if q.start == ukraina.text.index("Diplomatiet virker")]
    assert headline and headline[0].speaker.name == "Espen Barth Eide"


def test_nynorsk_dash_quote_attribution_in_the_middle(voss):
    quote = find(voss, "Situasjonen")
    assert quote.type == "direct"
    assert "god oversikt" in quote.text
    assert quote.speaker.name == "Tore Hauge"


def test_nynorsk_ifolgje_and_role(voss):
    police = find(voss, "ingen meldt sakna")
    assert police.cue.text.lower() == "ifølgje"
    assert police.speaker.name.lower() == "politiet"
    mayor = find(voss, "Dette er verre enn flaumen i 2014")
    assert mayor.speaker.name == "Sigrid Rykkje"
    assert mayor.speaker.party == "Sp"
    assert mayor.speaker.gender == "f"


def test_perception_verb_is_not_a_statement(voss):
    assert not [q for q in voss.quotes if "vatnet stig for kvar time" in q.text]


def test_article_to_dict_shape(ukraina):
    data = ukraina.to_dict()
    assert data["lang"] == "nb" and data["source"].endswith("ukraina_diplomati.txt")
    quote = data["quotes"][0]
    assert set(quote) >= {"text", "start", "end", "type", "cue", "speaker", "confidence"}
    assert set(quote["speaker"]) >= {"name", "mention", "entity", "role", "organisation", "party", "country", "gender"}


@pytest.fixture(scope="module")
def nato():
    item = read_text_file(article_path("nato_toppmote.txt"))
    return sitat.extract(item.text, title=item.title, source=item.source, title_line=True)


def test_role_phrases_resolve_to_the_person_given_that_role(nato):
    natos = find(nato, "samtlige medlemsland")
    assert natos.speaker.mention.text == "Natos generalsekretær"
    assert natos.speaker.name == "Mark Rutte"
    swedish = [q for q in nato.quotes if q.speaker.mention and q.speaker.mention.text == "den svenske statsministeren"]
    assert swedish and swedish[0].speaker.name == "Ulf Kristersson"


def test_media_frame_gives_both_layers(nato):
    outer = find(nato, "USA sier at de vil opprettholde")
    inner = [q for q in nato.quotes if q.text.startswith("de vil opprettholde")]
    assert outer.speaker.name == "Reuters" and outer.type == "indirect"
    assert inner and inner[0].speaker.name == "USA"
    back = find(nato, "skeptisk til deler av planen")
    assert back.speaker.name == "Reuters"  # "Ifølge nyhetsbyrået" points back to Reuters


def test_profiles_read_from_the_text(nato):
    profiles = {s.name: s for s in nato.speakers}
    assert profiles["Mark Rutte"].organisation == "Nato"
    assert profiles["Jonas Gahr Støre"].party == "Ap"
    assert profiles["Ulf Kristersson"].country == "Sverige"
    assert profiles["Mette Frederiksen"].gender == "f"

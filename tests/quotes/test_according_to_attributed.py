"""'Ifølge X, …' followed by ', sa Y': the comma ends the statement, not the source."""

from __future__ import annotations

import sitat


def quotes_of(text: str, lang: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker.name) for q in sitat.extract(text, lang=lang).quotes]


def test_reporting_verb_after_the_comma_attributes_the_whole_sentence():
    found = quotes_of("Ifølge politiet er tre hytter totalskadd, opplyste Kari Lunde i Vestland politidistrikt.", "nb")
    assert ("er tre hytter totalskadd", "politiet") in found
    assert ("Ifølge politiet er tre hytter totalskadd", "Kari Lunde") in found
    assert not any(text.startswith("opplyste") for text, _speaker in found)


def test_nynorsk_source_with_its_own_relative_clause_still_ends_at_the_comma():
    found = quotes_of("Ifølgje ein kjelde avisa har snakka med, skal rådmannen ha sagt opp i går.", "nn")
    assert [text for text, _speaker in found] == ["skal rådmannen ha sagt opp i går"]

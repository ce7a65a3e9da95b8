"""`top_speakers` and `speaker`: who is quoted most, and one speaker's profile."""

from __future__ import annotations

import pytest

import sitat
from sitat.errors import StoreError


def test_top_speakers_by_quotes(store):
    rows = sitat.Corpus(store).top_speakers(top=3)
    assert [r["name"] for r in rows][0] == "Torstein Haugland"
    first = rows[0]
    assert (first["quotes"], first["articles"], first["gender"], first["party"], first["role"], first["role_type"]) == (
        2, 2, "m", "Ap", "finansminister", "politician")
    assert len(rows) == 3


def test_top_speakers_by_articles_and_organisations(store):
    rows = sitat.Corpus(store).top_speakers(top=10, by="articles")
    assert len(rows) == 6  # the anonymous quote has no speaker
    politiet = next(r for r in rows if r["name"] == "politiet")
    assert (politiet["kind"], politiet["gender"], politiet["role_type"]) == ("organisation", "organisation", "police")
    with pytest.raises(StoreError, match="E061"):
        sitat.Corpus(store).top_speakers(by="words")


def test_speaker_profile(store):
    profile = sitat.Corpus(store).speaker("haugland")
    assert profile["name"] == "Torstein Haugland" and profile["kind"] == "person"
    assert (profile["gender"], profile["party"], profile["role_type"]) == ("m", "Ap", "politician")
    assert profile["roles"] == [{"role": "finansminister", "organisation": None, "party": "Ap", "articles": 2,
                                 "first": "2024-10-03T09:12:00+02:00", "last": "2024-11-12T08:00:00+01:00"}]
    assert profile["outlets"] == [{"outlet": "Nyhetsbyrået", "quotes": 1}, {"outlet": "Vestlandsposten", "quotes": 1}]
    assert profile["timeline"] == [{"month": "2024-10", "quotes": 1}, {"month": "2024-11", "quotes": 1}]
    assert [q["text"] for q in profile["latest_quotes"]] == ["Dette er et ansvarlig budsjett", "staten vil betale halvparten"]
    assert profile["other_matches"] == []


def test_speaker_exact_name_wins_and_unknown_is_E062(store):
    corpus = sitat.Corpus(store)
    assert corpus.speaker("SILJE MOE")["role_type"] == "expert"
    with pytest.raises(StoreError, match="E062"):
        corpus.speaker("Jonas Gahr Støre")

"""`stats`: shares of quotes and of distinct sources per gender, party, role type, country and outlet."""

from __future__ import annotations

import pytest

import sitat
from sitat.analytics import open_readonly, stats
from sitat.analytics.buckets import role_type_of, role_type_table
from sitat.errors import StoreError


def shares(result, dim, field="quote_share"):
    return {d["value"]: d[field] for d in result["dimensions"][dim]}


def test_stats_totals_and_gender_shares(store):
    result = sitat.Corpus(store).stats()
    assert result["totals"] == {"quotes": 8, "sources": 6, "anonymous_quotes": 1, "articles": 3}
    # 3 of 8 quotes by women, 3 by men, 1 by an organisation, 1 anonymous.
    assert shares(result, "gender") == {"f": 0.375, "m": 0.375, "organisation": 0.125, "unknown": 0.125}
    # Of the 6 named sources 3 are women, 2 men (Haugland twice counts once), 1 an organisation.
    assert shares(result, "gender", "source_share") == {"f": 0.5, "m": 0.3333, "organisation": 0.1667, "unknown": 0.0}
    gender = {d["value"]: (d["quotes"], d["sources"]) for d in result["dimensions"]["gender"]}
    assert gender == {"f": (3, 3), "m": (3, 2), "organisation": (1, 1), "unknown": (1, 0)}


def test_stats_party_role_type_country_outlet(store):
    result = sitat.Corpus(store).stats()
    assert shares(result, "party") == {"none": 0.375, "Ap": 0.25, "FrP": 0.125, "H": 0.125, "Sp": 0.125}
    assert shares(result, "role_type") == {"politician": 0.625, "expert": 0.125, "police": 0.125, "unknown": 0.125}
    assert shares(result, "country") == {"NO": 0.75, "unknown": 0.25}
    assert shares(result, "outlet") == {"Vestlandsposten": 0.625, "Nyhetsbyrået": 0.375}
    for dim in result["dimensions"].values():
        assert sum(d["quotes"] for d in dim) == 8 and sum(d["sources"] for d in dim) == 6


def test_stats_by_month(store):
    result = sitat.Corpus(store).stats(by="month")
    assert [g["key"] for g in result["groups"]] == ["2024-10", "2024-11"]
    october, november = result["groups"]
    assert october["totals"]["quotes"] == 2 and november["totals"]["quotes"] == 6
    assert shares(october, "gender") == {"f": 0.5, "m": 0.5}
    assert shares(november, "gender")["f"] == 0.3333
    assert november["totals"]["sources"] == 5 and november["totals"]["anonymous_quotes"] == 1


@pytest.mark.parametrize("by,keys", [("outlet", ["Vestlandsposten", "Nyhetsbyrået"]), ("section", ["Bergen", "Innenriks"])])
def test_stats_by_outlet_and_section(store, by, keys):
    result = sitat.Corpus(store).stats(by=by)
    assert [g["key"] for g in result["groups"]] == keys
    assert [g["totals"]["quotes"] for g in result["groups"]] == [5, 3]


def test_stats_since_until(store):
    corpus = sitat.Corpus(store)
    assert corpus.stats(since="2024-11-01")["totals"]["quotes"] == 6
    assert corpus.stats(until="2024-11-12")["totals"]["quotes"] == 5
    assert corpus.stats(since="2024-11-13", until="2024-11-30")["totals"]["quotes"] == 3
    with pytest.raises(StoreError, match="E055"):
        corpus.stats(since="13.11.2024")


def test_stats_missing_database_is_E060(tmp_path):
    with pytest.raises(StoreError, match="E060"):
        sitat.Corpus(tmp_path / "finnes-ikke.db").stats()
    assert not (tmp_path / "finnes-ikke.db").exists()


def test_stats_never_writes(store):
    conn = open_readonly(store)
    with pytest.raises(Exception, match="readonly"):
        conn.execute("DELETE FROM quote_spans")
    assert stats(conn)["totals"]["quotes"] == 8
    conn.close()


def test_stats_unknown_grouping_is_E061(store):
    with pytest.raises(StoreError, match="E061"):
        sitat.Corpus(store).stats(by="weekday")


@pytest.mark.parametrize("kind,role,party,org,name,expected", [
    ("person", "finansminister", "Ap", None, "Torstein Haugland", "politician"),
    ("person", "Kommuneoverlege", None, None, "Jens Lie", "other"),  # a public official
    ("person", "forskeren", None, None, "Silje Moe", "expert"),
    ("person", "politiadvokat", None, None, "Eva Dahl", "police"),
    ("person", None, "Sp", None, "Ola Bakken", "politician"),
    ("person", "talsperson", "H", None, "Eva Lie", "politician"),
    ("person", "forsker", "SV", None, "Eva Lie", "expert"),
    ("person", "kranfører", None, None, "Eva Lie", "other"),
    ("person", None, None, None, "Ola Bakken", "unknown"),
    ("organisation", None, None, "NTB", "NTB", "media"),
    ("organisation", None, None, "Politiet", "politiet", "police"),
    ("organisation", None, None, None, "Bakken Trelast AS", "organisation"),
])
def test_role_type_mapping(kind, role, party, org, name, expected):
    assert role_type_of(kind, role, party, org, name) == expected


def test_role_type_table_covers_every_lexicon_category_and_kind():
    from sitat.lexicon import read_tsv

    table = role_type_table()
    categories = {r["category"] or "other" for r in read_tsv("sitat.speakers.lexicon", "roles.tsv")}
    kinds = {r["kind"] or "organisation" for r in read_tsv("sitat.speakers.lexicon", "organisations.tsv")}
    assert {c for c in categories if ("roles", c) not in table} == set()
    assert {k for k in kinds if ("organisations", k) not in table} == set()
    assert set(table.values()) <= {"politician", "expert", "police", "business", "citizen", "media", "organisation", "other"}

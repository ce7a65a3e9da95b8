"""Cross-article speaker identity: name forms merge, namesakes stay apart, overrides survive re-ingest."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitat.cli import app
from sitat.evaluate.identity import evaluate_identity, pairwise_scores
from sitat.store.identity import given_compatible, person_name, read_aliases
from sitat.store.writer import Writer

runner = CliRunner()


def said(name: str | None, *, party: str | None = None, role: str | None = None, kind: str = "person",
         words: str = "Vi tar ansvar") -> tuple[str, list]:
    """A one-quote article text and its quote spec: «– WORDS, sier NAME.»"""
    text = f"Saken\n\n– {words}, sier {name}.\n\nDebatten fortsetter."
    return text, [(words, "direct", name, kind, party, role)]


def store(writer, article, *specs, start: int = 1) -> None:
    """Write one article per spec (name, party, role, published) with its own corpus id."""
    batch = []
    for n, (name, party, role, published) in enumerate(specs, start):
        text, quotes = said(name, party=party, role=role, words=f"Vi tar ansvar nummer {n}")
        batch.append(article(text, quotes, source=f"a{n}.txt", meta={"id": f"ntb-{n}", "published": published}))
    result = writer.write(batch)
    assert result.errors == []


def people(conn) -> list[tuple[str, str | None, int]]:
    return sorted(tuple(r) for r in conn.execute(
        "SELECT name, party, quotes FROM speaker_counts WHERE kind = 'person' AND quotes > 0"))


@pytest.mark.parametrize("order", [(0, 1, 2), (1, 2, 0), (2, 0, 1)])
def test_identity_store_name_forms_are_one_speaker(conn, writer, article, order):
    forms = [("Jonas Gahr Støre", "Ap", "statsminister", "2024-01-02"), ("Støre", None, None, "2024-01-03"),
             ("statsminister Støre", None, "statsminister", "2024-01-04")]
    store(writer, article, *[forms[i] for i in order])
    assert people(conn) == [("Jonas Gahr Støre", "Ap", 3)]


@pytest.mark.parametrize("first,second", [
    ("Jonas Støre", "Jonas Gahr Støre"), ("J. G. Støre", "Jonas Gahr Støre"), ("Gahr Støre", "Jonas Gahr Støre"),
    ("Volodymyr Zelenskyj", "Volodymyr Zelensky"), ("Dmitrij Peskov", "Dmitri Peskov"),
    ("Dmitrij Peskov", "Dmitrij  PESKOV"),
])
def test_identity_spelling_variants_and_compatible_first_names_merge(conn, writer, article, first, second):
    store(writer, article, (first, None, None, "2024-02-01"), (second, None, None, "2024-02-02"))
    assert len(people(conn)) == 1
    assert people(conn)[0][2] == 2


@pytest.mark.parametrize("first,second", [
    ("Ole Hansen", "Ola Hansen"), ("Marte Lunde", "Marta Lunde"), ("Jonas Gahr Støre", "Ingrid Støre"),
])
def test_identity_different_first_names_stay_apart(conn, writer, article, first, second):
    store(writer, article, (first, None, None, "2024-02-01"), (second, None, None, "2024-02-02"))
    assert len(people(conn)) == 2


def test_identity_namesakes_with_different_parties_stay_apart(conn, writer, article):
    store(writer, article, ("Ole Hansen", "H", "stortingsrepresentant", "2024-03-01"),
          ("Ole Hansen", "Ap", "ordfører", "2024-03-02"),
          ("Hansen", "Høyre", None, "2024-03-03"),      # party alias: Høyre is H
          ("Hansen", None, "ordfører", "2024-03-04"),   # the role picks the mayor
          ("Hansen", None, None, "2024-03-05"))          # could be either: a speaker of its own
    assert people(conn) == [("Hansen", None, 1), ("Ole Hansen", "Ap", 2), ("Ole Hansen", "H", 2)]


def test_identity_same_name_in_different_lines_of_work_stays_apart(conn, writer, article):
    store(writer, article, ("Lars Berg", "FrP", "stortingsrepresentant", "2024-05-01"),
          ("Lars Berg", None, "havforsker", "2024-05-02"),       # a marine scientist: another man
          ("Lars Berg", None, "samferdselsminister", "2024-05-03"),  # the MP in a new office: the same
          ("Lars Berg", None, "forsker", "2024-05-04"))          # the scientist again
    rows = conn.execute("SELECT name, coalesce(party, '-'), quotes FROM speaker_counts WHERE quotes > 0").fetchall()
    assert sorted(tuple(r) for r in rows) == [("Lars Berg", "-", 2), ("Lars Berg", "FrP", 2)]


@pytest.mark.parametrize("first,second", [("Dmitrij Petrov", "Dmitry Petrov"), ("Aleksej Ivanov", "Aleksei Ivanov"),
                                          ("Jevgenij Kuznetsov", "Jevgeny Kuznetsov")])
def test_identity_transliterations_merge(conn, writer, article, first, second):
    store(writer, article, (first, None, None, "2024-02-01"), (second, None, None, "2024-02-02"))
    assert [p[2] for p in people(conn)] == [2]


def test_identity_surname_attaches_only_when_unambiguous(conn, writer, article):
    store(writer, article, ("Per Lunde", None, None, "2024-04-01"), ("Lunde", None, None, "2024-04-02"))
    assert people(conn) == [("Per Lunde", None, 2)]
    store(writer, article, ("Kari Lunde", None, None, "2024-04-03"), ("Lunde", None, None, "2024-04-04"), start=3)
    assert people(conn) == [("Kari Lunde", None, 1), ("Lunde", None, 1), ("Per Lunde", None, 2)]


def test_identity_organisations_match_case_and_aliases(conn, writer, article):
    batch = []
    for n, name in enumerate(["SSB", "Statistisk sentralbyrå", "statistisk  Sentralbyrå", "Norges Bank"]):
        text = f"Tall\n\nIfølge {name} steg prisene med {n} prosent."
        batch.append(article(text, [(f"steg prisene med {n} prosent", "indirect", name, "organisation", None, None)],
                             source=f"o{n}.txt"))
    writer.write(batch)
    rows = sorted(tuple(r) for r in conn.execute("SELECT name, quotes FROM speaker_counts WHERE kind = 'organisation'"))
    assert rows == [("Norges Bank", 1), ("SSB", 3)]


def test_identity_roles_over_time_are_kept_with_dates(conn, writer, article):
    store(writer, article, ("Jonas Gahr Støre", "Ap", "utenriksminister", "2012-03-01"),
          ("Støre", None, "statsminister", "2022-01-10"), ("Jonas Gahr Støre", None, "statsminister", "2023-05-02"))
    roles = [tuple(r) for r in conn.execute(
        "SELECT name, role, first_seen, last_seen, articles FROM speaker_roles ORDER BY first_seen")]
    assert roles == [("Jonas Gahr Støre", "utenriksminister", "2012-03-01", "2012-03-01", 1),
                     ("Jonas Gahr Støre", "statsminister", "2022-01-10", "2023-05-02", 2)]


def test_identity_alias_merge_and_split_survive_reingest(db_path, conn, article):
    writer = Writer(conn, extractor="test")
    store(writer, article, ("Kong Harald", None, "konge", "2024-05-01"), ("Harald V", None, None, "2024-05-02"),
          ("Ole Hansen", "H", None, "2024-05-03"), ("Hansen", None, None, "2024-05-04"))
    assert len(people(conn)) == 3  # the king twice; the footballer Hansen taken for Ole Hansen (H)
    conn.close()

    result = runner.invoke(app, ["speakers", "merge", "Kong Harald", "Harald V", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["speakers", "split", "Hansen", "--article", "ntb-4", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    rules = read_aliases(db_path.with_name(db_path.name + ".aliases.tsv"))
    assert [(m.name, m.target) for m in rules.merges] == [("Kong Harald", "Harald V")]
    assert [(s.name, s.article, s.label) for s in rules.splits] == [("Hansen", "ntb-4", "1")]

    from sitat.store.database import connect

    conn = connect(db_path)
    expected = [("Hansen", None, 1), ("Harald V", None, 2), ("Ole Hansen", "H", 1)]
    assert people(conn) == expected
    # Re-ingest: changed articles are replaced, new ones matched; the rules hold, nothing moves twice.
    writer = Writer(conn, extractor="test")
    text, quotes = said("Hansen", words="Vi tar ansvar nummer 4, sa han")
    replaced = article(text, quotes, source="a4.txt", meta={"id": "ntb-4", "published": "2024-05-04"})
    text, quotes = said("Kong Harald", role="konge", words="Takk til alle")
    new = article(text, quotes, source="a5.txt", meta={"id": "ntb-5", "published": "2024-05-05"})
    assert (writer.write([replaced, new]).replaced, writer.apply_overrides()) == (1, 0)
    assert people(conn) == [("Hansen", None, 1), ("Harald V", None, 3), ("Ole Hansen", "H", 1)]
    assert writer.apply_overrides() == 0
    conn.close()


def test_identity_cli_merge_of_unknown_name_fails_cleanly(db_path, conn):
    result = runner.invoke(app, ["speakers", "merge", "Ingen Slik", "Harald V", "--db", str(db_path)])
    assert result.exit_code == 1 and "E059" in result.output
    assert not db_path.with_name(db_path.name + ".aliases.tsv").exists()


def test_identity_bad_aliases_line_names_file_and_line(tmp_path):
    path = tmp_path / "x.aliases.tsv"
    path.write_text("# kommentar\nmerge\tBare ett navn\n", encoding="utf-8")
    with pytest.raises(Exception, match=r"E058 .*x\.aliases\.tsv:2"):
        read_aliases(path)


@pytest.mark.parametrize("a,b,ok", [(("jonas",), ("jonas", "gahr"), True), (("j",), ("jonas",), True),
                                    (("ole",), ("ola",), False), (("gahr",), ("jonas", "gahr"), True)])
def test_identity_given_names_compatible(a, b, ok):
    assert given_compatible(a, b) is ok


def test_identity_person_name_drops_roles_and_party():
    name = person_name("statsminister Jonas Gahr Støre (Ap)")
    assert (name.given, name.surname, name.display) == (("jonas", "gahr"), "støre", "Jonas Gahr Støre")


def test_identity_pairwise_scores_count_pairs():
    gold = {("a", "støre"): "s", ("b", "jonas gahr støre"): "s", ("c", "hansen"): "h", ("d", "hansen"): "x"}
    predicted = {("a", "støre"): 1, ("b", "jonas gahr støre"): 1, ("c", "hansen"): 2, ("d", "hansen"): 2}
    scores = pairwise_scores(gold, predicted)
    assert (scores["precision"], scores["recall"]) == (0.5, 1.0)
    predicted[("b", "jonas gahr støre")] = None  # not found: a cluster of its own
    assert pairwise_scores(gold, predicted)["recall"] == 0.0


def test_identity_speakers_help_keeps_listing_and_shows_subcommands():
    for command in (["speakers"], ["speakers", "merge"], ["speakers", "split"], ["speakers", "apply"], ["eval", "speakers"]):
        result = runner.invoke(app, [*command, "--help"])
        assert result.exit_code == 0 and "Example:" in result.stdout


@pytest.mark.model
def test_identity_eval_on_own_articles_meets_target():
    root = Path(__file__).parent.parent.parent
    scores = evaluate_identity(root / "eval" / "gold" / "identity.tsv", root / "tests" / "articles" / "identity")
    assert scores["missing"] == []
    assert scores["precision"] >= 0.97 and scores["recall"] >= 0.9, scores


def test_identity_merge_moves_mentions_of_that_name_only(conn, writer, article):
    store(writer, article, ("Tone Hansen", "Sp", "ordførar", "2024-06-01"), ("Hansen", None, None, "2024-06-02"),
          ("Tone Hansen", None, None, "2024-06-03"))
    assert people(conn) == [("Tone Hansen", "Sp", 3)]
    writer.apply_overrides(read_aliases_text("merge\tHansen\tTrygve Hansen\n"))
    assert people(conn) == [("Tone Hansen", "Sp", 2), ("Trygve Hansen", None, 1)]


def read_aliases_text(text: str):
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.aliases.tsv"
        path.write_text(text, encoding="utf-8")
        return read_aliases(path)

"""`export`: quotes, articles and speakers as CSV, JSON Lines and Parquet, written atomically."""

from __future__ import annotations

import csv
import importlib.util
import json
from pathlib import Path

import pytest

import sitat
from sitat.errors import StoreError
from sitat.store.export import atomic_path



def _analytics_fixtures():
    """tests/analytics/conftest.py, whose hand-built store the exports are checked against."""
    spec = importlib.util.spec_from_file_location("analytics_fixtures", Path(__file__).parent.parent / "analytics" / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


write_store = _analytics_fixtures().write_store


@pytest.fixture
def store(tmp_path):
    return write_store(tmp_path / "nyheter.db")


def test_export_csv_round_trip(store, tmp_path):
    corpus = sitat.Corpus(store)
    out = tmp_path / "sitater.csv"
    assert corpus.export(out, format="csv") == 8
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    stored = corpus.query("SELECT id, text FROM quotes ORDER BY id")
    assert [(int(r["quote_id"]), r["text"]) for r in rows] == [(s["id"], s["text"]) for s in stored]
    assert rows[0]["speaker"] == "Kari Nordvik" and rows[0]["outlet"] == "Vestlandsposten" and rows[0]["section"] == "Bergen"
    assert rows[-1]["speaker"] == ""  # the anonymous quote


@pytest.mark.parametrize("what,n", [("quotes", 8), ("articles", 3), ("speakers", 6)])
def test_export_jsonl(store, tmp_path, what, n):
    out = tmp_path / f"{what}.jsonl"
    assert sitat.Corpus(store).export(out, what=what) == n
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows == sitat.Corpus(store).export(what=what)
    assert len(rows) == n


def test_export_parquet(store, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "sitater.parquet"
    assert sitat.Corpus(store).export(out, what="quotes", format="parquet") == 8
    table = pq.read_table(out)
    assert table.num_rows == 8 and table.column("text").to_pylist()[0] == "Vi kan ikke vente lenger på bybanen"


def test_export_is_atomic(tmp_path):
    target = tmp_path / "gammel.csv"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_path(target) as tmp:
            tmp.write_text("half", encoding="utf-8")
            raise RuntimeError("stopped midway")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["gammel.csv"]


def test_export_errors(store, tmp_path):
    with pytest.raises(StoreError, match="E060"):
        sitat.Corpus(tmp_path / "mangler.db").export(tmp_path / "x.csv")
    with pytest.raises(StoreError, match="E061"):
        sitat.Corpus(store).export(tmp_path / "x.xlsx")
    with pytest.raises(StoreError, match="E066"):
        sitat.Corpus(store).export(tmp_path / "ingen-mappe" / "x.csv")

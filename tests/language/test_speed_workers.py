"""Worker processes: results in input order, errors surface, one native thread per worker."""

import importlib
import os
from pathlib import Path

import pytest

from sitat.extract import extract_in_processes, extract_many
from sitat.language.processes import WorkersFailed, ordered_map
from sitat.read.files import ArticleInput, read_text_file

ARTICLES = Path(__file__).parent.parent / "articles"
# The module, not the function ``sitat.extract`` that the package exports under the same name.
extract_module = importlib.import_module("sitat.extract")


def test_ordered_map_keeps_input_order_with_a_short_queue():
    numbers = [-5, 3, -1, 8, -13, 2, 0, -7]
    assert list(ordered_map(abs, iter(numbers), workers=2, in_flight=3)) == [abs(n) for n in numbers]


def test_ordered_map_raises_the_error_of_the_failing_task():
    results = ordered_map(int, ["4", "fire", "5"], workers=2)
    assert next(results) == 4
    with pytest.raises(ValueError, match="fire"):
        next(results)


def test_workers_run_one_native_thread_and_the_parent_keeps_its_environment(monkeypatch):
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    monkeypatch.setenv("OMP_NUM_THREADS", "3")  # a choice made by the user is kept
    assert list(ordered_map(os.getenv, ["OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"], workers=1)) == ["1", "3"]
    assert "OPENBLAS_NUM_THREADS" not in os.environ


def test_a_worker_that_dies_is_reported_not_waited_for():
    with pytest.raises(WorkersFailed, match="stopped unexpectedly"):
        list(ordered_map(os._exit, [3], workers=1))


def test_ordered_map_rejects_zero_workers():
    with pytest.raises(ValueError, match="workers"):
        list(ordered_map(abs, [1], workers=0))


def test_extract_in_two_processes_matches_this_process():
    items = [read_text_file(ARTICLES / name) for name in ("flaum_voss.txt", "statsbudsjett.txt", "cupfinale.txt")]
    here = list(extract_many(items, workers=1))
    there = list(extract_in_processes(items, workers=2))
    assert [a.source for a in there] == [i.source for i in items]
    for a, b in zip(here, there):
        assert [q.to_dict(explain=True) for q in a.quotes] == [q.to_dict(explain=True) for q in b.quotes]
        assert a.speakers == b.speakers
    assert sum(len(a.quotes) for a in there) > 10


def test_a_few_articles_stay_in_this_process(monkeypatch):
    monkeypatch.delenv("SITAT_WORKERS", raising=False)
    monkeypatch.setattr(extract_module, "extract_in_processes", _no_processes)
    item = ArticleInput(text="Tittel\n\n– Det går bra, sier Per Hansen.", source="kort", title_line=True)
    articles = list(extract_many([item, item]))
    assert [q.speaker.name for a in articles for q in a.quotes] == ["Per Hansen", "Per Hansen"]


def test_workers_setting_is_checked(monkeypatch):
    item = ArticleInput(text="Det regner.", source="x")
    with pytest.raises(ValueError, match="at least 1"):
        extract_many([item], workers=0)
    monkeypatch.setenv("SITAT_WORKERS", "to")
    with pytest.raises(ValueError, match="SITAT_WORKERS"):
        extract_many([item])


def _no_processes(*args, **kwargs):
    raise AssertionError("worker processes were started for two articles")

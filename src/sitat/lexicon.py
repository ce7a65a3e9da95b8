"""Read the commented TSV files that hold sitat's linguistic knowledge."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from .errors import Errors, LexiconError


@lru_cache(maxsize=None)
def read_tsv(package: str, name: str, *, required: tuple[str, ...] = ()) -> tuple[dict[str, str], ...]:
    """Rows of a TSV data file shipped in ``package``, as dicts keyed by the header row.

    Lines starting with ``#`` and blank lines are skipped. A row with the wrong
    number of columns, or an empty value in a ``required`` column, raises a
    LexiconError naming the file and line.

    package (str): the package holding the file, e.g. "sitat.quotes.lexicon".
    name (str): the file name, e.g. "reporting_verbs.tsv".
    required (tuple[str, ...]): columns that may not be empty.
    RETURNS (tuple[dict[str, str], ...]): one dict per data row.
    """
    path = resources.files(package).joinpath(name)
    return tuple(parse_tsv(path.read_text(encoding="utf-8"), str(path), required=required))


def parse_tsv(text: str, path: str | Path, *, required: tuple[str, ...] = ()) -> list[dict[str, str]]:
    header: list[str] | None = None
    rows: list[dict[str, str]] = []
    for line_no, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if header is None:
            header = cells
            continue
        # Trailing columns may be left out (they read as empty); extra columns are a mistake.
        if len(cells) > len(header):
            raise LexiconError(
                Errors.E001.format(path=path, line=line_no, expected=len(header), header=", ".join(header), got=len(cells))
            )
        row = {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(header)}
        for column in required:
            if not row.get(column):
                raise LexiconError(Errors.E002.format(path=path, line=line_no, column=column))
        row["_line"] = str(line_no)
        rows.append(row)
    return rows

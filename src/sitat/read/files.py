"""Read article files and corpora (text, HTML, JSONL), with clear errors for unreadable input."""

from __future__ import annotations

import gzip
import sys
from pathlib import Path
from typing import Callable, Iterator

from ..errors import Errors, InputError
from .html import read_html_file
from .inputs import MAX_BYTES, ArticleInput, decode, read_file_bytes
from .jsonl import is_jsonl, read_jsonl

__all__ = ["ArticleInput", "count_inputs", "decode", "expand_paths", "input_kind", "iter_inputs", "read_text_file"]

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
STDIN = "-"


def read_text_file(path: str | Path, *, max_bytes: int = MAX_BYTES) -> ArticleInput:
    """A ``.txt`` article: first line the title, paragraphs separated by blank lines."""
    source = str(path)
    if source == STDIN:
        data = sys.stdin.buffer.read()
        if len(data) > max_bytes:
            raise InputError(Errors.E048.format(path=source, size=len(data), limit=max_bytes))
    else:
        data = read_file_bytes(path, max_bytes=max_bytes)
    text = decode(data, source)
    title = text.split("\n", 1)[0].strip() or None
    return ArticleInput(text=text, source=source, title=title, title_line=True)


def _read_text(path: str, *, max_bytes: int) -> Iterator[ArticleInput | InputError]:
    try:
        yield read_text_file(path, max_bytes=max_bytes)
    except InputError as err:
        yield err


def input_kind(path: str) -> str:
    """``"jsonl"``, ``"html"`` or ``"text"``: how a path is read (stdin and unknown suffixes are text)."""
    if path != STDIN and is_jsonl(path):
        return "jsonl"
    if Path(path).suffix.lower() in HTML_SUFFIXES:
        return "html"
    return "text"


# Kind of input -> reader; every reader yields ArticleInput or InputError and never raises.
READERS: dict[str, Callable[..., Iterator[ArticleInput | InputError]]] = {
    "text": _read_text,
    "html": read_html_file,
    "jsonl": read_jsonl,
}


def _wanted(path: Path) -> bool:
    """Files a directory walk picks up: articles and corpora, nothing else."""
    return path.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES or is_jsonl(path)


def expand_paths(paths: list[str]) -> Iterator[str]:
    """Files named by ``paths``: directories are walked, globs expanded, ``-`` is stdin.

    A directory yields its ``.txt``/``.text``/``.md``, ``.html``/``.htm``, ``.jsonl`` and
    ``.jsonl.gz`` files, sorted; a glob yields every file it matches; a plain path is yielded as
    given (a missing one is reported by its reader).
    """
    for raw in paths:
        if raw == STDIN:
            yield raw
            continue
        p = Path(raw)
        if p.is_dir():
            for child in sorted(p.rglob("*")):
                if child.is_file() and _wanted(child):
                    yield str(child)
        elif any(ch in raw for ch in "*?["):
            matches = sorted(Path().glob(raw)) if not p.is_absolute() else sorted(Path(p.anchor).glob(str(p.relative_to(p.anchor))))
            if not matches:
                yield raw  # reported as not found by the reader
            for match in matches:
                if match.is_file():
                    yield str(match)
        else:
            yield raw


def iter_inputs(paths: list[str], *, max_bytes: int = MAX_BYTES) -> Iterator[ArticleInput | InputError]:
    """Articles from ``paths``; an unreadable file or record is yielded as its InputError, never raised.

    paths (list[str]): files, directories, globs; ``-`` reads one text article from stdin.
    max_bytes (int): the largest file or JSONL record read (E044/E048 beyond it).
    RETURNS (Iterator[ArticleInput | InputError]): in path order, records in file order.
    """
    for path in expand_paths(paths):
        yield from READERS[input_kind(path)](path, max_bytes=max_bytes)


def count_inputs(paths: list[str]) -> int | None:
    """How many articles ``paths`` hold (JSONL records are counted by their non-blank lines), or
    None when that cannot be known up front (stdin). For progress bars; errors are not counted out."""
    total = 0
    for path in expand_paths(paths):
        if path == STDIN:
            return None
        if input_kind(path) != "jsonl":
            total += 1
            continue
        try:
            opener = gzip.open if path.lower().endswith(".gz") else open
            with opener(path, "rb") as stream:
                total += sum(1 for line in stream if line.strip())
        except (OSError, EOFError, ValueError):
            total += 1  # unreadable: its reader reports one error for it
    return total

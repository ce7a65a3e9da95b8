"""Read article files (plain text for now), with clear errors for unreadable input."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from ..errors import Errors, InputError

TEXT_SUFFIXES = {".txt", ".text", ".md"}


@dataclass
class ArticleInput:
    """One article to process: its text exactly as decoded, and what we know about it."""

    text: str
    source: str
    title: str | None = None
    title_line: bool = False  # the first line of ``text`` is the title
    meta: dict[str, Any] = field(default_factory=dict)


def decode(data: bytes, source: str) -> str:
    """UTF-8 text of a file's bytes, or an InputError saying why not."""
    if not data.strip():
        raise InputError(Errors.E011.format(path=source))
    nul = data.find(b"\x00")
    if nul != -1:
        raise InputError(Errors.E012.format(path=source, pos=nul))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(Errors.E013.format(path=source, pos=err.start)) from None
    # A byte-order mark is not part of the article; dropping it keeps offsets at the first letter.
    return text[1:] if text.startswith("\ufeff") else text


def read_text_file(path: str | Path) -> ArticleInput:
    """A ``.txt`` article: first line the title, paragraphs separated by blank lines."""
    source = str(path)
    if source == "-":
        data = sys.stdin.buffer.read()
    else:
        p = Path(path)
        if not p.exists():
            raise InputError(Errors.E010.format(path=source))
        try:
            data = p.read_bytes()
        except OSError as err:
            raise InputError(Errors.E014.format(path=source, reason=err.strerror or err)) from None
    text = decode(data, source)
    title = text.split("\n", 1)[0].strip() or None
    return ArticleInput(text=text, source=source, title=title, title_line=True)


def expand_paths(paths: list[str]) -> Iterator[str]:
    """Files named by ``paths``: directories are walked, globs expanded, ``-`` is stdin."""
    for raw in paths:
        if raw == "-":
            yield raw
            continue
        p = Path(raw)
        if p.is_dir():
            for child in sorted(p.rglob("*")):
                if child.is_file() and child.suffix.lower() in TEXT_SUFFIXES:
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


def iter_inputs(paths: list[str]) -> Iterator[ArticleInput | InputError]:
    """Articles from ``paths``; an unreadable one is yielded as its InputError, never raised."""
    for path in expand_paths(paths):
        try:
            yield read_text_file(path)
        except InputError as err:
            yield err

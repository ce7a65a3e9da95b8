"""Load the shipped Norwegian spaCy pipeline once per process."""

from __future__ import annotations

import os
import threading
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

from ..errors import Errors, ModelError

MODEL_DIR = Path(__file__).parent / "model"
_LOCK = threading.Lock()


def model_path() -> Path:
    """Where the pipeline is read from: ``$SITAT_MODEL`` or the copy inside the package."""
    return Path(os.environ.get("SITAT_MODEL", MODEL_DIR))


def load(lang: str | None = None, *, exclude: tuple[str, ...] = ()) -> Language:
    """The shipped pipeline (one joint model serves Bokmål and Nynorsk).

    Loaded lazily, once per process and set of excluded components; later calls
    return the same object.

    lang (str | None): "nb", "nn" or None. Both standards use the same model;
        the argument is checked so a typo fails early.
    exclude (tuple[str, ...]): components not to load, e.g. ("trainable_lemmatizer",).
    RETURNS (Language): the spaCy pipeline.
    """
    if lang not in (None, "nb", "nn"):
        raise ModelError(Errors.E021.format(lang=lang))
    with _LOCK:
        return _load(str(model_path()), tuple(sorted(exclude)))


@lru_cache(maxsize=4)
def _load(path: str, exclude: tuple[str, ...]) -> Language:
    # The tokenizer rules are stored in the model, but importing them registers the callback the
    # saved config names, so loading never needs the training code.
    from . import tokenizer  # noqa: F401

    if not (Path(path) / "config.cfg").is_file():
        raise ModelError(Errors.E020.format(path=path))
    return spacy.load(path, exclude=list(exclude))

"""Load the shipped Norwegian spaCy pipeline once per process."""

from __future__ import annotations

import os
import threading
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from thinc.api import NumpyOps

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
    return use_numpy_matmul(spacy.load(path, exclude=list(exclude)))


def use_numpy_matmul(nlp: Language) -> Language:
    """Route the pipeline's matrix products through NumPy's BLAS instead of thinc's bundled BLIS.

    On our x86 machines (AVX2) NumPy's OpenBLAS multiplies the tok2vec and parser/NER matrices
    about 2.5x faster than BLIS, one thread each, and the annotations come out identical on the
    benchmark corpus (docs/performance.md). Only the ops object changes: weights are untouched.
    The per-step scoring inside the parser's C loop keeps BLIS (it is not reachable from Python).

    nlp (Language): a loaded CPU pipeline, changed in place.
    RETURNS (Language): the same pipeline.
    """
    ops = NumpyOps(use_blis=False)
    for _name, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk") or not isinstance(model.ops, NumpyOps):
            continue  # GPU ops, or a component without a thinc model
        for node in model.walk():
            node.ops = ops
    return nlp

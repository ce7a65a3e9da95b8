"""Bokmål/Nynorsk detection and the spaCy pipeline shipped inside the package."""

from .detect import detect_standard
from .pipeline import load, model_path

__all__ = ["detect_standard", "load", "model_path"]

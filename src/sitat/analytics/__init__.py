"""Read-only source-diversity queries and plots over the store."""

from .connection import open_readonly
from .speakers import speaker_profile, top_speakers
from .stats import DIMENSIONS, GROUPINGS, stats

__all__ = ["DIMENSIONS", "GROUPINGS", "open_readonly", "speaker_profile", "stats", "top_speakers"]

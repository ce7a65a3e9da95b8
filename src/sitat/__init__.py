"""sitat: who said what in Norwegian news (Bokmål and Nynorsk).

The public API: ``extract`` finds every statement in an article; ``load`` gives the shipped
spaCy pipeline; ``Article``, ``Quote`` and ``Speaker`` are the results; ``Corpus`` stores many
articles in SQLite and searches their quotes.
"""

from .article import Article, Quote, Speaker, SpeakerProfile, TextSpan
from .extract import extract
from .language import load
from .store import Corpus

__version__ = "0.1.0"

__all__ = ["Article", "Corpus", "Quote", "Speaker", "SpeakerProfile", "TextSpan", "extract", "load", "__version__"]

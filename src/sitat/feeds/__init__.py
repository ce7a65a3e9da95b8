"""Live news: poll RSS/Atom feeds, fetch new pages politely and ingest them."""

from .config import FeedConfig, Settings, load_config
from .watch import PollReport, Watcher, stop_on_signals

__all__ = ["FeedConfig", "PollReport", "Settings", "Watcher", "load_config", "stop_on_signals"]

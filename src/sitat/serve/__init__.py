"""The HTTP API and the web UI."""

from .app import create_app

__all__ = ["create_app"]

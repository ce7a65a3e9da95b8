"""The `sitat` command: each command a thin wrapper over one stage."""

from .app import app, eval_app
from . import extract, corpus, analytics, evaluate, watch, serve  # noqa: F401,E402  (registers the commands)


def main() -> None:
    app()


__all__ = ["app", "eval_app", "main"]

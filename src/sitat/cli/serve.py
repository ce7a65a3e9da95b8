"""sitat serve: the HTTP API and the web UI over one store."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from .app import DB_HELP, app, err_console, fail

TOKEN_ENV = "SITAT_API_TOKEN"


@app.command()
def serve(
    db: Path | None = typer.Option(None, "--db", help=DB_HELP),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on; 0.0.0.0 opens it to the network."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
    cors_origin: list[str] = typer.Option([], "--cors-origin", help="Allow browser calls from this origin (repeatable); none by default."),
    log_level: str = typer.Option("info", "--log-level", help="uvicorn's log level: critical, error, warning, info, debug."),
    workers: int = typer.Option(1, "--workers", min=1, max=64, help="Server processes; more use more cores (each loads the model when it extracts)."),
) -> None:
    """Serve the web UI (search, articles, speakers, source balance, draft checker) and the HTTP API.

    The API is documented at /docs. Storing articles (POST /api/articles) needs
    'Authorization: Bearer $SITAT_API_TOKEN' when that variable is set.

    Example:

        sitat ingest tests/articles/ --db nyheter.db && sitat serve --db nyheter.db --port 8000
    """
    import uvicorn

    from ..errors import SitatError
    from ..serve import create_app
    from ..store.database import connect, default_path

    path = db or default_path()
    try:
        if not path.is_file():
            # An empty store, so the pages work and POST /api/articles can fill it.
            connect(path).close()
            err_console.print(f"created an empty store at {path}; add articles with `sitat ingest PATH --db {path}`",
                              highlight=False)
    except SitatError as err:
        fail(str(err))
    token = os.environ.get(TOKEN_ENV) or None
    if token is None and host not in ("127.0.0.1", "localhost", "::1"):
        err_console.print(f"[yellow]warning:[/yellow] anyone who can reach {host}:{port} can store articles; "
                          f"set {TOKEN_ENV} to require a token", highlight=False)
    err_console.print(f"sitat serving {path} on http://{host}:{port}/ (API docs: http://{host}:{port}/docs)",
                      highlight=False, soft_wrap=True)
    if workers == 1:
        uvicorn.run(create_app(path, api_token=token, cors_origins=cors_origin), host=host, port=port,
                    log_level=log_level)
        return
    # Several processes need the app as an import string; they read their settings from the environment.
    from ..serve.app import CORS_ENV, DB_ENV

    os.environ[DB_ENV] = str(path.resolve())
    os.environ[CORS_ENV] = " ".join(cors_origin)
    uvicorn.run("sitat.serve.app:app_from_environment", factory=True, host=host, port=port, log_level=log_level,
                workers=workers)

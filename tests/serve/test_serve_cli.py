"""`sitat serve` as a user starts it, the docs that describe it, and the files a wheel must carry."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).parent.parent.parent
SERVE = ROOT / "src" / "sitat" / "serve"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_help_has_a_working_example():
    from typer.testing import CliRunner

    from sitat.cli import app

    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    assert "sitat serve --db" in result.output and "--port" in result.output and "SITAT_API_TOKEN" in result.output


def test_serve_command_serves_a_store_and_needs_the_token(serve_db, tmp_path):
    port = free_port()
    env = {**os.environ, "SITAT_API_TOKEN": "hemmelig"}
    proc = subprocess.Popen([sys.executable, "-m", "sitat", "serve", "--db", str(serve_db), "--port", str(port),
                             "--log-level", "warning"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                r = httpx.get(f"{url}/api/stats", timeout=2)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stdout.read().decode()
                assert time.monotonic() < deadline, "sitat serve did not answer within 30 s"
                time.sleep(0.2)
        assert r.status_code == 200 and r.json()["totals"]["quotes"] > 0
        assert httpx.get(url + "/").status_code == 200
        # Concurrent requests land on different pool threads: each must use a connection of its own thread.
        with ThreadPoolExecutor(8) as pool:
            codes = list(pool.map(lambda params: httpx.get(f"{url}/api/quotes", params=params, timeout=30).status_code,
                                  [{"q": "pensjonist*"}, {}, {"speaker": "haugland"}, {"outlet": "Nyhetsbyrået"}] * 6))
        assert set(codes) == {200}
        assert {httpx.get(f"{url}{page}", timeout=30).status_code for page in ("/oversikt", "/talere")} == {200}
        assert httpx.post(f"{url}/api/articles", json={"text": "Hei"}).status_code == 401
    finally:
        proc.terminate()
        proc.wait(timeout=15)


def test_serve_command_creates_an_empty_store(tmp_path):
    from sitat.cli.serve import serve  # noqa: F401  (the command module imports cleanly)
    from sitat.store.database import connect

    path = tmp_path / "tom.db"
    connect(path).close()  # what `sitat serve` does for a missing file before serving it
    from fastapi.testclient import TestClient

    from sitat.serve import create_app

    with TestClient(create_app(path)) as c:
        assert c.get("/api/quotes").json()["items"] == []
        assert c.get("/oversikt").status_code == 200
        assert c.get("/").status_code == 200


def test_serve_docs_name_every_route_and_option():
    from sitat.serve import create_app

    docs = (ROOT / "docs" / "serve.md").read_text(encoding="utf-8")
    app = create_app(ROOT / "unused.db")
    for route in app.routes:
        path = getattr(route, "path", "")
        if path.startswith("/api/"):
            for method in route.methods - {"HEAD"}:
                assert f"{method} {path}" in docs, f"{method} {path} is not in docs/serve.md"
        elif path and not path.startswith(("/docs", "/openapi", "/redoc", "/static")):
            assert f"`{re.sub(r'{[^}]+}', '{id}', path)}`" in docs, f"page {path} is not in docs/serve.md"
    for option in ("--db", "--host", "--port", "--cors-origin", "SITAT_API_TOKEN"):
        assert option in docs


def test_serve_templates_and_static_files_are_package_data(tmp_path):
    """A wheel carries only what [tool.setuptools.package-data] names: build the serve package with
    setuptools' build_py (this pyproject.toml, a tree holding only sitat/serve) and look."""
    import shutil

    tree = tmp_path / "tree"
    (tree / "src" / "sitat").mkdir(parents=True)
    (tree / "src" / "sitat" / "__init__.py").write_text("")
    shutil.copytree(SERVE, tree / "src" / "sitat" / "serve", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tree)
    shutil.copy(ROOT / "README.md", tree)
    out = tmp_path / "built"
    subprocess.run([sys.executable, "-c", "import setuptools; setuptools.setup()", "-q", "build_py", "-d", str(out)],
                   cwd=tree, check=True, capture_output=True)
    wanted = {p.relative_to(SERVE).as_posix() for folder in ("templates", "static") for p in (SERVE / folder).rglob("*")
              if p.is_file()}
    built = {p.relative_to(out / "sitat" / "serve").as_posix() for p in (out / "sitat" / "serve").rglob("*") if p.is_file()}
    assert wanted and not wanted - built, (
        f"not in the wheel: {sorted(wanted - built)}; add \"templates/*.html\", \"static/*\" to "
        "[tool.setuptools.package-data] \"*\" in pyproject.toml")


def test_serve_app_from_environment_is_what_workers_run(serve_db, monkeypatch):
    from sitat.serve.app import app_from_environment

    monkeypatch.setenv("SITAT_DB", str(serve_db))
    monkeypatch.setenv("SITAT_API_TOKEN", "hemmelig")
    monkeypatch.setenv("SITAT_CORS_ORIGINS", "https://a.example https://b.example")
    app = app_from_environment()
    assert app.state.db_path == serve_db and app.state.api_token == "hemmelig"
    from fastapi.testclient import TestClient

    with TestClient(app) as c:
        r = c.get("/api/stats", headers={"Origin": "https://b.example"})
    assert r.headers["access-control-allow-origin"] == "https://b.example"

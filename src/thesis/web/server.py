"""Running the app: ``thesis serve`` (uvicorn), and a background server for tests and benchmarks.

Binding 127.0.0.1 (the default) needs no token. Binding anything else does: the token is read from
an environment variable (never a command-line option, which other users can see in ``ps``); when it
is unset a random one is made and the login link is printed once.
"""

from __future__ import annotations

import os
import secrets
import socket
import sys
import threading
import time
from pathlib import Path
from typing import Any

from thesis.web.app import Settings, create_app
from thesis.web.security import is_loopback

__all__ = ["BackgroundServer", "serve"]


def _allowed_hosts(host: str) -> list[str] | None:
    if is_loopback(host):
        return ["127.0.0.1", "localhost", "::1", host.strip("[]")]
    if host in ("0.0.0.0", "::", ""):
        return None  # any name reaches it; the token guards it
    return [host.strip("[]"), "127.0.0.1", "localhost", "::1"]


def serve(
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    runs_dir: str | Path = "runs",
    store_path: str | Path | None = None,
    token_env: str = "THESIS_WEB_TOKEN",
    check_workers: int = 2,
    formats: tuple[str, ...] = ("md", "html", "pdf"),
) -> None:
    """Serve the app until interrupted.

    Parameters
    ----------
    host, port
        Where to listen.
    runs_dir
        Folder of run folders.
    store_path
        The market data store (default ``$THESIS_HOME/market.duckdb``).
    token_env
        Environment variable holding the access token.
    check_workers
        Processes that run article checks.
    """
    import uvicorn

    from thesis.data.store import default_store_path

    token = os.environ.get(token_env) or None
    if not is_loopback(host) and token is None:
        token = secrets.token_urlsafe(24)
        print(
            f"{host} is not a loopback address, so the app needs an access token; {token_env} is "
            f"unset, so one was made for this session. Open:\n  http://{host}:{port}/?token={token}",
            file=sys.stderr,
        )
    settings = Settings(
        runs_dir=Path(runs_dir),
        store_path=Path(store_path) if store_path else default_store_path(),
        token=token,
        allowed_hosts=_allowed_hosts(host),
        check_workers=check_workers,
        formats=formats,
    )
    uvicorn.run(
        create_app(settings),
        host=host,
        port=port,
        log_level="info",
        timeout_graceful_shutdown=5,
        access_log=False,
    )


class BackgroundServer:
    """The app served by uvicorn in a thread on 127.0.0.1 and a free port (tests, benchmarks).

    >>> with BackgroundServer(Settings(runs_dir=tmp)) as url:   # doctest: +SKIP
    ...     httpx.get(url + "/healthz")
    """

    def __init__(self, settings: Settings, *, startup_timeout: float = 60.0) -> None:
        self.settings = settings
        self.startup_timeout = startup_timeout
        self.url = ""
        self._server: Any = None
        self._thread: threading.Thread | None = None

    def __enter__(self) -> str:
        import uvicorn

        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        config = uvicorn.Config(
            create_app(self.settings),
            log_level="warning",
            access_log=False,
            timeout_graceful_shutdown=2,
            backlog=256,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [sock]}, daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + self.startup_timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the web app did not start (see the log above)")
            time.sleep(0.02)
        self.url = f"http://127.0.0.1:{port}"
        return self.url

    def __exit__(self, *exc: object) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=15)

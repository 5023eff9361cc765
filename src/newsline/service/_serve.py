"""Running the service: :func:`serve` (uvicorn, one process or several) and :func:`app_from_env`,
the factory each of several server processes starts with."""

from __future__ import annotations

import errno
import os
import socket
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI

from newsline.corpus._store import Store
from newsline.errors import InputError
from newsline.service._app import check_ingest_token, create_app
from newsline.service._limits import CONFIG_ENV, ServiceConfig

__all__ = ["app_from_env", "serve"]


def app_from_env() -> FastAPI:
    """The app configured by ``NEWSLINE_SERVE_CONFIG`` (how ``newsline serve --workers N`` starts each worker)."""
    raw = os.environ.get(CONFIG_ENV)
    if not raw:
        raise InputError(f"{CONFIG_ENV} is not set; start the service with: newsline serve --db FILE")
    return create_app(ServiceConfig.from_json(raw))


def _check_address(host: str, port: int) -> None:
    """An address uvicorn could not listen on, as one clear error before it starts (it would print
    "[Errno 98] error while attempting to bind" and exit)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise InputError(f"--host {host}: not an address this machine has ({exc.strerror})") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise InputError(f"port {port} on {host} is in use (another newsline serve?); stop that "
                                 f"server or choose another port with --port") from None
            raise InputError(f"cannot listen on {host}:{port} ({exc.strerror}); choose another --host or "
                             "--port (ports below 1024 need root)") from None


def serve(config: ServiceConfig, host: str = "127.0.0.1", port: int = 8000, workers: int = 1,
          announce: Callable[[str], None] | None = None) -> None:
    """Run the service with uvicorn until interrupted; ``announce`` gets the address once it listens."""
    import uvicorn

    if workers > 1 and config.allow_ingest:
        raise InputError("--allow-ingest needs --workers 1: only one process may write the database")
    check_ingest_token(config)  # what the user must fix comes before what the machine is doing (a busy port)
    # open the database once here, so a bad --db is one clear error before uvicorn starts
    if config.db is not None:
        Store.open(config.db, read_only=not config.allow_ingest, wait=30.0).close()
    _check_address(host, port)
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/"
    if workers > 1:
        os.environ[CONFIG_ENV] = config.to_json()
        if announce:
            announce(url)
        uvicorn.run("newsline.service._serve:app_from_env", factory=True, host=host, port=port, workers=workers,
                    log_level="warning", access_log=False, timeout_graceful_shutdown=5)
        return
    app = create_app(config)
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False,
                                           timeout_graceful_shutdown=5))
    if announce:
        original = server.startup

        async def startup(sockets: Any = None) -> None:
            await original(sockets)
            if server.started:
                announce(url)

        server.startup = startup  # type: ignore[method-assign]
    server.run()

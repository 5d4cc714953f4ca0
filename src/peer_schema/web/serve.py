"""`peer-schema serve`: the app run by uvicorn, on 127.0.0.1 unless told otherwise.

Importing this module needs nothing beyond the package; `run` raises WebExtraMissing (with the
one line that says how to install it) when the `web` extra is not installed.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from ..install_hints import extra_install_hint

#: what `peer-schema serve` needs beyond the package: the `web` extra
WEB_MODULES = ("fastapi", "jinja2", "uvicorn", "multipart")
INSTALL_HINT = f'the web app needs the "web" extra ({extra_install_hint("web")})'


class WebExtraMissing(ImportError):
    """The `web` extra is not installed."""


def missing_modules() -> list[str]:
    missing = []
    for name in WEB_MODULES:
        try:
            importlib.import_module(name)
        except ImportError:
            missing.append(name)
    return missing


def run(host: str = "127.0.0.1", port: int = 8000, store: str | Path | None = None, endpoint: str | None = None,
        workers: int | None = None) -> None:
    """Serve the app until interrupted. store/endpoint: the research store the compendium pages
    read (never written). Raises WebExtraMissing, and OSError when the port cannot be bound."""
    if missing_modules():
        raise WebExtraMissing(INSTALL_HINT)
    if store is not None and not Path(store).is_dir():
        raise FileNotFoundError(f"--store {store}: no such folder (make one with peer-schema store load)")
    import uvicorn

    from .app import create_app

    # on this computer only: answered only when asked by that name (no DNS rebinding from a page elsewhere)
    local = ["127.0.0.1", "localhost"] if host in ("127.0.0.1", "localhost") else None
    # no server header; the access log names the method, path and status only (never a file's
    # name or contents, which travel in the body)
    uvicorn.run(create_app(store=store, endpoint=endpoint, allowed_hosts=local), host=host, port=port,
                server_header=False, proxy_headers=False, log_level="info")


def app_from_environment():
    """The app for `uvicorn --factory peer_schema.web.serve:app_from_environment` (several
    workers behind a reverse proxy: docs/web.md), configured by PEER_SCHEMA_STORE,
    PEER_SCHEMA_ENDPOINT, PEER_SCHEMA_MAX_BYTES and PEER_SCHEMA_ALLOWED_HOSTS (names, comma-separated)."""
    import os

    from ..readers import Limits
    from .app import create_app

    max_bytes = os.environ.get("PEER_SCHEMA_MAX_BYTES")
    limits = Limits(max_bytes=int(max_bytes)) if max_bytes else None
    hosts = [h.strip() for h in os.environ.get("PEER_SCHEMA_ALLOWED_HOSTS", "").split(",") if h.strip()]
    return create_app(store=os.environ.get("PEER_SCHEMA_STORE") or None,
                      endpoint=os.environ.get("PEER_SCHEMA_ENDPOINT") or None, limits=limits,
                      allowed_hosts=hosts or None)

"""The web app: browse runs, start one with live progress, check an article, download the outputs.

``thesis serve`` runs it (:func:`thesis.web.server.serve`); :func:`thesis.web.app.create_app` builds
it for any ASGI server. It calls the same public API as the command line.
"""

from __future__ import annotations

from typing import Any

__all__ = ["Settings", "create_app"]


def __getattr__(name: str) -> Any:  # lazy: importing thesis.web does not import FastAPI
    if name in __all__:
        from thesis.web import app

        return getattr(app, name)
    raise AttributeError(f"module 'thesis.web' has no attribute {name!r}")

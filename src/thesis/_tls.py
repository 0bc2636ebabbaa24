"""One TLS context per process for the HTTP clients thesis opens (the LLM writer and extractor, the
data providers).

httpx builds a new :class:`ssl.SSLContext` for every client made with its default
``verify=True``, loading certifi's CA bundle each time (about 20 ms of CPU, more than a local
request). A context is meant to be shared: it is built once, the way httpx builds it (certifi, or
``SSL_CERT_FILE`` / ``SSL_CERT_DIR`` when set at the first request), and reused.
"""

from __future__ import annotations

import ssl
from functools import lru_cache

__all__ = ["ssl_context"]


@lru_cache(maxsize=1)
def ssl_context() -> ssl.SSLContext:
    """The process's client TLS context (certificate and host name checks on)."""
    import httpx

    return httpx.create_ssl_context()

"""thesis._tls: one client TLS context per process, as strict as httpx's own default."""

from __future__ import annotations

import ssl

from thesis._tls import ssl_context


def test_one_context_that_checks_certificates_and_host_names() -> None:
    ctx = ssl_context()
    assert ctx is ssl_context()
    assert ctx.verify_mode == ssl.CERT_REQUIRED and ctx.check_hostname
    assert ctx.cert_store_stats()["x509_ca"] > 0  # certifi's bundle is loaded


def test_every_llm_writer_reuses_it() -> None:
    from thesis.writing.llm import LLMWriter

    w = LLMWriter(base_url="http://127.0.0.1:9/v1", model="m")
    try:
        client = w._client()
        pool = client._transport._pool
        assert pool._ssl_context is ssl_context()
    finally:
        w.close()

"""The app's guard, as one ASGI middleware in front of every request.

- **Host**: only the names the app was bound to answer (stops DNS-rebinding pages from reaching a
  server on 127.0.0.1 through a name they control).
- **Access token**: when set (always when bound off 127.0.0.1), every request carries it as
  ``Authorization: Bearer TOKEN``, or the cookie set after opening ``/?token=TOKEN`` once.
- **Cross-site posts**: a POST whose ``Origin`` is another site is refused, so a page elsewhere
  cannot start runs through a visitor's browser.
- **Body size**: a request body over the limit is refused with 413 before it is read whole.
- **Headers**: a content security policy without inline scripts, ``nosniff``, no referrer.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Awaitable, Callable, Iterable
from typing import Any
from urllib.parse import parse_qsl, urlencode

__all__ = ["COOKIE", "Guard", "is_loopback"]

COOKIE = "thesis_token"
Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; frame-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'self'"
)
_HEADERS = [
    (b"content-security-policy", _CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"SAMEORIGIN"),
]
_OPEN_PATHS = ("/static/", "/healthz")


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ``::1`` and ``localhost``."""
    h = host.strip("[]").lower()
    return h == "localhost" or h == "::1" or h.startswith("127.")


class Guard:
    """The middleware (see the module's docstring).

    Parameters
    ----------
    app
        The ASGI app behind it.
    token
        The access token, or ``None`` for none.
    allowed_hosts
        Host names (without port) that may be used to reach the app; ``None`` allows any.
    max_body
        Largest request body, bytes.
    """

    def __init__(
        self,
        app: Any,
        *,
        token: str | None,
        allowed_hosts: Iterable[str] | None,
        max_body: int,
    ) -> None:
        self.app = app
        self.token = token
        self.allowed = None if allowed_hosts is None else {h.lower() for h in allowed_hosts}
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        path = scope.get("path", "/")
        host = headers.get("host", "")
        hostname = host.rsplit(":", 1)[0] if not host.startswith("[") else host.split("]")[0] + "]"
        if self.allowed is not None and hostname.strip("[]").lower() not in self.allowed:
            await self._refuse(
                send,
                scope,
                400,
                "unknown host name",
                f"open the app at one of {sorted(self.allowed)}",
            )
            return
        if self.token and not path.startswith(_OPEN_PATHS):
            query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
            if "token" in query and hmac.compare_digest(query["token"], self.token):
                await self._login(send, scope, query)
                return
            if not self._authorised(headers):
                await self._refuse(
                    send,
                    scope,
                    401,
                    "an access token is required",
                    "open the link the server printed (with ?token=...), or send "
                    "'Authorization: Bearer TOKEN'",
                )
                return
        if scope["method"] not in ("GET", "HEAD", "OPTIONS"):
            origin = headers.get("origin")
            if origin and origin != "null" and origin.split("://", 1)[-1].lower() != host.lower():
                await self._refuse(
                    send, scope, 403, "cross-site request refused", "use the app's own pages"
                )
                return
        length = headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > self.max_body:
            await self._too_large(send, scope)
            return
        if length is None and scope["method"] not in ("GET", "HEAD", "OPTIONS"):
            # a chunked body has no declared length: read it here, up to the limit, then replay
            # it (the server enforces a declared Content-Length itself)
            chunks: list[bytes] = []
            size = 0
            while True:
                msg = await receive()
                if msg["type"] != "http.request":
                    return
                chunks.append(msg.get("body", b""))
                size += len(chunks[-1])
                if size > self.max_body:
                    await self._too_large(send, scope)
                    return
                if not msg.get("more_body", False):
                    break
            body = b"".join(chunks)
            sent = False

            async def replay() -> Message:
                nonlocal sent
                if sent:
                    return await receive()
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}

            receive = replay

        async def send_with_headers(msg: Message) -> None:
            if msg["type"] == "http.response.start":
                have = {k.lower() for k, _ in msg.get("headers", [])}
                msg["headers"] = list(msg.get("headers", [])) + [
                    (k, v) for k, v in _HEADERS if k not in have
                ]
            await send(msg)

        await self.app(scope, receive, send_with_headers)

    def _authorised(self, headers: dict[str, str]) -> bool:
        assert self.token is not None
        auth = headers.get("authorization", "")
        if auth.lower().startswith("bearer ") and hmac.compare_digest(auth[7:].strip(), self.token):
            return True
        for part in headers.get("cookie", "").split(";"):
            k, _, v = part.strip().partition("=")
            if k == COOKIE and hmac.compare_digest(v, self.token):
                return True
        return False

    async def _login(self, send: Send, scope: Scope, query: dict[str, str]) -> None:
        rest = urlencode({k: v for k, v in query.items() if k != "token"})
        location = scope.get("path", "/") + (f"?{rest}" if rest else "")
        cookie = f"{COOKIE}={self.token}; HttpOnly; SameSite=Strict; Path=/"
        await send(
            {
                "type": "http.response.start",
                "status": 303,
                "headers": [
                    (b"location", location.encode("latin-1")),
                    (b"set-cookie", cookie.encode("latin-1")),
                    *_HEADERS,
                ],
            }
        )
        await send({"type": "http.response.body", "body": b""})

    async def _too_large(self, send: Send, scope: Scope) -> None:
        await self._refuse(
            send,
            scope,
            413,
            f"the request is over the {self.max_body / 1e6:.0f} MB limit",
            "upload the article alone (up to 20 MB)",
        )

    async def _refuse(self, send: Send, scope: Scope, status: int, what: str, fix: str) -> None:
        accept = dict(scope["headers"]).get(b"accept", b"").decode("latin-1")
        if scope.get("path", "").startswith("/api/") or "text/html" not in accept:
            body = json.dumps({"error": what, "fix": fix, "status": status}).encode()
            ctype = b"application/json"
        else:
            import html

            body = (
                "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>"
                f"{status}</title></head><body><h1>{html.escape(what)}</h1>"
                f"<p>{html.escape(fix)}</p></body></html>"
            ).encode()
            ctype = b"text/html; charset=utf-8"
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [(b"content-type", ctype), *_HEADERS],
            }
        )
        await send({"type": "http.response.body", "body": body})

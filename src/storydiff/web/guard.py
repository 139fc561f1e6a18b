"""What every response and every request that changes anything goes through.

- A Content-Security-Policy without ``'unsafe-inline'``: pages link their CSS and script from
  ``/static`` (``render_html(assets=...)`` for the report), so an injected ``<script>`` or
  ``style=`` never runs even if escaping were missed somewhere.
- Requests that change anything (every method but GET/HEAD/OPTIONS; docs/web.md lists them)
  must come for a known Host and, when the browser sends an Origin, from the same host: a page
  on another site cannot make a reader's browser post to the app (CSRF, DNS rebinding).
- Beyond loopback they need ``STORYDIFF_API_TOKEN`` (header ``Authorization: Bearer TOKEN`` or
  the form field ``token``); ``storydiff serve`` refuses a non-loopback bind without one.
- A body over the limit is refused from its Content-Length before it is read.
"""

from __future__ import annotations

import hmac
import ipaddress
import os
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
TOKEN_ENV = "STORYDIFF_API_TOKEN"


def is_loopback(host: str) -> bool:
    host = host.strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _hostname(value: str) -> str:
    return (urlsplit(f"//{value}").hostname or "").lower()


class Guard:
    """The checks, configured once by ``create_app``: ``hosts`` the names the app answers for
    beyond loopback (the address ``serve`` binds), ``max_body`` the largest request body."""

    def __init__(self, max_body: int, hosts: tuple[str, ...] = (), token: str | None = None):
        self.max_body = max_body
        self.hosts = {h.lower() for h in hosts}
        self.token = token if token is not None else os.environ.get(TOKEN_ENV) or None

    def refusal(self, request: Request) -> Response | None:
        """Why this request is refused, as the response to give, or None."""
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            return _refuse(request, 413, f"the request body is over the limit of {self.max_body:,} bytes")
        if request.method in SAFE_METHODS:
            return None
        host = _hostname(request.headers.get("host", ""))
        local = is_loopback(host) or host == "testserver"  # fastapi.testclient's Host
        if not local and host not in self.hosts:
            return _refuse(request, 403, f"requests for host {host or '(none)'!r} are not accepted")
        origin = request.headers.get("origin")
        if origin is not None and _hostname(urlsplit(origin).netloc) != host:
            return _refuse(request, 403, "a request from another site (Origin header) is not accepted")
        client = request.client.host if request.client else ""
        if not (local and (is_loopback(client) or client in ("testclient", ""))):
            if self.token is None:
                return _refuse(request, 403, f"changes from beyond this machine need {TOKEN_ENV} set on the server")
            given = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
            given = given or request.query_params.get("token", "")
            if not hmac.compare_digest(given.encode(), self.token.encode()):
                return _refuse(request, 401, "a valid API token is needed (Authorization: Bearer TOKEN)")
        return None


def _refuse(request: Request, status: int, message: str) -> Response:
    if request.url.path.startswith("/api/"):
        return JSONResponse({"detail": message}, status_code=status)
    return Response(f"storydiff: {message}\n", status_code=status, media_type="text/plain; charset=utf-8")


def secure_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    # not no-referrer: under it the browser sends "Origin: null" with the app's own form posts
    response.headers.setdefault("Referrer-Policy", "same-origin")
    return response


__all__ = ["Guard", "CSP", "TOKEN_ENV", "is_loopback", "secure_headers"]

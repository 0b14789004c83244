"""One error shape for every failed request: ``{"error": {"status", "code", "message", "detail"}}``.

API paths (``/api/...``) and clients that ask for JSON get that object; a browser on a page
gets the same facts as an HTML page.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import ConfigError, DatelineError
from .guards import BodyTooLarge

__all__ = ["ApiError", "error_body", "install_error_handlers"]

log = logging.getLogger(__name__)


class ApiError(Exception):
    """An error with its HTTP status and a short machine-readable code."""

    def __init__(self, status: int, code: str, message: str, *, headers: dict[str, str] | None = None) -> None:
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
        super().__init__(message)


def error_body(status: int, code: str, message: str, detail: Any = None) -> dict[str, Any]:
    """The error object every failed request answers with."""
    return {"error": {"status": status, "code": code, "message": message, "detail": detail}}


def _code_of(status: int) -> str:
    try:
        return HTTPStatus(status).phrase.lower().replace(" ", "_").replace("-", "_")
    except ValueError:
        return "error"


def _wants_json(request: Request) -> bool:
    if request.url.path.startswith("/api/") or request.url.path == "/api":
        return True
    accept = request.headers.get("accept", "")
    return "text/html" not in accept


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers that turn every exception into the one error shape."""

    def answer(request: Request, status: int, code: str, message: str, detail: Any = None,
               headers: dict[str, str] | None = None) -> Response:
        body = error_body(status, code, message, detail)
        if _wants_json(request):
            return JSONResponse(body, status_code=status, headers=headers)
        templates = request.app.state.templates
        return templates.TemplateResponse(request, "error.html", {"error": body["error"]},
                                          status_code=status, headers=headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        return answer(request, exc.status_code, _code_of(exc.status_code), message,
                      headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        detail = [{"where": ".".join(str(p) for p in err.get("loc", ())), "problem": err.get("msg", "")}
                  for err in exc.errors()]
        first = detail[0] if detail else {"where": "request", "problem": "invalid"}
        return answer(request, 422, "invalid_request", f"{first['where']}: {first['problem']}", detail)

    @app.exception_handler(ConfigError)
    async def bad_value(request: Request, exc: ConfigError) -> Response:
        return answer(request, 422, "invalid_request", str(exc))

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> Response:
        return answer(request, exc.status, exc.code, exc.message, headers=exc.headers)

    @app.exception_handler(BodyTooLarge)
    async def too_large(request: Request, exc: BodyTooLarge) -> Response:
        return answer(request, 413, "payload_too_large", str(exc))

    @app.exception_handler(DatelineError)
    async def dateline_error(request: Request, exc: DatelineError) -> Response:
        log.warning("request %s failed: %s", request.url.path, exc)
        return answer(request, 500, "internal_error", str(exc))

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        log.error("request %s failed", request.url.path, exc_info=exc)
        return answer(request, 500, "internal_error",
                      "the server failed on this request; the log has the details")

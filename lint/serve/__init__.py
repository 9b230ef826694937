"""`copydesk serve`: the editors' draft page and the JSON service behind it.

Part of the optional `serve` extra (`pip install 'copydesk[serve]'`: Starlette and Uvicorn). Only
the `serve` command imports this module, so the rest of the command line starts without them.

The service lints with the same Runner, rules and config lookup as `copydesk check`: a draft is
linted as if it were the file `filename` under ROOT (config found from that file's folder
upward), or ROOT itself when it has no name. Endpoints (all JSON):

    POST /api/lint        {"text", "filename"?, "markdown"?} (or a text/plain body and ?filename=)
                          -> the CLI's JSON contract {"version", "files", "findings": [...]};
                          header X-Copydesk-Fixable: how many findings carry a safe fix
    POST /api/fix         same body -> {"text", "changed", "fixed", "removed_lines", "diff", ...}
    GET  /api/rules       every rule with its why and examples; /api/rules/{id} for one (?filename=)
    GET  /api/files       article files under ROOT; GET /api/file?path=REL opens one
    GET  /api/info        version, ROOT and the request size limit

Article text never becomes markup: the page builds its DOM with textContent only, and every
response carries a Content-Security-Policy without inline script. Files open only under ROOT
(`..`, absolute paths and symlinks that resolve outside are refused with 403). Request bodies
over the limit (5 MB by default) get a 413 with a JSON error.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import threading
from pathlib import Path, PurePosixPath

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from lint import __version__
from lint import fix as fixes
from lint.newsroom.document import decode, normalise_newlines
from lint.errors import ConfigError, CopydeskError, InputError
from lint.files import excluded, not_article, walk
from lint.finding import CATEGORIES
from lint.runner import Runner

MAX_REQUEST_BYTES = 5 * 1024 * 1024
MAX_LISTED_FILES = 10_000
STATIC = Path(__file__).resolve().parent / "static"
LOOPBACK_NAMES = ["127.0.0.1", "localhost", "::1", "[::1]"]

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
        "connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}


class ApiError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


def _megabytes(size: int) -> str:
    value = size / (1024 * 1024)
    return f"{value:.0f} MB" if value == int(value) else f"{value:.1f} MB"


class DraftService:
    """Lints drafts and opens files under one ROOT; the Runner is shared and used one call at a time."""

    def __init__(self, root: Path, runner: Runner | None = None, max_bytes: int = MAX_REQUEST_BYTES):
        self.root = Path(os.path.realpath(root))
        if not self.root.is_dir():
            raise InputError(str(root), "is not a folder")
        self.runner = runner or Runner()
        self.max_bytes = max_bytes
        self._lock = threading.Lock()

    # --- paths under ROOT -------------------------------------------------------------
    def relative(self, name: str) -> str:
        """A request's file name as a clean relative POSIX path, refusing anything outside ROOT."""
        if not isinstance(name, str) or not name.strip() or "\x00" in name:
            raise ApiError(400, "a file name must be a non-empty path relative to ROOT")
        clean = name.replace("\\", "/")
        pure = PurePosixPath(clean)
        if pure.is_absolute() or (len(clean) > 1 and clean[1] == ":") or ".." in pure.parts:
            raise ApiError(403, f"{name}: outside ROOT; only files under ROOT can be opened")
        parts = [part for part in pure.parts if part not in ("", ".")]
        if not parts:
            raise ApiError(400, "a file name must be a non-empty path relative to ROOT")
        return "/".join(parts)

    def inside(self, relative: str) -> Path:
        """The real path of a relative name, which must resolve (symlinks followed) under ROOT."""
        real = Path(os.path.realpath(self.root / relative))
        if real != self.root and self.root not in real.parents:
            raise ApiError(403, f"{relative}: resolves outside ROOT (a symbolic link); refused")
        return real

    def folder_for(self, filename: str | None) -> tuple[str, Path]:
        """(display name, folder the config is looked up from) for a draft."""
        if not filename:
            return "<draft>", self.root
        relative = self.relative(filename)
        real = self.inside(relative)
        folder = real if real.is_dir() else real.parent
        if folder != self.root and self.root not in folder.parents:
            raise ApiError(403, f"{relative}: outside ROOT")
        return relative, folder

    # --- linting ----------------------------------------------------------------------
    def lint(self, text: str, filename: str | None = None, markdown: bool | None = None):
        display, folder = self.folder_for(filename)
        raw = text.encode("utf-8", "replace")  # lone surrogates become '?': one code point each
        try:
            with self._lock:
                doc, findings, notices = self.runner.lint_text(display, raw, folder, markdown)
        except InputError as exc:
            raise ApiError(400, str(exc)) from None
        except ConfigError as exc:
            raise ApiError(500, f"configuration error: {exc}") from None
        except CopydeskError as exc:
            raise ApiError(500, str(exc)) from None
        return doc, findings, notices

    def contract(self, findings) -> dict:
        """The CLI's JSON contract (lint/formats/json_format.py) for one draft."""
        return {"version": __version__, "files": 1, "findings": [f.as_dict() for f in findings]}

    def fix(self, text: str, filename: str | None = None, markdown: bool | None = None) -> dict:
        doc, findings, _ = self.lint(text, filename, markdown)
        fixing = [f for f in findings if f.fix]
        source = doc.text  # what was linted: BOM stripped, newlines normalised
        fixed, removed, refused = fixes.apply(source, fixing)
        lines = source.split("\n")
        changed = fixed != source
        return {
            "changed": changed,
            "text": fixed,
            "fixed": len(fixing) if changed else 0,
            "removed_lines": [{"line": n, "text": lines[n - 1]} for n in sorted(removed)],
            "refused_lines": refused,
            "diff": fixes.unified_diff(source, fixed, doc.path) if changed else "",
        }

    # --- rules ------------------------------------------------------------------------
    def rules(self, filename: str | None = None) -> list[dict]:
        """Every rule a draft (named `filename`, else at ROOT) can meet, disabled ones included."""
        _, folder = self.folder_for(filename)
        try:
            with self._lock:
                cfg = self.runner.config_for(folder)
                rules, _ = self.runner.packs(tuple(cfg.rules) + tuple(self.runner.extra_rules))
        except CopydeskError as exc:
            raise ApiError(500, f"configuration error: {exc}") from None
        return [rule_explanation(rule) for rule in rules]

    # --- files ------------------------------------------------------------------------
    def files(self) -> list[str]:
        listed = []
        for path in walk(self.root):
            real = Path(os.path.realpath(path))
            if self.root not in real.parents or not real.is_file():
                continue  # a symlink pointing out of ROOT
            try:
                with self._lock:
                    cfg = self.runner.config_for(path.parent)
                if excluded(path, cfg.root, cfg.exclude) or not_article(path, cfg.root, cfg.not_articles):
                    continue
            except CopydeskError:
                pass
            listed.append(path.relative_to(self.root).as_posix())
            if len(listed) >= MAX_LISTED_FILES:
                break
        return listed

    def open(self, name: str) -> dict:
        relative = self.relative(name)
        real = self.inside(relative)
        if not real.exists():
            raise ApiError(404, f"{relative}: no such file under ROOT")
        if not real.is_file():
            raise ApiError(400, f"{relative}: not a file")
        size = real.stat().st_size
        if size > self.max_bytes:
            raise ApiError(413, f"{relative}: {_megabytes(size)} is over the {_megabytes(self.max_bytes)} limit")
        try:
            text, _ = decode(real.read_bytes(), relative)
        except InputError as exc:
            raise ApiError(400, str(exc)) from None
        except OSError as exc:
            raise ApiError(400, f"{relative}: cannot read: {exc.strerror or exc}") from None
        return {"path": relative, "text": normalise_newlines(text)}


def rule_explanation(rule) -> dict:
    """What `copydesk explain` prints, as data."""

    def examples(items):
        return [{"text": e.text, "house": e.house} for e in items]

    return {
        "id": rule.id,
        "category": rule.category,
        "severity": rule.severity,
        "kind": rule.kind,
        "enabled": rule.enabled,
        "message": rule.message,
        "description": rule.description,
        "examples": {"fail": examples(rule.fail_examples), "pass": examples(rule.pass_examples)},
    }


# --- HTTP -------------------------------------------------------------------------------


async def _body(request: Request, limit: int) -> bytes:
    too_large = f"request too large: the limit is {_megabytes(limit)} ({limit} bytes); split the draft or lint it with `copydesk check`"
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise ApiError(413, too_large)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, too_large)
        chunks.append(chunk)
    return b"".join(chunks)


async def _draft(request: Request, limit: int) -> tuple[str, str | None, bool | None]:
    """(text, filename, markdown) from a JSON body, or from a text/plain body and ?filename=."""
    raw = await _body(request, limit)
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/json":
        try:
            payload = json.loads(raw)
        except (ValueError, UnicodeDecodeError) as exc:
            raise ApiError(400, f"the body is not valid JSON: {exc}") from None
        if not isinstance(payload, dict) or not isinstance(payload.get("text"), str):
            raise ApiError(400, 'the body must be a JSON object with a "text" string')
        filename, markdown = payload.get("filename"), payload.get("markdown")
    else:
        try:
            payload = {"text": raw.decode("utf-8-sig")}
        except UnicodeDecodeError as exc:
            raise ApiError(400, f"the body is not UTF-8 (byte offset {exc.start})") from None
        filename = request.query_params.get("filename")
        flag = request.query_params.get("markdown")
        markdown = None if flag is None else flag.lower() in ("1", "true", "yes")
    if filename is not None and not isinstance(filename, str):
        raise ApiError(400, '"filename" must be a string')
    if markdown is not None and not isinstance(markdown, bool):
        raise ApiError(400, '"markdown" must be true or false')
    return payload["text"], filename or None, markdown


class SecurityHeaders:
    """ASGI middleware adding SECURITY_HEADERS to every HTTP response that lacks them."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items() if k.lower().encode() not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def host_name(header: str) -> str:
    """The host of a Host header, without its port: `127.0.0.1:8765` -> `127.0.0.1`,
    `[::1]:8765` -> `[::1]`."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[: header.find("]") + 1] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class AllowedHosts:
    """ASGI middleware: a request must name the server by an allowed host (keeps other web
    sites out through DNS rebinding). A refusal is a JSON 400, like every other error."""

    def __init__(self, app, allowed_hosts):
        self.app = app
        self.allowed = {name.lower() for name in allowed_hosts}

    async def __call__(self, scope, receive, send):
        if "*" in self.allowed or scope["type"] not in ("http", "websocket"):
            return await self.app(scope, receive, send)
        header = Headers(scope=scope).get("host", "")
        if host_name(header) in self.allowed:
            return await self.app(scope, receive, send)
        names = ", ".join(sorted(self.allowed))
        message = (f"host {header!r} is not allowed: open the page as http://127.0.0.1 or http://localhost "
                   f"(allowed host names: {names}; `copydesk serve --host` serves another)")
        await JSONResponse({"error": message}, status_code=400)(scope, receive, send)


def create_app(root: Path, runner: Runner | None = None, *, max_bytes: int = MAX_REQUEST_BYTES, allowed_hosts=None) -> Starlette:
    """The ASGI app. `allowed_hosts` guards against DNS rebinding (default: loopback names only)."""
    service = DraftService(root, runner, max_bytes)

    async def index(request: Request):
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    async def info(request: Request):
        return JSONResponse(
            {"version": __version__, "root": str(service.root), "max_request_bytes": service.max_bytes, "categories": list(CATEGORIES)}
        )

    async def lint_endpoint(request: Request):
        text, filename, markdown = await _draft(request, service.max_bytes)
        _, findings, notices = await run_in_threadpool(service.lint, text, filename, markdown)
        headers = {"X-Copydesk-Fixable": str(sum(1 for f in findings if f.fix))}
        if notices:
            headers["X-Copydesk-Notices"] = str(len(notices))
        return JSONResponse(service.contract(findings), headers=headers)

    async def fix_endpoint(request: Request):
        text, filename, markdown = await _draft(request, service.max_bytes)
        return JSONResponse(await run_in_threadpool(service.fix, text, filename, markdown))

    async def rules_endpoint(request: Request):
        filename = request.query_params.get("filename")
        return JSONResponse({"version": __version__, "rules": await run_in_threadpool(service.rules, filename)})

    async def rule_endpoint(request: Request):
        wanted = request.path_params["rule"]
        for rule in await run_in_threadpool(service.rules, request.query_params.get("filename")):
            if rule["id"] == wanted:
                return JSONResponse(rule)
        raise ApiError(404, f"no rule '{wanted}'")

    async def files_endpoint(request: Request):
        return JSONResponse({"root": str(service.root), "files": await run_in_threadpool(service.files)})

    async def file_endpoint(request: Request):
        name = request.query_params.get("path")
        if name is None:
            raise ApiError(400, "give the file as ?path=RELATIVE/PATH")
        return JSONResponse(await run_in_threadpool(service.open, name))

    async def api_error(request: Request, exc: ApiError):
        return JSONResponse({"error": exc.message}, status_code=exc.status)

    async def http_error(request: Request, exc: HTTPException):
        return JSONResponse({"error": exc.detail}, status_code=exc.status_code, headers=getattr(exc, "headers", None))

    routes = [
        Route("/", index),
        Route("/api/info", info),
        Route("/api/lint", lint_endpoint, methods=["POST"]),
        Route("/api/fix", fix_endpoint, methods=["POST"]),
        Route("/api/rules", rules_endpoint),
        Route("/api/rules/{rule}", rule_endpoint),
        Route("/api/files", files_endpoint),
        Route("/api/file", file_endpoint),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    middleware = [
        Middleware(SecurityHeaders),
        Middleware(AllowedHosts, allowed_hosts=list(allowed_hosts or LOOPBACK_NAMES)),
    ]
    app = Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers={ApiError: api_error, HTTPException: http_error},
    )
    app.state.service = service
    return app


def allowed_hosts_for(host: str) -> list[str]:
    if host in ("0.0.0.0", "::", ""):
        return ["*"]  # the user chose to serve every interface
    return list(dict.fromkeys([*LOOPBACK_NAMES, host, f"[{host}]" if ":" in host else host]))


def bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def url_of(host: str, port: int) -> str:
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def serve(root: Path, host: str = "127.0.0.1", port: int = 8765, runner: Runner | None = None) -> int:
    """Run the server until interrupted; prints its address first. Returns an exit code."""
    import uvicorn

    app = create_app(root, runner, allowed_hosts=allowed_hosts_for(host))
    try:
        sock = bind(host, port)
    except OSError as exc:
        print(f"copydesk: cannot listen on {host}:{port}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    address = url_of(host, sock.getsockname()[1])
    print(f"copydesk: the editors' draft page for {app.state.service.root} is at {address}", flush=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        print(f"copydesk: warning: listening on {host}, not only this machine; anyone who can reach it can read articles under ROOT", file=sys.stderr, flush=True)
    print("copydesk: press Ctrl+C to stop", flush=True)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off", server_header=False)
    uvicorn.Server(config).run(sockets=[sock])
    return 0

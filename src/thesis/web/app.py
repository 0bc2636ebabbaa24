"""The web app (FastAPI): runs, live progress, the article checker, downloads.

Server-rendered pages (jinja2, autoescaped: every title, quote and message a user supplied is
shown as text) and one small script (``static/app.js``) that polls a running run's status. Every
page calls the same public API as the CLI: :mod:`thesis.pipeline` through :mod:`thesis.web.jobs`,
the claim checker through :mod:`thesis.web.checker`, the publishing side through
:mod:`thesis.publish`.

Routes::

    GET  /                          runs, and the forms that start one
    POST /runs                      start a run (thesis file, pasted TOML, or the form)
    GET  /runs/{id}                 a run: progress, error, article, downloads
    GET  /runs/{id}/status.json     its status (polled by the page)
    GET  /runs/{id}/files/{name}    a file of the run (article.md/.html/.pdf, charts, facts.json)
    GET  /runs/{id}/keydates.ics    its key dates
    GET  /check                     the article checker
    POST /check                     check pasted or uploaded text, HTML or PDF
    GET  /check/{id}.json           that check's claims as JSON
    POST /api/check                 the same as JSON in, JSON out (``{"text": ..., "date": ...}``)
    GET  /healthz                   liveness
"""

from __future__ import annotations

import asyncio
import json
import secrets
from collections import OrderedDict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    RedirectResponse,
    Response,
)
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from thesis.errors import PublishError, ThesisError
from thesis.web.uploads import MAX_UPLOAD_BYTES, UploadError, read_upload

__all__ = ["Settings", "create_app"]

_HERE = Path(__file__).parent
_REPORTS = 256  # check reports kept for their JSON download
_MEDIA = {
    ".md": "text/markdown; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".pdf": "application/pdf",
    ".ics": "text/calendar; charset=utf-8",
    ".json": "application/json",
    ".png": "image/png",
    ".csv": "text/csv; charset=utf-8",
    ".toml": "text/plain; charset=utf-8",
    ".log": "text/plain; charset=utf-8",
}
_EVENTS = {"touch": "Touch", "close_above": "Close at or above", "close_below": "Close at or below"}


@dataclass
class Settings:
    """What the app serves and how.

    Attributes
    ----------
    runs_dir
        Folder of run folders (created).
    store_path
        The market data store (read-only); ``None`` or absent: checks run without data.
    token
        Access token; required by :func:`thesis.web.server.serve` off 127.0.0.1.
    allowed_hosts
        Host names the app answers to (``None``: any).
    check_workers
        Processes for checks (0: threads in the server process).
    formats
        Article formats a run writes.
    max_parallel_runs
        Runs executing at once; the rest wait.
    max_upload
        Largest upload, bytes.
    """

    runs_dir: Path
    store_path: Path | None = None
    token: str | None = None
    allowed_hosts: list[str] | None = field(
        default_factory=lambda: ["127.0.0.1", "localhost", "::1"]
    )
    check_workers: int = 0
    formats: tuple[str, ...] = ("md", "html", "pdf")
    max_parallel_runs: int = 1
    max_upload: int = MAX_UPLOAD_BYTES


def _templates() -> Any:
    import jinja2
    from fastapi.templating import Jinja2Templates

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_HERE / "templates")),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return Jinja2Templates(env=env)


def highlight_segments(text: str, claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The article as a flat list of tokens that the template turns into nested highlights.

    Tokens are ``{"text": ...}``, ``{"open": claim}`` and ``{"close": claim}``, in order; joining
    the ``text`` tokens gives ``text`` back. A claim inside another (a figure within a sentence
    that is itself a claim) is nested in it; a claim that overlaps another only in part cannot
    nest in valid HTML, so it is listed below the text but not marked.
    """
    spans = sorted(
        (
            (int(c["start"]), int(c["end"]), c)
            for c in claims
            if isinstance(c.get("start"), int)
            and isinstance(c.get("end"), int)
            and 0 <= c["start"] < c["end"] <= len(text)
        ),
        key=lambda x: (x[0], -x[1]),
    )
    out: list[dict[str, Any]] = []
    stack: list[tuple[int, dict[str, Any]]] = []  # (end, claim) of the open marks
    pos = 0

    def emit(upto: int) -> None:
        nonlocal pos
        if upto > pos:
            out.append({"text": text[pos:upto]})
            pos = upto

    def close_until(limit: int) -> None:
        while stack and stack[-1][0] <= limit:
            end, c = stack.pop()
            emit(end)
            out.append({"close": c})

    for a, b, c in spans:
        close_until(a)
        if stack and b > stack[-1][0]:
            continue  # overlaps the open claim in part: not nestable
        emit(a)
        out.append({"open": c})
        stack.append((b, c))
    close_until(len(text))
    emit(len(text))
    return out


def _probability_rows(run: Any) -> tuple[list[str], list[dict[str, Any]]]:
    """Methods, and one row per (event, level) with the probability by method."""
    from thesis.writing.format import fmt_value

    rows: dict[tuple[str, float], dict[str, Any]] = {}
    methods: list[str] = []
    for f in run.forecasts():
        if f.method.endswith("_closed"):
            continue
        if f.method not in methods:
            methods.append(f.method)
        key = (f.event, f.level)
        row = rows.setdefault(
            key,
            {
                "event": _EVENTS.get(f.event, f.event),
                "level": f"{f.level:,.0f}" if f.level.is_integer() else f"{f.level:,.2f}",
                "p": {},
            },
        )
        row["p"][f.method] = fmt_value(f.probability, "probability")
    ordered = [rows[k] for k in sorted(rows, key=lambda k: (k[1], k[0]))]
    return methods, ordered


def create_app(settings: Settings) -> Any:
    """The ASGI app for ``settings`` (see the module's docstring for the routes)."""
    from thesis.web import checker
    from thesis.web.jobs import JobManager, read_status, resolve_run
    from thesis.web.security import Guard

    templates = _templates()
    runs_dir = Path(settings.runs_dir)
    store_path = settings.store_path
    store_file = str(store_path) if store_path is not None and Path(store_path).exists() else None
    state: dict[str, Any] = {"pool": None, "jobs": None}
    reports: OrderedDict[str, dict[str, Any]] = OrderedDict()

    @asynccontextmanager
    async def lifespan(_app: Any) -> AsyncIterator[None]:
        state["jobs"] = JobManager(
            runs_dir,
            Path(store_file) if store_file else None,
            formats=settings.formats,
            max_parallel=settings.max_parallel_runs,
        )
        state["pool"] = await run_in_threadpool(
            checker.make_pool, settings.check_workers, store_file
        )
        try:
            yield
        finally:
            if state["pool"] is not None:
                state["pool"].shutdown(wait=False, cancel_futures=True)
            else:
                checker.close_worker_store()
            state["jobs"].shutdown()

    app = FastAPI(
        title="thesis",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.mount("/static", StaticFiles(directory=str(_HERE / "static")), name="static")

    # ------------------------------------------------------------------ helpers
    def page(request: Request, name: str, code: int = 200, **ctx: Any) -> HTMLResponse:
        return templates.TemplateResponse(
            request, name, {"store": store_file, **ctx}, status_code=code
        )

    def error_page(request: Request, status: int, what: str, fix: str = "", where: str = "") -> Any:
        if request.url.path.startswith("/api/") or "application/json" in request.headers.get(
            "accept", ""
        ):
            return JSONResponse(
                {"error": what, "where": where, "fix": fix, "status": status}, status_code=status
            )
        return page(request, "error.html.j2", status, what=what, fix=fix, where=where)

    def run_dir(run_id: str) -> Path:
        return resolve_run(runs_dir, run_id)

    async def run_check(text: str, where: str, suffix: str, date: str | None) -> dict[str, Any]:
        pool = state["pool"]
        if pool is None:
            return await run_in_threadpool(checker.check_payload, text, where, suffix, date)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(pool, checker.check_payload, text, where, suffix, date)

    @app.exception_handler(PublishError)
    async def _publish_error(request: Request, e: PublishError) -> Any:
        status = 404 if "no such" in e.what else 400
        return error_page(request, status, e.what, e.fix or "", e.where or "")

    @app.exception_handler(UploadError)
    async def _upload_error(request: Request, e: UploadError) -> Any:
        return error_page(request, e.status, e.what, e.fix, e.where)

    # ------------------------------------------------------------------ pages
    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/", response_class=HTMLResponse)
    async def index(request: Request) -> Any:
        from thesis.spec import TEMPLATE
        from thesis.web.forms import FORM_FIELDS

        return page(
            request,
            "index.html.j2",
            runs=state["jobs"].list_runs(),
            fields=FORM_FIELDS,
            template=TEMPLATE,
            error=None,
            values={},
        )

    @app.post("/runs")
    async def start_run(request: Request) -> Any:
        from thesis.spec import TEMPLATE
        from thesis.web.forms import FORM_FIELDS, thesis_from_form

        form = await request.form(max_files=1, max_fields=50, max_part_size=settings.max_upload)
        mode = str(form.get("mode") or "text")
        values = {k: str(v) for k, v in form.items() if isinstance(v, str)}
        try:
            if mode == "file":
                up = form.get("thesis_file")
                data = await up.read() if up is not None and hasattr(up, "read") else b""
                name = getattr(up, "filename", None) or "thesis.toml"
                text = read_upload(data, name, limit=settings.max_upload).text
                source = name
            elif mode == "form":
                text = thesis_from_form(values)
                source = "web form"
            else:
                text = str(form.get("thesis_text") or "")
                if not text.strip():
                    raise UploadError(
                        400,
                        "the thesis is empty",
                        "paste a thesis (TOML) or use the form",
                        "thesis text",
                    )
                source = "pasted thesis"
            run_id = await run_in_threadpool(state["jobs"].start, text, source)
        except (ThesisError, UploadError) as e:
            what, fix, where = e.what, e.fix or "", e.where or ""
            status = e.status if isinstance(e, UploadError) else 400
            return page(
                request,
                "index.html.j2",
                status,
                runs=state["jobs"].list_runs(),
                fields=FORM_FIELDS,
                template=TEMPLATE,
                error={"what": what, "fix": fix, "where": where},
                values=values,
            )
        return RedirectResponse(f"/runs/{run_id}", status_code=303)

    @app.get("/runs/{run_id}", response_class=HTMLResponse)
    async def run_page(request: Request, run_id: str) -> Any:
        from thesis.publish.runs import RunFolder

        d = run_dir(run_id)
        raw = read_status(d)
        st = {k: raw.get(k) for k in ("state", "step", "error")} | {"steps": raw.get("steps") or []}
        info: dict[str, Any] = {"title": raw.get("title") or run_id}
        methods: list[str] = []
        rows: list[dict[str, Any]] = []
        files: list[tuple[str, str]] = []
        if st.get("state") == "done":
            try:
                run = RunFolder.open(d)
            except PublishError as e:
                st = {**st, "state": "failed", "error": str(e)}
            else:
                info = {
                    "title": run.title,
                    "headline": run.headline,
                    "as_of": run.as_of.isoformat(),
                    "horizon": run.horizon.isoformat(),
                }
                methods, rows = _probability_rows(run)
                for name, label in (
                    ("article.html", "HTML"),
                    ("article.md", "Markdown"),
                    ("article.pdf", "PDF"),
                    ("facts.json", "facts.json"),
                ):
                    if (d / name).is_file():
                        files.append((label, f"/runs/{run_id}/files/{name}"))
                files.append(("Key dates (.ics)", f"/runs/{run_id}/keydates.ics"))
        return page(
            request,
            "run.html.j2",
            run_id=run_id,
            status=st,
            info=info,
            methods=methods,
            rows=rows,
            files=files,
            has_article=(d / "article.html").is_file() and st.get("state") == "done",
        )

    @app.get("/runs/{run_id}/status.json")
    async def run_status(run_id: str) -> Any:
        st = read_status(run_dir(run_id))
        keep = ("state", "step", "steps", "error", "title", "created", "started", "finished")
        return JSONResponse({k: st.get(k) for k in keep})

    @app.get("/runs/{run_id}/files/{name:path}")
    async def run_file(request: Request, run_id: str, name: str) -> Any:
        d = run_dir(run_id)
        parts = Path(name).parts
        if not parts or any(p.startswith(".") or p == ".." for p in parts) or "\\" in name:
            raise PublishError("no such file", where=name, fix="use the links on the run's page")
        p = (d / name).resolve()
        if not p.is_relative_to(d) or not p.is_file():
            raise PublishError("no such file", where=name, fix="use the links on the run's page")
        media = _MEDIA.get(p.suffix.lower(), "application/octet-stream")
        headers = {}
        if p.suffix.lower() == ".html":
            # a run's HTML is shown sandboxed: no script in it can act as this app
            headers["Content-Security-Policy"] = "sandbox allow-same-origin; script-src 'none'"
        disposition = "inline" if p.suffix.lower() in (".html", ".png", ".pdf") else "attachment"
        return FileResponse(
            p,
            media_type=media,
            filename=p.name,
            content_disposition_type=disposition,
            headers=headers,
        )

    @app.get("/runs/{run_id}/keydates.ics")
    async def run_ics(run_id: str) -> Any:
        from thesis.publish.runs import RunFolder

        d = run_dir(run_id)
        own = d / "keydates.ics"
        if own.is_file():
            data = own.read_bytes()
        else:
            run = RunFolder.open(d)
            if store_file is None:
                raise PublishError(
                    "this run has no key dates and the app has no store to compute them",
                    where=run_id,
                    fix="start the app with --store",
                )
            data = await run_in_threadpool(_compute_ics, run, store_file)
        return Response(
            data,
            media_type="text/calendar; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="keydates.ics"'},
        )

    # ------------------------------------------------------------------ the checker
    @app.get("/check", response_class=HTMLResponse)
    async def check_form(request: Request) -> Any:
        return page(request, "check.html.j2", result=None, error=None, values={})

    async def _read_check_form(request: Request) -> tuple[str, str, str, str | None]:
        form = await request.form(max_files=1, max_fields=10, max_part_size=settings.max_upload)
        date = str(form.get("date") or "").strip() or None
        up = form.get("file")
        if isinstance(up, UploadFile) and up.filename:  # a form field is a file or a str
            data = await up.read()
            t = read_upload(data, up.filename, limit=settings.max_upload)
            return t.text, t.name, t.suffix, date
        text = str(form.get("text") or "")
        t = read_upload(text.encode("utf-8"), "pasted text", limit=settings.max_upload)
        return t.text, t.name, t.suffix, date

    @app.post("/check", response_class=HTMLResponse)
    async def check_page(request: Request) -> Any:
        values: dict[str, str] = {}
        try:
            text, where, suffix, date = await _read_check_form(request)
            values = {"date": date or ""}
            result = await run_check(text, where, suffix, date)
        except UploadError as e:
            return page(
                request, "check.html.j2", e.status, result=None, error=e.to_dict(), values=values
            )
        except ThesisError as e:
            return page(
                request,
                "check.html.j2",
                400,
                result=None,
                error={"error": e.what, "fix": e.fix or "", "where": e.where or ""},
                values=values,
            )
        rid = secrets.token_urlsafe(9)
        reports[rid] = result
        while len(reports) > _REPORTS:
            reports.popitem(last=False)
        return page(
            request,
            "check.html.j2",
            result=result,
            segments=highlight_segments(result["text"], result["claims"]),
            report_id=rid,
            error=None,
            values=values,
        )

    @app.get("/check/{report_id}.json")
    async def check_json(request: Request, report_id: str) -> Any:
        r = reports.get(report_id)
        if r is None:
            return error_page(
                request,
                404,
                "no such check (results are kept for the latest checks only)",
                "check the article again",
            )
        body = json.dumps(r["claims"], indent=2, ensure_ascii=False, default=str)
        return Response(
            body,
            media_type="application/json",
            headers={"Content-Disposition": f'attachment; filename="claims-{report_id}.json"'},
        )

    @app.post("/api/check")
    async def api_check(request: Request) -> Any:
        ctype = request.headers.get("content-type", "")
        try:
            if ctype.startswith("application/json"):
                try:
                    body = json.loads(await request.body())
                except ValueError:
                    raise UploadError(
                        400,
                        "the body is not valid JSON",
                        'send {"text": "...", "date": "YYYY-MM-DD"}',
                    ) from None
                if not isinstance(body, dict) or not isinstance(body.get("text"), str):
                    raise UploadError(
                        400, "the JSON has no 'text' string", 'send {"text": "...", "date": "..."}'
                    )
                t = read_upload(
                    body["text"].encode("utf-8"),
                    body.get("name") or "pasted text",
                    limit=settings.max_upload,
                )
                date = body.get("date") or None
                text, where, suffix = t.text, t.name, t.suffix
            elif ctype.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
                text, where, suffix, date = await _read_check_form(request)
            else:
                t = read_upload(
                    await request.body(),
                    request.headers.get("x-filename"),
                    limit=settings.max_upload,
                )
                text, where, suffix = t.text, t.name, t.suffix
                date = request.query_params.get("date")
            result = await run_check(text, where, suffix, date)
        except UploadError as e:
            return JSONResponse(e.to_dict(), status_code=e.status)
        except ThesisError as e:
            return JSONResponse(
                {"error": e.what, "where": e.where, "fix": e.fix, "status": 400}, status_code=400
            )
        return JSONResponse(result)

    return Guard(
        app,
        token=settings.token,
        allowed_hosts=settings.allowed_hosts,
        max_body=settings.max_upload + 256 * 1024,  # multipart framing around a full upload
    )


def _compute_ics(run: Any, store_file: str) -> bytes:
    from thesis.data.store import Store
    from thesis.publish.runs import run_ics

    with Store(store_file, read_only=True) as store:
        data = run_ics(run, store)
    assert data is not None
    return data

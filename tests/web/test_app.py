"""The web app over real HTTP on 127.0.0.1: runs, downloads, the checker, bad input, security."""

from __future__ import annotations

import re
import time
import zlib

import httpx
import icalendar
import pytest
from webhelpers import ARTICLES, THESIS, wait_for

from thesis.web.app import highlight_segments


def _pdf(text: str | None) -> bytes:
    """A one-page PDF with ``text`` in Helvetica (``None``: a page without any text)."""
    stream = (
        b""
        if text is None
        else (
            b"BT /F1 11 Tf 72 720 Td ("
            + text.replace("(", "[").replace(")", "]").encode("latin-1")
            + b") Tj ET"
        )
    )
    data = zlib.compress(stream)
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def test_pages_and_security_headers(client: httpx.Client) -> None:
    for path in ("/", "/check", "/healthz", "/static/app.js"):
        r = client.get(path)
        assert r.status_code == 200, path
        assert r.headers["x-content-type-options"] == "nosniff"
        assert "script-src 'self'" in r.headers["content-security-policy"]


def test_a_run_from_start_to_downloads(client: httpx.Client, finished_run: str) -> None:
    page = client.get(finished_run).text
    assert "The S&amp;P 500 reaches 6,900" in page
    assert 'id="probabilities"' in page and "6,900" in page
    st = client.get(finished_run + "/status.json").json()
    steps = [s["step"] for s in st["steps"]]
    assert steps[:2] == ["levels", "probabilities"] and "article" in steps and "key dates" in steps
    links = re.findall(r'href="(/runs/[^"]+)"', page)
    assert any(link.endswith("article.md") for link in links)
    for link in links:
        r = client.get(link)
        assert r.status_code == 200, link
    md = client.get(finished_run + "/files/article.md")
    assert md.headers["content-type"].startswith("text/markdown") and "6,900" in md.text
    html = client.get(finished_run + "/files/article.html")
    assert "sandbox" in html.headers["content-security-policy"]
    ics = client.get(finished_run + "/keydates.ics")
    assert ics.headers["content-type"].startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(ics.content)
    assert any(str(e["SUMMARY"]) == "CPI" for e in cal.walk("VEVENT"))
    facts = client.get(finished_run + "/files/facts.json").json()
    assert any(f["id"] == "sp500.p_touch.6900.gbm" for f in facts)


def test_a_failed_run_shows_its_error_and_leaves_others_alone(
    client: httpx.Client, finished_run: str, server
) -> None:
    before = {p.name: p.stat().st_mtime for p in (server["runs"]).rglob("*") if p.is_file()}
    bad = THESIS.replace('series = "sp500"', 'series = "no_such_series"')
    r = client.post("/runs", data={"mode": "text", "thesis_text": bad})
    assert r.status_code == 303
    st = wait_for(client, r.headers["location"])
    assert st["state"] == "failed" and "no_such_series" in st["error"]
    page = client.get(r.headers["location"]).text
    assert "The run failed" in page and "no_such_series" in page
    # the finished run is untouched and still served
    assert client.get(finished_run + "/status.json").json()["state"] == "done"
    run_name = finished_run.rsplit("/", 1)[-1]
    for p in (server["runs"] / run_name).rglob("*"):
        if p.is_file() and p.name in before:
            assert p.stat().st_mtime == before[p.name]
    index = client.get("/").text
    assert index.count('class="state failed"') >= 1 and 'class="state done"' in index


def test_an_invalid_thesis_is_refused_before_anything_is_created(
    client: httpx.Client, server
) -> None:
    n = len(list(server["runs"].iterdir()))
    r = client.post(
        "/runs", data={"mode": "text", "thesis_text": 'title = "x"\nas_of = 2025-13-01\n'}
    )
    assert r.status_code == 400 and "not valid TOML" in r.text
    r = client.post(
        "/runs", data={"mode": "form", "title": "x", "as_of": "26/11/2025", "horizon": "2026-12-31"}
    )
    assert r.status_code == 400 and "form field as_of" in r.text
    r = client.post("/runs", data={"mode": "text", "thesis_text": "   "})
    assert r.status_code == 400 and "empty" in r.text
    assert len(list(server["runs"].iterdir())) == n


@pytest.mark.parametrize(
    "path",
    [
        "/runs/..%2F..%2Fetc/status.json",
        "/runs/%2e%2e/status.json",
        "/runs/.hidden/status.json",
        "/runs/a%00b/status.json",
    ],
)
def test_run_ids_cannot_leave_the_runs_folder(client: httpx.Client, path: str) -> None:
    assert client.get(path).status_code in (400, 404)


def test_file_names_cannot_leave_the_run(client: httpx.Client, finished_run: str) -> None:
    for name in (
        "../../../etc/passwd",
        "..%2F..%2Fthesis.toml",
        "%2e%2e/x",
        ".status.json",
        "charts/../../x",
        "/etc/passwd",
        "nonexistent.md",
    ):
        r = client.get(f"{finished_run}/files/{name}")
        assert r.status_code == 404, (name, r.status_code)


def test_check_api_returns_claims_with_offsets(client: httpx.Client) -> None:
    text = (ARTICLES / "own_daily_wrap.txt").read_text()
    r = client.post("/api/check", json={"text": text})
    assert r.status_code == 200
    d = r.json()
    assert d["date"] == "2025-11-25" and d["claims"]
    assert set(d["counts"]) == {"supported", "contradicted", "unverifiable"}
    for c in d["claims"]:
        assert d["text"][c["start"] : c["end"]] == c["quote"]
    tokens = highlight_segments(d["text"], d["claims"])
    assert "".join(t.get("text", "") for t in tokens) == d["text"]
    opened = [t["open"]["id"] for t in tokens if "open" in t]
    assert len(opened) == len([t for t in tokens if "close" in t])
    assert len(opened) >= len(d["claims"]) - 1  # nested claims are marked too


def test_highlights_nest_and_skip_partial_overlaps() -> None:
    text = "The S&P 500 rose 1% to 6,800 today."
    claims = [
        {"id": "a", "start": 4, "end": 28, "verdict": "supported"},
        {"id": "b", "start": 17, "end": 19, "verdict": "contradicted"},
        {"id": "c", "start": 23, "end": 34, "verdict": "unverifiable"},  # crosses a's end
    ]
    tokens = highlight_segments(text, claims)
    kinds = [
        next(iter(t)) + (":" + t.get("open", t.get("close", {})).get("id", "")) for t in tokens
    ]
    assert kinds == [
        "text:",
        "open:a",
        "text:",
        "open:b",
        "text:",
        "close:b",
        "text:",
        "close:a",
        "text:",
    ]
    assert "".join(t.get("text", "") for t in tokens) == text


def test_check_page_uploads_html_and_pdf_and_offers_json(client: httpx.Client) -> None:
    html = (ARTICLES / "own_html_page.html").read_bytes()
    r = client.post("/check", files={"file": ("page.html", html, "text/html")}, data={"date": ""})
    assert r.status_code == 200 and '<mark class="claim' in r.text
    rid = re.search(r'href="/check/([^"]+)\.json"', r.text).group(1)
    claims = client.get(f"/check/{rid}.json").json()
    assert claims and {"quote", "verdict", "evidence"} <= set(claims[0])
    pdf = _pdf("NEW YORK, Nov 25, 2025 - The S&P 500 gained 0.91% to end at 6,765.88 points.")
    r = client.post("/api/check", files={"file": ("wrap.pdf", pdf, "application/pdf")})
    assert r.status_code == 200, r.text
    assert any("6,765.88" in c["quote"] for c in r.json()["claims"])
    r = client.post("/api/check", files={"file": ("scan.pdf", _pdf(None), "application/pdf")})
    assert r.status_code == 422 and "no text layer" in r.json()["error"]
    assert client.get("/check/nope.json").status_code == 404


@pytest.mark.parametrize(
    ("content", "status", "words"),
    [
        (b"", 400, "empty"),
        (b"   \n\t ", 400, "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", 415, "PNG"),
        (b"PK\x03\x04rest", 415, "ZIP"),
        (b"text\x00with\x00nul", 415, "binary"),
        ("Le CAC 40 a gagné 1,2 %".encode("latin-1"), 400, "UTF-8"),
        (b"%PDF-1.4 broken", 422, "PDF"),
    ],
)
def test_bad_uploads_get_a_4xx_that_says_why(client: httpx.Client, content, status, words) -> None:
    r = client.post("/api/check", files={"file": ("a.txt", content, "text/plain")})
    if not content:  # an empty file field is no file: the (empty) text is checked instead
        r = client.post("/api/check", data={"text": ""})
    assert r.status_code == status, r.text
    body = r.json()
    assert words in body["error"] and body["fix"]
    page = client.post("/check", files={"file": ("a.txt", content or b" ", "text/plain")})
    assert page.status_code == status and 'role="alert"' in page.text


def test_oversized_uploads_are_refused_before_they_are_read(client: httpx.Client) -> None:
    big = b"a" * (21 * 1024 * 1024)
    r = client.post("/api/check", content=big, headers={"content-type": "text/plain"})
    assert r.status_code == 413 and "limit" in r.json()["error"]

    def chunks():
        for _ in range(22):
            yield b"b" * (1024 * 1024)

    r = client.post("/api/check", content=chunks(), headers={"content-type": "text/plain"})
    assert r.status_code == 413


def test_bad_date_and_bad_json_are_400(client: httpx.Client) -> None:
    r = client.post("/api/check", json={"text": "The S&P 500 rose 1%.", "date": "25/11/2025"})
    assert r.status_code == 400 and "date" in r.json()["error"]
    r = client.post("/api/check", content=b"{nope", headers={"content-type": "application/json"})
    assert r.status_code == 400 and "JSON" in r.json()["error"]


def test_cross_site_posts_and_foreign_hosts_are_refused(server) -> None:
    url = server["url"]
    with httpx.Client(base_url=url) as c:
        r = c.post(
            "/runs",
            data={"mode": "text", "thesis_text": THESIS},
            headers={"Origin": "https://evil.example"},
        )
        assert r.status_code == 403
        r = c.get("/", headers={"Host": "rebind.evil.example"})
        assert r.status_code == 400


def test_a_token_is_required_when_set(web_store_path, tmp_path) -> None:
    from thesis.web.app import Settings
    from thesis.web.server import BackgroundServer

    settings = Settings(runs_dir=tmp_path / "runs", store_path=web_store_path, token="s3cret-token")
    with BackgroundServer(settings) as url, httpx.Client(base_url=url) as c:
        assert c.get("/").status_code == 401
        assert c.post("/api/check", json={"text": "x"}).status_code == 401
        assert c.get("/", params={"token": "wrong"}).status_code == 401
        assert c.get("/static/app.css").status_code == 200
        r = c.get("/", headers={"Authorization": "Bearer s3cret-token"})
        assert r.status_code == 200
        r = c.get("/check", params={"token": "s3cret-token"})
        assert r.status_code == 303 and r.headers["location"] == "/check"
        assert (
            "HttpOnly" in r.headers["set-cookie"] and "SameSite=Strict" in r.headers["set-cookie"]
        )
        assert c.get("/check").status_code == 200  # the cookie now carries it


def test_serve_refuses_nothing_but_makes_a_token_off_loopback(monkeypatch, capsys) -> None:
    from thesis.web import server as srv

    seen = {}

    def fake_run(app, **kw):
        seen.update(kw)
        seen["app"] = app

    monkeypatch.setattr("uvicorn.run", fake_run)
    monkeypatch.delenv("THESIS_WEB_TOKEN", raising=False)
    srv.serve(host="0.0.0.0", port=8123, runs_dir="/tmp/none-runs", check_workers=0)
    err = capsys.readouterr().err
    m = re.search(r"\?token=(\S+)", err)
    assert m and seen["host"] == "0.0.0.0"
    assert seen["app"].token == m.group(1)
    monkeypatch.setenv("THESIS_WEB_TOKEN", "from-env")
    srv.serve(host="127.0.0.1", port=8123, runs_dir="/tmp/none-runs", check_workers=0)
    assert seen["app"].token == "from-env"


def test_checks_are_answered_while_a_long_run_is_in_progress(client: httpx.Client) -> None:
    long = THESIS.replace("n_paths = 1000", "n_paths = 400000").replace(
        'methods = ["gbm", "bootstrap"]', 'methods = ["gbm", "bootstrap", "garch"]'
    )
    r = client.post("/runs", data={"mode": "text", "thesis_text": long})
    run = r.headers["location"]
    deadline = time.monotonic() + 120
    while client.get(run + "/status.json").json()["state"] != "running":
        assert time.monotonic() < deadline
        time.sleep(0.1)
    text = (ARTICLES / "own_cpi_day.txt").read_text()
    for _ in range(5):
        assert client.post("/api/check", json={"text": text}).status_code == 200
    st = client.get(run + "/status.json").json()
    assert st["state"] == "running", "the checks were answered while the run was still running"

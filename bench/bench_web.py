"""Benchmark: a bounded burst of article checks against the web app, while a long run is in progress.

Run with ``python bench/bench_web.py`` (store in ``$THESIS_HOME``; ``--store`` for another). It

1. starts ``thesis serve`` as its own process on 127.0.0.1 and a free port (``--check-workers``
   processes for checks, default 2), so that the load generator does not share the server's
   interpreter;
2. starts a long run through the app (the seed thesis with many paths when the store has the S&P
   500 to 2025, else the bundled demo thesis) and waits until it is running;
3. sends ``--requests`` check requests (default 500), ``--concurrency`` at a time (default 25), with
   a minimal keep-alive HTTP/1.1 client of its own (``--client httpx`` for httpx's async client,
   which costs the shared cores about 2 ms more a request): ``POST /api/check`` with the articles
   of ``tests/fixtures/articles`` and ``../shared/articles`` in turn, after a warm-up of
   ``2 × concurrency`` requests;
4. reports throughput, p50/p95/p99 latency, errors, and whether the run was still running when the
   burst ended (so the figures are the ones under load). Results also go to
   ``bench/results/bench_web.json``.

Target (issue 11): at least 50 checks/s with p95 at most 200 ms and zero errors, on 2 cores.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_RPS, TARGET_P95_MS = 50.0, 200.0


def _articles() -> list[str]:
    out = []
    for d in (ROOT / "tests" / "fixtures" / "articles", ROOT.parent / "shared" / "articles"):
        if d.is_dir():
            for p in sorted(d.glob("*.txt")):
                text = p.read_text(encoding="utf-8", errors="replace")
                if len(text.strip()) > 200 and p.name.startswith(("own_", "0")):
                    out.append(text)
    if not out:
        raise SystemExit("no articles found in tests/fixtures/articles")
    return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _long_thesis(store: Path) -> tuple[str, str]:
    """A thesis that keeps a worker busy for a while: the seed with many paths, else the demo."""
    from thesis.data.store import Store

    seed = (ROOT / "examples" / "sp500-ai-rally-2026.toml").read_text(encoding="utf-8")
    demo = (ROOT / "examples" / "demo-bundled.toml").read_text(encoding="utf-8")
    with Store(store, read_only=True) as st:
        has_seed = st.has("sp500") and str(st.latest("sp500").date.date()) >= "2025-11-26"
    text = seed if has_seed else demo
    name = "seed thesis" if has_seed else "bundled demo thesis"
    text = text.replace("n_paths = 100000", "n_paths = 400000")
    return text, name


def _cpu(pid: int) -> dict[str, float] | None:
    """CPU seconds used so far by the server, its check workers and its run process (psutil)."""
    try:
        import psutil
    except ImportError:
        return None
    try:
        proc = psutil.Process(pid)
        out = {"server": sum(proc.cpu_times()[:2])}
        base = proc.nice()  # the bench itself may run under nice: the run is niced beyond it
        for child in proc.children(recursive=True):
            try:
                name = "run" if child.nice() > base else "check workers"
                out[name] = out.get(name, 0.0) + sum(child.cpu_times()[:2])
            except psutil.Error:
                continue
    except psutil.Error:
        return None
    return out


def _pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


class _Lean:
    """A minimal HTTP/1.1 client for the burst: ``concurrency`` keep-alive connections on asyncio
    streams, one request at a time on each, bodies encoded once, responses read by their
    Content-Length.

    Why not httpx (still there as ``--client httpx``): the load generator runs on the same cores
    as the server it measures, so every millisecond it spends is taken from the server; httpx's
    async client costs about 2 ms of CPU a request, most of it its own machinery, which is about a
    fifth of what the whole check costs. This client does only what the burst needs.
    """

    def __init__(self, url: str, concurrency: int) -> None:
        host_port = url.split("://", 1)[1].rstrip("/")
        self.host, _, port = host_port.partition(":")
        self.port = int(port or 80)
        self.head = f"Host: {host_port}\r\nContent-Type: application/json\r\n"
        self.free: asyncio.Queue[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = (
            asyncio.Queue()
        )
        self.opened = 0
        self.concurrency = concurrency

    async def _connection(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter, bool]:
        if self.free.empty() and self.opened < self.concurrency:
            self.opened += 1
            r, w = await asyncio.open_connection(self.host, self.port)
            return r, w, False
        r, w = await self.free.get()
        return r, w, True

    async def post(self, path: str, body: bytes) -> tuple[int, bytes]:
        """``POST path`` with a JSON ``body``: (status, response body)."""
        request = (
            f"POST {path} HTTP/1.1\r\n{self.head}Content-Length: {len(body)}\r\n\r\n".encode()
            + body
        )
        r, w, reused = await self._connection()
        try:
            try:
                status, data, keep = await self._exchange(r, w, request)
            except (ConnectionError, asyncio.IncompleteReadError):
                if not reused:
                    raise
                # the server closed an idle keep-alive connection: one more try on a fresh one
                w.close()
                r, w = await asyncio.open_connection(self.host, self.port)
                status, data, keep = await self._exchange(r, w, request)
        except BaseException:
            self.opened -= 1
            w.close()
            raise
        if keep:
            self.free.put_nowait((r, w))
        else:
            self.opened -= 1
            w.close()
        return status, data

    @staticmethod
    async def _exchange(
        r: asyncio.StreamReader, w: asyncio.StreamWriter, request: bytes
    ) -> tuple[int, bytes, bool]:
        w.write(request)
        await w.drain()
        head = await r.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = {}
        for line in lines[1:]:
            if line:
                k, _, v = line.partition(":")
                headers[k.strip().lower()] = v.strip()
        if "content-length" not in headers:
            raise ConnectionError(
                f"HTTP {status} without Content-Length (transfer-encoding "
                f"{headers.get('transfer-encoding')!r}): use --client httpx for this server"
            )
        data = await r.readexactly(int(headers["content-length"]))
        return status, data, headers.get("connection", "").lower() != "close"

    async def close(self) -> None:
        while not self.free.empty():
            _, w = self.free.get_nowait()
            w.close()


async def _burst(
    url: str, articles: list[str], n: int, concurrency: int, client: str = "lean"
) -> tuple[list[float], list[str], float]:
    if client == "httpx":
        return await _burst_httpx(url, articles, n, concurrency)
    bodies = [json.dumps({"text": a}).encode() for a in articles]
    latencies: list[float] = []
    errors: list[str] = []
    sem = asyncio.Semaphore(concurrency)
    lean = _Lean(url, concurrency)

    async def one(i: int, record: bool) -> None:
        async with sem:
            t = time.perf_counter()
            try:
                status, data = await lean.post("/api/check", bodies[i % len(bodies)])
                ok = status == 200 and "claims" in json.loads(data)
                if not ok and record:
                    errors.append(f"HTTP {status}: {data[:120]!r}")
            except (OSError, asyncio.IncompleteReadError, ValueError) as e:
                if record:
                    errors.append(f"{type(e).__name__}: {e}")
                return
            if record:
                latencies.append(time.perf_counter() - t)

    try:
        await asyncio.gather(*(one(i, False) for i in range(2 * concurrency)))  # warm-up
        t0 = time.perf_counter()
        await asyncio.gather(*(one(i, True) for i in range(n)))
        wall = time.perf_counter() - t0
    finally:
        await lean.close()
    return latencies, errors, wall


async def _burst_httpx(
    url: str, articles: list[str], n: int, concurrency: int
) -> tuple[list[float], list[str], float]:
    import httpx

    latencies: list[float] = []
    errors: list[str] = []
    sem = asyncio.Semaphore(concurrency)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as client:

        async def one(i: int, record: bool) -> None:
            async with sem:
                t = time.perf_counter()
                try:
                    r = await client.post("/api/check", json={"text": articles[i % len(articles)]})
                    ok = r.status_code == 200 and "claims" in r.json()
                    if not ok and record:
                        errors.append(f"HTTP {r.status_code}: {r.text[:120]}")
                except httpx.HTTPError as e:
                    if record:
                        errors.append(f"{type(e).__name__}: {e}")
                    return
                if record:
                    latencies.append(time.perf_counter() - t)

        await asyncio.gather(*(one(i, False) for i in range(2 * concurrency)))  # warm-up
        t0 = time.perf_counter()
        await asyncio.gather(*(one(i, True) for i in range(n)))
        wall = time.perf_counter() - t0
    return latencies, errors, wall


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--requests", type=int, default=500)
    ap.add_argument("--concurrency", type=int, default=25)
    ap.add_argument("--check-workers", type=int, default=2)
    ap.add_argument("--store", type=Path, default=None)
    ap.add_argument("--no-run", action="store_true", help="measure without a run in progress")
    ap.add_argument(
        "--client",
        choices=("lean", "httpx"),
        default="lean",
        help="the load generator: a minimal keep-alive client on asyncio streams (default), or "
        "httpx's async client (about 2 ms more CPU a request, on the server's cores)",
    )
    args = ap.parse_args()

    import httpx

    from thesis.data.store import default_store_path

    store = args.store or default_store_path()
    if not store.exists():
        raise SystemExit(f"no store at {store}: `thesis data import ../shared/data` first")
    articles = _articles()
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    runs = Path(tempfile.mkdtemp(prefix="bench_web_runs_"))
    log = runs / "server.log"
    env = dict(
        os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")
    )
    cmd = [
        sys.executable,
        "-c",
        "from thesis.cli import main; main()",
        "serve",
        "--port",
        str(port),
        "--runs",
        str(runs),
        "--store",
        str(store),
        "--check-workers",
        str(args.check_workers),
    ]
    with log.open("w") as fh:
        server = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT, env=env)
    result: dict[str, object] = {}
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(url + "/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"the server did not start; see {log}:\n{log.read_text()[-2000:]}")
            time.sleep(0.2)
        run_url = None
        run_name = "none"
        if not args.no_run:
            text, run_name = _long_thesis(store)
            r = httpx.post(
                url + "/runs",
                data={"mode": "text", "thesis_text": text},
                headers={"Origin": url},
                timeout=30,
            )
            if r.status_code != 303:
                raise SystemExit(f"could not start the run: HTTP {r.status_code} {r.text[:300]}")
            run_url = url + r.headers["location"]
            deadline = time.monotonic() + 120
            while httpx.get(run_url + "/status.json").json()["state"] != "running":
                if time.monotonic() > deadline:
                    raise SystemExit("the run did not start")
                time.sleep(0.1)
        cpu0 = _cpu(server.pid)
        client0 = time.process_time()
        lat, errors, wall = asyncio.run(
            _burst(url, articles, args.requests, args.concurrency, args.client)
        )
        client_cpu = time.process_time() - client0
        cpu1 = _cpu(server.pid)
        state_after = httpx.get(run_url + "/status.json").json()["state"] if run_url else "none"
        ms = [x * 1000 for x in lat]
        rps = len(lat) / wall if wall else float("nan")
        result = {
            "requests": args.requests,
            "concurrency": args.concurrency,
            "client": args.client,
            "check_workers": args.check_workers,
            "articles": len(articles),
            "ok": len(lat),
            "errors": len(errors),
            "error_samples": errors[:5],
            "wall_s": round(wall, 3),
            "throughput_rps": round(rps, 1),
            "p50_ms": round(_pct(ms, 50), 1) if len(ms) > 1 else None,
            "p95_ms": round(_pct(ms, 95), 1) if len(ms) > 1 else None,
            "p99_ms": round(_pct(ms, 99), 1) if len(ms) > 1 else None,
            "max_ms": round(max(ms), 1) if ms else None,
            "long_run": run_name,
            "run_state_after_burst": state_after,
            "cpus": os.cpu_count(),
            "load_avg_1m": round(os.getloadavg()[0], 2),
        }
        n = args.requests + 2 * args.concurrency  # the warm-up is inside the CPU window too
        if cpu0 and cpu1:
            result["cpu_ms_per_check"] = {
                k: round((cpu1.get(k, 0.0) - cpu0.get(k, 0.0)) * 1000 / n, 2)
                for k in ("server", "check workers", "run")
            } | {"load generator": round(client_cpu * 1000 / n, 2)}
    finally:
        server.send_signal(signal.SIGINT)  # uvicorn shuts down: pools stop, the run is ended
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    print(
        f"{result['ok']}/{result['requests']} checks, {result['concurrency']} at a time, "
        f"{result['check_workers']} worker processes, during a run of the {result['long_run']} "
        f"(still {result['run_state_after_burst']} after the burst), {result['cpus']} CPUs"
    )
    print(
        f"throughput {result['throughput_rps']} checks/s; latency p50 {result['p50_ms']} ms, "
        f"p95 {result['p95_ms']} ms, p99 {result['p99_ms']} ms, max {result['max_ms']} ms; "
        f"errors {result['errors']}"
    )
    ok = (
        result["errors"] == 0
        and float(result["throughput_rps"]) >= TARGET_RPS  # type: ignore[arg-type]
        and result["p95_ms"] is not None
        and float(result["p95_ms"]) <= TARGET_P95_MS  # type: ignore[arg-type]
    )
    if "cpu_ms_per_check" in result:
        print(
            f"CPU per check (ms): {result['cpu_ms_per_check']}; load average {result['load_avg_1m']}"
        )
    print(
        f"target (≥ {TARGET_RPS:g} checks/s, p95 ≤ {TARGET_P95_MS:g} ms, no errors): "
        + ("met" if ok else "NOT met")
    )
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "bench_web.json").write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""``thesis data ...`` end to end: the real root CLI, a real store under THESIS_HOME, and a real
HTTP server on 127.0.0.1 standing in for FRED and Stooq (base URLs via THESIS_FRED_URL /
THESIS_STOOQ_URL)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from pytest_httpserver import HTTPServer

from thesis.cli import main
from thesis.cli.data import _num
from thesis.data import SeriesBatch, SeriesInfo, Store, default_store_path

PAYLOADS = Path(__file__).resolve().parents[1] / "fixtures" / "payloads"
FRED_PATH = "/graph/fredgraph.csv"
STOOQ_PATH = "/q/d/l/"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run the real entry point; return (exit code, stdout, stderr)."""
    try:
        main(list(args))
        code = 0
    except SystemExit as e:
        code = int(e.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch, httpserver: HTTPServer) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # rich tables: no wrapping in assertions
    monkeypatch.delenv("FRED_API_KEY", raising=False)
    monkeypatch.setenv("THESIS_FRED_URL", httpserver.url_for(FRED_PATH))
    monkeypatch.setenv("THESIS_STOOQ_URL", httpserver.url_for(STOOQ_PATH))


def serve_sp500(httpserver: HTTPServer) -> None:
    httpserver.expect_request(FRED_PATH, query_string={"id": "SP500"}).respond_with_data(
        (PAYLOADS / "fred_SP500.csv").read_bytes(), content_type="text/csv"
    )


def test_update_list_show(httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]) -> None:
    serve_sp500(httpserver)
    code, out, err = run(capsys, "data", "update", "sp500", "--provider", "fred")
    assert code == 0, err
    assert "sp500" in out and "ok" in out
    with Store(read_only=True) as store:  # THESIS_HOME from tests/conftest.py
        assert store.path == default_store_path()
        assert store.latest("sp500").value == 6849.09
        assert store.info("sp500").provider == "fred"

    code, out, _ = run(capsys, "data", "list")
    assert code == 0
    row = next(line for line in out.splitlines() if " sp500 " in f" {line} ")
    # 8 rows in the payload, Thanksgiving empty → 7 observations 2025-11-19 … 2025-11-28
    for cell in ("S&P 500", "points", "daily", "index", "fred", "2025-11-19", "2025-11-28", " 7 "):
        assert cell in row, (cell, row)

    code, out, _ = run(capsys, "data", "show", "sp500", "--as-of", "2025-11-26", "--tail", "2")
    assert code == 0
    assert "6,765.88" in out and "6,812.61" in out and "6,705.12" not in out
    assert "6 observations 2025-11-19 → 2025-11-26" in out
    assert "last 6,812.61 on 2025-11-26" in out and "fred:SP500" in out


def test_update_default_provider_from_maps_and_ohlcv(
    httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    serve_sp500(httpserver)
    httpserver.expect_request(STOOQ_PATH, query_string={"s": "spy.us", "i": "d"}).respond_with_data(
        (PAYLOADS / "stooq_spy_us.csv").read_bytes()
    )
    code, out, err = run(capsys, "data", "update", "sp500", "spy")
    assert code == 0, err
    code, out, _ = run(capsys, "data", "show", "spy", "--fields", "open,high,low,value,volume")
    assert code == 0
    assert "74,632,710" in out and "679.68" in out and "677.63" in out
    # with no ids, update refreshes every fred/stooq/yahoo series in the store
    httpserver.clear_log()
    code, out, err = run(capsys, "data", "update")
    assert code == 0, err
    assert len(httpserver.log) == 2


def test_one_failing_series_does_not_stop_the_others(
    httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    serve_sp500(httpserver)
    httpserver.expect_request(FRED_PATH, query_string={"id": "DGS10"}).respond_with_data(
        "Not Found", status=404
    )
    code, out, err = run(capsys, "data", "update", "ust10y", "sp500", "--provider", "fred")
    assert code != 0
    assert (
        "1 of 2 series could not be updated" in err and "ust10y (fred, http" in err and "404" in err
    )
    assert "failed" in out  # the results table shows both
    with Store(read_only=True) as store:
        assert store.has("sp500") and not store.has("ust10y")


def test_show_unknown_series_suggests(
    httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    serve_sp500(httpserver)
    assert run(capsys, "data", "update", "sp500")[0] == 0
    code, _, err = run(capsys, "data", "show", "sp50")
    assert code == 2
    assert "unknown series 'sp50'" in err and "did you mean sp500" in err
    assert "thesis data list" in err  # the fix
    assert "Traceback" not in err


def test_update_unknown_id_and_provider(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "data", "update", "ust10yy")
    assert code == 2
    assert "no provider is known for series 'ust10yy'" in err and "did you mean ust10y" in err
    code, _, err = run(capsys, "data", "update", "sp500", "--provider", "fredd")
    assert code == 2 and "unknown provider 'fredd'" in err and "did you mean fred" in err


def test_bad_date_option(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "data", "update", "sp500", "--start", "2024-13-01")
    assert code == 2 and "--start" in err and "'2024-13-01' is not a date" in err


def test_list_empty_store(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "data", "list")
    assert code == 0 and "holds no series yet" in out and "thesis data bundle" in out


def test_store_option_and_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv = tmp_path / "spx.csv"
    csv.write_text("Date,Close\n2024-01-02,4742.83\n2024-01-03,4704.81\n2024-01-04,4688.68\n")
    db = tmp_path / "other.duckdb"
    code, out, err = run(
        capsys,
        "data",
        "--store",
        str(db),
        "import",
        str(csv),
        "--map",
        "date=Date,value=Close,series=spx",
    )
    assert code == 0, err
    assert "imported" in out and "3 new rows" in out
    assert not default_store_path().exists()  # --store, not THESIS_HOME
    code, out, _ = run(capsys, "data", "--store", str(db), "show", "spx", "--end", "2024-01-03")
    assert code == 0 and "4,704.81" in out and "4,688.68" not in out


def test_import_missing_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "data", "import", str(tmp_path / "nope.csv"))
    assert code == 2 and "nope.csv" in err and "no such file" in err


def test_bundle_if_missing_skips_filled_store(
    httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    serve_sp500(httpserver)
    assert run(capsys, "data", "update", "sp500")[0] == 0
    code, out, _ = run(capsys, "data", "bundle", "--if-missing")
    assert code == 0 and "already holds 1 series" in out


@pytest.mark.parametrize("command", ["list", "show", "import", "update", "bundle"])
def test_help_texts(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "data", command, "--help")
    assert code == 0
    assert "Example:" in out or (command == "list" and "thesis data list" in out)
    if command == "update":
        for env in ("FRED_API_KEY", "THESIS_FRED_URL", "THESIS_STOOQ_URL", "thesis[yahoo]"):
            assert env in out


def test_group_help_mentions_store_option(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "data", "--help")
    assert code == 0 and "--store" in out and "THESIS_HOME" in out


def test_import_of_cli_data_is_light() -> None:
    code = (
        "import sys, thesis.cli.data;"
        "print(sorted(m for m in ('pandas', 'duckdb', 'httpx', 'yfinance', 'numpy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# ------------------------------------------------------------------------------------ odd options and files
def test_number_format_drops_float32_noise() -> None:
    assert _num(2485.739990234375) == "2,485.74"
    assert _num(6812.61) == "6,812.61"
    assert _num(0.012345) == "0.012345"
    assert _num(3702620000.0, integer=True) == "3,702,620,000"
    assert _num(0.0) == "0"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("THESIS_HOME", str(tmp_path))
    info = SeriesInfo("sp500", "S&P 500", "points", "daily", "index", "test", "SP500")
    # hand-made values 100 … 104 on five business days from 2024-01-02
    frame = pd.DataFrame(
        {"date": pd.bdate_range("2024-01-02", periods=5), "value": 100.0 + pd.RangeIndex(5)}
    )
    Store(tmp_path / "market.duckdb").ingest(SeriesBatch(info, frame))
    return tmp_path


def test_show_odd_options(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "data", "show", "sp500", "--fields", ",")
    assert code == 2 and "--fields" in err and "Traceback" not in err
    code, _, err = run(
        capsys, "data", "show", "sp500", "--start", "2025-01-01", "--end", "2024-01-01"
    )
    assert code == 2 and "after --end" in err
    code, out, _ = run(capsys, "data", "show", "SP500", "--tail", "1")
    assert code == 0 and "104" in out  # ids are lower-case; the last of 100..104


def test_list_fits_a_narrow_terminal(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    code, out, _ = run(capsys, "data", "list")
    assert code == 0 and "left out" in out
    row = next(line for line in out.splitlines() if line.startswith("sp500"))
    assert "2024-01-02" in row and "2024-01-08" in row  # one line per series, not wrapped


def test_import_notes_are_shown(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = home / "cafe.csv"
    f.write_bytes(b"date,caf\xe9\n2024-01-02,1.5\n2024-01-03,1.6\n")
    code, _, err = run(capsys, "data", "import", str(f))
    assert code == 0 and "latin-1" in err and "cafe.csv" in err


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("date,value\n2024-01-02,1,5\n2024-01-03,1.6\n", ["bad.csv:2", "3 fields", "header has 2"]),
        ('date,value\n2024-01-02,"1,500.5"\n', ["'1,500.5'", "bad.csv:2", "thousands"]),
    ],
)
def test_import_ragged_and_thousands(
    home: Path, capsys: pytest.CaptureFixture[str], content: str, expected: list[str]
) -> None:
    f = home / "bad.csv"
    f.write_text(content)
    before = Store(home / "market.duckdb", read_only=True).catalog()["id"].tolist()
    code, _, err = run(capsys, "data", "import", str(f))
    assert code == 2 and "Traceback" not in err
    for e in expected:
        assert e in err
    assert Store(home / "market.duckdb", read_only=True).catalog()["id"].tolist() == before


def test_import_allow_and_date_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "acme.csv"
    f.write_text("date,close\n01/02/2020,10\n03/02/2020,-2\n")
    code, _, err = run(capsys, "data", "import", str(f))
    assert code == 2 and f"{f}:2: ambiguous date '01/02/2020'" in err and "--date-format" in err
    code, _, err = run(capsys, "data", "import", str(f), "--date-format", "%d/%m/%Y")
    assert code == 2 and f"{f}:3: zero or negative value -2" in err and "--allow" in err
    assert not Store(read_only=True).path.exists()  # nothing was written, not even a store
    code, out, err = run(
        capsys, "data", "import", str(f), "--date-format", "%d/%m/%Y", "--allow", "nonpositive"
    )
    assert code == 0 and "2 new rows" in out and "note: acme_close: 1 zero or negative" in err
    code, out, _ = run(capsys, "data", "show", "acme_close")
    assert code == 0 and "2020-02-03" in out and "note: acme_close" in out
    code, _, err = run(capsys, "data", "import", str(f), "--allow", "negative")
    assert code == 2 and "unknown check 'negative'" in err and "nonpositive" in err

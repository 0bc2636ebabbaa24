"""The csv provider on small hand-made files: inference, mappings, and every kind of bad input.

Each bad input must raise IngestError naming the file (and line where there is one) and the fix,
and leave the store exactly as it was.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from thesis.data.providers.base import get_provider
from thesis.data.providers.csv import CsvProvider, import_path, parse_file, parse_mapping, slugify
from thesis.data.records import SeriesBatch, SeriesInfo
from thesis.data.store import Store
from thesis.errors import IngestError


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """A store that already holds one series, so that "unchanged" means something."""
    s = Store(tmp_path / "market.duckdb")
    info = SeriesInfo("seed", "seed series", "points", "daily", "index", "test", "seed")
    s.ingest(
        SeriesBatch(info, pd.DataFrame({"date": ["2024-01-02", "2024-01-03"], "value": [1.0, 2.0]}))
    )
    return s


def snapshot(store: Store) -> tuple:
    cat = store.catalog().drop(columns=[], errors="ignore").to_dict("list")
    return cat, len(store.ingests()), len(store.events()), store.get("seed").tolist()


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    p = tmp_path / name
    p.write_bytes(data.encode() if isinstance(data, str) else data)
    return p


# ------------------------------------------------------------------------------------ bad input
BAD = [
    # fixture file, expected place in the message, words of the message, words of the fix
    ("empty.csv", "empty.csv", "empty", "header row"),
    ("header_only.csv", "header_only.csv:2", "no data rows", "add data rows"),
    ("colon_delimited.csv", "colon_delimited.csv:1", "only one column", "comma"),
    ("no_date_column.csv", "no_date_column.csv:1", "no date column", "date="),
    ("bad_date.csv", "bad_date.csv:4", "unparsable date '2024-13-45'", "YYYY-MM-DD"),
    (
        "text_in_number.csv",
        "text_in_number.csv:4",
        "text 'ten' in numeric column 'close'",
        "leave the",
    ),
    (
        "duplicate_dates.csv",
        "duplicate_dates.csv:3 and",
        "duplicate date 2024-01-03",
        "one row per date",
    ),
    ("out_of_order.csv", "out_of_order.csv:4", "out of order", "sort the file"),
]


@pytest.mark.parametrize(("name", "where", "what", "fix"), BAD)
def test_bad_file_is_rejected_and_store_unchanged(
    store: Store, csv_fixtures: Path, name: str, where: str, what: str, fix: str
) -> None:
    before = snapshot(store)
    with pytest.raises(IngestError) as e:
        import_path(store, csv_fixtures / name)
    msg = str(e.value)
    assert where in msg
    assert what in msg
    assert "Fix:" in msg and fix in msg
    assert snapshot(store) == before


def test_duplicate_dates_names_both_lines(store: Store, csv_fixtures: Path) -> None:
    with pytest.raises(IngestError, match=r"duplicate_dates\.csv:3 and .*duplicate_dates\.csv:4"):
        import_path(store, csv_fixtures / "duplicate_dates.csv")


def test_missing_file_suggests_near_names(store: Store, csv_fixtures: Path) -> None:
    before = snapshot(store)
    with pytest.raises(IngestError) as e:
        import_path(store, csv_fixtures / "bad_dates.csv")
    msg = str(e.value)
    assert (
        "bad_dates.csv" in msg and "no such file" in msg and "bad_date.csv" in msg and "Fix:" in msg
    )
    assert snapshot(store) == before


def test_utf16_file_is_rejected_with_encoding_fix(store: Store, tmp_path: Path) -> None:
    p = write(tmp_path, "utf16.csv", "date,close\n2024-01-02,10.5\n".encode("utf-16"))
    before = snapshot(store)
    with pytest.raises(IngestError, match=r"utf16\.csv.*UTF-16(.|\n)*Fix: save it as UTF-8"):
        import_path(store, p)
    assert snapshot(store) == before


def test_bad_file_in_folder_writes_nothing(
    store: Store, tmp_path: Path, csv_fixtures: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(csv_fixtures / "descending.csv", folder / "a_good.csv")
    shutil.copy(csv_fixtures / "text_in_number.csv", folder / "b_bad.csv")
    before = snapshot(store)
    with pytest.raises(IngestError, match=r"b_bad\.csv:4"):
        import_path(store, folder)
    assert snapshot(store) == before
    assert not store.has("a_good_close")


def test_unknown_mapping_key_suggests(store: Store) -> None:
    with pytest.raises(IngestError, match="did you mean value"):
        parse_mapping("date=Date,valeu=Close")
    with pytest.raises(IngestError, match="KEY=COLUMN"):
        parse_mapping("date")


def test_mapping_to_absent_column(store: Store, tmp_path: Path) -> None:
    p = write(tmp_path, "x.csv", "Day,Last\n2024-01-02,1\n")
    with pytest.raises(IngestError, match=r"x\.csv:1: no column 'Lastt'.*did you mean Last"):
        import_path(store, p, mapping="date=Day,value=Lastt")


# ------------------------------------------------------------------------------------ good input
def test_descending_file_is_reversed(store: Store, csv_fixtures: Path) -> None:
    notes: list[str] = []
    import_path(store, csv_fixtures / "descending.csv", progress=notes.append)
    s = store.get("descending_close")
    assert list(pd.DatetimeIndex(s.index).strftime("%Y-%m-%d")) == [
        "2024-01-02",
        "2024-01-03",
        "2024-01-04",
        "2024-01-05",
    ]
    assert s.tolist() == [10.5, 10.7, 10.9, 11.0]
    assert any("reversed" in n for n in notes)
    info = store.info("descending_close")
    assert info.frequency == "daily" and info.provider == "csv" and info.origin == "descending.csv"


def test_semicolon_ohlcv_file_is_one_series(store: Store, csv_fixtures: Path) -> None:
    import_path(store, csv_fixtures / "semicolon.csv")
    df = store.get("semicolon", fields=["value", "volume"])
    assert df["value"].tolist() == [10.5, 10.7]
    assert df["volume"].tolist() == [100.0, 200.0]


def test_latin1_file_imports_with_note(store: Store, tmp_path: Path) -> None:
    p = write(
        tmp_path, "prix.csv", "date,prix_café\n2024-01-02,10.5\n2024-01-03,11\n".encode("latin-1")
    )
    notes: list[str] = []
    import_path(store, p, progress=notes.append)
    assert store.get("prix_prix_cafe").tolist() == [10.5, 11.0]
    assert any("latin-1" in n and "prix.csv:1" in n for n in notes)


def test_utf8_bom_header(store: Store, tmp_path: Path) -> None:
    p = write(tmp_path, "bom.csv", "\ufeffDate,Value\n2024-01-02,3\n")
    import_path(store, p)
    assert store.get("bom_value").tolist() == [3.0]


def test_wide_file_one_series_per_column(store: Store, tmp_path: Path) -> None:
    p = write(
        tmp_path, "My Rates.csv", "date,Rate 2Y,Rate 10Y\n2024-01-01,4.1,3.9\n2024-02-01,4.2,\n"
    )
    import_path(store, p)
    assert store.get("my_rates_rate_2y").tolist() == [4.1, 4.2]
    assert store.get("my_rates_rate_10y").tolist() == [
        3.9
    ]  # an empty cell is a missing observation
    assert store.info("my_rates_rate_2y").frequency == "monthly"


def test_long_file_one_series_per_id(store: Store, tmp_path: Path) -> None:
    p = write(
        tmp_path,
        "long.csv",
        "date,symbol,value\n2024-01-02,AAA,1\n2024-01-03,AAA,2\n2024-01-02,BBB,5\n",
    )
    import_path(store, p)
    assert store.get("aaa").tolist() == [1.0, 2.0]
    assert store.get("bbb").tolist() == [5.0]


def test_explicit_mapping(store: Store, tmp_path: Path) -> None:
    p = write(tmp_path, "quotes.csv", "Day,Last,Other\n2024-01-02,4700.5,x\n2024-01-03,4710.25,y\n")
    import_path(store, p, mapping="date=Day,value=Last,series=spx,unit=points,kind=index")
    s = store.get("spx")
    assert s.tolist() == [4700.5, 4710.25]
    info = store.info("spx")
    assert info.unit == "points" and info.kind == "index"


def test_parquet_file(store: Store, tmp_path: Path) -> None:
    df = pd.DataFrame(
        {
            "date": pd.to_datetime(["2024-01-02", "2024-01-03"]),
            "close": [1.5, 2.5],
            "volume": [10, 20],
        }
    )
    p = tmp_path / "pq.parquet"
    df.to_parquet(p)
    import_path(store, p)
    got = store.get("pq", fields=["value", "volume"])
    np.testing.assert_array_equal(got["value"].to_numpy(), [1.5, 2.5])
    np.testing.assert_array_equal(got["volume"].to_numpy(), [10.0, 20.0])


def test_reimport_is_idempotent(store: Store, csv_fixtures: Path) -> None:
    import_path(store, csv_fixtures / "semicolon.csv")
    n = len(store.ingests())
    rep = import_path(store, csv_fixtures / "semicolon.csv")
    assert rep.new_rows == 0 and len(store.ingests()) == n


def test_provider_interface_transform_on_bytes(csv_fixtures: Path) -> None:
    prov = get_provider("csv")
    assert isinstance(prov, CsvProvider)
    q = prov.build_query([str(csv_fixtures / "semicolon.csv")])
    raw = prov.extract(q)
    assert next(iter(raw.values())) == (csv_fixtures / "semicolon.csv").read_bytes()
    (batch,) = prov.transform(q, raw)
    assert isinstance(batch, SeriesBatch) and batch.info.id == "semicolon"
    assert batch.frame["line"].tolist() == [2, 3]


def test_parse_file_known_name_uses_catalog() -> None:
    data = b"date,close\n2024-01-02,4742.83\n2024-01-03,4704.81\n"
    batches, _ = parse_file("sp500_daily_fred.csv", data)
    (b,) = batches
    assert isinstance(b, SeriesBatch)
    assert (
        b.info.id == "sp500" and b.info.unit == "points" and b.info.origin == "sp500_daily_fred.csv"
    )
    assert b.frame["value"].tolist() == [4742.83, 4704.81]


def test_known_file_missing_column(tmp_path: Path, store: Store) -> None:
    p = write(tmp_path, "vix_daily.csv", "date,open,high,low,last\n2024-01-02,1,2,0.5,1.5\n")
    before = snapshot(store)
    with pytest.raises(IngestError, match=r"vix_daily\.csv:1: no column 'close'"):
        import_path(store, p)
    assert snapshot(store) == before


# ------------------------------------------------------------------------------------ dates
def test_ambiguous_day_month_dates_are_refused(store: Store, tmp_path: Path) -> None:
    p = write(tmp_path, "eu.csv", "date,close\n01/02/2020,10\n03/04/2020,11\n")
    before = snapshot(store)
    with pytest.raises(IngestError) as e:
        import_path(store, p)
    msg = str(e.value)
    assert msg.startswith(f"{p}:2: ambiguous date '01/02/2020'")
    assert "2020-02-01 (day first)" in msg and "2020-01-02 (month first)" in msg
    assert "--date-format %d/%m/%Y" in msg and "--date-format %m/%d/%Y" in msg
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [("%d/%m/%Y", ["2020-02-01", "2020-04-03"]), ("%m/%d/%Y", ["2020-01-02", "2020-03-04"])],
)
def test_date_format_settles_the_order(
    store: Store, tmp_path: Path, fmt: str, expected: list[str]
) -> None:
    p = write(tmp_path, "eu.csv", "date,close\n01/02/2020,10\n03/04/2020,11\n")
    import_path(store, p, date_format=fmt)
    assert pd.DatetimeIndex(store.get("eu_close").index).strftime("%Y-%m-%d").tolist() == expected


def test_a_cell_that_does_not_match_the_date_format(store: Store, tmp_path: Path) -> None:
    p = write(tmp_path, "eu.csv", "date,close\n01/02/2020,10\n2020-04-03,11\n")
    with pytest.raises(
        IngestError, match=r"eu\.csv:3: date '2020-04-03' .* --date-format '%d/%m/%Y'"
    ):
        import_path(store, p, date_format="%d/%m/%Y")


@pytest.mark.parametrize(
    ("content", "expected", "note"),
    [
        # one day above 12 settles the whole file, in either order, with any separator
        ("01/02/2020,10\n13/02/2020,11\n", ["2020-02-01", "2020-02-13"], "day-first (DD/MM/YYYY)"),
        ("01/02/2020,10\n02/13/2020,11\n", ["2020-01-02", "2020-02-13"], "month-first"),
        ("01.02.20,10\n13.02.20,11\n", ["2020-02-01", "2020-02-13"], "(DD.MM.YYYY)"),
        # the same both ways: nothing to settle
        ("01/01/2020,10\n02/02/2020,11\n", ["2020-01-01", "2020-02-02"], None),
        ("2020-02-01,10\n2020-02-13,11\n", ["2020-02-01", "2020-02-13"], None),
    ],
)
def test_unambiguous_dates_keep_working(
    store: Store, tmp_path: Path, content: str, expected: list[str], note: str | None
) -> None:
    p = write(tmp_path, "d.csv", "date,close\n" + content)
    notes: list[str] = []
    import_path(store, p, progress=notes.append)
    assert pd.DatetimeIndex(store.get("d_close").index).strftime("%Y-%m-%d").tolist() == expected
    date_notes = [n for n in notes if "read" in n and "first" in n]
    if note is None:
        assert date_notes == []
    else:
        assert len(date_notes) == 1 and note in date_notes[0] and "line 3" in date_notes[0]


def test_two_layouts_in_one_column_are_refused(store: Store, tmp_path: Path) -> None:
    p = write(tmp_path, "m.csv", "date,close\n13/02/2020,10\n02/14/2020,11\n")
    with pytest.raises(IngestError, match=r"m\.csv:3: dates in column 'date' mix two layouts"):
        import_path(store, p)


# ------------------------------------------------------------------------------------ values
def test_negative_price_names_the_line_and_allow_takes_it(store: Store, tmp_path: Path) -> None:
    p = write(tmp_path, "px.csv", "date,close\n2024-01-02,10\n2024-01-03,-10\n2024-01-04,0\n")
    before = snapshot(store)
    with pytest.raises(IngestError) as e:
        import_path(store, p)
    msg = str(e.value)
    assert msg.startswith(f"{p}:3: zero or negative value -10 in column 'value'")
    assert "2 such values" in msg and "--allow nonpositive" in msg
    assert snapshot(store) == before
    notes: list[str] = []
    rep = import_path(store, p, allow=["nonpositive"], progress=notes.append)
    assert store.get("px_close").tolist() == [10.0, -10.0, 0.0]
    assert rep.notes and f"{p}:3" in rep.notes[0] and any(rep.notes[0] in n for n in notes)
    assert store.info("px_close").note == rep.notes[0]


def test_inferred_series_with_negatives_is_told_to_name_its_kind(
    store: Store, tmp_path: Path
) -> None:
    p = write(tmp_path, "ret.csv", "date,spy\n2024-01-02,0.5\n2024-01-03,-0.7\n")
    with pytest.raises(IngestError, match=r"ret\.csv:3(.|\n)*--map kind=factor"):
        import_path(store, p)
    import_path(store, p, mapping="kind=factor")
    assert store.get("ret_spy").tolist() == [0.5, -0.7]


def test_yield_of_5000_percent_and_1e308(store: Store, tmp_path: Path) -> None:
    p = write(tmp_path, "y.csv", "date,yield\n2024-01-02,4.2\n2024-01-03,5000\n")
    with pytest.raises(IngestError, match=r"y\.csv:3: implausibly large value 5000"):
        import_path(store, p, mapping="kind=yield")
    import_path(store, p, mapping="kind=yield", allow=["magnitude"])
    assert store.get("y_yield").tolist() == [4.2, 5000.0]
    huge = write(tmp_path, "h.csv", "date,close\n2024-01-02,4500\n2024-01-03,1e308\n")
    with pytest.raises(
        IngestError, match=r"h\.csv:3: value 1e\+308 .* not stored even when allowed"
    ):
        import_path(store, huge, allow=["magnitude", "nonpositive"])
    assert not store.has("h_close")


@pytest.mark.parametrize(
    ("text", "slug"),
    [("My Rates 10Y", "my_rates_10y"), ("café", "cafe"), ("10y", "s_10y"), ("--", "series")],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug

"""The bundled dataset: every series equals its wheel loader's output, read here directly."""

from __future__ import annotations

import shutil
import warnings
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from thesis.data.providers.base import get_provider
from thesis.data.providers.bundled import BUNDLE, BundleSpec, build_bundle
from thesis.data.store import Store
from thesis.errors import ProviderError


@pytest.fixture(scope="module")
def bundle_store(
    bundled_store_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    """A writable copy of the bundle that build_bundle wrote for this test run (tests/conftest.py:
    one empty store, ``build_bundle``, nothing else); the rebuild test writes into it."""
    path = tmp_path_factory.mktemp("bundle") / "market.duckdb"
    shutil.copyfile(bundled_store_path, path)
    store = Store(path)
    yield store
    store.close()


def reference(spec: BundleSpec) -> pd.DataFrame:
    """The loader's frame with dates decoded by hand (independent of the provider's decoding)."""
    mod, fn = spec.loader.split(":")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        obj = getattr(__import__(mod, fromlist=[fn]), fn)()
    if mod.startswith("statsmodels"):
        df = obj.data
        dates = [
            pd.Timestamp(int(y), 3 * int(q) - 2, 1)
            for y, q in zip(df["year"], df["quarter"], strict=True)
        ]
        return df.set_index(pd.DatetimeIndex(dates))
    if mod == "arch.data.frenchdata":
        yyyymm = obj.index.to_numpy().astype("int64")  # 192607 stored as nanoseconds since 1970
        return obj.set_index(
            pd.DatetimeIndex([pd.Timestamp(int(v) // 100, int(v) % 100, 1) for v in yyyymm])
        )
    return obj


@pytest.mark.parametrize("spec", BUNDLE, ids=[s.id for s in BUNDLE])
def test_series_equals_loader(bundle_store: Store, spec: BundleSpec) -> None:
    ref = reference(spec)
    exp = ref[spec.value].astype(float).dropna()
    got = bundle_store.get(spec.id)
    assert got.index[0] == exp.index[0] and got.index[-1] == exp.index[-1]
    assert len(got) == len(exp)
    np.testing.assert_array_equal(got.to_numpy(), exp.to_numpy())
    info = bundle_store.info(spec.id)
    assert info.provider == "bundled" and spec.loader.split(":")[1] in info.origin
    assert info.origin.startswith(spec.loader.split(".")[0] + " ")  # package and version


def test_known_ranges(bundle_store: Store) -> None:
    cat = bundle_store.catalog().set_index("id")
    assert (
        str(cat.loc["sp500", "start"])[:10] == "1990-01-02"
        and str(cat.loc["sp500", "end"])[:10] == "2022-12-28"
    )
    assert str(cat.loc["ff3_mkt_rf_m", "start"])[:10] == "1926-07-01"
    assert str(cat.loc["realgdp_q", "start"])[:10] == "1959-01-01"
    assert (
        bundle_store.get("ff3_mkt_rf_m").iloc[0] == 2.96
    )  # arch's frenchdata first row, July 1926


def test_ohlcv_fields(bundle_store: Store) -> None:
    import arch.data.sp500

    ref = arch.data.sp500.load().iloc[0]
    got = bundle_store.get(
        "sp500_ohlc", fields=["open", "high", "low", "value", "volume", "adj_close"]
    ).iloc[0]
    assert list(got) == [
        ref["Open"],
        ref["High"],
        ref["Low"],
        ref["Close"],
        ref["Volume"],
        ref["Adj Close"],
    ]


def test_rebuild_is_idempotent(bundle_store: Store) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert build_bundle(bundle_store).new_rows == 0


def test_unknown_bundle_series(tmp_path: Path) -> None:
    with pytest.raises(ProviderError, match="did you mean sp500"):
        get_provider("bundled").build_query(["sp5000"])

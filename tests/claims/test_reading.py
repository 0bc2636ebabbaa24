"""Reading articles: bad input gives a clear message naming the input and the fix, never a crash."""

from __future__ import annotations

import datetime as dt

import pytest

from thesis.claims import check_article, parse_article, read_article
from thesis.errors import CheckError


def test_empty_file_names_file_and_fix(fixtures_dir):
    with pytest.raises(CheckError) as e:
        read_article(fixtures_dir / "empty.txt")
    msg = str(e.value)
    assert "empty.txt" in msg and "empty" in msg and "Fix:" in msg


def test_binary_file_is_refused_with_fix(fixtures_dir):
    with pytest.raises(CheckError) as e:
        read_article(fixtures_dir / "binary.bin")
    assert "binary.bin" in str(e.value) and "binary" in str(e.value) and ".txt" in str(e.value)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(CheckError, match="no such file"):
        read_article(tmp_path / "nope.txt")
    with pytest.raises(CheckError, match="folder"):
        read_article(tmp_path)


def test_non_utf8_is_decoded_with_a_warning(fixtures_dir):
    art = read_article(fixtures_dir / "latin1.txt")
    assert "café" in art.text
    assert any("not valid UTF-8" in w for w in art.warnings)
    assert art.date == dt.date(2025, 11, 26)  # the date in the first line is a dateline


def test_header_lines_give_date_and_are_not_body():
    art = parse_article(
        b"# url: https://x.invalid/a\n# date: 2026-01-01 (from URL)\nBody 1.5% here.\n", "a.txt"
    )
    assert art.date == dt.date(2026, 1, 1) and art.date_source == "# date: header"
    assert art.text == "Body 1.5% here." and art.meta["url"] == "https://x.invalid/a"


def test_html_drops_scripts_and_navigation(fixtures_dir):
    art = read_article(fixtures_dir / "nav_scripts.html")
    assert art.html and art.date == dt.date(2026, 1, 26)
    assert "article:published_time" in art.date_source
    assert "6950.23" in art.text
    for junk in ("1,000.00", "Subscribe", "fell 12%", "99%", "Cookie"):
        assert junk not in art.text


def test_html_fallback_extraction_without_article_markup():
    raw = b"<html><body><script>x=1</script><div>The S&amp;P 500 rose 1.1% on Friday, May 2, 2025.</div></body></html>"
    art = parse_article(raw, "page.html", suffix=".html")
    assert "S&P 500 rose 1.1%" in art.text and "x=1" not in art.text


def test_no_date_falls_back_to_store_with_warning(claims_store, tmp_path):
    p = tmp_path / "undated.txt"
    p.write_text("The S&P 500 rose 0.2% today.\n")
    rep = check_article(p, claims_store)
    assert rep.as_of == dt.date(2026, 2, 11)  # last close in ../shared/data/sp500_daily_fred.csv
    assert any("--date" in w and "undated.txt" in w for w in rep.warnings)


def test_bad_date_option_names_the_fix(claims_store, fixtures_dir):
    with pytest.raises(CheckError) as e:
        check_article(fixtures_dir / "own_dateline.txt", claims_store, date="26/11/2025")
    assert "--date" in str(e.value) and "YYYY-MM-DD" in str(e.value)


def test_no_numbers_gives_no_claims_and_a_note(claims_store, fixtures_dir):
    rep = check_article(fixtures_dir / "no_numbers.txt", claims_store)
    assert rep.results == [] and any("no numeric claims" in w for w in rep.warnings)


def test_dateline_prefers_as_of_over_a_horizon_in_the_title() -> None:
    from thesis.claims.article import find_dateline

    text = (
        "# S&P 500 at 4,766.18: the chance of reaching 5,000 before 28 December 2022 rates as likely\n\n"
        "*Analysis as of 31 December 2021, horizon 28 December 2022.*\n"
    )
    assert find_dateline(text) == dt.date(2021, 12, 31)
    assert find_dateline("Markets wrap, 3 March 2025\nStocks rose.") == dt.date(2025, 3, 3)
    assert find_dateline("Stocks may rally until 5 May 2026.\n") is None

"""The static site: relative links that resolve, the Atom feed through feedparser, the track
record and key-dates pages, escaping."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

import feedparser
import pytest

from thesis.publish.runs import RunFolder, find_runs
from thesis.publish.site import build_site

_HREF = re.compile(r'(?:href|src)="([^"]+)"')


@pytest.fixture(scope="module")
def site(run_dir, events_store, tmp_path_factory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("site")
    res = build_site(find_runs([run_dir]), out, store=events_store, title="Test outlooks")
    return out, res


def test_pages_and_files_are_written(site) -> None:
    out, res = site
    for rel in (
        "index.html",
        "keydates.html",
        "keydates.ics",
        "track.html",
        "feed.xml",
        "assets/site.css",
        "track/forecasts.csv",
        "track/record.json",
        "outlooks/seed-small/index.html",
        "outlooks/seed-small/article.md",
        "outlooks/seed-small/keydates.ics",
        "outlooks/seed-small/facts.json",
    ):
        assert (out / rel).is_file(), rel
    assert "outlooks/seed-small/index.html" in res.pages


def test_every_link_is_relative_and_resolves(site) -> None:
    out, _ = site
    for page in out.rglob("*.html"):
        for href in _HREF.findall(page.read_text(encoding="utf-8")):
            if href.startswith(("data:", "#", "mailto:")):
                continue
            u = urlparse(href)
            assert not u.scheme and not u.netloc and not href.startswith("/"), (page, href)
            target = (page.parent / unquote(u.path)).resolve()
            assert target.is_file(), (page.relative_to(out), href)  # a file, never a bare folder


def test_feed_round_trips_through_feedparser(site, run_dir, events_store, tmp_path) -> None:
    out, _ = site
    d = feedparser.parse((out / "feed.xml").read_bytes())
    assert not d.bozo, d.get("bozo_exception")
    assert d.version == "atom10" and d.feed.title == "Test outlooks"
    (entry,) = d.entries
    run = RunFolder.open(run_dir)
    assert entry.title == run.headline
    assert entry.link == "outlooks/seed-small/index.html"
    assert entry.id.startswith("urn:uuid:")
    assert "probability of touching 6,900" in entry.summary
    # republishing keeps the entry id; a base URL makes links absolute
    again = build_site([run], tmp_path / "s2", store=events_store, base_url="https://ex.org/o/")
    d2 = feedparser.parse((again.root / "feed.xml").read_bytes())
    assert d2.entries[0].id == entry.id
    assert d2.entries[0].link == "https://ex.org/o/outlooks/seed-small/index.html"


def test_track_record_page_and_data(site) -> None:
    out, res = site
    html = (out / "track.html").read_text(encoding="utf-8")
    assert "Track record" in html and "Brier" in html
    # the session's run is a backtest (the store holds what followed): scored apart
    assert "With hindsight" in html
    assert (out / "track/reliability-hindsight.png").read_bytes()[:4] == b"\x89PNG"
    rec = json.loads((out / "track/record.json").read_text())
    touched = [f for f in rec["forecasts"] if f["event"] == "touch" and f["level"] == 6900.0]
    assert touched and all(f["happened"] and f["resolved_on"] == "2025-12-11" for f in touched)
    assert rec["by_method"]["hindsight"]
    assert res.track is not None and len(res.track.rows) == len(rec["forecasts"])


def test_key_dates_page_lists_the_calendar(site) -> None:
    out, _ = site
    html = (out / "keydates.html").read_text(encoding="utf-8")
    assert "keydates.ics" in html and "FOMC decision" in html and "(tentative)" in html
    import icalendar

    cal = icalendar.Calendar.from_ical((out / "keydates.ics").read_bytes())
    assert len(list(cal.walk("VEVENT"))) >= 9


def test_user_text_is_escaped(run_dir, events_store, tmp_path) -> None:
    evil = tmp_path / "evil"
    shutil.copytree(run_dir, evil)
    man = json.loads((evil / "manifest.json").read_text())
    man["thesis"] = "<script>alert(1)</script>"
    (evil / "manifest.json").write_text(json.dumps(man))
    res = build_site(find_runs([evil]), tmp_path / "site", store=events_store)
    for page in ("index.html", "keydates.html", "track.html"):
        html = (res.root / page).read_text(encoding="utf-8")
        assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in (res.root / "index.html").read_text()


def test_without_a_store_the_site_says_what_is_missing(run_dir, tmp_path) -> None:
    res = build_site(find_runs([run_dir]), tmp_path / "bare", store=None)
    assert any("No store" in n for n in res.notes)
    assert res.track is not None and not res.track.resolved
    assert "Key dates need the market data store" in (res.root / "keydates.html").read_text()


def test_not_a_run_folder_is_a_clear_error(tmp_path) -> None:
    from thesis.errors import PublishError

    with pytest.raises(PublishError) as e:
        find_runs([tmp_path])
    assert "manifest.json" in e.value.what
    (tmp_path / "manifest.json").write_text("{not json")
    (tmp_path / "facts.json").write_text("[]")
    with pytest.raises(PublishError) as e:
        RunFolder.open(tmp_path)
    assert "not valid JSON" in e.value.what and e.value.fix


def _cli(capsys, *args: str) -> tuple[int, str]:
    from thesis.cli import main

    try:
        main(list(args))
        code = 0
    except SystemExit as e:
        code = int(e.code or 0)
    out, err = capsys.readouterr()
    return code, out + err


def test_cli_publish_site_and_calendar(
    run_dir, events_store_path, tmp_path, capsys, monkeypatch
) -> None:
    import icalendar

    monkeypatch.setenv("COLUMNS", "200")
    store = str(events_store_path)
    code, out = _cli(
        capsys, "publish", "site", str(run_dir), "--out", str(tmp_path / "site"), "--store", store
    )
    assert code == 0, out
    assert (tmp_path / "site" / "index.html").exists() and "track record" in out
    thesis = tmp_path / "t.toml"
    thesis.write_text((run_dir / "thesis.toml").read_text())
    ics = tmp_path / "k.ics"
    code, out = _cli(
        capsys,
        "calendar",
        str(thesis),
        "--from",
        "2025-10-01",
        "--to",
        "2026-03-31",
        "--out",
        str(ics),
        "--store",
        store,
    )
    assert code == 0, out
    summaries = [
        str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    ]
    assert "CPI" in summaries and "FOMC decision" in summaries and "GOOGL filing" in summaries
    code, out = _cli(
        capsys,
        "calendar",
        str(thesis),
        "--from",
        "2026-01-01",
        "--to",
        "2025-12-01",
        "--store",
        store,
    )
    assert code == 2 and "ends" in out and "Fix:" in out
    code, out = _cli(
        capsys, "publish", "site", str(tmp_path / "nothing"), "--out", str(tmp_path / "x")
    )
    assert code == 2 and "no such folder" in out


def test_cli_events_import_and_list(tmp_path, capsys, monkeypatch) -> None:
    from thesis.data.store import Store

    monkeypatch.setenv("COLUMNS", "200")
    store = tmp_path / "s.duckdb"
    Store(store).close()
    fixtures = Path(__file__).resolve().parent / "fixtures"
    code, out = _cli(
        capsys, "events", "import", str(fixtures / "bls_bea_2026.ics"), "--store", str(store)
    )
    assert code == 0 and "imported 6" in out and "cancelled" in out
    code, out = _cli(
        capsys, "events", "list", "--kind", "release", "--from", "2026-01-10", "--store", str(store)
    )
    assert code == 0 and "5 event(s)" in out and "2026-02-11" in out
    code, out = _cli(
        capsys, "events", "import", str(tmp_path / "missing.ics"), "--store", str(store)
    )
    assert code == 2 and "no such file" in out

"""The PDF rendered in the helper process is the file rendered in process; a helper that fails
leaves the caller to render it, and a closed one leaves no process and no page behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from thesis.writing import pdf as pdf_mod
from thesis.writing.pdf import BackgroundPdf, write_pdf

PAGE = (
    "<html><head><style>@page { size: A4; margin: 2cm }</style></head><body>"
    "<h1>Outlook</h1><p>The S&amp;P 500 closed at 6,812.61 on 2025-11-26.</p>"
    "<table><tr><td>GBM</td><td>42.0%</td></tr></table></body></html>"
)


def test_the_helpers_pdf_is_the_in_process_pdf(tmp_path: Path) -> None:
    here = write_pdf(PAGE, tmp_path / "here.pdf")
    with BackgroundPdf() as helper:
        assert helper.submit(PAGE, tmp_path / "there.pdf") == tmp_path / "there.pdf"
        assert helper.result() == tmp_path / "there.pdf"
    assert (tmp_path / "there.pdf").read_bytes() == here.read_bytes()


def test_a_failing_helper_falls_back_to_rendering_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf_mod, "_HELPER", "import sys; sys.exit(3)")
    with BackgroundPdf() as helper:
        helper.submit(PAGE, tmp_path / "a.pdf")
        assert helper.result() == tmp_path / "a.pdf"
    assert (tmp_path / "a.pdf").read_bytes() == write_pdf(PAGE, tmp_path / "b.pdf").read_bytes()


def test_closing_stops_the_helper_and_removes_its_page(tmp_path: Path) -> None:
    helper = BackgroundPdf()
    proc = helper._proc
    helper.submit(PAGE * 50, tmp_path / "c.pdf")
    page = helper._page
    assert proc is not None and page is not None and page.exists()
    helper.close()
    assert proc.poll() is not None and not page.exists()
    assert helper.result() is not None  # nothing left to wait for: rendered here

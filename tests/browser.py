"""Headless Chromium for the tests that look at a page as a reader does: its width on a phone,
its print on A4, screenshots. Chromium's own command line (no driver); skip when it is absent."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest


def chromium() -> str | None:
    return next((p for p in (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")) if p), None)


needs_chromium = pytest.mark.skipif(chromium() is None or shutil.which("pdftotext") is None,
                                    reason="Chromium or poppler-utils is not installed; .ci/run installs them")


def _run(work: Path, *args: str) -> str:
    exe = chromium()
    assert exe is not None
    proc = subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                           f"--user-data-dir={work / 'chromium-profile'}", *args],
                          capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def page_width(page: Path, work: Path, width: int = 375) -> tuple[int, int]:
    """(scrollWidth, clientWidth) of the page laid out `width` px wide: the page in an iframe that
    wide, measured by the probe page once it has loaded."""
    probe = work / "probe.html"
    doc = html.escape(page.read_text(encoding="utf-8"), quote=True)
    probe.write_text(
        f'<!DOCTYPE html><html><body style="margin:0"><iframe id="f" style="width:{width}px;height:800px;border:0" '
        f'srcdoc="{doc}"></iframe><script>window.addEventListener("load", () => {{'
        'const d = document.getElementById("f").contentDocument.documentElement;'
        'document.body.setAttribute("data-width", d.scrollWidth + "," + d.clientWidth); });</script>'
        "</body></html>", encoding="utf-8")
    dom = _run(work, "--virtual-time-budget=5000", "--dump-dom", probe.as_uri())
    found = re.search(r'data-width="(\d+),(\d+)"', dom)
    assert found, dom[-500:]
    return int(found[1]), int(found[2])


def print_pdf(page: Path, work: Path) -> Path:
    """The page printed to A4 as Chromium prints it (its own header and footer off: the page numbers
    are the page's)."""
    pdf = work / (page.stem + ".pdf")
    _run(work, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    return pdf


def screenshot(page: Path, png: Path, work: Path, width: int, height: int) -> Path:
    _run(work, f"--window-size={width},{height}", "--hide-scrollbars", f"--screenshot={png}", page.as_uri())
    return png


def pdf_page_texts(pdf: Path) -> list[str]:
    """Each page's text (pdftotext), in order."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")

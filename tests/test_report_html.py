"""`report --format html` as a reader sees it: lights and legend, one colour meaning, the caps,
the foot from [report]; in headless Chromium, 375 px wide without sideways scrolling, and on A4."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from browser import needs_chromium, page_width, pdf_page_texts, print_pdf
from deliverable_fixtures import AS_OF, OVERDUE, make_city, make_office, pdf_pages


@pytest.fixture
def office(ledger: Path) -> Path:
    return make_office(ledger)


def _html(cli, out: Path, *args: str, lang: str = "zh") -> str:  # type: ignore[no-untyped-def]
    r = cli("--lang", lang, "report", "--as-of", AS_OF, "--format", "html", "--output", str(out), *args)
    assert r.code == 0, r
    return out.read_text(encoding="utf-8")


def test_lights_legend_and_one_colour_meaning(cli, office: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = _html(cli, tmp_path / "r.html")
    # every department's light is a dot and a word, in the ranking and beside its bar
    assert page.count('<td data-label="亮灯" class="light red">\u25cf\u00a0红灯</td>') == 1
    assert page.count('<td data-label="亮灯" class="light yellow">\u25cf\u00a0黄灯</td>') == 1
    assert page.count('<td data-label="亮灯" class="light green">\u25cf\u00a0绿灯</td>') == 2
    assert '<p class="legend">亮灯说明：<span class="light red">\u25cf\u00a0红灯</span> 有逾期问题' in page
    bars = re.findall(r'<div class="bar" data-code="(\w+)" data-rate="([\d.]+)">', page)
    assert bars == [("SJJ", "1.0000"), ("ZRZY", "0.5000"), ("CZJ", "0.0000"), ("TJJ", "0.0000")]
    # completion bars have one neutral colour: red and yellow mean lights only
    fill = re.search(r"div\.bar \.fill \{[^}]*background: (#\w+)", page)
    assert fill and fill[1] not in ("#c0392b", "#9c6500", "#2f855a")
    assert '<span class="value">0.0% <span class="light red">\u25cf\u00a0红灯</span>' in page


def test_caps_per_department_and_full(cli, office: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = _html(cli, tmp_path / "r.html")
    assert page.count('<tr class="overdue">') == 20
    assert f"市财政局（{OVERDUE} 个）" in page and f"……另有 {OVERDUE - 20} 个问题未列出" in page
    assert "逾期30天" in page and "剩2天" in page  # the number says what it counts
    full = _html(cli, tmp_path / "full.html", "--full")
    assert full.count('<tr class="overdue">') == OVERDUE and "另有" not in full


def test_title_and_foot_from_report_config_never_the_tool(cli, office: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = _html(cli, tmp_path / "r.html")
    assert "<h1>服务发展创优环境突出问题整改情况通报</h1>" in page
    assert "<footer>市委督查室　数据截至 2026年12月1日</footer>" in page
    assert "checklist" not in page.lower()
    en = _html(cli, tmp_path / "en.html", lang="en")
    assert "<footer>市委督查室, as of 1 December 2026</footer>" in en and "checklist" not in en.lower()


def test_city_scale_chart_shows_top_and_bottom(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(make_city(tmp_path / "city", departments=40, items=5))
    page = _html(cli, tmp_path / "r.html")
    assert page.count('<div class="bar"') == 20
    assert "……中间 20 个责任单位见下方排名表……" in page
    assert page.count('<td data-label="排名" class="num">') == 40  # the table ranks them all


@needs_chromium
def test_reads_on_a_phone_without_sideways_scrolling(cli, office: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "r.html"
    _html(cli, out, "--full")
    scroll, client = page_width(out, tmp_path, 375)
    assert scroll <= client <= 375, (scroll, client)


def _headings(page: str) -> list[str]:
    return [re.sub(r"\s+", "", h) for h in re.findall(r"<h2>([^<]*)</h2>", page)]


def _check_print(page: str, pdf: Path) -> list[str]:
    texts = pdf_page_texts(pdf)
    heads = _headings(page)
    for n, text in enumerate(texts, 1):
        lines = [re.sub(r"\s+", "", line) for line in text.splitlines() if line.strip()]
        body = [line for line in lines if not re.fullmatch(r"\d+/\d+", line)]
        assert body and body[-1] not in heads, f"page {n} ends with the heading {body[-1]}"
        assert f"{n}/{len(texts)}" in lines  # the page's own number
    chart = [t for t in texts if "各责任单位完成率" in re.sub(r"\s+", "", t)]
    assert len(chart) == 1
    return texts


@needs_chromium
def test_prints_on_a4_headings_kept_with_their_tables_chart_whole(cli, office: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "r.html"
    page = _html(cli, out, "--full")
    texts = _check_print(page, print_pdf(out, tmp_path))
    bars = re.findall(r"\d+\.\d%\s*●\s*[红黄绿]灯", "".join(t for t in texts if "各责任单位完成率" in t))
    assert len(bars) == 4


@needs_chromium
def test_ten_thousand_items_print_in_bounded_pages(cli_proc, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # in a process of its own: 10,000 items must not grow this one (other tests measure children's memory)
    root = make_city(tmp_path / "city", departments=50, items=200)
    out = tmp_path / "city.html"
    r = cli_proc("--lang", "zh", "report", "--as-of", AS_OF, "--format", "html", "--output", str(out), cwd=root)
    assert r.code == 0, r
    page = out.read_text(encoding="utf-8")
    scroll, client = page_width(out, tmp_path, 375)
    assert scroll <= client <= 375
    pdf = print_pdf(out, tmp_path)
    texts = _check_print(page, pdf)
    chart_page = next(t for t in texts if "各责任单位完成率" in t)
    assert len(re.findall(r"\d+\.\d%\s*●\s*[红黄绿]灯", chart_page)) == 20
    assert pdf_pages(pdf) <= 60  # 50 departments ranked, at most 20 overdue items each

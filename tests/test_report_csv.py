"""CSV as Excel opens it: one table per file, its header in the interface language."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from deliverable_fixtures import AS_OF, OVERDUE, make_office


def _rows(out: str) -> list[list[str]]:
    assert out.startswith("\ufeff")
    return list(csv.reader(io.StringIO(out.removeprefix("\ufeff"))))


def test_report_csv_is_the_ranking_alone(cli, ledger: Path) -> None:  # type: ignore[no-untyped-def]
    make_office(ledger)
    rows = _rows(cli("--lang", "zh", "report", "--as-of", AS_OF, "-f", "csv").out)
    assert rows[0][:4] == ["排名", "责任单位", "代码", "问题数"] and rows[0][-3:] == ["亮灯", "最近报送", "单位未按时报送"]
    assert [r[1] for r in rows[1:]] == ["市审计局", "市自然资源和规划局", "市财政局", "市统计局", "合计"]
    assert all(row and len(row) <= len(rows[0]) for row in rows)  # no blank rows, no second table
    assert rows[3][rows[0].index("按期完成率")] == "—"


def test_list_csv_is_one_row_per_item(cli, ledger: Path) -> None:  # type: ignore[no-untyped-def]
    make_office(ledger)
    rows = _rows(cli("--lang", "zh", "list", "--state", "overdue", "--as-of", AS_OF, "-f", "csv").out)
    assert rows[0][:4] == ["编号", "责任单位", "代码", "问题"]
    assert len(rows) == 1 + OVERDUE and {len(r) for r in rows} == {len(rows[0])}  # never cut

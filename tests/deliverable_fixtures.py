"""A ledger for the office's deliverables (as of 2026-12-01): three departments of a roster, one with
more overdue items than a department's cap, one with a due-soon item only, one all done, one that has
not reported; [report] set; and a city-scale ledger generated on demand."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import write

AS_OF = "2026-12-01"
CONFIG = """\
lists = "lists"
categories = ["作风", "工作"]

[departments]
CZJ = "市财政局"
ZRZY = "市自然资源和规划局"
SJJ = "市审计局"
TJJ = "市统计局"

[report]
issuer = "市委督查室"
title = "服务发展创优环境突出问题整改情况通报"
closing = "请各责任单位于每周五前报送整改进展。"
"""
OVERDUE = 23  # more than the 20 a department lists in html and docx


def _czj() -> str:
    items = []
    for n in range(1, OVERDUE + 1):
        items.append(f"""\
  - id: CZJ-{n:03d}
    title: 逾期问题第{n}项
    category: 工作
    owner: 王芳
    leader: 刘志刚
    deadline: 2026-11-{n:02d}
    status: open
    created_on: 2026-10-01
    progress:
      - {{date: 2026-10-20, note: 第{n}项进展}}
""")
    return "department: 市财政局\ncode: CZJ\nitems:\n" + "".join(items)


ZRZY = """\
department: 市自然资源和规划局
code: ZRZY
items:
  - id: ZRZY-001
    title: 土地供应与招商引资项目衔接不紧
    category: 作风
    owner: 林涛
    deadline: 2026-12-03
    status: open
    created_on: 2026-10-01
  - id: ZRZY-002
    title: 已完成的问题
    owner: 林涛
    deadline: 2026-11-20
    status: closed
    created_on: 2026-10-01
    closed_on: 2026-11-19
    result: 已整改
"""
SJJ = """\
department: 市审计局
code: SJJ
items:
  - id: SJJ-001
    title: 审计整改按期完成
    owner: 赵敏
    deadline: 2026-11-20
    status: verified
    created_on: 2026-10-01
    closed_on: 2026-11-18
    result: 已整改
    verified_on: 2026-11-25
    verified_by: 市委督查室
"""


def make_office(root: Path) -> Path:
    write(root / "checklist.toml", CONFIG)
    write(root / "lists" / "czj.yaml", _czj())
    write(root / "lists" / "zrzy.yaml", ZRZY)
    write(root / "lists" / "sjj.yaml", SJJ)
    return root


def make_city(root: Path, departments: int = 50, items: int = 200) -> Path:
    """A city-scale ledger (departments × items) from bench/gen.py, with the office's [report]."""
    gen = Path(__file__).resolve().parents[1] / "bench" / "gen.py"
    subprocess.run([sys.executable, str(gen), str(root), "--departments", str(departments), "--items", str(items)],
                   check=True, capture_output=True)
    config = root / "checklist.toml"
    config.write_text(config.read_text(encoding="utf-8") + "\n[report]" + CONFIG.split("[report]", 1)[1],
                      encoding="utf-8")
    return root


def soffice() -> str | None:
    """LibreOffice, when it and poppler-utils (to count the pages of its PDF) are both installed."""
    if shutil.which("pdfinfo") is None:
        return None
    return shutil.which("soffice") or shutil.which("libreoffice")


def pdf_pages(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


def to_pdf(path: Path, out_dir: Path) -> Path:
    """Convert a docx/xlsx with LibreOffice (its own profile folder, so runs never share one)."""
    exe = soffice()
    assert exe is not None
    profile = out_dir / "lo-profile"
    subprocess.run([exe, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out_dir), str(path)], check=True, capture_output=True, timeout=240)
    return out_dir / (path.stem + ".pdf")

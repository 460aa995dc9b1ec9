"""A department named by its code, full name or any alias (case-, width- and space-insensitive),
with "did you mean" for a name that matches none: add, import, list, completion, the roster rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from checklist.errors import ChecklistError
from checklist.ledger.config import Config
from checklist.ledger.departments import Roster, normalize, resolve

from conftest import write

CONFIG = Config(
    departments={"FGW": "市发展和改革委员会", "CZJ": "市财政局", "ZJJ": "市住房和城乡建设局", "SJJ": "市审计局"},
    aliases={"FGW": ["市发改委", "发改委"], "CZJ": [], "ZJJ": ["住建局"], "SJJ": []},
)
TOML = """\
lists = "lists"
[departments]
FGW = { name = "市发展和改革委员会", aliases = ["市发改委", "发改委"] }
CZJ = "市财政局"
"""


def test_normalize() -> None:
    assert normalize(" ＦＧＷ ") == normalize("fgw") == "fgw"
    assert normalize("市　发改委") == normalize("市 发改委\t") == "市发改委"


@pytest.mark.parametrize(
    ("given", "code"),
    [
        ("FGW", "FGW"), ("fgw", "FGW"), ("Fgw", "FGW"), ("ＦＧＷ", "FGW"), ("ｆｇｗ", "FGW"), (" czj ", "CZJ"),
        ("市发展和改革委员会", "FGW"), ("市财政局", "CZJ"), ("市 财政局", "CZJ"),
        ("发改委", "FGW"), ("市发改委", "FGW"), ("市 发改委", "FGW"), ("市　发改委", "FGW"), ("发 改 委", "FGW"),
        ("住建局", "ZJJ"),
    ],
)
def test_resolve_by_code_name_or_alias(given: str, code: str) -> None:
    assert resolve(CONFIG, given) == (code, CONFIG.departments[code])


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("市财政", "unknown department '市财政'; did you mean 市财政局 (CZJ)?"),
        ("财政局", "unknown department '财政局'; did you mean 市财政局 (CZJ)?"),
        ("财政", "unknown department '财政'; did you mean 市财政局 (CZJ)?"),
        ("发改", "unknown department '发改'; did you mean 发改委 (FGW 市发展和改革委员会)?"),
        ("市发改", "unknown department '市发改'; did you mean 市发改委 (FGW 市发展和改革委员会)?"),
        ("住房城乡建设局", "unknown department '住房城乡建设局'; did you mean 市住房和城乡建设局 (ZJJ)?"),
        ("CJZ", "unknown department 'CJZ'; did you mean 市财政局 (CZJ)?"),
        ("市审计", "unknown department '市审计'; did you mean 市审计局 (SJJ)?"),
        ("市局", "unknown department '市局'; did you mean 市财政局 (CZJ)、市审计局 (SJJ)、市住房和城乡建设局 (ZJJ)?"),
    ],
)
def test_a_near_name_gets_did_you_mean_never_advice_to_add_it(given: str, message: str) -> None:
    with pytest.raises(ChecklistError) as raised:
        resolve(CONFIG, given)
    text = str(raised.value)
    assert text == message + " (a department is named by its code, its full name or one of its aliases in checklist.toml)"
    assert "[departments]" not in text and "CODE =" not in text


def test_a_short_name_not_an_alias_is_close_to_its_department() -> None:
    """Without the alias 发改委, the short name still finds its department (its characters in order)."""
    config = Config(departments={"FGW": "市发展和改革委员会", "CZJ": "市财政局"}, aliases={"FGW": ["市发改委"]})
    with pytest.raises(ChecklistError) as raised:
        resolve(config, "发改委")
    assert raised.value.params["hint"] == "市发改委 (FGW 市发展和改革委员会)"


def test_a_name_close_to_none_lists_the_roster() -> None:
    with pytest.raises(ChecklistError) as raised:
        resolve(CONFIG, "人社局")
    assert str(raised.value) == (
        "unknown department '人社局' (known: FGW 市发展和改革委员会、CZJ 市财政局、ZJJ 市住房和城乡建设局、SJJ 市审计局); "
        'a department not in the roster yet goes under [departments] in checklist.toml as CODE = "full name"'
    )
    with pytest.raises(ChecklistError) as raised:
        resolve(Config(), "人社局")
    assert raised.value.params["known"] == "-"


def test_a_long_roster_is_cut_in_the_message() -> None:
    many = Config(departments={f"D{i:02d}": f"第{i}局" for i in range(30)})
    with pytest.raises(ChecklistError) as raised:
        resolve(many, "XYZ")
    assert raised.value.params["known"].endswith("D09 第9局……")


def test_messages_in_chinese() -> None:
    from checklist import i18n

    i18n.set_lang("zh")
    with pytest.raises(ChecklistError) as raised:
        resolve(CONFIG, "发改")
    assert str(raised.value) == "未知部门“发改”；是否应为 发改委 (FGW 市发展和改革委员会)？（部门可用代码、全称或 checklist.toml 中登记的简称表示）"
    with pytest.raises(ChecklistError) as raised:
        resolve(Config(departments={"CZJ": "市财政局"}), "XYZ")
    assert str(raised.value) == (
        "未知部门“XYZ”（已有：CZJ 市财政局）；尚未登记的部门请在 checklist.toml 的 [departments] 中添加一行：代码 = \"部门全称\""
    )


def test_a_code_wins_over_an_alias_and_a_name_over_an_alias() -> None:
    roster = Roster({"AB": "甲局", "CD": "乙局"}, {"AB": [], "CD": ["AB"]})
    assert roster.find("ab") == ("AB", "甲局")


@pytest.fixture
def roster_ledger(ledger: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CHECKLIST_TODAY", "2026-11-25")
    (ledger / "checklist.toml").write_text(TOML, encoding="utf-8")
    return ledger


def test_add_by_alias_lands_in_the_departments_file(cli, roster_ledger: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("add", "--dept", "发改委", "--title", "招商引资项目跟踪服务不到位", "--owner", "张伟", "--deadline", "+1m")
    assert (result.code, result.out) == (0, "FGW-001\n"), result
    assert (roster_ledger / "lists" / "FGW.yaml").read_text(encoding="utf-8") == (
        "department: 市发展和改革委员会\ncode: FGW\nitems:\n  - id: FGW-001\n    title: 招商引资项目跟踪服务不到位\n"
        "    owner: 张伟\n    deadline: 2026-12-25\n    status: open\n    created_on: 2026-11-25\n"
    )
    for dept in ("市　发改委", "ｆｇｗ", "市发展和改革委员会"):
        assert cli("add", "--dept", dept, "--title", "第二", "--owner", "张伟", "--deadline", "+1m").code == 0
    assert sorted(p.name for p in (roster_ledger / "lists").iterdir()) == ["FGW.yaml"]
    assert cli("validate").code == 0


def test_add_to_a_near_name_is_refused_with_did_you_mean(cli, roster_ledger: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("add", "--dept", "发改", "--title", "甲", "--owner", "张伟", "--deadline", "+1m")
    assert result.code == 1, result
    assert result.err == (
        "unknown department '发改'; did you mean 发改委 (FGW 市发展和改革委员会)? (a department is named by its code, "
        "its full name or one of its aliases in checklist.toml)\n"
    )
    assert list((roster_ledger / "lists").iterdir()) == []


def test_list_by_alias_filters(cli, roster_ledger: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("add", "--dept", "FGW", "--title", "甲", "--owner", "张伟", "--deadline", "+1m").code == 0
    assert cli("add", "--dept", "CZJ", "--title", "乙", "--owner", "王芳", "--deadline", "+1m").code == 0
    for dept in ("市发改委", "发 改 委", "fgw", "市发展和改革委员会"):
        result = cli("list", "--dept", dept, "--format", "csv")
        assert result.code == 0, result
        assert [line.split(",")[0] for line in result.out.lstrip("\ufeff").splitlines()[1:]] == ["FGW-001"], dept
    result = cli("list", "--dept", "市财政")
    assert result.code == 1, result
    assert result.err.startswith("unknown department '市财政'; did you mean 市财政局 (CZJ)?"), result


def test_list_by_a_roster_department_without_items_is_empty(cli, roster_ledger: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("list", "--dept", "市 财政局")
    assert (result.code, result.out) == (0, "No items match.\n"), result


def test_import_by_alias(cli, roster_ledger: Path) -> None:  # type: ignore[no-untyped-def]
    (roster_ledger / "a.csv").write_text("问题,责任人,整改时限\n审批迟缓,张伟,2026-12-31\n", encoding="utf-8")
    result = cli("import", "a.csv", "--dept", "市发改委", "--no-commit")
    assert result.code == 0, result
    assert result.out == "imported 1 item(s) into lists/FGW.yaml: FGW-001 … FGW-001\n"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("发改委", "lists/FGW.yaml:1:1: department 发改委 is an alias of FGW: a list file gives its full name, 市发展和改革委员会"),
        ("发展改革委", "lists/FGW.yaml:1:1: department 发展改革委 does not match the roster: FGW is 市发展和改革委员会"),
    ],
)
def test_a_list_file_gives_the_full_name(cli, roster_ledger: Path, name: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    """A roster alias finds a department; the file's `department` is its name, one per department
    in every report, merge and 通报."""
    write(roster_ledger / "lists" / "FGW.yaml", f"department: {name}\ncode: FGW\nitems: []\n")
    result = cli("validate")
    assert (result.code, result.err.splitlines()[0]) == (1, expected), result


def complete(cli_proc, cwd: Path, line: str) -> list[str]:  # type: ignore[no-untyped-def]
    words = line.split(" ")
    result = cli_proc(cwd=cwd, env={"_CHECKLIST_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1)})
    assert (result.code, result.err) == (0, ""), result
    return [word for word in result.out.splitlines() if word]


@pytest.mark.parametrize(
    ("line", "offered"),
    [
        ("checklist add --dept ", ["FGW", "CZJ"]),
        ("checklist add --dept f", ["fGW"]),
        ("checklist list --dept 市", ["市发展和改革委员会", "市发改委", "市财政局"]),
        ("checklist list --dept 发", ["发改委"]),
        ("checklist import a.xlsx --dept 市发", ["市发展和改革委员会", "市发改委"]),
    ],
)
def test_completion_of_codes_names_and_aliases(cli_proc, roster_ledger: Path, line: str, offered: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert complete(cli_proc, roster_ledger, line) == offered

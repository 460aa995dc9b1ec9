"""checklist.toml v2: every key with SPEC's defaults, every mistake located (FILE:LINE:COL)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from checklist.ledger.config import Config, Escalation, ReportHead, load_config
from checklist.ledger.init import CONFIG_TEMPLATE

MEASURES = ["提醒谈话", "约谈", "批评教育", "责令检查", "通报批评", "诫勉", "组织处理", "党纪处分", "政务处分"]

FULL = """\
lists = "台账"
due_soon_days = 5
auto_commit = false
categories = ["作风", "工作"]
money_unit = "亿元"
behind_margin = 30
update_every_days = 14
max_extensions = 2
extension_needs_approval = true
accountability_measures = ["约谈", "诫勉"]

[departments]            # code = name, or code = {name, aliases}
FGW = { name = "市发展和改革委员会", aliases = ["市发改委", "发改委"] }
CZJ = "市财政局"

[departments.SWJ]
name = "市商务局"
aliases = ["商务局"]

[report]
issuer = "市委督查室"
title = "服务发展创优环境突出问题整改情况通报"
closing = "请各责任单位于每周五前报送整改进展。"

[escalation]
remind = 3
supervise = 10
interview = 20
"""


def load(tmp_path: Path, text: str) -> tuple[Config, list[str]]:
    path = tmp_path / "checklist.toml"
    path.write_text(text, encoding="utf-8")
    config, problems = load_config(path, "checklist.toml")
    return config, [p.format() for p in problems]


def test_defaults_are_specs() -> None:
    assert Config() == Config(
        lists="lists", due_soon_days=7, auto_commit=True, categories=[], departments={}, aliases={},
        money_unit="万元", behind_margin=20, update_every_days=7, max_extensions=0, extension_needs_approval=False,
        accountability_measures=MEASURES, report=ReportHead(issuer=None, title="整改情况通报", closing=None),
        escalation=Escalation(remind=1, supervise=15, interview=30),
    )


def test_an_empty_file_gives_the_defaults(tmp_path: Path) -> None:
    assert load(tmp_path, "") == (Config(), [])


def test_a_full_v2_config_reads_back(tmp_path: Path) -> None:
    config, problems = load(tmp_path, FULL)
    assert problems == []
    assert config == Config(
        lists="台账", due_soon_days=5, auto_commit=False, categories=["作风", "工作"],
        departments={"FGW": "市发展和改革委员会", "CZJ": "市财政局", "SWJ": "市商务局"},
        aliases={"FGW": ["市发改委", "发改委"], "CZJ": [], "SWJ": ["商务局"]},
        money_unit="亿元", behind_margin=30, update_every_days=14, max_extensions=2, extension_needs_approval=True,
        accountability_measures=["约谈", "诫勉"],
        report=ReportHead("市委督查室", "服务发展创优环境突出问题整改情况通报", "请各责任单位于每周五前报送整改进展。"),
        escalation=Escalation(3, 10, 20),
    )


def test_partial_tables_keep_the_other_defaults(tmp_path: Path) -> None:
    config, problems = load(tmp_path, '[report]\nissuer = "市委督查室"\n[escalation]\ninterview = 45\n')
    assert problems == []
    assert config.report == ReportHead(issuer="市委督查室", title="整改情况通报", closing=None)
    assert config.escalation == Escalation(remind=1, supervise=15, interview=45)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('lists = "lists"\nmoney_units = "元"\n', "checklist.toml:2:1: unknown field 'money_units' (did you mean 'money_unit'?)"),
        ('money_unit = " "\n', "checklist.toml:1:1: money_unit: expected text"),
        ("money_unit = 10000\n", "checklist.toml:1:1: money_unit: expected text"),
        ("behind_margin = 101\n", "checklist.toml:1:1: behind_margin: expected percentage points, a whole number 0-100"),
        ("behind_margin = -1\n", "checklist.toml:1:1: behind_margin: expected percentage points, a whole number 0-100"),
        ("behind_margin = 20.5\n", "checklist.toml:1:1: behind_margin: expected percentage points, a whole number 0-100"),
        ("  behind_margin = true\n", "checklist.toml:1:3: behind_margin: expected percentage points, a whole number 0-100"),
        ("update_every_days = 0\n", "checklist.toml:1:1: update_every_days: expected a number of days (1-366)"),
        ('update_every_days = "7"\n', "checklist.toml:1:1: update_every_days: expected a number of days (1-366)"),
        ("max_extensions = -1\n", "checklist.toml:1:1: max_extensions: expected a whole number, 0 or more (0: no limit)"),
        ("max_extensions = false\n", "checklist.toml:1:1: max_extensions: expected a whole number, 0 or more (0: no limit)"),
        ('extension_needs_approval = "yes"\n', "checklist.toml:1:1: extension_needs_approval: expected true or false"),
        ("extension_needs_aproval = true\n",
         "checklist.toml:1:1: unknown field 'extension_needs_aproval' (did you mean 'extension_needs_approval'?)"),
        ("accountability_measures = []\n", "checklist.toml:1:1: accountability_measures: expected a list of names"),
        ('accountability_measures = ["约谈", ""]\n', "checklist.toml:1:1: accountability_measures: expected a list of names"),
        ('accountability_measures = "约谈"\n', "checklist.toml:1:1: accountability_measures: expected a list of names"),
        # [report]
        ('report = "通报"\n', "checklist.toml:1:1: report: expected a table, written [report]"),
        ('[report]\nissuer = "市委督查室"\ntitel = "通报"\n',
         "checklist.toml:3:1: unknown field 'report.titel' (did you mean 'report.title'?)"),
        ('[report]\nfooter = "x"\n', "checklist.toml:2:1: unknown field 'report.footer'"),
        ("[report]\nissuer = 1\n", "checklist.toml:2:1: report.issuer: expected text"),
        ('[report]\ntitle = ""\n', "checklist.toml:2:1: report.title: expected text"),
        ('[report]\nclosing = ["请"]\n', "checklist.toml:2:1: report.closing: expected text"),
        ('[reports]\ntitle = "通报"\n', "checklist.toml:1:2: unknown field 'reports' (did you mean 'report'?)"),
        ('report.title = 1\n', "checklist.toml:1:1: report.title: expected text"),
        # [escalation]
        ("[escalation]\nremind = 0\n", "checklist.toml:2:1: escalation.remind: expected a number of days overdue (1-3650)"),
        ('[escalation]\nsupervise = "15"\n', "checklist.toml:2:1: escalation.supervise: expected a number of days overdue (1-3650)"),
        ("[escalation]\ninterview = 4000\n", "checklist.toml:2:1: escalation.interview: expected a number of days overdue (1-3650)"),
        ("[escalation]\nremid = 2\n", "checklist.toml:2:1: unknown field 'escalation.remid' (did you mean 'escalation.remind'?)"),
        ("[escalation]\nremind = 1\nsupervise = 15\ninterview = 15\n",
         "checklist.toml:4:1: escalation.interview (15 days) must be later than escalation.supervise (15 days): "
         "the levels start in the order remind < supervise < interview"),
        ("[escalation]\nremind = 20\n",
         "checklist.toml:2:1: escalation.supervise (15 days) must be later than escalation.remind (20 days): "
         "the levels start in the order remind < supervise < interview"),
        ("[escalation]\nremind = 1\nsupervise = 40\n",
         "checklist.toml:3:1: escalation.interview (30 days) must be later than escalation.supervise (40 days): "
         "the levels start in the order remind < supervise < interview"),
        ("escalation = 3\n", "checklist.toml:1:1: escalation: expected a table, written [escalation]"),
        # [departments]
        ('departments = ["CZJ"]\n', "checklist.toml:1:1: departments: expected a table, written [departments]"),
        ('[departments]\nczj = "市财政局"\n',
         "checklist.toml:2:1: department code 'czj' must be 2-10 capital letters or digits, starting with a letter (e.g. CZJ)"),
        ('[departments]\n"财政" = "市财政局"\n',
         "checklist.toml:2:1: department code '财政' must be 2-10 capital letters or digits, starting with a letter (e.g. CZJ)"),
        ('[departments]\nC = "市财政局"\n',
         "checklist.toml:2:1: department code 'C' must be 2-10 capital letters or digits, starting with a letter (e.g. CZJ)"),
        ("[departments]\nCZJ = 3\n",
         'checklist.toml:2:1: departments.CZJ: expected CZJ = "full name" or CZJ = {name = "full name", aliases = ["short name"]}'),
        ('[departments]\nCZJ = ""\n', "checklist.toml:2:1: departments.CZJ: the name must be the department's full name, as text"),
        ('[departments]\nCZJ = { name = "" }\n',
         "checklist.toml:2:9: departments.CZJ: the name must be the department's full name, as text"),
        ('[departments]\nCZJ = { aliases = ["财政局"] }\n',
         "checklist.toml:2:1: departments.CZJ: the department's full name is missing: "
         'CZJ = {name = "full name", aliases = [...]}'),
        ('[departments]\nFGW = { name = "市发展和改革委员会", alias = ["发改委"] }\n',
         "checklist.toml:2:29: unknown field 'departments.FGW.alias' (did you mean 'departments.FGW.aliases'?)"),
        ('[departments]\nFGW = { name = "市发展和改革委员会", leader = "张三" }\n',
         "checklist.toml:2:29: unknown field 'departments.FGW.leader'"),
        ('[departments]\nFGW = { name = "市发展和改革委员会", aliases = "发改委" }\n',
         "checklist.toml:2:29: departments.FGW.aliases: expected a list of names"),
        ('[departments]\nFGW = { name = "市发展和改革委员会", aliases = ["发改委", " "] }\n',
         "checklist.toml:2:29: departments.FGW.aliases: expected a list of names"),
        ('[departments]\nCZJ = "市财政局"\nFGW = { name = "市发展和改革委员会", aliases = ["发改委", "市财政局"] }\n',
         "checklist.toml:3:47: departments.FGW: the alias 市财政局 also names CZJ; an alias must name one department only"),
        ('[departments]\nCZJ = { name = "市财政局", aliases = ["财政局"] }\nCZ = { name = "市财政二局", aliases = ["财 政 局"] }\n',
         "checklist.toml:3:35: departments.CZ: the alias 财 政 局 also names CZJ; an alias must name one department only"),
        ('[departments]\nCZJ = "市财政局"\nFGW = { name = "市发展和改革委员会", aliases = ["ｃｚｊ"] }\n',
         "checklist.toml:3:40: departments.FGW: the alias ｃｚｊ also names CZJ; an alias must name one department only"),
        ('[departments]\nCZJ = "市财政局"\nCZ2 = "市财政局"\n',
         "checklist.toml:3:1: departments.CZ2: 市财政局 is already the name of CZJ: one department has one roster line "
         "(its other names go in its aliases)"),
        ('[departments]\nFGW = { name = "市发展和改革委员会", aliases = ["发改委"] }\nFG = "发改委"\n',
         "checklist.toml:2:40: departments.FGW: the alias 发改委 also names FG; an alias must name one department only"),
        ('[departments.SWJ]\nnam = "市商务局"\n', "checklist.toml:1:2: departments.SWJ: the department's full name is missing: "
         'SWJ = {name = "full name", aliases = [...]}'),
        ('[departmens]\nCZJ = "市财政局"\n', "checklist.toml:1:2: unknown field 'departmens' (did you mean 'departments'?)"),
    ],
)
def test_each_mistake_is_located(tmp_path: Path, text: str, expected: str) -> None:
    _, problems = load(tmp_path, text)
    assert problems[0] == expected, problems


def test_every_mistake_is_reported_in_file_order_and_the_rest_still_read(tmp_path: Path) -> None:
    config, problems = load(tmp_path, (
        "behind_margin = 200\nmax_extensions = 3\n[departments]\n"
        'SWJ = { nam = "市商务局", alias = ["商务局"] }\nCZJ = "市财政局"\n[escalation]\nremind = 0\n'
    ))
    assert problems == [
        "checklist.toml:1:1: behind_margin: expected percentage points, a whole number 0-100",
        "checklist.toml:4:1: departments.SWJ: the department's full name is missing: "
        'SWJ = {name = "full name", aliases = [...]}',
        "checklist.toml:4:9: unknown field 'departments.SWJ.nam' (did you mean 'departments.SWJ.name'?)",
        "checklist.toml:4:23: unknown field 'departments.SWJ.alias' (did you mean 'departments.SWJ.aliases'?)",
        "checklist.toml:7:1: escalation.remind: expected a number of days overdue (1-3650)",
    ]
    assert (config.behind_margin, config.max_extensions, config.departments) == (20, 3, {"CZJ": "市财政局"})


def test_a_mistake_in_chinese(tmp_path: Path) -> None:
    from checklist import i18n

    i18n.set_lang("zh")
    _, problems = load(tmp_path, '[escalation]\nremind = 20\n[departments]\nFGW = { name = "市发展和改革委员会", alias = [] }\n')
    assert problems == [
        "checklist.toml:2:1: escalation.supervise（15 天）应晚于 escalation.remind（20 天）："
        "催办（remind）、督办（supervise）、约谈（interview）的天数须依次递增",
        "checklist.toml:4:29: 未知字段“departments.FGW.alias”（是否应为“departments.FGW.aliases”？）",
    ]


def test_validate_reports_a_config_mistake_with_exit_1(ledger: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (ledger / "checklist.toml").write_text('lists = "lists"\n[escalation]\nsupervise = 1\n', encoding="utf-8")
    result = cli("validate")
    assert result.code == 1, result
    assert result.err.splitlines()[0] == (
        "checklist.toml:3:1: escalation.supervise (1 days) must be later than escalation.remind (1 days): "
        "the levels start in the order remind < supervise < interview"
    ), result


def test_init_template_is_valid_and_gives_the_defaults(tmp_path: Path) -> None:
    assert tomllib.loads(CONFIG_TEMPLATE) == {"lists": "lists", "due_soon_days": 7, "auto_commit": True}
    assert load(tmp_path, CONFIG_TEMPLATE) == (Config(), [])


def test_init_template_uncommented_is_valid_and_shows_every_key(tmp_path: Path) -> None:
    """Each commented setting, uncommented, is a key checklist.toml takes, with a value it accepts."""
    uncommented = re.sub(r"^# (?=[a-z_]+ = |\[[a-z]+\]$|[A-Z]{2,} = )", "", CONFIG_TEMPLATE, flags=re.M)
    config, problems = load(tmp_path, uncommented)
    assert problems == []
    raw = tomllib.loads(uncommented)
    from checklist.ledger.config import CONFIG_KEYS

    assert set(raw) == set(CONFIG_KEYS)
    assert set(raw["report"]) == {"issuer", "title", "closing"} and set(raw["escalation"]) == {"remind", "supervise", "interview"}
    assert config.aliases == {"FGW": ["市发改委", "发改委"], "CZJ": []}
    assert config.accountability_measures == MEASURES and config.escalation == Escalation()


def test_init_writes_the_template(tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    assert cli("init", "台账").code == 0
    assert (tmp_path / "台账" / "checklist.toml").read_text(encoding="utf-8") == CONFIG_TEMPLATE
    result = cli("--root", "台账", "validate")
    assert result.code == 0, result

"""The rules that need every file of a ledger at once or its settings: unique IDs,
the roster, categories, accountability measures, the number of extensions, and
evidence files present and unchanged."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from checklist.problems import Problem, did_you_mean


def ledger_rules(ledger: Any, *, evidence: bool) -> list[Problem]:
    """Rules over the whole ledger: unique IDs, roster, categories, evidence files."""
    problems: list[Problem] = []
    seen: dict[str, tuple[str, int, int]] = {}
    for fd in ledger.files:
        problems += _file_rules(ledger.config, fd, seen, ledger.root if evidence else None, evidence=evidence)
    return problems


def file_rules(config: Any, fd: Any) -> list[Problem]:
    """The rules one file answers alone, against the settings (roster, categories, measures,
    extensions): every ledger-wide rule but unique IDs and evidence files."""
    return [p for p in _file_rules(config, fd, {}, None, evidence=False) if p.key != "duplicate_id"]


def identity(problem: Problem) -> str:
    """What makes two findings of a rule the same finding, wherever they are located: an edit
    may not add a finding the ledger did not have."""
    return problem.key + "\0" + repr(sorted(problem.params.items()))


def _file_rules(config: Any, fd: Any, seen: dict[str, tuple[str, int, int]], root: Path | None, *,
                evidence: bool) -> list[Problem]:
    """One file's findings, its IDs checked against (and added to) `seen`."""
    problems: list[Problem] = []
    roster = config.departments
    categories = config.categories
    measures = config.accountability_measures
    most = config.max_extensions
    for dept in fd.departments:
        code, name = dept["code"], dept["department"]
        if roster and not dept.get("broken"):
            if code not in roster:
                problems.append(Problem(fd.display, dept["line"], dept["col"], "dept_not_in_roster", {"code": code}))
            elif roster[code] != name:
                # A roster alias is a name to find the department by, not its name in the ledger:
                # reports, 通报 and merges show one full name per department.
                alias = name in config.aliases.get(code, ())
                problems.append(Problem(fd.display, dept["line"], dept["col"], "dept_name_alias" if alias else "dept_name_mismatch", {"code": code, "name": name, "expected": roster[code]}))
        entries = [(i["id"], i.get("category"), pos, i) for i, pos in zip(dept["items"], dept["pos"], strict=True)]
        entries += [(key, category, pos, None) for key, category, pos in dept.get("invalid", ())]
        entries.sort(key=lambda e: (e[2][0], e[2][1]))
        for key, category, pos, item in entries:
            if key is not None and key in seen:
                other = seen[key]
                problems.append(Problem(fd.display, pos[2], pos[3], "duplicate_id", {"id": key, "other": f"{other[0]}:{other[1]}:{other[2]}"}))
            elif key is not None:
                seen[key] = (fd.display, pos[2], pos[3])
            if categories and category and category not in categories:
                hint = did_you_mean(category, categories)
                problems.append(Problem(fd.display, pos[4], pos[5], "category_unknown_hint" if hint else "category_unknown", {"category": category, "hint": hint or "", "choices": "、".join(categories)}))
            if item is not None:
                problems += _settings_problems(fd.display, item, pos, measures, most)
            if evidence and item is not None and item.get("evidence"):
                problems += _evidence_problems(root, fd, item, pos)
    return problems


def _settings_problems(file: str, item: dict[str, Any], pos: list[int], measures: list[str], most: int) -> list[Problem]:
    """An item against the ledger's settings: its accountability measures, its extensions."""
    out = []
    for k, entry in enumerate(item.get("accountability") or ()):
        measure = entry.get("measure")
        if measure not in measures and len(pos) >= 8 + 2 * k:
            hint = did_you_mean(str(measure), measures)
            out.append(Problem(file, pos[6 + 2 * k], pos[7 + 2 * k], "measure_unknown_hint" if hint else "measure_unknown",
                               {"measure": measure, "hint": hint or "", "choices": "、".join(measures)}))
    extensions = len(item.get("extensions") or ())
    if most and extensions > most:
        out.append(Problem(file, pos[0], pos[1], "too_many_extensions", {"id": item["id"], "count": extensions, "limit": most}))
    return out


def _evidence_problems(root: Path | None, fd: Any, item: dict[str, Any], pos: list[int]) -> list[Problem]:
    from checklist.ledger.evidence import check

    base = root if root is not None else Path.cwd()
    out = []
    for ev in item["evidence"]:
        key = check(base, ev["path"], ev["sha256"])
        if key is not None:
            out.append(Problem(fd.display, pos[0], pos[1], key, {"id": item["id"], "path": ev["path"]}))
    return out

"""The merge driver's checks: a merged list file must validate like an edit, or it becomes
a conflict around the items concerned, with one line saying why; and which side of a merge
is the published one.

In `git merge` (and `git pull`) the branch merged in, theirs (%B), is what others already
have; in `git rebase` (and `git pull --rebase`, `git cherry-pick`) ours (%A) is the
upstream being built on and theirs is the local commit being replayed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from checklist.git.run import git
from checklist.yamldoc import document as layout

MARKER = 7
Warnings = list[tuple[str, dict[str, Any]]]


def published_side(cwd: Path) -> str:
    """"ours" while a rebase or cherry-pick replays local commits, else "theirs"."""
    proc = git(["rev-parse", "--absolute-git-dir"], cwd, check=False)
    if proc.returncode != 0:
        return "theirs"
    git_dir = Path(proc.stdout.decode("utf-8", "surrogateescape").strip())
    replaying = ("rebase-merge", "rebase-apply", "CHERRY_PICK_HEAD", "sequencer")
    return "ours" if any((git_dir / name).exists() for name in replaying) else "theirs"


def _problems(raw: bytes, path: str) -> tuple[Any, list[Any]]:
    from checklist.domain.validate import check_parsed
    from checklist.yamldoc.parse import decode, parse_text

    text, problem = decode(raw, path)
    if text is None:
        return None, [problem]
    parsed = parse_text(text, path)
    departments, problems = check_parsed(parsed, path)
    seen: dict[str, tuple[int, int]] = {}
    for dept in departments:
        for item, pos in zip(dept.get("items", []), dept.get("pos", []), strict=False):
            where = (int(pos[0]), int(pos[1])) if pos else (1, 1)
            if item.get("id") in seen:
                from checklist.problems import Problem

                first = seen[item["id"]]
                problems.append(Problem(path, where[0], where[1], "merge_duplicate_id",
                                        {"id": item["id"], "line": first[0]}))
            else:
                seen[item.get("id")] = where
    return parsed, problems


def _block(side: str, lines: list[str], nl: str) -> list[str]:
    return [f"{'<' * MARKER} ours{nl}", *layout.terminated(lines, nl), "=" * MARKER + nl] if side == "ours" \
        else [*layout.terminated(lines, nl), f"{'>' * MARKER} theirs{nl}"]


def _whole(ours: bytes, theirs: bytes) -> bytes:
    """A whole-file conflict: ours, then theirs, between markers."""
    def text(raw: bytes) -> str:
        return raw.decode("utf-8", "replace").lstrip("\ufeff")

    nl = "\r\n" if b"\r\n" in ours else "\n"
    lines = _block("ours", layout.split_lines(text(ours)), nl) + _block("theirs", layout.split_lines(text(theirs)), nl)
    return layout.join(lines).encode("utf-8")


def checked(result: bytes, ours: bytes, theirs: bytes, path: str) -> tuple[bytes, Warnings]:
    """The merged result as it is when it validates; else the items with problems between
    conflict markers (our version, then theirs) and one warning per problem."""
    parsed, problems = _problems(result, path)
    if not problems or _problems(ours, path)[1]:
        return result, []  # valid, or no worse: our own version had problems before the merge
    warnings: Warnings = [("merge_invalid", {"path": path, "line": p.line, "reason": p.message()}) for p in problems]
    text = result.decode("utf-8", "replace")
    bom = text.startswith("\ufeff")
    lines = layout.split_lines(text.lstrip("\ufeff"))
    nl = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    spans: list[layout.Span] = []
    try:
        for base in layout.department_bases(parsed):
            spans += layout.item_spans(lines, parsed, base)
    except (ValueError, TypeError, AttributeError, KeyError):
        return _whole(ours, theirs), warnings
    if any(not any(s.start < p.line <= s.end for s in spans) for p in problems):
        return _whole(ours, theirs), warnings  # a problem outside the items: the whole file is in question
    bad = {s.start: s for s in spans for p in problems if s.start < p.line <= s.end}
    theirs_items = _items_by_id(theirs)
    out: list[str] = []
    index = 0
    while index < len(lines):
        span = bad.get(index)
        if span is None:
            out.append(lines[index])
            index += 1
            continue
        mine = lines[span.start:span.end]
        item_id = _id_of(mine)
        other = theirs_items.get(item_id, [])
        out += _block("ours", mine, nl) + _block("theirs", other, nl)
        index = span.end
    body = layout.join(out)
    return (("\ufeff" if bom else "") + body).encode("utf-8"), warnings


def _id_of(lines: list[str]) -> str:
    for line in lines:
        body = layout.body(line).strip().lstrip("- ").strip()
        if body.startswith("id:"):
            return body[3:].strip().strip("'\"")
    return ""


def _items_by_id(raw: bytes) -> dict[str, list[str]]:
    """Their items' lines by ID (nothing when theirs cannot be read item by item)."""
    from checklist.yamldoc.parse import decode, parse_text

    text, _ = decode(raw, "")
    if text is None:
        return {}
    parsed = parse_text(text, "")
    if parsed.problems or parsed.data is None:
        return {}
    lines = layout.split_lines(text)
    found: dict[str, list[str]] = {}
    try:
        for base in layout.department_bases(parsed):
            for span in layout.item_spans(lines, parsed, base):
                found[_id_of(lines[span.start:span.end])] = lines[span.start:span.end]
    except (ValueError, TypeError, AttributeError, KeyError):
        return {}
    return found


def fallback(base: Path, ours: Path, theirs: Path, path: str, reason: str) -> tuple[int, bytes | None, Warnings]:
    """git's line merge for files that cannot be merged item by item; its clean result is
    validated too (a whole-file conflict when it would not validate)."""
    warnings: Warnings = [("merge_fallback", {"path": path, "reason": reason})]
    proc = git(["merge-file", "-p", "-L", "ours", "-L", "base", "-L", "theirs", str(ours), str(base), str(theirs)],
               Path.cwd(), check=False)
    if proc.returncode < 0 or proc.returncode > 127:
        return 1, _whole(ours.read_bytes(), theirs.read_bytes()), warnings
    if proc.returncode > 0:
        return 1, proc.stdout, warnings
    _, problems = _problems(proc.stdout, path)
    if problems and not _problems(ours.read_bytes(), path)[1]:
        warnings += [("merge_invalid", {"path": path, "line": p.line, "reason": p.message()}) for p in problems]
        return 1, _whole(ours.read_bytes(), theirs.read_bytes()), warnings
    return 0, proc.stdout, warnings

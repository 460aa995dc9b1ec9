"""The blob cache of history and audit (git.blobcache) changes no output: every history and
audit of a repository with many commits (renumberings, moves between files, merges,
deletions, unreadable and hand-styled versions) reads the same with no cache, a cold cache,
a warm one, and damaged ones, as with the reading of main before the cache (each blob's
raw text searched for the ID)."""

from __future__ import annotations

import hashlib
import os
import random
import re
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gitrepo import new_repo, run_git

HEADERS = {"czj.yaml": "department: 市财政局\ncode: CZJ\nitems:\n", "fgw.yaml": "department: 发改委\ncode: FGW\nitems:\n"}


def _render(it: dict) -> str:
    text = (f"  - id: {it['id']}\n    title: {it['title']}\n    owner: {it['owner']}\n"
            f"    deadline: {it['deadline']}\n    status: {it['status']}\n    created_on: 2026-11-02\n")
    if it.get("renumbered_from"):
        text += f"    renumbered_from: {it['renumbered_from']}\n"
    if it["notes"]:
        text += "    progress:\n" + "".join(f"      - {{date: 2026-11-15, note: {n}}}\n" for n in it["notes"])
    if it["extensions"]:
        text += "    extensions:\n" + "".join(f"      - {{from: {a}, to: {b}}}\n" for a, b in it["extensions"])
    if it.get("closed_on"):
        text += f"    closed_on: {it['closed_on']}\n    result: 已整改到位\n"
    return text


def _file(name: str, items: list[dict], style: str) -> bytes:
    body = HEADERS[name] + "".join(_render(i) for i in items)
    if style == "crlf":
        return body.replace("\n", "\r\n").encode()
    if style == "bom":
        return b"\xef\xbb\xbf" + body.encode()
    if style == "broken":
        return (body + "  - id: [unclosed\n").encode()
    if style == "gbk":
        return body.encode("gb18030")
    if style == "flow":  # every item on one line: read by a full parse
        return (HEADERS[name] + "".join(
            f"  - {{id: {i['id']}, title: {i['title']}, owner: {i['owner']}, status: {i['status']}}}\n" for i in items)).encode()
    return body.encode()


def build(root: Path, commits: int, seed: int = 3) -> None:
    """A ledger of two files and `commits` commits of every kind of change, and a merge."""
    new_repo(root)
    rng = random.Random(seed)
    files: dict[str, list[dict]] = {"czj.yaml": [], "fgw.yaml": []}
    numbers = {"czj.yaml": 0, "fgw.yaml": 0}

    def new_item(name: str) -> dict:
        numbers[name] += 1
        code = name[:3].upper()
        width = 3 if rng.random() < 0.8 else 1
        return {"id": f"{code}-{numbers[name]:0{width}d}", "title": f"问题{rng.randint(1, 9)}", "owner": "王芳",
                "deadline": "2026-12-31", "status": "open", "notes": [], "extensions": []}

    def commit(name: str, message: str, k: int, style: str = "block") -> None:
        (root / "lists" / name).write_bytes(_file(name, files[name], style))
        when = f"2026-11-{1 + k // 10:02d}T{8 + k % 10:02d}:00:00+08:00"
        run_git(root, "add", "-A", "lists", when=when)
        run_git(root, "commit", "-q", "--allow-empty", "-m", message, when=when)

    for k in range(commits):
        name = rng.choice(list(files))
        items = files[name]
        action = rng.random()
        style = rng.choices(["block", "crlf", "bom", "broken", "gbk", "flow"], [20, 1, 1, 1, 1, 1])[0]
        if not items or action < 0.2:
            items.append(new_item(name))
        elif action < 0.4:
            other = rng.choice(items)["id"]
            rng.choice(items)["notes"].append(rng.choice(["已召开专题会议", f"见{other}", f"x{other}0", "推进中"]))
        elif action < 0.5:
            rng.choice(items)["owner"] = rng.choice(["张伟", "李娜"])
        elif action < 0.6:
            it = rng.choice(items)
            it["status"], it["closed_on"] = "closed", rng.choice(["2026-11-03", "2026-11-20"])
        elif action < 0.65:
            it = rng.choice(items)
            it["status"], it["closed_on"] = "open", None
        elif action < 0.72:
            it = rng.choice(items)
            new = rng.choice(["2027-01-31", "2027-03-31"])
            if rng.random() < 0.5:
                it["extensions"].append((it["deadline"], new))
            it["deadline"] = new
        elif action < 0.78:
            items.remove(rng.choice(items))
        elif action < 0.86:  # renumbered by hand
            it = rng.choice(items)
            numbers[name] += 1
            it["id"] = f"{name[:3].upper()}-{numbers[name]:03d}"
        elif action < 0.93:  # moved to the other file, ID kept
            it = rng.choice(items)
            items.remove(it)
            other = "fgw.yaml" if name == "czj.yaml" else "czj.yaml"
            files[other].append(it)
            (root / "lists" / other).write_bytes(_file(other, files[other], "block"))
        else:
            rng.choice(items)["title"] += "（修订）"
        commit(name, f"edit {k}", k, style)
    # Two branches give one ID to two items; the merge renumbers theirs.
    base = numbers["czj.yaml"] + 1
    run_git(root, "checkout", "-q", "-b", "other")
    files["czj.yaml"].append({**new_item("czj.yaml"), "id": f"CZJ-{base:03d}", "title": "他们的"})
    commit("czj.yaml", "theirs", commits)
    run_git(root, "checkout", "-q", "main")
    numbers["czj.yaml"] = base - 1
    theirs = files["czj.yaml"].pop()
    files["czj.yaml"].append({**new_item("czj.yaml"), "id": f"CZJ-{base:03d}", "title": "我们的"})
    commit("czj.yaml", "ours", commits + 1)
    run_git(root, "merge", "-q", "other", "-m", "merge", check=False)
    files["czj.yaml"].append({**theirs, "id": f"CZJ-{base + 1:03d}", "renumbered_from": f"CZJ-{base:03d}"})
    commit("czj.yaml", "merge", commits + 2)


def _ids(root: Path) -> list[str]:
    shas = run_git(root, "log", "--all", "--format=", "--raw", "--no-abbrev", "--", "lists").stdout.split()
    found: set[str] = set()
    for sha in {s for s in shas if re.fullmatch(r"[0-9a-f]{40}", s) and set(s) != {"0"}}:
        raw = subprocess.run(["git", "cat-file", "blob", sha], cwd=root, capture_output=True, check=True).stdout.decode("latin-1")
        found |= set(re.findall(r"(?<![A-Za-z0-9])[A-Z]{3}-[0-9]+", raw))
    return sorted(found)


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("many") / "ledger"
    build(root, 140)
    return root


def _outputs(cli, ids: list[str], *, odd: bool = True) -> dict[tuple[str, ...], tuple[int, str, str]]:  # type: ignore[no-untyped-def]
    runs = [("history", i, "--format", "json") for i in ids]
    runs += [("history", "czj-1", "--format", "json"), ("history", "CZJ-0002", "--format", "json")]
    runs += [("history", "FOO")] if odd else []  # not ID-like: searched in the raw text
    runs += [(*lang, "history", i) for lang in ((), ("--lang", "zh")) for i in ids[:4]]
    runs += [("history", ids[-1], "--format", "csv")]
    runs += [(*lang, "audit", *args) for lang in ((), ("--lang", "zh"))
             for args in ((), ("--format", "json"), ("HEAD~30..HEAD", "--format", "json"), ("--format", "csv"))]
    out = {}
    for args in runs:
        result = cli(*args)
        out[args] = (result.code, result.out, result.err)
    return out


def _raw_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    """main's reading before the cache: the ID searched in each blob's raw text."""
    from checklist.git.log import Blobs

    monkeypatch.setattr(Blobs, "contains", lambda self, sha, needle: needle.encode() in self.raw(sha))
    monkeypatch.setattr(Blobs, "words", lambda self, sha: self.raw(sha).decode("latin-1"))


def _packs(cache: Path) -> list[Path]:
    return sorted(cache.glob("*/blobs-*/pack-*.z"))


def test_every_output_reads_the_same_cold_warm_and_damaged(cli, ledger: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from checklist.git.log import Blobs

    monkeypatch.chdir(ledger)
    ids = _ids(ledger)
    assert len(ids) > 20
    with monkeypatch.context() as m:
        m.setenv("CHECKLIST_CACHE_DIR", "")
        _raw_reading(m)
        reference = _outputs(cli, ids)
    assert reference[("audit", "--format", "json")][0] == 1  # the repository has findings
    assert sum('"field": "id"' in out for _, out, _ in reference.values()) > 3  # and renumberings

    cache = tmp_path / "cache"
    monkeypatch.setenv("CHECKLIST_CACHE_DIR", str(cache))
    assert _outputs(cli, ids) == reference  # cold, packs written run by run
    assert _packs(cache)

    with monkeypatch.context() as m:  # warm: no blob is read from git at all
        m.setattr(Blobs, "fetch", lambda self, shas, cut=False: pytest.fail(f"read {sorted(shas)[:3]}") if list(shas) else None)
        assert _outputs(cli, ids, odd=False) == {k: v for k, v in reference.items() if "FOO" not in k}

    for pack in _packs(cache):  # a flipped byte: the pack is dropped and its blobs read again
        data = bytearray(pack.read_bytes())
        data[len(data) // 2] ^= 0xFF
        pack.write_bytes(bytes(data))
    assert _outputs(cli, ids) == reference
    assert _packs(cache)

    for pack in _packs(cache):  # damage that keeps the name right: garbage, and indexes out of range
        pack.unlink()
    folder = next(cache.glob("*/blobs-*"))
    for body in (b"{not json", b'{"items": [], "blobs": {"' + b"a" * 40 + b'": [null, [5]]}}'):
        data = zlib.compress(body)
        (folder / f"pack-{hashlib.sha1(data).hexdigest()}.z").write_bytes(data)
    assert _outputs(cli, ids) == reference
    assert _outputs(cli, ids) == reference


def test_packs_are_merged_and_bounded(cli, ledger: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from checklist.git import blobcache

    monkeypatch.chdir(ledger)
    cache = tmp_path / "cache"
    monkeypatch.setenv("CHECKLIST_CACHE_DIR", str(cache))
    reference = cli("history", "CZJ-001", "--format", "json").out
    ids = _ids(ledger)
    for item_id in ids[:12]:
        cli("history", item_id, "--format", "json")
    assert 1 <= len(_packs(cache)) <= blobcache._MAX_PACKS
    _packs(cache)[0].unlink()  # so that the next run learns something
    monkeypatch.setattr(blobcache, "_MAX_BYTES", 1)  # nothing fits: nothing is kept, nothing breaks
    monkeypatch.setattr(blobcache, "_MAX_PACKS", 0)
    assert cli("audit", "--format", "json").code == 1
    assert cli("history", "CZJ-001", "--format", "json").out == reference
    assert _packs(cache) == []


_ALPHABET = ["CZJ", "czj", "-", "0", "1", "2", "9", "x", "X", " ", "\n", "\r", "中", ":", "_", "Z-1", "a"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_ALPHABET), max_size=40), st.lists(st.sampled_from(_ALPHABET), min_size=1, max_size=6))
def test_words_answer_as_the_raw_text(parts: list[str], needle_parts: list[str]) -> None:
    from checklist.git.blobcache import words, words_cover

    raw = "".join(parts).encode()
    kept = words(raw)
    needle = "".join(needle_parts)
    if words_cover(needle):
        assert (needle in kept) == (needle.encode() in raw)
    for pattern in (r"CZJ-0*1(?![0-9])", r"CZJ-0+(?![0-9])", r"Z-0*12(?![0-9])"):
        in_raw = {m.group().decode() for m in re.finditer(pattern.encode(), raw)}
        assert {m.group() for m in re.finditer(pattern, kept)} == in_raw


def test_runs_at_once_share_the_cache(cli, ledger: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """Processes writing and merging packs at the same time read what one alone reads."""
    from checklist.git import blobcache

    monkeypatch.chdir(ledger)
    monkeypatch.setenv("CHECKLIST_CACHE_DIR", "")
    every = _ids(ledger)
    ids = every[:6]
    reference = {i: cli("history", i, "--format", "json").out for i in ids}
    cache = tmp_path / "cache"
    monkeypatch.setenv("CHECKLIST_CACHE_DIR", str(cache))
    cli("history", every[-1], "--format", "json")
    from checklist.ledger.cache import cache_dir

    for k in range(blobcache._MAX_PACKS):  # packs up to the bound, so the runs below merge them at once
        if len(_packs(cache)) < blobcache._MAX_PACKS:
            extra = blobcache.BlobCache(cache_dir())
            extra.learn(f"{k:040x}", words="X-1")
            extra.save(set())
    assert len(_packs(cache)) == blobcache._MAX_PACKS
    env = dict(os.environ, CHECKLIST_CACHE_DIR=str(cache))
    for _ in range(2):
        procs = {i: subprocess.Popen([sys.executable, "-m", "checklist", "history", i, "--format", "json"], cwd=ledger,
                                     env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for i in ids}
        for i, proc in procs.items():
            out, err = proc.communicate(timeout=120)
            assert (proc.returncode, out) == (0, reference[i]), err
    # Runs at once may each see fewer packs than the bound (another is merging) and add their own:
    # at most one pack per run, and the next run that learns a blob merges them again.
    assert 1 <= len(_packs(cache)) <= blobcache._MAX_PACKS + 2 * len(ids)
    assert {i: cli("history", i, "--format", "json").out for i in ids} == reference


def test_every_version_cut_from_the_one_before_reads_as_the_version_alone(ledger: Path) -> None:
    """Versions cut as git gives them, each from the one read before, have the items and words
    of the whole text cut and parsed on its own (every style of the ledger: CRLF, BOM, GB18030,
    flow, broken)."""
    from checklist.domain.values import jsonable
    from checklist.git.blobcache import words
    from checklist.git.history import Walk
    from checklist.git.log import ZERO, _full_parse
    from checklist.git.split import split_items
    from checklist.yamldoc.parse import decode, parse_text

    def alone(raw: bytes) -> dict | None:
        text, _ = decode(raw, "")
        if text is None:
            return None
        spans = split_items(text)
        if spans is not None:
            items = {}
            for item_id, snippet in spans.items():
                data = parse_text(snippet, "").data
                if not (isinstance(data, list) and len(data) == 1 and isinstance(data[0], dict)) or data[0].get("id") != item_id:
                    return _full_parse(text)
                items[item_id] = jsonable(data[0])
            return items
        return _full_parse(text)

    walk = Walk(ledger, "lists", None)
    shas = walk.shas(len(walk.commits))
    walk.blobs.prefetch_items(shas)
    assert len(walk.blobs._layouts) == len(shas)
    for sha in shas:
        raw = subprocess.run(["git", "cat-file", "blob", sha], cwd=ledger, capture_output=True, check=True).stdout
        assert walk.blobs.raw(sha) == raw
        assert walk.blobs.words(sha) == words(raw)
        assert walk.blobs.items(sha) == alone(raw), sha
    assert ZERO not in shas

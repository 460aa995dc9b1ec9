"""The declared versions are the tested versions: .ci/lowest.txt, with which .ci/run runs the
whole suite a second time, pins every dependency pyproject.toml declares to exactly its floor."""

from __future__ import annotations

import re
import tomllib

import pytest
from tests.conftest import REPO

REQUIREMENT = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*([^;]*)(?:;.*)?")


def _name(name: str) -> str:
    """A distribution name as indexes compare it (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _release(version: str) -> tuple[int, ...]:
    """A plain release number, trailing zeros dropped: 0.29 and 0.29.0 are one version."""
    parts = [int(part) for part in version.split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def floors(requirements: list[str]) -> dict[str, str]:
    """Each requirement's name and the version of its `>=` bound ("" when it has none)."""
    found = {}
    for requirement in requirements:
        match = REQUIREMENT.fullmatch(requirement)
        assert match, requirement
        specifiers = [s.strip() for s in match[2].split(",") if s.strip()]
        lower = [s[2:].strip() for s in specifiers if s.startswith(">=")]
        found[_name(match[1])] = lower[0] if len(lower) == 1 else ""
    return found


def declared() -> dict[str, str]:
    """pyproject.toml's runtime and test dependencies with their floors."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return floors(project["dependencies"] + project["optional-dependencies"]["test"])


def pinned() -> dict[str, str]:
    """.ci/lowest.txt as name -> version; every line must be `name==version`."""
    pins = {}
    for line in (REPO / ".ci" / "lowest.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, sep, version = line.partition("==")
            assert sep and re.fullmatch(r"\d+(\.\d+)*", version.strip()), f"not name==version: {line!r}"
            pins[_name(name.strip())] = version.strip()
    return pins


def test_every_declared_dependency_has_a_floor() -> None:
    assert [name for name, floor in declared().items() if not floor] == []


def test_lowest_pins_each_declared_dependency_to_its_floor() -> None:
    wanted, pins = declared(), pinned()
    assert sorted(pins) == sorted(wanted), "declared dependencies and .ci/lowest.txt name different packages"
    assert {n: _release(v) for n, v in pins.items()} == {n: _release(v) for n, v in wanted.items()}


def test_dev_extra_takes_the_test_extra_as_it_is() -> None:
    extras = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    assert "checklist[test]" in extras["dev"]


@pytest.mark.parametrize(
    ("requirements", "expected"),
    [
        (["typer>=0.29,<0.30"], {"typer": "0.29"}),
        (["ruamel.yaml.clib >= 0.2.8"], {"ruamel-yaml-clib": "0.2.8"}),
        (["Foo_Bar[extra]>=1.2; python_version < '3.13'"], {"foo-bar": "1.2"}),
        (["mypy"], {"mypy": ""}),
        (["pkg<2"], {"pkg": ""}),
    ],
)
def test_floors_reads_requirements(requirements: list[str], expected: dict[str, str]) -> None:
    assert floors(requirements) == expected

"""A release's version and date (``edition.release``), and the search page's translations
without run-time code (``edition.csp``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from edition import csp, release

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name in ("pyproject.toml", "conf.py"):
        shutil.copy2(ROOT / name, tmp_path / name)
    return tmp_path


def current(project: Path) -> str:
    return release.PYPROJECT_VERSION.search((project / "pyproject.toml").read_text("utf-8"))[2]


def test_a_release_sets_the_version_and_the_release_date(project: Path) -> None:
    version = current(project)
    following = ".".join([*version.split(".")[:2], str(int(version.split(".")[2]) + 1)])
    assert release.prepare(project, following, "2027-01-02") == f"version {version} -> {following}, released 2027-01-02"
    assert current(project) == following
    assert 'edition_release_date = "2027-01-02"' in (project / "conf.py").read_text("utf-8")


def test_the_current_version_is_released_as_it_stands(project: Path) -> None:
    before = (project / "conf.py").read_text("utf-8")
    assert "released as it stands" in release.prepare(project, current(project), "2027-01-02")
    assert (project / "conf.py").read_text("utf-8") == before


@pytest.mark.parametrize(("version", "message"), [("1.0", "is not a version"), ("0.9.9", "is older than")])
def test_a_malformed_or_older_version_is_refused(project: Path, version: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        release.prepare(project, version, "2027-01-02")


def test_the_search_translations_carry_their_plural_rule_as_code() -> None:
    source = ('Documentation.addTranslations({"locale": "lv", "messages": {"Search": "Mekl\\u0113t"}, '
              '"plural_expr": "(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2)"});')
    written = csp.static_translations(source)
    assert "Function" not in written and "addTranslations" not in written
    assert "Documentation.PLURAL_EXPR = (n) => (n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);" in written
    assert '"Search": "Mekl\\u0113t"' in written and 'Documentation.LOCALE = "lv";' in written


def test_a_plural_rule_that_is_not_arithmetic_is_left_alone() -> None:
    source = 'Documentation.addTranslations({"locale": "x", "messages": {}, "plural_expr": "alert(1)"});'
    assert csp.static_translations(source) is None

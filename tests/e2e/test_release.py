"""A release, end to end, on a throwaway copy of the project: version 1.0.1 changes one
paragraph, and both versions stay readable, each with its own words.

The copy is the working tree in a fresh git repository (this project's .venv and
node_modules linked in). Version 1.0.0, the edition's, is released as it stands
(its tag, which is all ``make release VERSION=1.0.0`` would add); a paragraph of Text A is edited and committed; ``make release
VERSION=1.0.1`` then records the registry's entry, commits, tags, and builds the
site (English HTML only, to stay quick) with every version kept: 1.0.0 rebuilt
from its tag under ``v/1.0.0/``, 1.0.1 under ``v/1.0.1/`` and at the latest address.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from reader import ROOT, normalise

OLD = "largely accounted for this struggle"
NEW = "largely explained this struggle"


def run(*command: str, cwd: Path, env: dict[str, str]) -> str:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{' '.join(command)}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result.stdout


@pytest.fixture(scope="module")
def released(tmp_path_factory) -> Path:
    copy = tmp_path_factory.mktemp("release") / "edition"
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                           capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, files):
        if (ROOT / name).is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, copy / name)
    for name in (".venv", "node_modules"):
        (copy / name).symlink_to(ROOT / name)
    cache = ROOT / "build" / "work" / "citeproc-cache.json"  # strings citeproc-js already made (the suite's build)
    if cache.is_file():
        (copy / "build" / "work").mkdir(parents=True)
        shutil.copy2(cache, copy / "build" / "work" / cache.name)
    env = {**os.environ, "PYTHONPATH": str(copy), "GIT_AUTHOR_NAME": "test", "GIT_AUTHOR_EMAIL": "test@localhost",
           "GIT_COMMITTER_NAME": "test", "GIT_COMMITTER_EMAIL": "test@localhost", "MAKEFLAGS": ""}
    env.pop("SOURCE_DATE_EPOCH", None)
    make = ["make", "LANGUAGES=en", "EDITION_LANGUAGES=en", "RELEASE_BUILD=html", "ARCHIVE_TARGET=html"]
    run("git", "init", "-q", "-b", "main", cwd=copy, env=env)
    (copy / ".git" / "info" / "exclude").write_text("/.venv\n/node_modules\n", encoding="utf-8")  # links, not folders
    run("git", "add", "-A", cwd=copy, env=env)
    run("git", "commit", "-q", "-m", "the edition", cwd=copy, env=env)
    run("git", "tag", "-a", "v1.0.0", "-m", "First release", cwd=copy, env=env)  # 1.0.0 as it stands
    text = copy / "source" / "texts" / "a.md"
    assert text.read_text("utf-8").count(OLD) == 1
    text.write_text(text.read_text("utf-8").replace(OLD, NEW), "utf-8")
    run("git", "commit", "-q", "-am", "A 3: a word changed", cwd=copy, env=env)
    run(*make, "release", "VERSION=1.0.1", "REASON=A 3 corrected", "DATE=2026-12-01", cwd=copy, env=env)
    return copy


def paragraph(site: Path, path: str, anchor: str) -> BeautifulSoup:
    html = BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")
    return html.find(id=anchor)


def test_the_release_tags_records_and_commits(released: Path) -> None:
    tags = subprocess.run(["git", "tag"], cwd=released, capture_output=True, text=True, check=True).stdout.split()
    assert tags == ["v1.0.0", "v1.0.1"]
    registry = json.loads((released / "source" / "_data" / "paragraphs.json").read_text("utf-8"))
    assert registry["changes"][-1]["version"] == "1.0.1" and registry["changes"][-1]["changed"] == ["A 3"]
    assert next(p for p in registry["paragraphs"] if p["ref"] == "A 3")["revised"] == "1.0.1"
    assert 'version = "1.0.1"' in (released / "pyproject.toml").read_text("utf-8")


def test_both_versions_resolve_and_show_their_own_words(released: Path) -> None:
    site = released / "build" / "site"
    old = normalise(paragraph(site, "v/1.0.0/en/texts/a.html", "p3").get_text(" "))
    frozen = normalise(paragraph(site, "v/1.0.1/en/texts/a.html", "p3").get_text(" "))
    latest = normalise(paragraph(site, "en/texts/a.html", "p3").get_text(" "))
    assert OLD in old and NEW not in old
    assert NEW in frozen and OLD not in frozen
    assert NEW in latest and OLD not in latest
    assert json.loads((site / "v/1.0.0/en/manifest.json").read_text("utf-8"))["edition"]["version"] == "1.0.0"


def test_the_later_version_says_when_a_paragraph_changed_and_links_the_earlier_reading(released: Path) -> None:
    site = released / "build" / "site"
    html = BeautifulSoup((site / "en/texts/a.html").read_text(encoding="utf-8"), "html.parser")
    [note] = html.select(".revision-note")
    assert "1.0.1" in note.get_text()
    assert note.a["href"].endswith("/v/1.0.0/en/texts/a.html#p3")
    changelog = BeautifulSoup((site / "en/changelog.html").read_text(encoding="utf-8"), "html.parser")
    hrefs = {a["href"] for a in changelog.select("a[href*='/v/']")}
    assert {href.split("/v/")[1] for href in hrefs} == {"1.0.0/en/", "1.0.1/en/"}

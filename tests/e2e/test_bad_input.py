"""Bad input, through the real pipeline (make, Sphinx, publish) on a copy of the edition:
the build stops with a line naming the file and line, and the published site stays as it
was. Each kind of bad input is also a unit test on a small Sphinx project (tests/test_*.py);
these cases fail at either end of a build: before reading (the bibliography) and after
reading everything (the registry). A citation of an unknown key, a note without a note, a
broken catalog are refused while reading, as the unit tests show."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from reader import ROOT

LANGUAGES = "en"  # one language: the pipeline is the same for every language


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project with a good site built from it."""
    copy = tmp_path / "edition"
    copy.mkdir()
    for name in ("conf.py", "Makefile", "pyproject.toml", "bibliography.bib", "package.json", "package-lock.json"):
        shutil.copy2(ROOT / name, copy / name)
    for name in ("source", "locale"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("*.mo"))
    for name in (".venv", "node_modules", "edition"):  # installed once; the package is imported from ROOT
        (copy / name).symlink_to(ROOT / name)
    result = make(copy)
    assert result.returncode == 0, result.stderr
    return copy


def make(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["make", "-s", "html", f"LANGUAGES={LANGUAGES}", "SOURCE_DATE_EPOCH=1795046400"],
                          cwd=project, capture_output=True, text=True, check=False)


def fingerprint(site: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if p.is_file() and p.name != ".lock"):
        digest.update(str(path.relative_to(site)).encode() + path.read_bytes())
    return digest.hexdigest()


CASES = {
    # case: (file, old text ("" to append), new text, file and line named, what the message says),
    # in an order where each build reads again only what it must
    "paragraph edited without registry": ("source/texts/a.md", "was neither opposed", "was never opposed",
                                          r"texts/a\.md:\d+", "the text of paragraph A 1 differs from the registry"),
    "malformed bib entry": ("bibliography.bib", "", "\n@book{broken2000,\n  author = {Nobody,\n  title = {Unclosed}\n",
                            r"bibliography\.bib:\d+", "malformed BibTeX entry 'broken2000'"),
}


def test_bad_input_stops_the_build_with_a_clear_line_and_keeps_the_site(project):
    # one test for every case: the copy is built once, on one pytest-xdist worker
    site = project / "build" / "site"
    before = fingerprint(site)
    for case, (name, old, new, where, says) in CASES.items():
        path = project / name
        original, stat = path.read_bytes(), path.stat()
        try:
            text = original.decode("utf-8")
            assert old in text, case
            path.write_text(text.replace(old, new, 1) if old else text + new, encoding="utf-8")
            result = make(project)
            assert result.returncode != 0, (case, result.stdout)
            lines = [line for line in result.stderr.splitlines() if says in line]
            assert lines, (case, result.stderr)
            assert re.search(where, lines[0]), (case, lines[0])
            assert fingerprint(site) == before, case
        finally:  # the same bytes and time: the next case rebuilds nothing it need not
            path.write_bytes(original)
            os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))

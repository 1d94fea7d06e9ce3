"""edition.bibliography: a malformed .bib stops the build with file, line and key."""

import shutil
import subprocess
import sys

import pytest

from edition.bibliography import BibliographyError, check_file

GOOD = "@book{one2000title,\n  author = {One, A.},\n  title = {Title},\n  year = {2000},\n}\n"


def test_a_well_formed_bibliography_passes(tmp_path):
    bib = tmp_path / "good.bib"
    bib.write_text(GOOD)
    check_file(bib)


@pytest.mark.parametrize(
    ("broken", "line", "key"),
    [
        ("@book{two2001,\n  author = {Two,\n  title = {Unclosed}\n", 7, "two2001"),
        ("@book{three2002,\n  title = {Three} year = {2002},\n}\n", 7, "three2002"),
    ],
)
def test_a_malformed_entry_is_named_with_its_line(tmp_path, broken, line, key):
    bib = tmp_path / "bad.bib"
    bib.write_text(GOOD + "\n" + broken)
    with pytest.raises(BibliographyError) as raised:
        check_file(bib)
    assert raised.value.location == f"{bib}:{line}"
    assert f"malformed BibTeX entry '{key}'" in raised.value.message


def test_sphinx_stops_with_one_line_on_a_malformed_bibliography(tmp_path, rootdir):
    # A separate process: Sphinx exits, and what the user sees is its stderr.
    shutil.copytree(rootdir / "test-notes", tmp_path / "src")
    (tmp_path / "src" / "conf.py").write_text(
        'extensions = ["myst_parser", "edition.bibliography"]\nbibtex_bibfiles = ["refs.bib"]\n')
    (tmp_path / "src" / "refs.bib").write_text(GOOD + "\n@book{bad,\n title = {x\n")
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-W", "--no-color", str(tmp_path / "src"), str(tmp_path / "out")],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"{tmp_path / 'src' / 'refs.bib'}:7: ERROR: malformed BibTeX entry 'bad'")

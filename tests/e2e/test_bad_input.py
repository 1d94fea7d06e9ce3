"""Bad input, on a copy of the real edition: the build stops with one clear line
naming the file and what to do, and the last good site stays as it was."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from reader import ROOT

LANGUAGES = "en ru"  # a source language and a translated one; HTML is enough to fail


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of the project with a good site built from it."""
    copy = tmp_path_factory.mktemp("edition")
    for name in ("conf.py", "Makefile", "pyproject.toml", "bibliography.bib", "package.json", "package-lock.json"):
        shutil.copy2(ROOT / name, copy / name)
    for name in ("source", "locale"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("*.mo"))
    (copy / ".venv").symlink_to(ROOT / ".venv")
    (copy / "node_modules").symlink_to(ROOT / "node_modules")
    (copy / "edition").symlink_to(ROOT / "edition")  # Makefile dependencies; imported from ROOT anyway
    make(copy, "html")
    return copy


def make(project: Path, target: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["make", "-s", target, f"LANGUAGES={LANGUAGES}", "SOURCE_DATE_EPOCH=1795046400"],
                          cwd=project, capture_output=True, text=True, check=False)


def fingerprint(site: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if p.is_file() and p.name != ".lock"):
        digest.update(str(path.relative_to(site)).encode() + path.read_bytes())
    return digest.hexdigest()


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def broken_bib(p: Path) -> None:
    with (p / "bibliography.bib").open("a", encoding="utf-8") as bib:
        bib.write("\n@book{broken2000,\n  author = {Nobody,\n  title = {Unclosed}\n")


def unknown_key(p: Path) -> None:
    edit(p / "source" / "texts" / "a.md", "{cite:t}`tompson1995khrushchev`", "{cite:t}`nosuchwork1999`")


def undefined_note(p: Path) -> None:
    edit(p / "source" / "rights.md", "\n\n", "\n\nAn unsupported claim.[^no-such-note]\n\n")


def po_syntax(p: Path) -> None:
    edit(p / "locale" / "ru" / "LC_MESSAGES" / "glossary.po", '\nmsgstr "', '\nmsgstr "\\q')


def dropped_note(p: Path) -> None:
    # The pages' notes are not in their own msgids, so give a translated paragraph a
    # note, and a Russian translation that drops its reference.
    with (p / "source" / "rights.md").open("a", encoding="utf-8") as page:
        page.write("\nA claim that needs a note.[^claim]\n\n[^claim]: The note.\n")
    with (p / "locale" / "ru" / "LC_MESSAGES" / "rights.po").open("a", encoding="utf-8") as catalog:
        catalog.write('\nmsgid "A claim that needs a note.[^claim]"\nmsgstr "Утверждение без примечания."\n'
                      '\nmsgid "The note."\nmsgstr "Примечание."\n')


def changed_target(p: Path) -> None:
    path = p / "locale" / "ru" / "LC_MESSAGES" / "introduction.po"
    text = path.read_text(encoding="utf-8")
    line = next(m[0] for m in re.finditer(r'^msgstr ".*\{cite:p\}`frus1955soviet`.*"$', text, re.M))
    edit(path, line, line.replace("frus1955soviet", "cia1962khrushchev"))


def duplicated_number(p: Path) -> None:
    edit(p / "source" / "texts" / "a.md", "\nWhen Josef Stalin", "\n{#p1}\nWhen Josef Stalin")


def edited_paragraph(p: Path) -> None:
    edit(p / "source" / "texts" / "a.md", "was neither opposed", "was never opposed")


def missing_translation(p: Path) -> None:
    path = p / "locale" / "ru" / "LC_MESSAGES" / "rights.po"
    text = path.read_text(encoding="utf-8")
    entries = list(re.finditer(r'^msgstr "(.+)"$', text, re.M))
    edit(path, entries[-1][0], 'msgstr ""')


CASES = {
    # case: (break, file named, what the message says)
    "malformed bib entry": (broken_bib, r"bibliography\.bib:\d+", "malformed BibTeX entry 'broken2000'"),
    "unknown cite key": (unknown_key, r"texts/a\.md:\d+", 'could not find bibtex key "nosuchwork1999"'),
    "note without definition": (undefined_note, r"rights\.md:\d+", "add a definition '[^no-such-note]: ...'"),
    "po syntax error": (po_syntax, r"glossary\.po:\d+", "cannot be parsed"),
    "msgstr drops a note": (dropped_note, r"rights\.po:\d+", "the translation drops [^claim]"),
    "msgstr changes a role target": (changed_target, r"introduction\.po:\d+",
                                     "drops {cite:p}`frus1955soviet`; adds {cite:p}`cia1962khrushchev`"),
    "duplicated paragraph number": (duplicated_number, r"texts/a\.md:\d+", "paragraph number A 1 is used twice"),
    "paragraph edited without registry": (edited_paragraph, r"texts/a\.md:\d+",
                                          "the text of paragraph A 1 differs from the registry"),
    "missing translation": (missing_translation, r"rights\.po:\d+", "is untranslated: translate it"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_stops_the_build_with_one_clear_line_and_keeps_the_site(project, case):
    breaks, where, says = CASES[case]
    site = project / "build" / "site"
    before = fingerprint(site)
    backup = project.parent / f"{project.name}-backup"
    shutil.rmtree(backup, ignore_errors=True)
    for name in ("source", "locale"):
        shutil.copytree(project / name, backup / name)
    shutil.copy2(project / "bibliography.bib", backup / "bibliography.bib")
    try:
        breaks(project)
        result = make(project, "html")
        assert result.returncode != 0, result.stdout
        lines = [line for line in result.stderr.splitlines() if says in line]
        assert lines, result.stderr
        assert re.search(where, lines[0]), lines[0]
        assert fingerprint(site) == before
    finally:
        for name in ("source", "locale"):
            shutil.rmtree(project / name)
            shutil.copytree(backup / name, project / name)
        shutil.copy2(backup / "bibliography.bib", project / "bibliography.bib")

"""Two clean builds of the same commit, with the same SOURCE_DATE_EPOCH, are
byte for byte identical: HTML, EPUB and PDF, in every language."""

from __future__ import annotations

import subprocess

from reader import ROOT, languages

EPOCH = "1795046400"  # any fixed moment; the Makefile's default is the last commit's


def clean_build(directory):
    subprocess.run(["make", "-s", "site", f"BUILDDIR={directory}", f"LANGUAGES={' '.join(languages())}",
                    f"SOURCE_DATE_EPOCH={EPOCH}"], cwd=ROOT, check=True, capture_output=True)
    site = directory / "site"
    return {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file() and p.name != ".lock"}


def test_two_clean_builds_are_byte_identical(tmp_path):
    first, second = clean_build(tmp_path / "one"), clean_build(tmp_path / "two")
    assert sorted(first) == sorted(second)
    assert [str(name) for name in sorted(first) if first[name] != second[name]] == []
    suffixes = {name.suffix for name in first}
    assert {".html", ".pdf", ".epub"} <= suffixes

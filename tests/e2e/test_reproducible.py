"""Two clean builds of the same commit, with the same SOURCE_DATE_EPOCH, are
byte for byte identical: HTML, EPUB and PDF."""

from __future__ import annotations

import subprocess

from reader import ROOT, languages


def test_a_second_clean_build_is_byte_identical(site, tmp_path):
    epoch = subprocess.run(["make", "-s", "--no-print-directory", "print-SOURCE_DATE_EPOCH"], cwd=ROOT,
                           capture_output=True, text=True, check=True).stdout.strip()
    again = tmp_path / "build"
    subprocess.run(["make", "-s", "site", f"BUILDDIR={again}", f"LANGUAGES={' '.join(languages())}",
                    f"SOURCE_DATE_EPOCH={epoch}"], cwd=ROOT, check=True, capture_output=True)
    first = {p.relative_to(site): p for p in site.rglob("*") if p.is_file() and p.name != ".lock"}
    second = {p.relative_to(again / "site"): p for p in (again / "site").rglob("*")
              if p.is_file() and p.name != ".lock"}
    assert sorted(first) == sorted(second)
    different = [str(name) for name, path in sorted(first.items()) if path.read_bytes() != second[name].read_bytes()]
    assert different == []
    assert any(name.suffix == ".pdf" for name in first) and any(name.suffix == ".epub" for name in first)

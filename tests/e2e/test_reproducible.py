"""A clean build of the same commit, at the same moment (SOURCE_DATE_EPOCH), is byte for
byte the published site: HTML, EPUB and PDF. One language is built again from nothing,
the last (translated, in its own script): every language goes through the same steps."""

from __future__ import annotations

import subprocess

from reader import ROOT, languages, manifest_of


def files(folder):
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_clean_build_is_byte_identical_to_the_published_site(site, tmp_path):
    language = languages()[-1]
    epoch = manifest_of(site, language)["source_date_epoch"]
    assert epoch
    subprocess.run(["make", "-s", "site", f"BUILDDIR={tmp_path}", f"LANGUAGES={language}",
                    f"EDITION_LANGUAGES={' '.join(languages())}", f"SOURCE_DATE_EPOCH={epoch}"],
                   cwd=ROOT, check=True, capture_output=True)
    published, again = files(site / language), files(tmp_path / "site" / language)
    assert sorted(published) == sorted(again)
    assert [str(name) for name in sorted(published) if published[name] != again[name]] == []
    assert {".html", ".pdf", ".epub"} <= {name.suffix for name in published}

"""Reproducible builds, in two parts.

A clean build of the same commit, at the same moment (SOURCE_DATE_EPOCH), gives the
published site byte for byte: the HTML and the EPUB, and the LaTeX source of the PDF.
One language is built again from nothing, the last (translated, in its own script):
every language goes through the same steps. That the same LaTeX source and moment make
the same PDF is XeLaTeX's part, shown on a small document (running LaTeX on the whole
edition again would double the suite's time for no more proof).
"""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime

from pypdf import PdfReader
from reader import ROOT, built, languages, manifest_of


def files(folder):
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_clean_build_gives_the_published_html_epub_and_latex_byte_for_byte(site, tmp_path):
    language = languages()[-1]
    epoch = manifest_of(site, language)["source_date_epoch"]
    assert epoch
    subprocess.run(["make", "-s", "html", "epub", "latex", f"BUILDDIR={tmp_path}", f"LANGUAGES={language}",
                    f"EDITION_LANGUAGES={' '.join(languages())}", f"SOURCE_DATE_EPOCH={epoch}"],
                   cwd=ROOT, check=True, capture_output=True)
    published = {name: data for name, data in files(site / language).items() if name.suffix != ".pdf"}
    again = files(tmp_path / "site" / language)
    assert sorted(published) == sorted(again)
    assert [str(name) for name in sorted(published) if published[name] != again[name]] == []
    assert {".html", ".epub"} <= {name.suffix for name in published}
    tex = built(site, language, "pdf", ".tex")
    assert tex.read_bytes() == (tmp_path / "work" / language / "latex" / tex.name).read_bytes()


DOCUMENT = r"""\documentclass{article}
\usepackage{fontspec}
\usepackage[pdftitle={Fixture}]{hyperref}
\begin{document}
Антипартийная группа, Antipartijiskā grupa, 1957.
\end{document}
"""


def test_xelatex_makes_the_same_pdf_from_the_same_source_and_moment(tmp_path):
    pdfs = []
    for run in ("one", "two"):
        folder = tmp_path / run
        folder.mkdir()
        (folder / "doc.tex").write_text(DOCUMENT, encoding="utf-8")
        subprocess.run(["latexmk", "-xelatex", "-quiet", "-interaction=nonstopmode", "doc.tex"], cwd=folder,
                       check=True, capture_output=True, env={**os.environ, "SOURCE_DATE_EPOCH": "1795305600"})
        pdfs.append(folder / "doc.pdf")
    assert pdfs[0].read_bytes() == pdfs[1].read_bytes()
    assert PdfReader(pdfs[0]).metadata.creation_date == datetime(2026, 11, 22, tzinfo=UTC)

"""Every PDF the manifests name, book and offprints: sound, self-contained, described, complete.

* ``qpdf --check`` finds no error and no warning;
* ``pdffonts`` lists every font as embedded (``emb`` = ``yes``);
* the document information (read with pypdf) has a Title and an Author;
* the catalog's ``/Lang`` is set, and its primary subtag is the language of
  the folder the PDF is published in (``en-GB`` will do for ``en``);
* every numbered paragraph of the edited texts is in the PDF with its number
  (in an offprint, every paragraph of its text).

The paragraphs, their numbers and their words are the manifest's (every
numbered paragraph of text A and text B). For each, the rule is:

1. The first 40 letters of the paragraph's text (the number and note
   references left out; letters only, NFKC-normalised and case-folded, so that
   punctuation, quotation marks, ligatures, footnote markers and hyphenation at
   line ends make no difference) occur in the PDF's words, in the order
   ``pdftotext -tsv`` reads them. Otherwise: "not in the PDF".
2. At one such occurrence, the number N stands as a word of its own (brackets or
   a full stop around it allowed) on the same page and the same line as the
   paragraph's first word (baselines less than half a line apart), to the left
   of that word or to the right of the line's last word: in the margin, or
   before the text. A footnote marker inside the line does not count.
   Otherwise: "has no number N beside its first line".

So the check fails when a paragraph is missing or truncated at its start, when
its number is missing, misprinted or set away from the paragraph, or when the
manifest lists no numbered paragraph at all. It can also fail, wrongly, if a running
head or a footnote lands inside a paragraph's first 40 letters (a first line
shorter than 40 letters at the foot of a page), or if a paragraph's first
letters are not the same in the PDF as in the build; the message says which
paragraph, so either can be told apart at once.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from edition.checks import ToolError, downloads, manifests, missing_files, normalise_space

UNIT = "PDFs"
PREFIX_LETTERS = 40


def targets(site: Path, languages: list[str]) -> list[Path]:
    return [path for kind in ("pdf", "offprint") for paths in downloads(site, languages, kind).values()
            for path in paths if path.is_file()]


def run(command: list[str]) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(command, capture_output=True, text=True, check=False)
    except FileNotFoundError as error:
        raise ToolError(f"{command[0]} is not installed (Debian: poppler-utils, qpdf)") from error


# -- The file, its fonts, its metadata ----------------------------------------------


def check_structure(pdf: Path) -> list[str]:
    result = run(["qpdf", "--check", str(pdf)])
    if result.returncode == 0:
        return []
    what = "warnings" if result.returncode == 3 else "errors"
    lines = [
        normalise_space(line)
        for line in (result.stdout + result.stderr).splitlines()
        if line.strip()
        and not line.startswith(("checking ", "PDF Version", "File is", "No syntax"))
    ]
    return [f"{pdf}: qpdf --check finds {what}: {line}" for line in lines[:10]] or [
        f"{pdf}: qpdf --check finds {what} (exit {result.returncode})"
    ]


def check_fonts(pdf: Path) -> list[str]:
    result = run(["pdffonts", str(pdf)])
    if result.returncode != 0:
        return [f"{pdf}: pdffonts cannot read it: {normalise_space(result.stderr)}"]
    lines = result.stdout.splitlines()
    if len(lines) < 2 or not lines[1].startswith("---"):
        return [f"{pdf}: pdffonts gave no font table"]
    problems = []
    for line in lines[2:]:
        fields = line.split()
        # name type... encoding... emb sub uni object-number generation
        if len(fields) < 6:
            continue
        name, emb = fields[0], fields[-5]
        if emb != "yes":
            problems.append(f"{pdf}: font {name} is not embedded")
    return problems


def check_metadata(pdf: Path, language: str) -> list[str]:
    try:
        reader = PdfReader(pdf)
        info = reader.metadata or {}
        lang = str(reader.trailer["/Root"].get("/Lang", ""))
    except PdfReadError as error:
        return [f"{pdf}: pypdf cannot read it: {error}"]
    problems = [
        f"{pdf}: no {key[1:]} in the document information"
        for key in ("/Title", "/Author")
        if not str(info.get(key, "")).strip()
    ]
    if not lang:
        problems.append(f"{pdf}: no document language (/Lang in the catalog); expected {language!r}")
    elif lang.lower().replace("_", "-").split("-")[0] != language.lower():
        problems.append(f"{pdf}: document language (/Lang) is {lang!r}, expected {language!r}")
    return problems


# -- The numbered paragraphs ------------------------------------------------------------


@dataclass
class Paragraph:
    siglum: str
    number: str
    text: str


def numbered_paragraphs(data: dict) -> list[Paragraph]:
    """The numbered paragraphs of the edited texts, from a language's manifest."""
    texts = {text["siglum"] for text in data["texts"]}
    return [Paragraph(p["siglum"], p["number"], p["text"]) for p in data["paragraphs"] if p["siglum"] in texts]


def letters(text: str) -> str:
    """Only the letters of *text*, NFKC-normalised and case-folded."""
    return "".join(c for c in unicodedata.normalize("NFKC", text).casefold() if c.isalpha())


@dataclass
class Word:
    page: int
    left: float
    top: float
    width: float
    height: float
    line: tuple[int, int, int, int]  # page, paragraph, block, line as pdftotext numbers them
    text: str

    @property
    def bottom(self) -> float:
        return self.top + self.height

    @property
    def right(self) -> float:
        return self.left + self.width


def pdf_words(pdf: Path) -> list[Word]:
    result = run(["pdftotext", "-enc", "UTF-8", "-tsv", str(pdf), "-"])
    if result.returncode != 0:
        raise ToolError(f"pdftotext cannot read {pdf}: {normalise_space(result.stderr)}")
    words = []
    for row in result.stdout.splitlines()[1:]:
        fields = row.split("\t")
        if len(fields) < 12 or fields[0] != "5":
            continue
        page, par, block, line = (int(f) for f in fields[1:5])
        left, top, width, height = (float(f) for f in fields[6:10])
        words.append(Word(page, left, top, width, height, (page, par, block, line), fields[11]))
    return words


def _number_beside(words: list[Word], first: Word, number: str) -> bool:
    line_words = [w for w in words if w.line == first.line]
    line_right = max(w.right for w in line_words)
    token = re.compile(r"[\[(¶§]?\s*" + re.escape(number) + r"[.)\]]?")
    for word in words:
        if word.page != first.page or not token.fullmatch(word.text):
            continue
        same_line = abs(word.bottom - first.bottom) < first.height / 2
        outside = word.right <= first.left + 0.5 or word.left >= line_right - 0.5
        if same_line and outside and word is not first:
            return True
    return False


def check_paragraphs(pdf: Path, paragraphs: list[Paragraph]) -> list[str]:
    words = pdf_words(pdf)
    stream, owner = [], []
    for index, word in enumerate(words):
        for char in letters(word.text):
            stream.append(char)
            owner.append(index)
    text = "".join(stream)
    problems = []
    for paragraph in paragraphs:
        label = f"paragraph {paragraph.siglum} {paragraph.number}"
        start = normalise_space(paragraph.text)[:50]
        prefix = letters(paragraph.text)[:PREFIX_LETTERS]
        if not prefix:
            problems.append(f"{pdf}: {label} has no text in the manifest")
            continue
        hits = [m.start() for m in re.finditer(re.escape(prefix), text)]
        if not hits:
            problems.append(f"{pdf}: {label} (\u201c{start}\u2026\u201d) is not in the PDF")
        elif not any(_number_beside(words, words[owner[h]], paragraph.number) for h in hits):
            first = words[owner[hits[0]]]
            problems.append(
                f"{pdf}: {label} (\u201c{start}\u2026\u201d, page {first.page}) "
                f"has no number {paragraph.number} beside its first line"
            )
    return problems


def check(site: Path, languages: list[str]) -> list[str]:
    """Every book and every offprint; an offprint holds the paragraphs of its own text."""
    files = {lang: books + downloads(site, [lang], "offprint")[lang]
             for lang, books in downloads(site, languages, "pdf").items()}
    problems = missing_files(files, "PDF")
    for language, data in manifests(site, languages).items():
        paragraphs = numbered_paragraphs(data)
        for download in data["downloads"]:
            pdf = site / language / download["file"]
            if download["kind"] not in {"pdf", "offprint"} or not pdf.is_file():
                continue
            problems += check_structure(pdf)
            problems += check_fonts(pdf)
            problems += check_metadata(pdf, language)
            siglum = download.get("siglum", "")
            own = [p for p in paragraphs if not siglum or p.siglum == siglum]
            if not own:
                problems.append(f"{pdf}: the {language} manifest lists no numbered paragraph to look for")
            problems += check_paragraphs(pdf, own)
    return problems

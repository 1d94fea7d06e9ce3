"""Every PDF under ``<lang>/downloads/``: sound, self-contained, described, complete.

* ``qpdf --check`` finds no error and no warning;
* ``pdffonts`` lists every font as embedded (``emb`` = ``yes``);
* ``pdfinfo`` shows a non-empty Title and Author;
* the catalog's ``/Lang`` (read with ``qpdf --json``: pdfinfo does not show it)
  is set, and its primary subtag is the language of the folder the PDF is
  published in (``en-GB`` will do for ``en``);
* every numbered paragraph of the edited texts is in the PDF with its number.

The paragraphs and their numbers are taken from the HTML of the same language:
every ``<p id="pN">`` holding an ``<a class="parnum">N</a>`` inside a
``<div class="edited-text" data-siglum="...">`` (text A and text B). For each,
the rule is:

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
HTML has no numbered paragraph at all. It can also fail, wrongly, if a running
head or a footnote lands inside a paragraph's first 40 letters (a first line
shorter than 40 letters at the foot of a page), or if a paragraph's first
letters are not the same in the PDF as on the web page; the message says which
paragraph, so either can be told apart at once.
"""

from __future__ import annotations

import json
import re
import subprocess
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from edition.checks import ToolError, normalise_space

UNIT = "PDFs"
PREFIX_LETTERS = 40
VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


def targets(site: Path, languages: list[str]) -> list[Path]:
    return [p for lang in languages for p in sorted((site / lang / "downloads").glob("*.pdf"))]


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


def pdf_info(pdf: Path) -> dict[str, str]:
    result = run(["pdfinfo", "-enc", "UTF-8", str(pdf)])
    info = {}
    for line in result.stdout.splitlines():
        key, sep, value = line.partition(":")
        if sep:
            info[key.strip()] = value.strip()
    return info


def _json_string(value: object) -> str:
    """A string of qpdf's JSON v2: ``u:`` text, ``b:`` hex bytes, ``/`` a name."""
    if not isinstance(value, str):
        return ""
    if value.startswith("u:"):
        return value[2:]
    if value.startswith("b:"):
        raw = bytes.fromhex(value[2:])
        return (
            raw.decode("utf-16") if raw[:2] in (b"\xfe\xff", b"\xff\xfe") else raw.decode("latin-1")
        )
    return value.lstrip("/")


def catalog_language(pdf: Path) -> str:
    """The document catalog's ``/Lang``, or '' if it has none."""
    result = run(["qpdf", "--json=2", "--json-key=qpdf", str(pdf)])
    try:
        _header, objects = json.loads(result.stdout)["qpdf"]
    except (json.JSONDecodeError, KeyError, ValueError) as error:
        raise ToolError(
            f"qpdf --json cannot read {pdf}: {normalise_space(result.stderr)}"
        ) from error

    def deref(value: object) -> object:
        if isinstance(value, str) and value.endswith(" R"):
            return objects.get("obj:" + value, {}).get("value")
        return value

    root = deref(objects.get("trailer", {}).get("value", {}).get("/Root"))
    return _json_string(deref(root.get("/Lang"))) if isinstance(root, dict) else ""


def check_metadata(pdf: Path, language: str) -> list[str]:
    info = pdf_info(pdf)
    problems = [
        f"{pdf}: no {key} in the document information (pdfinfo)"
        for key in ("Title", "Author")
        if not info.get(key)
    ]
    lang = catalog_language(pdf)
    if not lang:
        problems.append(
            f"{pdf}: no document language (/Lang in the catalog); expected {language!r}"
        )
    elif lang.lower().replace("_", "-").split("-")[0] != language.lower():
        problems.append(f"{pdf}: document language (/Lang) is {lang!r}, expected {language!r}")
    return problems


# -- The numbered paragraphs ------------------------------------------------------------


@dataclass
class Paragraph:
    siglum: str
    number: str
    text: str


class _ParagraphCollector(HTMLParser):
    """The numbered paragraphs of the edited texts of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.paragraphs: list[Paragraph] = []
        self._current: Paragraph | None = None
        self._depth = 0  # the stack's length where the current paragraph's <p> is

    def _siglum(self) -> str | None:
        for tag, attrs in reversed(self.stack):
            if (
                tag == "div"
                and "edited-text" in attrs.get("class", "").split()
                and attrs.get("data-siglum")
            ):
                return attrs["data-siglum"]
        return None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag in VOID:
            return
        if tag == "p" and re.fullmatch(r"p\d+", values.get("id", "")) and self._current is None:
            siglum = self._siglum()
            if siglum:
                self._current = Paragraph(siglum, "", "")
                self._depth = len(self.stack)
        self.stack.append((tag, values))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break
        if self._current is not None and len(self.stack) <= self._depth:
            if self._current.number:
                self.paragraphs.append(self._current)
            self._current = None

    def handle_data(self, data: str) -> None:
        if self._current is None:
            return
        inner = self.stack[self._depth + 1 :]
        if any(tag == "a" and "parnum" in attrs.get("class", "").split() for tag, attrs in inner):
            self._current.number += data.strip()
        elif not any(
            attrs.get("role") == "doc-noteref"
            or {"footnote-reference", "cite-button", "cite-box"} & set(attrs.get("class", "").split())
            for _, attrs in inner
        ):  # the words of the paragraph, not its note marks or its cite box (HTML only)
            self._current.text += data


def numbered_paragraphs(site: Path, language: str) -> list[Paragraph]:
    """Every numbered paragraph of every edited text on the language's pages."""
    paragraphs = []
    for page in sorted((site / language).rglob("*.html")):
        collector = _ParagraphCollector()
        collector.feed(page.read_text(encoding="utf-8"))
        collector.close()
        paragraphs += collector.paragraphs
    return paragraphs


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
            problems.append(f"{pdf}: {label} has no text on the web page")
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
    problems = []
    for language in languages:
        pdfs = targets(site, [language])
        if (site / language).is_dir() and not pdfs:
            problems.append(f"{site / language / 'downloads'}: no PDF")
            continue
        paragraphs = numbered_paragraphs(site, language) if pdfs else []
        for pdf in pdfs:
            problems += check_structure(pdf)
            problems += check_fonts(pdf)
            problems += check_metadata(pdf, language)
            if not paragraphs:
                problems.append(
                    f"{pdf}: no numbered paragraph found in the {language} HTML to look for"
                )
            problems += check_paragraphs(pdf, paragraphs)
    return problems

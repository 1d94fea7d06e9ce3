"""The printed edition: the book's design and structure, and an offprint of each text.

Sphinx's LaTeX builder writes the book; this extension gives it the shape of a
scholarly book, in every language:

- the design is a LaTeX package, ``edition-book.sty`` (type, page, headings,
  running heads that name the paragraphs on each page, notes, index), and
  ``edition.xdy`` gives the index's page ranges an en dash;
- a post-transform on the assembled book (``structure``) adds the title page
  and imprint, divides the book into front matter, texts and back matter as
  the root page's tables of contents do, opens each text with its source,
  citation and rights, sets original and translation on facing pages, and
  keeps the bibliography in its chapter;
- ``offprints`` cuts each text, with its opening, from the finished book into
  a PDF of its own (``python -m edition.book``, run by the Makefile after
  LaTeX).

Every word it prints goes through the ``edition`` catalog.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.locale import get_translation

from edition import add_latex_preamble, downloads
from edition.book import offprints, structure
from edition.citations.records import display_name
from edition.languages import language

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata

_ = get_translation("edition")

HERE = Path(__file__).parent
#: The design and the index rules, copied beside the .tex file.
SUPPORT_FILES = (HERE / "edition-book.sty", HERE / "edition.xdy")
#: xindy's options, as Sphinx's own for the language, with the edition's rules added.
XINDY_OPTIONS = "xindy-options.txt"


def latex_escape(text: str) -> str:
    """*text* for a LaTeX argument (the catalog's words and the edition's metadata)."""
    table = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "#": r"\#", "$": r"\$", "%": r"\%",
             "&": r"\&", "_": r"\_", "^": r"\^{}", "~": r"\textasciitilde{}"}
    return "".join(table.get(c, c) for c in text)


def subject_and_keywords() -> tuple[str, str]:
    """The PDFs' subject and keywords, in the build's language."""
    return (str(_("An annotated, multilingual edition of two encyclopedia articles on the Anti-Party Group")),
            str(_("Anti-Party Group, Khrushchev, 1957, Presidium, plenum, CPSU, scholarly edition")))


def configure_latex(app: Sphinx, config: Config) -> None:
    """The book's class, design and metadata in the build's language."""
    config.latex_docclass = {**config.latex_docclass, "manual": "book"}
    config.latex_additional_files = [*config.latex_additional_files, *map(str, SUPPORT_FILES)]
    config.latex_elements = {
        **config.latex_elements,
        "extraclassoptions": "twoside,openany",
        "fncychap": "",
        "fontpkg": "",
        "maketitle": "",  # the title page and the contents are the first nodes (structure)
        "tableofcontents": "",
        "releasename": latex_escape(_("Version")),
        "printindex": r"\edprintindex",
    }
    subject, keywords = subject_and_keywords()
    contents = latex_escape(_("Contents"))
    add_latex_preamble(
        config,
        "\\usepackage{edition-book}\n"
        f"\\hypersetup{{pdftitle={{{latex_escape(config.project)}}}, pdfauthor={{{latex_escape(config.author)}}},\n"
        f"  pdfsubject={{{latex_escape(subject)}}}, pdfkeywords={{{latex_escape(keywords)}}}}}\n"
        f"\\newcommand{{\\edofferrecord}}{{{offprints.RECORD}}}\n"
        # Sphinx names the contents after the first table of contents ("Front matter")
        f"\\addto\\captions{language(config.language).polyglossia}"
        f"{{\\renewcommand{{\\contentsname}}{{{contents}}}}}",
    )


def write_xindy_options(app: Sphinx, exception: Exception | None) -> None:
    """The options the Makefile gives xindy: Sphinx's for the language, and the edition's rules."""
    if exception is not None or app.builder.name != "latex":
        return
    row = language(app.config.language)
    options = f"-L {row.polyglossia} -C utf8 -M sphinx.xdy"
    if not row.cyrillic:
        options += " -M LatinRules.xdy"
    Path(app.outdir, XINDY_OPTIONS).write_text(options + " -M edition.xdy\n", encoding="utf-8")


def forget_other_designs(app: Sphinx, exception: Exception | None) -> None:
    """LaTeX's auxiliary files written under another version of the design are removed: the
    running heads' records in the .aux change form with it, and an old one stops LaTeX."""
    if exception is not None or app.builder.name != "latex":
        return
    digest = hashlib.sha256(b"".join(path.read_bytes() for path in SUPPORT_FILES)).hexdigest()
    stamp = Path(app.outdir, "edition-book.sha256")
    if not stamp.is_file() or stamp.read_text(encoding="utf-8").strip() != digest:
        for auxiliary in Path(app.outdir).glob("*.aux"):
            auxiliary.unlink()
        stamp.write_text(digest + "\n", encoding="utf-8")


def describe_offprints(app: Sphinx, exception: Exception | None) -> None:
    """Each offprint's file and metadata, for ``edition.book.offprints``, in the build's language."""
    if exception is not None or app.builder.name != "latex":
        return
    config = app.config
    built = app.env.domains["citations"].built
    titles = {page.siglum: page.record.get("title", "") for page in built.pages.values() if page.kind == "text"}
    subject, keywords = subject_and_keywords()
    described = {}
    for download in downloads.offprints(config):
        work = config.citations_works[download.siglum]
        authors = [display_name(a) for a in work.get("author", [])]
        described[download.siglum.lower()] = {
            "file": download.built,
            "title": str(_("Text %s") % download.siglum) + " · " + titles.get(download.siglum, work["title"]),
            "author": ", ".join(authors),
            "language": config.language,
            "subject": f"{config.project}. {subject}",
            "keywords": keywords,
            "edition": f"{config.project}, " + str(_("Version %s") % config.release),
        }
    book = downloads.pdf(config).built
    data = {"book": book, "offprints": described}
    Path(app.outdir, offprints.METADATA).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("edition.texts")
    app.setup_extension("edition.paragraphs")
    app.setup_extension("edition.parallel")
    app.setup_extension("edition.citations")
    structure.setup(app)
    app.connect("config-inited", configure_latex, priority=800)  # before the modules that add to the preamble
    app.connect("build-finished", write_xindy_options)
    app.connect("build-finished", describe_offprints)
    app.connect("build-finished", forget_other_designs)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

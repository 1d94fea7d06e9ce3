"""The validators of ``python -m edition.checks``, on tiny sites written into tmp_path.

Each check is shown to fail, with its message, on a page or file that is wrong,
and to pass on one that is right. Each tiny site has the manifests a build
publishes (``edition.manifest``), which tell the checks what there is. The tools
they drive (Java, vnu.jar, EPUBCheck, Chromium, axe-core, linkinator,
poppler-utils, qpdf, XeLaTeX) are installed by the Makefile on every machine
where ``make test`` runs: nothing here is skipped.
"""

from __future__ import annotations

import json
import subprocess
import zipfile
from pathlib import Path

import pytest

from edition.checks import accessibility, epub, html, links, pdf
from edition.checks.__main__ import main

# -- Fixture helpers ------------------------------------------------------------------------


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def page(body: str, *, title: str = "A page", head: str = "", lang: str = "en") -> str:
    """A complete, valid, accessible HTML page around *body*."""
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
{head}
</head>
<body>
<main>
<h1>{title}</h1>
{body}
</main>
</body>
</html>
"""


def only(problems: list[str], name: str) -> list[str]:
    """The problems about the file *name* (a path ending)."""
    return [p for p in problems if p.split(":", 1)[0].endswith(name)]


def publish_manifest(site: Path, language: str, pages: list[str], *, paragraphs=(), texts=(),
                     downloads=()) -> None:
    """The manifest a build of *language* publishes, listing *pages* (file names)."""
    data = {
        "language": language,
        "pages": [{"docname": name.removesuffix(".html"), "file": name, "uri": name} for name in pages],
        "texts": [{"siglum": siglum} for siglum in texts],
        "paragraphs": list(paragraphs),
        "downloads": [{"kind": name.rsplit(".", 1)[1], "file": f"downloads/{name}"} for name in downloads],
    }
    write(site / language / "manifest.json", json.dumps(data))


# -- Links: linkinator -------------------------------------------------------------------------


@pytest.fixture
def link_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    write(site / "index.html", page('<p><a href="en/index.html">English</a></p>'))
    write(site / "en" / "_static" / "style.css", '@import url("base.css");\nbody { background: url(bg.png); }\n')
    write(site / "en" / "_static" / "base.css", "p { margin: 0; }\n")
    write(site / "en" / "_static" / "bg.png", b"\x89PNG\r\n")
    write(site / "en" / "texts" / "a b.html", page('<p id="p1">One.</p>'))
    write(
        site / "en" / "index.html",
        page(
            '<nav><a href="texts/a%20b.html#p1">Text A</a> <a href="#top-of-page" id="top-of-page">top</a>'
            ' <a href="https://example.org/elsewhere">outbound link</a>'
            ' <a href="mailto:editors@example.org">mail</a></nav>',
            head='<link rel="stylesheet" href="_static/style.css">',
        ),
    )
    publish_manifest(site, "en", ["index.html", "texts/a b.html"])
    return site


def test_links_pass_on_a_good_site(link_site: Path) -> None:
    assert links.check(link_site, ["en"]) == []


def test_links_find_a_missing_file_a_missing_fragment_and_a_missing_stylesheet_image(link_site: Path) -> None:
    write(link_site / "en" / "index.html", page(
        '<p id="here"><a href="texts/missing.html">gone</a> <a href="texts/a%20b.html#p9">no such paragraph</a>'
        ' <a href="#nowhere">nowhere</a> <a href="#here">fine</a> <a href="texts/a%20b.html">A</a></p>',
        head='<link rel="stylesheet" href="_static/style.css">'))
    write(link_site / "en" / "_static" / "style.css", "body { background: url('missing.png'); }\n")
    assert links.check(link_site, ["en"]) == [
        "/en/_static/missing.png: broken link (status 404), found from /en/_static/style.css",
        "/en/index.html#nowhere: broken link (no such anchor), found from /index.html",
        "/en/texts/a b.html#p9: broken link (no such anchor), found from /en/index.html",
        "/en/texts/missing.html: broken link (status 404), found from /en/index.html",
    ]


def test_links_find_a_page_no_link_reaches(link_site: Path) -> None:
    write(link_site / "en" / "orphan.html", page("<p>Nobody links here.</p>"))
    publish_manifest(link_site, "en", ["index.html", "texts/a b.html", "orphan.html"])
    assert links.check(link_site, ["en"]) == [
        f"{link_site / 'en' / 'orphan.html'}: no link on the site leads to this page"]


def test_the_runner_reports_one_line_per_check_and_one_per_problem(link_site: Path, capsys) -> None:
    assert main(["--site", str(link_site), "--only", "links", "en"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split()[:2] == ["links", "3"]  # the root and the two pages
    assert "ok" in out.splitlines()[0] and "All checks passed" in out

    write(link_site / "en" / "index.html", page('<p><a href="nope.html">x</a> <a href="texts/a%20b.html">A</a></p>'))
    assert main(["--site", str(link_site), "--only", "links", "en", "lv"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert "FAILED" in lines[0]
    assert f"{link_site / 'lv'}: no published site for language 'lv' (no manifest.json)" in lines
    assert "/en/nope.html: broken link (status 404), found from /en/index.html" in lines


# -- The Nu HTML Checker ----------------------------------------------------------------------


def test_vnu_passes_a_good_page_and_fails_a_bad_one(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write(site / "index.html", page("<p>Choose a language.</p>"))
    write(site / "en" / "good.html", page('<p>Good <img src="x.png" alt="a cross"></p>'))
    write(
        site / "en" / "bad.html",
        page('<p><img src="x.png"> <span>open</p><p id="d">1</p><p id="d">2</p>'),
    )
    publish_manifest(site, "en", ["good.html", "bad.html"])
    problems = html.check(site, ["en"])
    assert only(problems, "good.html") == [] and only(problems, "index.html") == []
    bad = only(problems, "en/bad.html")
    assert any("An “img” element must have an “alt” attribute" in p for p in bad), bad
    assert any("End tag “p” seen, but there were open elements" in p for p in bad), bad
    assert any("Duplicate ID “d”" in p for p in bad), bad
    assert all(p.startswith(f"{site / 'en' / 'bad.html'}: line ") for p in bad)


# -- axe-core in Chromium -------------------------------------------------------------------------

DARK_GREY_ON_BLACK = """<style>
:root { color-scheme: light dark; }
body { background: #fff; color: #111; }
@media (prefers-color-scheme: dark) { body { background: #000; color: #eee; } .faint { color: #333; } }
</style>"""

CITE_BOX = """<script>
document.addEventListener('click', (event) => {
  if (event.target.matches('button.cite-button')) document.getElementById('box').hidden = false;
});
</script>"""


def test_axe_checks_both_schemes_the_cite_box_and_other_origins(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write(site / "index.html", page('<p><a href="en/good.html">English</a></p>'))
    write(
        site / "en" / "good.html",
        page("<p>All is well in light and dark.</p>", head=DARK_GREY_ON_BLACK),
    )
    write(
        site / "en" / "noalt.html",
        page('<p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></p>'),
    )
    write(
        site / "en" / "dark.html",
        page('<p class="faint">Readable only in the light.</p>', head=DARK_GREY_ON_BLACK),
    )
    write(
        site / "en" / "cite.html",
        page(
            '<style>button { min-width: 24px; min-height: 24px; } :target { outline: 2px solid #000; }</style>'
            '<p id="p1">A paragraph. <button type="button" class="cite-button">Cite</button></p>'
            '<div id="box" hidden><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></div>',
            head=CITE_BOX,
        ),
    )
    write(
        site / "en" / "foreign.html",
        page(
            '<p>An image from elsewhere: <img src="http://example.invalid/i.png" alt="elsewhere"></p>'
        ),
    )
    write(
        site / "en" / "broken.html",
        page("<p>A script that fails.</p>", head="<script>undefinedFunction();</script>"),
    )

    publish_manifest(site, "en", ["good.html", "noalt.html", "dark.html", "cite.html", "foreign.html", "broken.html"])
    problems = accessibility.check(site, ["en"])

    assert only(problems, "good.html") == [] and only(problems, "site/index.html") == []
    noalt = only(problems, "noalt.html")
    assert [p.split("]")[0].rsplit("[", 1)[1] for p in noalt] == ["light"]  # a rule colours cannot break
    assert all("image-alt (critical)" in p for p in noalt), noalt
    dark = only(problems, "dark.html")
    assert len(dark) == 1 and "[dark] color-contrast" in dark[0] and dark[0].endswith(": p"), dark
    cite = only(problems, "cite.html")
    assert [p.split(": [", 1)[1].split("]")[0] for p in cite] == ["light, cite box open"]
    assert all("image-alt" in p for p in cite), cite
    assert any(
        "requests a resource from another origin: http://example.invalid/i.png" in p
        for p in only(problems, "foreign.html")
    ), problems
    assert any(
        "script error" in p and "undefinedFunction" in p for p in only(problems, "broken.html")
    ), problems


def test_the_browser_measures_the_page_as_a_reader_meets_it(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write(site / "index.html", page('<p><a href="en/good.html">English</a></p>'))
    write(
        site / "en" / "bad.html",
        page(
            '<header><p>A header</p><p>taller</p><p>than an</p><p>eighth</p></header>'
            '<p class="numbered" id="p1">A paragraph<a role="doc-noteref" href="#n1">1</a> wider than a phone.</p>'
            '<div style="width: 600px">wide</div><button type="button" style="height: 12px">x</button>'
            '<aside id="n1"><p>A note that opens only at the end.</p></aside>'
        ),
    )
    publish_manifest(site, "en", ["bad.html"])
    bad = only(accessibility.check(site, ["en"]), "en/bad.html")
    for expected in (
        "[320 px] the page scrolls sideways",
        "[390 px] the header takes",
        "[1400 px] a target smaller than 24x24 px: button",
        "[light] the reached paragraph's highlight has 0.00:1",
        "[1400 px] Enter on a note mark does not open its note in place",
        "[390 px] a tap on a note mark does not show its note",
    ):
        assert any(expected in p for p in bad), (expected, bad)


def test_the_static_server_serves_the_site_on_loopback_only(tmp_path: Path) -> None:
    import urllib.request

    write(tmp_path / "index.html", "hello")
    with accessibility.serve(tmp_path) as base:
        assert base.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(base + "index.html", timeout=10) as response:
            assert response.read() == b"hello"


# -- EPUBCheck and Ace ---------------------------------------------------------------------------------------

CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>
"""
OPF = """<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" xml:lang="en">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="uid">urn:uuid:0b5e1c43-8f0a-4a8e-9d2e-1957aa060002</dc:identifier>
    <dc:title>Fixture</dc:title>
    <dc:language>en</dc:language>
    <meta property="dcterms:modified">2026-01-01T00:00:00Z</meta>
    <meta property="schema:accessMode">textual</meta>
    <meta property="schema:accessModeSufficient">textual</meta>
    <meta property="schema:accessibilityFeature">tableOfContents</meta>
    <meta property="schema:accessibilityHazard">none</meta>
    <meta property="schema:accessibilitySummary">One chapter of text.</meta>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="c1" href="c1.xhtml" media-type="application/xhtml+xml"/>
  </manifest>
  <spine><itemref idref="c1"/></spine>
</package>
"""
XHTML = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en" xml:lang="en">
<head><title>{title}</title></head>
<body>{body}</body>
</html>
"""
NAV = XHTML.format(
    title="Contents", body='<nav epub:type="toc" role="doc-toc"><ol><li><a href="c1.xhtml">One</a></li></ol></nav>'
)
CHAPTER = XHTML.format(title="One", body="<p>The only chapter.</p>")


def make_epub(path: Path, files: dict[str, str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        for name, text in files.items():
            archive.writestr(name, text, compress_type=zipfile.ZIP_DEFLATED)
    return path


def test_epubcheck_and_ace_pass_a_good_epub_and_fail_errors_warnings_and_violations(tmp_path: Path) -> None:
    site = tmp_path / "site"
    good = {
        "META-INF/container.xml": CONTAINER,
        "EPUB/package.opf": OPF,
        "EPUB/nav.xhtml": NAV,
        "EPUB/c1.xhtml": CHAPTER,
    }
    make_epub(site / "en" / "downloads" / "good-en.epub", good)
    # Errors: a link to a file that is not there, no modification date; a warning:
    # a file in the container that the manifest does not declare; for Ace, a heading
    # without a level and no accessibility summary.
    make_epub(
        site / "lv" / "downloads" / "bad-lv.epub",
        {
            **good,
            "EPUB/package.opf": OPF.replace(
                '<meta property="dcterms:modified">2026-01-01T00:00:00Z</meta>', ""
            ).replace('<meta property="schema:accessibilitySummary">One chapter of text.</meta>', ""),
            "EPUB/c1.xhtml": XHTML.format(
                title="One", body='<p role="heading">One</p><p><a href="c2.xhtml">Two</a></p>'
            ),
            "EPUB/stray.xhtml": CHAPTER,
        },
    )
    publish_manifest(site, "en", [], downloads=["good-en.epub"])
    publish_manifest(site, "lv", [], downloads=["bad-lv.epub"])
    problems = epub.check(site, ["en", "lv"])

    assert only(problems, "good-en.epub") == []
    bad = only(problems, "bad-lv.epub")
    assert any("ERROR RSC-007" in p and "c2.xhtml" in p for p in bad), bad
    assert any("dcterms:modified" in p for p in bad), bad
    assert any(": WARNING " in p and "stray.xhtml" in p for p in bad), bad
    assert any("c1.xhtml: Ace aria-required-attr" in p for p in bad), bad
    assert any("Ace metadata-accessibilitysummary" in p for p in bad), bad


def test_epub_reports_an_epub_the_manifest_names_but_the_site_lacks(tmp_path: Path) -> None:
    publish_manifest(tmp_path / "site", "en", [], downloads=["x-en.epub"])
    assert epub.check(tmp_path / "site", ["en"]) == [
        f"{tmp_path / 'site' / 'en' / 'downloads' / 'x-en.epub'}: no EPUB, though the en manifest names it"
    ]


# -- PDF ------------------------------------------------------------------------------------------------

FIRST = "The first paragraph of the fixture text, long enough for forty letters and more."
SECOND = "Another paragraph follows it here, and it too is long enough for the check to use."
THIRD = "A third paragraph that the bad file leaves out altogether, though the web page has it."
FOURTH = "The fourth paragraph has its number a line too low, where nobody would look for it."
FIFTH = "The fifth paragraph has a footnote marker 5 inside its first line but no number at all."

#: The manifest's numbered paragraphs: two of text A, three of text B, one of the introduction (not looked for).
PARAGRAPHS = [
    {"siglum": "A", "number": "1", "text": FIRST},
    {"siglum": "A", "number": "2", "text": SECOND},
    {"siglum": "B", "number": "3", "text": THIRD},
    {"siglum": "B", "number": "4", "text": FOURTH},
    {"siglum": "B", "number": "5", "text": FIFTH},
    {"siglum": "I", "number": "1", "text": "An introduction's paragraph, which is no edited text."},
]

LATEX = r"""\documentclass[11pt]{article}
\usepackage{fontspec}
\setmainfont{FreeSerif}
\usepackage[pdftitle={Fixture},pdfauthor={The editors},pdflang={en}]{hyperref}
\newcommand{\parnum}[1]{\leavevmode\marginpar{\raggedleft\footnotesize #1}}
\begin{document}
\parnum{1}%s\footnote{A note.}

\parnum{2}%s

\parnum{3}%s

\parnum{4}%s

\parnum{5}%s
\end{document}
"""


def make_pdf(objects: list[bytes], *, damaged: bool = False) -> bytes:
    """A PDF file of *objects* (numbered from 1; the first is the catalog), with its xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    start = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % (offset + (7 if damaged else 0))
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        start,
    )
    return bytes(out)


def hand_made_pdf(catalog_extra: bytes = b"", *, damaged: bool = False) -> bytes:
    """One page in Helvetica (a font not embedded), no title, no author, and:
    paragraph 1 numbered in the margin, 2 without a number, 3 missing, 4 with
    its number a line below, 5 with a "5" only inside its first line."""
    lines = [
        (50, 700, "1"),
        (72, 700, FIRST),
        (72, 680, SECOND),
        (72, 660, FOURTH),
        (50, 640, "4"),
        (72, 620, FIFTH),
    ]
    text = b"".join(
        b"BT /F1 7 Tf %d %d Td (%s) Tj ET\n" % (x, y, s.encode("latin-1")) for x, y, s in lines
    )
    return make_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b">>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
            + b" /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Length %d >>\nstream\n" % len(text) + text + b"endstream",
        ],
        damaged=damaged,
    )


def pdf_site(tmp_path: Path, name: str) -> Path:
    """A site whose en manifest names the PDF *name* and lists the paragraphs above."""
    site = tmp_path / "site"
    publish_manifest(site, "en", [], paragraphs=PARAGRAPHS, texts=["A", "B"], downloads=[name])
    return site


def test_pdf_passes_a_good_file(tmp_path: Path) -> None:
    site = pdf_site(tmp_path, "good-en.pdf")
    build = tmp_path / "latex"
    write(build / "good.tex", LATEX % (FIRST, SECOND, THIRD, FOURTH, FIFTH))
    subprocess.run(
        ["xelatex", "-interaction=nonstopmode", "-halt-on-error", "good.tex"],
        cwd=build,
        check=True,
        capture_output=True,
    )
    (site / "en" / "downloads").mkdir()
    (build / "good.pdf").rename(site / "en" / "downloads" / "good-en.pdf")
    assert pdf.check(site, ["en"]) == []


def test_pdf_fails_a_bad_file(tmp_path: Path) -> None:
    site = pdf_site(tmp_path, "bad-en.pdf")
    bad = write(site / "en" / "downloads" / "bad-en.pdf", hand_made_pdf())
    problems = pdf.check(site, ["en"])
    assert problems == [
        f"{bad}: font Helvetica is not embedded",
        f"{bad}: no Title in the document information",
        f"{bad}: no Author in the document information",
        f"{bad}: no document language (/Lang in the catalog); expected 'en'",
        f"{bad}: paragraph A 2 (“{SECOND[:50]}…”, page 1) has no number 2 beside its first line",
        f"{bad}: paragraph B 3 (“{THIRD[:50]}…”) is not in the PDF",
        f"{bad}: paragraph B 4 (“{FOURTH[:50]}…”, page 1) has no number 4 beside its first line",
        f"{bad}: paragraph B 5 (“{FIFTH[:50]}…”, page 1) has no number 5 beside its first line",
    ]


def test_pdf_reads_the_language_from_the_catalog(tmp_path: Path) -> None:
    wrong = write(tmp_path / "de.pdf", hand_made_pdf(b"/Lang (de-DE) "))
    assert f"{wrong}: document language (/Lang) is 'de-DE', expected 'en'" in pdf.check_metadata(
        wrong, "en"
    )
    right = write(tmp_path / "en.pdf", hand_made_pdf(b"/Lang <FEFF0065006E002D00470042> "))  # "en-GB", UTF-16
    assert not any("/Lang" in p for p in pdf.check_metadata(right, "en"))


def test_pdf_fails_a_damaged_file(tmp_path: Path) -> None:
    damaged = write(tmp_path / "damaged.pdf", hand_made_pdf(damaged=True))
    problems = pdf.check_structure(damaged)
    assert problems and all(p.startswith(f"{damaged}: qpdf --check finds") for p in problems), (
        problems
    )


def test_pdf_needs_numbered_paragraphs_to_look_for(tmp_path: Path) -> None:
    site = tmp_path / "site"
    publish_manifest(site, "en", [], downloads=["x-en.pdf"])
    target = write(site / "en" / "downloads" / "x-en.pdf", hand_made_pdf())
    assert f"{target}: the en manifest lists no numbered paragraph to look for" in pdf.check(site, ["en"])


def test_pdf_reports_a_pdf_the_manifest_names_but_the_site_lacks(tmp_path: Path) -> None:
    site = pdf_site(tmp_path, "x-en.pdf")
    assert pdf.check(site, ["en"]) == [
        f"{site / 'en' / 'downloads' / 'x-en.pdf'}: no PDF, though the en manifest names it"]


def test_letters_ignore_case_punctuation_ligatures_and_digits() -> None:
    assert pdf.letters("“Anti-\nParty” ﬁle, 1957!") == "antipartyfile"

"""Sphinx configuration of *The Anti-Party Group, 1957*.

Settings only. Behaviour lives in the ``edition`` package beside this file;
per-language settings are applied there on ``config-inited``, because
``-D language=xx`` is applied after this file runs.
"""

import tomllib
from pathlib import Path

_pyproject = tomllib.loads((Path(__file__).parent / "pyproject.toml").read_text("utf-8"))

# -- Project information ------------------------------------------------------

project = "The Anti-Party Group, 1957"
author = "The Anti-Party Group 1957 editorial team"
copyright = "2026, the editors; Text B and adaptations: Wikipedia contributors, CC BY-SA 4.0"
release = version = _pyproject["project"]["version"]  # the one place: pyproject.toml
edition_basename = "anti-party-group-1957"  # the name of every output file: PDF, EPUB, records

# -- General configuration ----------------------------------------------------

extensions = [
    "myst_parser",
    "sphinxcontrib.bibtex",
    "edition.bibliography",
    "edition.catalogs",
    "edition.notes",
    "edition.texts",
    "edition.parallel",
    "edition.registry",
    "edition.persons",
    "edition.places",
    "edition.citations",
    "edition.theme",
    "edition.epub",
    "edition.book",
    "edition.search",
    "edition.tei",
    "edition.notfound",
    "edition.csp",
    "edition.manifest",
]

root_doc = "index"
exclude_patterns = ["_witnesses", "_data", "Thumbs.db", ".DS_Store"]
templates_path = []
nitpicky = True
smartquotes = False  # the texts keep their own quotation marks and dashes
language = "en"

# -- Options for internationalisation -----------------------------------------

locale_dirs = ["../locale"]
gettext_compact = False
gettext_uuid = False
gettext_location = True

# -- Options for MyST ---------------------------------------------------------

myst_enable_extensions = ["attrs_block", "colon_fence", "deflist"]
myst_heading_anchors = 0
myst_footnote_transition = False

# -- Options for sphinxcontrib-bibtex -----------------------------------------

bibtex_bibfiles = ["bibliography.bib"]  # relative to this file
bibtex_default_style = "chicago-author-date"  # edition.bibliography.chicago
bibtex_reference_style = "chicago-author-date"
bibtex_footbibliography_header = ""

# -- Options for the edition extensions --------------------------------------

edition_titles = {  # the edition's title in each language: page titles, PDF and EPUB title pages
    "en": project,
    "lv": "Antipartijiskā grupa, 1957",
    "ru": "Антипартийная группа, 1957",
}
edition_release_date = "2026-11-22"  # shown, in each language, on the title page and every page
edition_languages = ["en", "lv", "ru"]
edition_registry = "_data/paragraphs.json"  # relative to source/
persons_data = "_data/persons.toml"  # relative to source/
tei_witnesses = "_data/witnesses.toml"  # relative to source/: the supplied files, for the TEI headers
tei_slips = "_data/slips.toml"  # relative to source/: the witnesses' slips, as <sic>/<corr> in the TEI

# -- Options for edition.citations --------------------------------------------

# edition_base_url, the site's address, is not set here: it is given where the site is
# published, make publish BASE_URL=https://<host>/<path>/. Without it a build is a
# local preview, which cites its own address (make preview serves it there).
citations_license = "https://creativecommons.org/licenses/by-sa/4.0/"
citations_works = {  # the first publications; data as in bibliography.bib
    "A": {
        "type": "entry-encyclopedia",
        "author": [{"family": "Taubman", "given": "William"}],
        "title": "Anti-Party Group",
        "language": "en",
        "published_in": {
            "container-title": "Encyclopedia of Russian History",
            "editor": [{"family": "Millar", "given": "James R."}],
            "publisher": "Macmillan Reference USA",
            "publisher-place": "New York",
            "issued": {"date-parts": [[2004]]},
        },
        "copyright_holder": "Macmillan Reference USA",
        "copyright_year": 2004,
        "bibtex_key": "taubman2004antiparty",
    },
    "B": {
        "type": "entry-encyclopedia",
        "author": [{"literal": "Wikipedia contributors"}],
        "title": "Antipartijiskā grupa",
        "language": "lv",
        "published_in": {
            "container-title": "Latvian Wikipedia (Vikipēdija)",
            "URL": "https://lv.wikipedia.org/wiki/Antipartijisk%C4%81_grupa",
        },
        "license": "https://creativecommons.org/licenses/by-sa/4.0/",
        "bibtex_key": "wikipedia2018antipartijiska",
    },
}
# Chicago, MLA and APA are English-language styles, and CSL's Latvian and Russian
# locales lack terms they use (citeproc-js writes "Oriģināldarbs publicētājs as
# …", "22 ноябрь 2026 г."): every language formats its citations in en-US.
citations_locale = "en-US"

# -- Options for HTML output --------------------------------------------------

html_theme = "edition"
html_title = project
html_static_path = ["source/_static"]
html_copy_source = False
html_show_sourcelink = False
html_show_sphinx = False
html_last_updated_fmt = None
html_permalinks_icon = "¶"
html_favicon = "source/_static/favicon.svg"

# -- Options for LaTeX output -------------------------------------------------

latex_engine = "xelatex"
latex_documents = [("index", f"{edition_basename}.tex", project, author, "manual")]
latex_show_urls = "no"  # links read as text on paper and work in the file
latex_show_pagerefs = False
latex_elements = {
    "papersize": "a4paper",  # the class's; the book's page is its design's (edition.book)
    "pointsize": "11pt",
    "preamble": r"\PolyglossiaSetup{latvian}{frenchspacing=true}",
}

# -- Options for EPUB output --------------------------------------------------

epub_basename = edition_basename
epub_theme = "edition-epub"  # edition.epub: the web's typography, set for e-readers
epub_title = project
epub_author = author
epub_publisher = author
epub_copyright = copyright
# Sphinx writes epub_uid both as the XML id of the identifier (it must be an XML
# name: no colons) and as the NCX's dtb:uid, which must equal the identifier.
epub_uid = epub_identifier = edition_basename
epub_description = "An annotated, multilingual edition of two encyclopedia articles"
epub_contributor = author
epub_show_urls = "no"
epub_use_index = True
epub_exclude_files = [".buildinfo.bak"]  # Sphinx keeps it after a configuration change

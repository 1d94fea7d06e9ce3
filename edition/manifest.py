"""The manifest: what one language's build holds, written once for everything downstream.

At ``build-finished``, the HTML build of a language writes ``manifest.json`` at
the root of its output, from what Sphinx learnt while building (the model is
FLS's ``paragraph-ids.json``):

``edition``
    title, version, release date and basename, in the build's language;
``language``, ``languages``
    the build's language, and every language of the edition with its name in
    itself and the words the site's root page shows for it (from that
    language's catalog, so the root page needs no words of its own);
``pages``
    every page: its name, title, file and link (``html_link_suffix`` honoured),
    the documents and the pages Sphinx makes itself (index, search);
``texts``
    every edited text: siglum, language, page;
``paragraphs``
    every numbered paragraph: reference, siglum, number, anchor, page, file,
    digest and plain text of the original, and the plain text of its
    translation where the build shows one;
``notes``
    the notes of each page, in order: label, number, anchor;
``downloads``
    what the language publishes beside its HTML (``edition.downloads``): the
    PDF, the EPUB and the TEI (the corpus and each text's), each with the
    builder that makes it, the file that builder writes and its media type;
``records``
    the whole edition's BibTeX, RIS and CSL-JSON files;
``citation``
    the edition as the item reference managers save (``edition.citations``):
    its CSL-JSON record in this language, its PDF, the site's address and
    whether the build is a local preview; the site's root page describes the
    edition with it.

``edition.publish`` copies the downloads it names and publishes it with the
site; ``edition.checks``, ``bench/`` and the end-to-end tests read it
(:func:`load`) instead of re-parsing built files to rediscover these facts.
"""

from __future__ import annotations

import json
import os
import weakref
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.locale import get_translation

from edition import downloads, is_web
from edition.languages import language
from edition.texts import edited_text

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

_ = get_translation("edition")

#: The pages each build renders that are not documents (``genindex``, ``search``): Sphinx
#: writes them in every build, in the main process, with no doctree.
_generated: weakref.WeakKeyDictionary[Sphinx, set[str]] = weakref.WeakKeyDictionary()

#: The manifest's file name, at the root of a language's HTML and of its published folder.
NAME = "manifest.json"
#: Bumped when the manifest's shape changes.
FORMAT = 1


def _notes(doctree: nodes.document) -> list[dict[str, str]]:
    return [
        {"label": (note["names"] or [""])[0], "number": note[0].astext(), "id": note["ids"][0]}
        for note in doctree.findall(nodes.footnote)
    ]


def note_generated_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    if doctree is None and pagename not in app.env.all_docs:
        _generated.setdefault(app, set()).add(pagename)


def collect(app: Sphinx) -> dict[str, Any]:
    """The manifest of this build, from the environment and its domains."""
    env, builder, config = app.env, app.builder, app.config
    docnames = sorted(env.found_docs)
    pages, texts, notes = [], [], {}
    for docname in docnames:
        pages.append({
            "docname": docname,
            "title": env.titles[docname].astext() if docname in env.titles else "",
            "file": docname + builder.out_suffix,
            "uri": builder.get_target_uri(docname),
        })
        doctree = env.get_doctree(docname)
        texts += [{"siglum": text["siglum"], "lang": text["lang"], "docname": docname}
                  for text in doctree.findall(edited_text)]
        if page_notes := _notes(doctree):
            notes[docname] = page_notes
    for pagename in sorted(_generated.get(app, ())):
        pages.append({"docname": pagename, "title": "", "file": pagename + builder.out_suffix,
                      "uri": builder.get_target_uri(pagename)})
    paragraphs = [
        {
            **{key: record[key] for key in ("ref", "siglum", "number", "anchor", "docname", "sha256", "text")},
            "file": record["docname"] + builder.out_suffix,
            **({"translation": record["translation"]} if record.get("translation") else {}),
        }
        for record in sorted(env.domains["edition"].data["paragraphs"].values(),
                             key=lambda r: (docnames.index(r["docname"]), r["line"]))
    ]
    return {
        "format": FORMAT,
        "language": config.language,
        # the moment every date in the outputs comes from (the Makefile: the release date)
        "source_date_epoch": os.environ.get("SOURCE_DATE_EPOCH", ""),
        "edition": {
            "title": config.project,
            "version": config.release,
            "date": config.edition_release_date,
            "basename": config.edition_basename,
        },
        "languages": [
            {"code": code, "name": language(code).native_name} for code in config.edition_languages
        ],
        # the root page's words for this language, in this language
        "welcome": {
            "title": config.project,
            # Translators: the root page's invitation, in your own language: "Lasīt izdevumu latviski"
            "invitation": str(_("Read the edition in English")),
            "records": str(_("The records of the edition and its texts:")),
            # what a newcomer needs: the texts, who edited them, which version, when, under which licence
            "texts": str(_("Two encyclopedia articles, each complete and word for word, with notes, "
                           "translations and an apparatus:")),
            "edited_by": str(_("Edited by")),
            "version": str(_("version")),
            "date": config.today,
            "licence": str(_("Licence")),
        },
        "pages": pages,
        "texts": texts,
        "paragraphs": paragraphs,
        "notes": notes,
        "downloads": [asdict(download) for download in
                      downloads.downloads(config, sorted({text["docname"] for text in texts}))],
        "records": [{"file": file, "format": name} for file, name in downloads.records(config)],
        "citation": _citation(app),
    }


def _citation(app: Sphinx) -> dict[str, Any]:
    """The edition's item, from ``edition.citations`` when the build has it."""
    built = app.env.domains["citations"].built if "citations" in app.env.domains else None
    if built is None or built.info is None or built.edition is None:
        return {}
    pdf = downloads.pdf_for(app.config, app.config.root_doc)
    return {
        "record": built.edition.record,
        "pdf": pdf.file if pdf else "",
        "base_url": built.info.base_url,
        "preview": built.info.preview,
    }


def write(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not is_web(app.builder):
        return
    text = json.dumps(collect(app), ensure_ascii=False, indent=1) + "\n"
    path = Path(app.outdir) / NAME
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def load(folder: Path) -> dict[str, Any]:
    """The manifest of a built or published language folder, with a clear error if there is none."""
    path = folder / NAME
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        msg = f"{path}: no manifest; build the HTML of this language first (make html)"
        raise FileNotFoundError(msg) from None


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("edition.paragraphs")
    app.connect("html-page-context", note_generated_page)
    app.connect("build-finished", write, priority=900)  # after the files it lists are written
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

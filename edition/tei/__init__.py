"""TEI P5: each text in each language view, and the whole edition as a ``teiCorpus``.

At the end of a language's HTML build (``build-finished``), from what Sphinx
read (the doctrees, the paragraph domain, the registry) and the edition's data,
this extension writes with lxml:

- ``texts/<text>.tei.xml`` beside each text's page: a ``TEI`` document with its
  header (:mod:`edition.tei.header`), the original as ``div type="edition"``
  whose numbered paragraphs are ``p`` with ``xml:id`` and ``n`` = the permanent
  anchor and number (``p3``, ``3``), the translation into the build's language
  as ``div type="translation"`` whose paragraphs point to the originals
  (``corresp``), the notes as ``note`` where they stand, persons, terms and
  works as pointers into the back matter (:mod:`edition.tei.back`), and the
  slips as ``choice``/``sic``/``corr`` (:mod:`edition.tei.slips`);
- ``downloads/<basename>-<lang>.tei.xml``: the ``teiCorpus`` of every text, its
  documents' identifiers prefixed with their siglum (``A-p3``) so that they stay
  unique in one file.

``edition.downloads`` names the files; the manifest lists them; ``make check``
validates them against ``tei_all`` with jing (``edition.checks.tei``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from lxml import etree
from sphinx import addnodes
from sphinx.util import logging

from edition import downloads, is_web
from edition.paragraphs import paragraph_number
from edition.parallel import text_unit, translation
from edition.persons import persons_path, register_data
from edition.registry import load as load_registry
from edition.registry import registry_path
from edition.tei import back, header, slips
from edition.tei.convert import TEI_NS, XML_ID, XML_LANG, Converter, Links, tei
from edition.texts import edited_text

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

logger = logging.getLogger(__name__)

SCHEMA_PI = ('href="https://www.tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng" '
             'type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"')


class Edition:
    """What every TEI document of one build shares: data read once."""

    def __init__(self, app: Sphinx) -> None:
        self.app, self.env, self.config = app, app.env, app.config
        source = Path(app.srcdir)
        self.texts: dict[str, tuple[str, edited_text]] = {}  # siglum -> (docname, node)
        self.doctrees: dict[str, nodes.document] = {}
        for docname in sorted(self.env.found_docs):
            doctree = self.env.get_doctree(docname)
            for text in doctree.findall(edited_text):
                self.texts[text["siglum"]] = (docname, text)
                self.doctrees[docname] = doctree
        self.works = back.read_works(Path(app.confdir) / self.config.bibtex_bibfiles[0])
        self.labels = back.short_labels(self.works)
        self.persons = register_data(persons_path(app))[0]
        self.glossary = self._doctree(self.config.tei_glossary)
        self.principles = self._doctree(self.config.tei_principles)
        known = self.env.domaindata["std"].get("terms", {})
        self.terms = back.glossary_terms(self.glossary, known) if self.glossary is not None else {}
        self.changes = load_registry(registry_path(self.env))["changes"]
        self.witnesses = header.load_witnesses(source / self.config.tei_witnesses)
        self.witness_folder = source / "_witnesses"
        self.slips_path = source / self.config.tei_slips
        self.slips = slips.load(self.slips_path)
        domain = self.env.domains["edition"]
        self.paragraphs = {ref: (r["docname"], r["anchor"]) for ref, r in domain.data["paragraphs"].items()}
        self.titles = {name: title.astext() for name, title in self.env.titles.items()}
        self.base = self._base_url()

    def _doctree(self, docname: str) -> nodes.document | None:
        return self.env.get_doctree(docname) if docname in self.env.found_docs else None

    def _base_url(self) -> str:
        built = self.env.domains["citations"].built if "citations" in self.env.domains else None
        if built is not None and built.info is not None:
            return built.info.base_url
        return self.config.edition_base_url if "edition_base_url" in self.config else ""

    def url(self, file: str) -> str:
        return f"{self.base}{self.config.language}/{file}"

    def page_url(self, docname: str, anchor: str = "") -> str:
        return self.url(self.app.builder.get_target_uri(docname)) + (f"#{anchor}" if anchor else "")

    def tei_url(self, docname: str, anchor: str = "") -> str:
        return self.url(downloads.tei(docname)) + (f"#{anchor}" if anchor else "")

    def links(self, prefixes: dict[str, str], prefix: str) -> Links:
        return Links(prefix=prefix, local=prefixes, page_url=self.page_url, tei_url=self.tei_url,
                     texts=frozenset(docname for docname, _ in self.texts.values()),
                     paragraphs=self.paragraphs, terms=self.terms, works=self.labels, titles=self.titles)

    # -- documents --------------------------------------------------------------

    def document(self, siglum: str, prefixes: dict[str, str]) -> etree._Element:
        """The TEI document of one text in this build's language."""
        docname, text = self.texts[siglum]
        links = self.links(prefixes, prefixes[docname])
        lang, view = text["lang"], self.config.language
        doctree = self.doctrees[docname]
        notes = {footnote["ids"][0]: footnote for footnote in doctree.findall(nodes.footnote)}
        converter = Converter(links, notes, note_lang=view if view != lang else "")
        root = tei("TEI", {XML_LANG: view, "n": siglum})
        self.header(root, siglum, docname, text, converter)
        body = tei("body", parent=tei("text", parent=root))
        self.original(body, siglum, docname, text, converter)
        self.translation(body, siglum, text, Converter(links))
        self.back(tei("back", parent=body.getparent()), links)
        self.check_sic_notes(siglum, notes)
        return root

    def header(self, root: etree._Element, siglum: str, docname: str, text: edited_text,
               converter: Converter) -> None:
        config, links = self.config, converter.links
        head = tei("teiHeader", parent=root)
        description = tei("fileDesc", parent=head)
        titles = tei("titleStmt", parent=description)
        title = tei("title", {"type": "main", XML_LANG: text["lang"]}, parent=titles)
        section = text.parent
        if isinstance(section, nodes.section) and isinstance(section[0], nodes.title):
            converter.inline(title, section[0])
        tei("title", {"type": "sub"}, config.project, parent=titles)
        work = config.citations_works.get(siglum) if "citations_works" in config else None
        header._names(titles, "author", (work or {}).get("author", []))
        tei("editor", {XML_ID: links.id("editors")}, config.author, parent=titles)
        header.edition_statement(description, config)
        header.publication_statement(description, config, self.url(downloads.tei(docname)), work or {})
        source = tei("sourceDesc", parent=description)
        if work:
            header.first_publication(source, work)
        witnesses = [self.witnesses[siglum]] if siglum in self.witnesses else []
        header.witness_list(source, witnesses, self.witness_folder, links.id)
        header.encoding_description(head, self.principles, Converter(links))
        header.profile(head, sorted({text["lang"], config.language}))
        header.revisions(head, self.changes)

    def original(self, body: etree._Element, siglum: str, docname: str, text: edited_text,
                 converter: Converter) -> None:
        links = converter.links
        division = tei("div", {"type": "edition", XML_ID: links.id("text"), XML_LANG: text["lang"], "n": siglum,
                               "source": links.local_ref(f"wit-{siglum}") if siglum in self.witnesses else ""},
                       parent=body)
        section = text.parent
        if isinstance(section, nodes.section) and isinstance(section[0], nodes.title):
            converter.inline(tei("head", parent=division), section[0])
        places: dict[str, etree._Element] = {}
        closing = []
        for child in text.children:
            if isinstance(child, text_unit):
                paragraph = child[0]
                number = next(paragraph.findall(paragraph_number))["number"]
                element = tei("p", {XML_ID: links.id(paragraph["ids"][0]), "n": number}, parent=division)
                converter.inline(element, paragraph)
                places[number] = element
            elif isinstance(child, nodes.paragraph) and "revision-note" not in child["classes"]:
                converter.inline(tei("p", parent=division), child)
            elif isinstance(child, nodes.container):
                kind = (child["classes"] or ["part"])[0]
                if kind == "byline":
                    closing.append(child)
                    continue
                part = tei("div", {"type": kind}, parent=division)
                places[kind] = part
                paragraphs = list(child.findall(nodes.paragraph))
                if kind in {"works", "references"}:
                    listing = tei("listBibl", parent=part)
                    for paragraph in paragraphs:
                        converter.inline(tei("bibl", parent=listing), paragraph)
                else:
                    for paragraph in paragraphs:
                        converter.inline(tei("p", parent=part), paragraph)
            elif not isinstance(child, (addnodes.index, nodes.paragraph)) and child.tagname not in {"cite_panel", "target"}:
                converter.block(division, child)
        for child in closing:
            converter.inline(tei("byline", parent=division), child)
        for slip in self.slips:
            if slip.siglum != siglum:
                continue
            place = places.get(slip.place)
            if place is None or not slips.mark(place, slip, links.local_ref("editors")):
                logger.warning("slip %r of %s (%s) is not found once in %s %s: correct the entry",
                               slip.sic, siglum, slip.kind, siglum, slip.place,
                               location=f"{self.slips_path}:{slip.line}", type="edition", subtype="tei")

    def translation(self, body: etree._Element, siglum: str, text: edited_text, converter: Converter) -> None:
        copies = list(text.findall(translation))
        if not copies:
            return
        links, view = converter.links, self.config.language
        division = tei("div", {"type": "translation", XML_LANG: view, "corresp": links.local_ref("text"),
                               "n": siglum}, parent=body)
        for copy in copies:
            original = copy.parent[0]
            anchor = original["ids"][0]
            number = next(original.findall(paragraph_number))["number"]
            element = tei("p", {XML_ID: links.id(f"{view}-{anchor}"), "n": number,
                                "corresp": links.local_ref(anchor)}, parent=division)
            converter.inline(element, copy)

    def back(self, matter: etree._Element, links: Links) -> None:
        persons = tei("div", {"type": "persons"}, parent=matter)
        persons.append(back.list_person(self.persons, links, self.labels))
        works = tei("div", {"type": "bibliography"}, parent=matter)
        works.append(back.list_bibl(self.works, links))
        if self.glossary is not None:
            back.glossary_entries(self.glossary, Converter(links), tei("div", {"type": "glossary"}, parent=matter))

    def check_sic_notes(self, siglum: str, notes: dict[str, nodes.footnote]) -> None:
        """Every "[sic]" note has its slip in the data, so the TEI carries the correction."""
        listed = {slip.note for slip in self.slips if slip.note}
        for label, footnote in notes.items():
            body = [c for c in footnote.children if isinstance(c, nodes.paragraph)]
            if body and body[0].astext().startswith("[sic]") and label not in listed:
                logger.warning("the note %s of %s gives [sic], but %s has no slip for it: add one", label,
                               siglum, self.slips_path.name, location=footnote, type="edition", subtype="tei")

    def corpus(self) -> etree._Element:
        """The whole edition in this language view: one header, every text."""
        config = self.config
        prefixes = {docname: f"{siglum}-" for siglum, (docname, _) in self.texts.items()}
        root = tei("teiCorpus", {XML_LANG: config.language})
        head = tei("teiHeader", parent=root)
        description = tei("fileDesc", parent=head)
        titles = tei("titleStmt", parent=description)
        tei("title", {"type": "main"}, config.project, parent=titles)
        tei("editor", {XML_ID: "editors"}, config.author, parent=titles)
        header.edition_statement(description, config)
        header.publication_statement(description, config, self.url(downloads.tei_corpus(config)), None)
        source = tei("sourceDesc", parent=description)
        header.witness_list(source, [self.witnesses[s] for s in sorted(self.texts) if s in self.witnesses],
                            self.witness_folder, lambda name: name)
        # the principles' citations point to the works listed at the back of the first text
        links = self.links(prefixes, f"{min(self.texts)}-")
        header.encoding_description(head, self.principles, Converter(links))
        header.profile(head, sorted({t["lang"] for _, t in self.texts.values()} | {config.language}))
        header.revisions(head, self.changes)
        for siglum in sorted(self.texts):
            root.append(self.document(siglum, prefixes))
        return root


def serialise(root: etree._Element) -> bytes:
    tree = etree.ElementTree(root)
    root.addprevious(etree.ProcessingInstruction("xml-model", SCHEMA_PI))
    etree.cleanup_namespaces(root, top_nsmap={None: TEI_NS})
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write_file(path: Path, data: bytes) -> None:
    """Write *data* unless the file already holds it (a rebuild changes nothing)."""
    if path.is_file() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


def write(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not is_web(app.builder):
        return
    edition = Edition(app)
    if not edition.texts:
        return
    outdir = Path(app.outdir)
    for siglum, (docname, _) in sorted(edition.texts.items()):
        write_file(outdir / downloads.tei(docname), serialise(edition.document(siglum, {docname: ""})))
    write_file(outdir / downloads.tei_corpus(app.config), serialise(edition.corpus()))


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("edition.paragraphs")
    app.setup_extension("edition.parallel")
    app.setup_extension("edition.registry")
    app.setup_extension("edition.persons")
    app.add_config_value("tei_witnesses", "_data/witnesses.toml", "env", types=frozenset({str}))
    app.add_config_value("tei_slips", "_data/slips.toml", "env", types=frozenset({str}))
    app.add_config_value("tei_glossary", "glossary", "env", types=frozenset({str}))
    app.add_config_value("tei_principles", "principles", "env", types=frozenset({str}))
    app.connect("build-finished", write, priority=800)  # before the manifest (900) lists the files
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}


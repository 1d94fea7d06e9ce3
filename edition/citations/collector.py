"""What a build can cite, formatted once all documents are read.

On ``env-updated`` the records of the edition, its pages and its numbered
paragraphs are built (``records``) and every string the output needs is
made in one batch (``formatting``): for an HTML build the cite boxes of all
paragraphs, for any build the ``citation-examples``. The result lives on
the ``citations`` domain for the writers. A document whose strings changed
since the last build (a new style or citeproc-js) is written again.

On ``build-finished`` an HTML build publishes the records as files: each
paragraph's under ``cite/<page>/p<n>.{bib,ris,json}`` (its text's item, with the
paragraph as a locator where the format has room for it), and the edition's with
its texts at the root, ``<edition_basename>.{bib,ris,json}``; and, for the
cite boxes' script, each page's strings in ``cite/<page>/citations.json``.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from sphinx.domains import Domain
from sphinx.errors import ConfigError, ExtensionError
from sphinx.locale import get_translation
from sphinx.util import logging

from edition import is_web
from edition.citations import exports, records
from edition.citations.formatting import (
    FORMS_BY_NAME,
    Formatter,
    FormattingError,
    Job,
    find_citeproc,
    style_path,
)
from edition.citations.metadata import page_description
from edition.citations.nodes import (
    PARAGRAPH_FORMS,
    SILENT_BUILDERS,
    WORK_FORMS,
    download_path,
    page_strings,
    page_strings_path,
)
from edition.downloads import RECORD_FORMATS
from edition.downloads import records as record_files
from edition.languages import language

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

_ = get_translation("edition")
logger = logging.getLogger(__name__)


@dataclass
class Built:
    """Everything citable in this build, with its strings."""

    info: records.Edition | None = None
    root_doc: str = "index"
    pages: dict[str, records.Citable] = field(default_factory=dict)
    paragraphs: dict[str, records.Citable] = field(default_factory=dict)
    node_runs: int = 0
    #: siglum -> the sentence that names the text's first publication, in the build's language
    first_published: dict[str, str] = field(default_factory=dict)

    @property
    def edition(self) -> records.Citable | None:
        return self.pages.get(self.root_doc)


class CitationsDomain(Domain):
    """Which pages show ``citation-examples``; and, per build, what is citable."""

    name = "citations"
    label = "Citations"
    initial_data: ClassVar[dict[str, Any]] = {"examples": {}, "digests": {}}
    data_version = 1

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        self.built = Built()  # made anew by prepare() in every build

    def note_examples(self, docname: str, refs: list[str]) -> None:
        self.data["examples"].setdefault(docname, []).extend(refs)

    def clear_doc(self, docname: str) -> None:
        self.data["examples"].pop(docname, None)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata["examples"]:
                self.data["examples"][docname] = otherdata["examples"][docname]

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):  # noqa: ANN001
        return []


# -- Settings -----------------------------------------------------------------


#: Hosts that are placeholders (RFC 2606), never an edition's address.
PLACEHOLDER_HOST = re.compile(r"^https?://(?:[^/@]*\.)?example\.(?:org|com|net)(?::\d+)?(?:/|$)")


def check_config(app: Sphinx, config: Config) -> None:
    """Refuse settings that would publish wrong citations.

    No ``edition_base_url`` makes a local preview, which cites its own address
    (``edition_preview_url``) and says so in every cite box.
    """
    for name in ("edition_base_url", "edition_preview_url"):
        base = getattr(config, name)
        if name == "edition_base_url" and not base:
            continue
        if not re.match(r"^https?://[^/]+(/.*)?$", base) or PLACEHOLDER_HOST.match(base):
            msg = (f"{name} must be the absolute http(s) URL of the site, not {base!r}: give the "
                   f"address it is published at with make BASE_URL=https://<host>/<path>/ "
                   f"(or -D {name}=...)")
            raise ConfigError(msg)
        if not base.endswith("/"):
            setattr(config, name, base + "/")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", config.edition_release_date):
        msg = (f"edition_release_date must be a date written YYYY-MM-DD, not "
               f"{config.edition_release_date!r}: correct it in conf.py")
        raise ConfigError(msg)
    problems = [
        problem
        for siglum, work in config.citations_works.items()
        for problem in records.check_work(siglum, work)
    ]
    if problems:
        raise ConfigError("citations_works in conf.py: " + "; ".join(problems))


def edition_info(config: Config) -> records.Edition:
    return records.Edition(
        title=config.project,
        editors=config.author,
        publisher=config.citations_publisher or config.author,
        version=config.release,
        date=config.edition_release_date,
        base_url=config.edition_base_url or config.edition_preview_url,
        language=config.language or "en",
        license=config.citations_license,
        basename=config.edition_basename,
        languages=tuple(config.edition_languages),
        link_suffix=config.html_link_suffix or config.html_file_suffix or ".html",
        place=config.citations_place,
        preview=not config.edition_base_url,
    )


def formatter(app: Sphinx, *extra_styles: str) -> Formatter:
    """citeproc-js with the styles of the cite boxes, and *extra_styles*, and the build's cache."""
    config = app.config
    styles = {name: style_path(name) for name in (*config.citations_styles.values(), *extra_styles)}
    cache = (
        Path(app.confdir, config.citations_cache)
        if config.citations_cache
        else Path(app.doctreedir)
    )
    return Formatter(
        node=config.citations_node,
        citeproc=find_citeproc(config.citations_citeproc, Path(app.confdir), Path(__file__).parent),
        styles=styles,
        cache_file=cache / "citeproc-cache.json",
    )


# -- Reading done: records and strings --------------------------------------------


def prepare(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Build every record, make the strings the output needs; return the documents to rewrite."""
    config = app.config
    domain: CitationsDomain = env.domains["citations"]  # type: ignore[assignment]
    info = edition_info(config)
    titles = {
        docname: env.titles[docname].astext() for docname in env.found_docs if docname in env.titles
    }
    first_published = {
        siglum: _("Originally published in %s")
        % records.describe_publication(work["published_in"], _("ed. %s"))
        for siglum, work in config.citations_works.items()
    }
    pages, paragraphs = records.collect(
        info,
        works=config.citations_works,
        paragraphs=env.domains["edition"].data["paragraphs"],
        titles=titles,
        root_doc=config.root_doc,
        first_published=first_published,
    )
    if is_web(app.builder):
        # the abstract of an item is the description of its page: the same sentences
        for docname, page in pages.items():
            description = page_description(env.get_doctree(docname))
            if description:
                page.record["abstract"] = description
    built = Built(info, config.root_doc, pages, paragraphs, first_published=first_published)

    examples: dict[str, list[str]] = domain.data["examples"]
    wanted = {ref for refs in examples.values() for ref in refs}
    citables = [c for c in paragraphs.values() if is_web(app.builder) or c.ref in wanted]
    if "edition" in wanted and built.edition is not None:
        citables.append(built.edition)
    if app.builder.format == "latex":  # the book's imprint and the openings of its texts (edition.book)
        citables += [p for p in pages.values() if p.kind in {"edition", "text"} and p not in citables]
    if app.builder.name in SILENT_BUILDERS:
        citables = []
    try:
        locale = config.citations_locale or language(config.language).csl_locale
        jobs, owners = [], []
        for citable in citables:
            for name in PARAGRAPH_FORMS if citable.ref else WORK_FORMS:
                form = FORMS_BY_NAME[name]
                locator = citable.locator if form.mode == "citation" else ""
                jobs.append(
                    Job(
                        item=records.for_citeproc(citable.record),
                        style=config.citations_styles[form.style],
                        mode=form.mode,
                        locale=locale,
                        locator=locator,
                        label="paragraph" if locator else "",
                    )
                )
                owners.append((citable, name))
        if jobs:
            maker = formatter(app)
            for (citable, name), string in zip(owners, maker.format(jobs), strict=True):
                citable.strings[name] = string
            built.node_runs = maker.runs
    except FormattingError as err:
        raise ExtensionError(f"edition.citations: {err}") from None
    domain.built = built

    # A document is written again when the strings it shows have changed.
    digests = {}
    for docname in env.found_docs:
        shown = [c for c in paragraphs.values() if c.docname == docname]
        for ref in examples.get(docname, []):
            shown.append(built.edition if ref == "edition" else paragraphs.get(ref))
        material = repr([(c.ref, sorted(c.strings.items())) for c in shown if c is not None])
        digests[docname] = hashlib.sha256(material.encode()).hexdigest()
    previous = domain.data["digests"]
    domain.data["digests"] = digests
    return sorted(doc for doc, digest in digests.items() if previous.get(doc, digest) != digest)


# -- Build finished: the records as files -----------------------------------------


def _locator(citable: records.Citable) -> str:
    """The paragraph a download is for: a note beside the item, never part of it."""
    return _("Cite with the locator paragraph %(number)s (%(ref)s): %(url)s") % {
        "number": citable.locator, "ref": citable.ref, "url": citable.url}


def _write(path: Path, text: str) -> None:
    """Write *text* unless the file already holds it (keeps the date of unchanged files)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8", newline="")


def _files(citables: list[records.Citable], built: Built) -> dict[str, str]:
    """The records of *citables* as BibTeX, RIS and CSL-JSON; a paragraph's are its text's,
    with its locator as a note."""
    bib, ris = [], []
    for citable in citables:
        first = built.first_published.get(citable.siglum, "") if citable.work is not None else ""
        locator = _locator(citable) if citable.ref else ""
        bib.append(exports.bibtex(citable.record, citable.key, note=first, annote=locator))
        ris.append(exports.ris(citable.record, tuple(n for n in (first, locator) if n)))
    return {
        "bib": "\n".join(bib),
        "ris": "".join(ris),
        "json": exports.csl_json([c.record for c in citables]),
    }


def write_files(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not is_web(app.builder):
        return
    built: Built = app.env.domains["citations"].built  # type: ignore[attr-defined]
    outdir = Path(app.outdir)
    by_page: dict[str, list[records.Citable]] = {}
    for citable in built.paragraphs.values():
        by_page.setdefault(citable.docname, []).append(citable)
        for suffix, text in _files([citable], built).items():
            _write(outdir / download_path(citable, suffix), text)
    name = f"{app.config.edition_basename}-{app.config.language}-{{slug}}.{{suffix}}"
    for docname, citables in by_page.items():
        data = page_strings(citables, name, preview=built.info is not None and built.info.preview)
        _write(
            outdir / page_strings_path(docname),
            json.dumps(data, ensure_ascii=False, separators=(",", ":")),
        )
    texts = sorted(
        (page for page in built.pages.values() if page.kind == "text"), key=lambda page: page.siglum
    )
    if built.edition is not None:
        files = _files([built.edition, *texts], built)
        for (suffix, _name), (file, _format) in zip(RECORD_FORMATS, record_files(app.config), strict=True):
            _write(outdir / file, files[suffix])

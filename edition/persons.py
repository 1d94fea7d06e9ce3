"""The register of persons, and the links to it from the paragraphs that name them.

``source/_data/persons.toml`` describes each person once: a stable ``id``,
the name in English and Russian, life dates, offices, and the ``forms``
(regular expressions) by which the texts and the apparatus name them, in
English, Latvian inflections and Russian.

- The first mention of a person in each paragraph of an edited text or of
  the introduction becomes a link to the person's entry, and every paragraph
  naming the person an index entry. A name inside the title of a work (in a
  text's list of works) is indexed but not linked. Nothing is typed by hand
  per mention.
- The ``{persons-register}`` directive renders the register: one entry per
  person, with an anchor ``person-<id>`` that never changes, and back-links
  to every paragraph that names the person.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx import addnodes
from sphinx.domains import Domain
from sphinx.errors import ConfigError
from sphinx.locale import get_translation
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

from edition import ancestors
from edition.languages import language
from edition.paragraphs import paragraph_number
from edition.texts import edited_text

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

_ = get_translation("edition")
logger = logging.getLogger(__name__)

FIELDS = {"id": str, "name": str, "russian": str, "dates": str, "offices": list, "note": str, "forms": list}
REQUIRED = ("id", "name", "forms")


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    russian: str = ""
    dates: str = ""
    offices: tuple[str, ...] = ()
    note: str = ""
    forms: tuple[str, ...] = field(default=())

    @property
    def anchor(self) -> str:
        return f"person-{self.id}"

    def index_name(self, code: str) -> str:
        """The name the index of *code* lists: in the reader's script (the Russian form in Russian)."""
        return self.russian if language(code).cyrillic and self.russian else self.name


def load_persons(path: Path) -> list[Person]:
    """Read and validate the register's data; errors name the file and the entry."""
    if not path.exists():
        return []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{path}: invalid TOML ({err})") from None
    persons, seen = [], set()
    for number, entry in enumerate(data.get("person", []), start=1):
        where = f"{path}: [[person]] number {number} ({entry.get('id', 'no id')})"
        unknown = set(entry) - set(FIELDS)
        missing = [key for key in REQUIRED if not entry.get(key)]
        if unknown:
            raise ConfigError(f"{where}: unknown keys {sorted(unknown)}; the keys are {', '.join(FIELDS)}")
        if missing:
            raise ConfigError(f"{where}: missing keys {missing}")
        for key, kind in FIELDS.items():
            if key in entry and not isinstance(entry[key], kind):
                raise ConfigError(f"{where}: {key} must be a {kind.__name__}")
        if not re.fullmatch(r"[a-z][a-z0-9-]*", entry["id"]) or entry["id"] in seen:
            raise ConfigError(f"{where}: id must be unique, lowercase ASCII letters, digits and hyphens")
        seen.add(entry["id"])
        for form in entry["forms"]:
            try:
                re.compile(form)
            except re.error as err:
                raise ConfigError(f"{where}: form {form!r} is not a regular expression ({err})") from None
        persons.append(Person(**{**entry, "offices": tuple(entry.get("offices", ())),
                                 "forms": tuple(entry["forms"])}))
    return persons


def mention_pattern(persons: Iterable[Person]) -> re.Pattern[str]:
    """One pattern for all persons; each alternative is a named group ``p<index>``.

    Longer forms come first, so that "Ņikitas Hruščova" wins over "Hruščova".
    """
    alternatives = sorted(
        ((form, index) for index, person in enumerate(persons) for form in person.forms),
        key=lambda item: -len(item[0]),
    )
    body = "|".join(f"(?P<p{index}_{n}>{form})" for n, (form, index) in enumerate(alternatives))
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)")


# -- Domain ---------------------------------------------------------------------


class PersonsDomain(Domain):
    """Where each person's entry is, and which paragraphs name them."""

    name = "persons"
    label = "Persons"
    initial_data: ClassVar[dict[str, Any]] = {"entries": {}, "mentions": {}}
    data_version = 1
    # entries: id -> docname; mentions: docname -> [(id, anchor, label)]

    def clear_doc(self, docname: str) -> None:
        self.data["mentions"].pop(docname, None)
        for person, where in list(self.data["entries"].items()):
            if where == docname:
                del self.data["entries"][person]

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        for person, where in otherdata["entries"].items():
            if where in docnames:
                self.data["entries"][person] = where
        for docname, mentions in otherdata["mentions"].items():
            if docname in docnames:
                self.data["mentions"][docname] = mentions

    def mentions_of(self, person: str) -> list[tuple[str, str, str]]:
        """(docname, anchor, label) of every paragraph naming *person*, in reading order."""
        found = []
        for docname in sorted(self.data["mentions"]):
            for who, anchor, label in self.data["mentions"].get(docname, ()):
                if who == person and (docname, anchor, label) not in found:
                    found.append((docname, anchor, label))
        return found

    def resolve_xref(
        self, env: BuildEnvironment, fromdocname: str, builder: Builder, typ: str,
        target: str, node: addnodes.pending_xref, contnode: nodes.Element,
    ) -> nodes.reference | None:
        docname = self.data["entries"].get(target)
        if docname is None:
            return None
        reference = make_refnode(builder, fromdocname, docname, f"person-{target}", contnode)
        reference["classes"].append("person")
        return reference

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):  # noqa: ANN001
        found = self.resolve_xref(env, fromdocname, builder, "person", target, node, contnode)
        return [("persons:person", found)] if found is not None else []


# -- Linking mentions -----------------------------------------------------------

SKIP = (nodes.reference, addnodes.pending_xref, nodes.footnote_reference, nodes.literal,
        paragraph_number, nodes.title, addnodes.index)


def _skipped(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, SKIP):
            return True
        parent = parent.parent
    return False


#: The title in an entry of a text's list of works: after "(1966). ", up to ", tr." or the next full stop.
WORK_TITLE = re.compile(r"\(\d{4}\)\.\s+(?P<title>.+?)(?=,\s+(?:tr|ed)\.|\.\s|\.?$)")


def _title_spans(block: nodes.Element, text: str) -> list[tuple[int, int]]:
    """Where *text* (of *block*) holds the title of a work: no links there."""
    if not any(isinstance(p, nodes.container) and "works" in p["classes"] for p in ancestors(block)):
        return []
    return [match.span("title") for match in WORK_TITLE.finditer(text)]


def _places(document: nodes.document) -> Iterator[tuple[nodes.Element, str, str]]:
    """(element, anchor, label) for each place whose mentions are linked."""
    for text in document.findall(edited_text):
        siglum = text["siglum"]
        for block in text.findall(nodes.paragraph):
            if block.get("edition_ref"):
                yield block, block["ids"][0], block["edition_ref"]
            else:  # the text's unnumbered parts: "See also", works, byline, references
                container = next((p for p in ancestors(block) if isinstance(p, nodes.container)), None)
                if container is not None:
                    if not container["ids"]:
                        container["ids"] = [nodes.make_id(" ".join(container["classes"]) or "part")]
                    yield block, container["ids"][0], f"{siglum} ({container['ids'][0]})"
    for block in document.findall(nodes.paragraph):
        ref = block.get("edition_ref")
        if ref and not any(isinstance(p, edited_text) for p in ancestors(block)):
            yield block, block["ids"][0], ref


class LinkMentions(SphinxTransform):
    """Link a person's first mention in each paragraph to the register; index every paragraph naming them.

    One link per person and paragraph: a paragraph naming Khrushchev five times
    reads as text, not as a list of links.
    """

    default_priority = 840  # after the paragraphs are numbered (830), before index entries are collected (850)

    def apply(self, **kwargs: Any) -> None:
        path = persons_path(self.env)
        persons, pattern = register_data(path)
        if not persons:
            return
        self.env.note_dependency(str(path))
        domain = self.env.domains["persons"]
        mentions = domain.data["mentions"].setdefault(self.env.docname, [])
        for block, anchor, label in list(_places(self.document)):
            linked: set[str] = set()
            named: set[str] = set()
            for text in list(block.findall(nodes.Text)):
                if _skipped(text):
                    continue
                pieces = self._split(str(text), pattern, persons, linked, named, _title_spans(block, str(text)))
                if pieces is None:
                    continue
                parent = text.parent
                index = parent.index(text)
                parent.remove(text)
                for offset, piece in enumerate(pieces):
                    parent.insert(index + offset, piece)
            for person in sorted(linked | named):
                entry = next(p for p in persons if p.id == person)
                block.insert(0, addnodes.index(entries=[("single", entry.index_name(self.config.language),
                                                         anchor, "", None)]))
                if (person, anchor, label) not in mentions:
                    mentions.append((person, anchor, label))

    @staticmethod
    def _split(text: str, pattern: re.Pattern[str], persons: list[Person], linked: set[str],
               named: set[str], titles: list[tuple[int, int]]) -> list[nodes.Node] | None:
        """The text with the first mention of each person not yet *linked* as a link.

        Mentions inside *titles* (spans of the text) are only added to *named*.
        """
        pieces: list[nodes.Node] = []
        position = 0
        for match in pattern.finditer(text):
            person = persons[int(match.lastgroup.split("_")[0][1:])]  # type: ignore[union-attr]
            if any(start <= match.start() < end for start, end in titles):
                named.add(person.id)
                continue
            if person.id in linked:
                continue
            linked.add(person.id)
            pieces.append(nodes.Text(text[position:match.start()]))
            xref = addnodes.pending_xref(
                match.group(), refdomain="persons", reftype="person", reftarget=person.id,
                refexplicit=True, refwarn=True,
            )
            xref += nodes.Text(match.group())
            pieces.append(xref)
            position = match.end()
        if not pieces:
            return None
        pieces.append(nodes.Text(text[position:]))
        return [piece for piece in pieces if not isinstance(piece, nodes.Text) or str(piece)]


# -- The register ---------------------------------------------------------------


class SortRegister(SphinxTransform):
    """Sort the entries by their names as the reader sees them, translated or not."""

    default_priority = 30  # after Sphinx's Locale transform (20) has translated the names

    def apply(self, **kwargs: Any) -> None:
        entries = [node for node in self.document.findall(nodes.container) if "person" in node["classes"]]
        collation_key = language(self.config.language).collation_key
        for parent in {id(e.parent): e.parent for e in entries}.values():
            mine = [child for child in parent.children if child in entries]
            first = parent.index(mine[0])
            ordered = sorted(mine, key=lambda e: collation_key(e.astext()))
            for offset, entry in enumerate(ordered):
                parent.remove(entry)
                parent.insert(first + offset, entry)


class person_mentions(nodes.General, nodes.Element):  # noqa: N801 (docutils naming)
    """Placeholder for the back-links of one entry; attribute ``person``."""


class PersonsRegister(SphinxDirective):
    """``{persons-register}``: every person, sorted by name."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        path = persons_path(self.env)
        persons, _pattern = register_data(path)
        self.env.note_dependency(str(path))
        domain = self.env.domains["persons"]
        result: list[nodes.Node] = []
        for person in persons:  # SortRegister puts them in the reader's alphabetical order
            entry = nodes.container(classes=["person"])
            head = f"**{person.name}**"
            if person.russian:
                head += f" ({{ru}}`{person.russian}`)"
            if person.dates:
                head += f", {person.dates}"
            lines = [head, ""]
            if person.note:
                lines += [person.note, ""]
            lines += [f"- {office}" for office in person.offices]
            entry += self.parse_text_to_nodes("\n".join(lines))
            # an anchor in every builder, outside the name's paragraph, which gettext may replace
            entry.insert(0, nodes.target("", "", ids=[person.anchor]))
            entry += person_mentions(person=person.id)
            entry.insert(0, addnodes.index(entries=[("single", person.index_name(self.config.language),
                                                     person.anchor, "main", None)]))
            self.set_source_info(entry)
            domain.data["entries"][person.id] = self.env.docname
            result.append(entry)
        return result


def fill_mentions(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace each placeholder with links to the paragraphs naming the person."""
    domain = app.env.domains["persons"]
    for placeholder in list(doctree.findall(person_mentions)):
        paragraph = nodes.paragraph(classes=["mentions"])
        paragraph += nodes.Text(_("Named in:") + " ")
        found = domain.mentions_of(placeholder["person"])
        for number, (where, anchor, label) in enumerate(found):
            if number:
                paragraph += nodes.Text(", ")
            paragraph += make_refnode(app.builder, docname, where, anchor, nodes.inline(label, label), label)
        if not found:
            paragraph += nodes.Text(_("only the apparatus."))
        placeholder.replace_self(paragraph)


def quiet_repeated_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """One link per person or glossary term and paragraph: a repeated one becomes its text.

    Terms are linked by hand (``{term}``); an editor may link a term twice in a
    paragraph, the reader needs the first link only.
    """
    for paragraph in doctree.findall(nodes.paragraph):
        seen: set[str] = set()
        for reference in list(paragraph.findall(nodes.reference)):
            target = reference.get("refuri") or "#" + reference.get("refid", "")
            if "#term-" not in target and "person" not in reference["classes"]:
                continue
            if target in seen:
                reference.replace_self(reference.children)
            else:
                seen.add(target)


# -- Setup ----------------------------------------------------------------------


def persons_path(env_or_app: Any) -> Path:
    """The register's data, relative to the source directory (``persons_data``)."""
    return Path(env_or_app.srcdir) / env_or_app.config.persons_data


@functools.cache
def _register_data(path: Path, mtime_ns: int) -> tuple[list[Person], re.Pattern[str]]:
    persons = load_persons(path)
    return persons, mention_pattern(persons)


def register_data(path: Path) -> tuple[list[Person], re.Pattern[str]]:
    """The persons and their pattern, read once per version of the file."""
    return _register_data(path, path.stat().st_mtime_ns if path.exists() else 0)


def read_persons(app: Sphinx) -> None:
    """Fail early, before reading any page, if the data are broken."""
    register_data(persons_path(app))


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("edition.paragraphs")
    app.add_config_value("persons_data", "_data/persons.toml", "env", types=frozenset({str}))
    app.add_domain(PersonsDomain)
    app.add_node(person_mentions)
    app.add_directive("persons-register", PersonsRegister)
    app.add_transform(LinkMentions)
    app.add_transform(SortRegister)
    app.connect("builder-inited", read_persons)
    app.connect("doctree-resolved", fill_mentions)
    app.connect("doctree-resolved", quiet_repeated_links)
    return {"version": "1.0", "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}

"""The committed registry of citable paragraphs, and the check that holds the
edition to it.

``source/_data/paragraphs.json`` lists every paragraph that has ever been
published: its reference (``A 3``), page, anchor, the SHA-256 of its
normalised original text, the version that introduced it, and, once it has
gone, the version that withdrew it. A withdrawn number is never given again.

Every build compares the paragraphs it numbered with the registry and fails
(a warning under ``-W``) when a registered paragraph has disappeared, when
its text has changed, when a new paragraph is not registered, or when a
withdrawn number comes back. ``make registry VERSION=x.y.z REASON="..."``
records intended changes, and the ``{paragraph-changelog}`` directive shows
them to readers.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.errors import ConfigError
from sphinx.locale import get_translation
from sphinx.util import logging
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective

from edition.languages import language

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

_ = get_translation("edition")
logger = logging.getLogger(__name__)

FIX = 'if the change is intended, record it with: make registry VERSION=<next version> REASON="<why>"'


def registry_path(env: BuildEnvironment) -> Path:
    """The registry file, relative to the source directory (``edition_registry``)."""
    return Path(env.srcdir) / env.config.edition_registry


def load(path: Path) -> dict[str, Any]:
    """Read the registry; an empty one if the file does not exist yet."""
    if not path.exists():
        return {"paragraphs": [], "changes": []}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        msg = f"{path}:{err.lineno}: the paragraph registry is not valid JSON ({err.msg}); restore it from git"
        raise ConfigError(msg) from None
    for field in ("paragraphs", "changes"):
        if not isinstance(data.get(field), list):
            msg = f"{path}: the paragraph registry has no {field!r} list; restore it from git"
            raise ConfigError(msg)
    return data


def _current(env: BuildEnvironment) -> dict[str, dict[str, Any]]:
    return env.domains["edition"].data["paragraphs"]  # type: ignore[no-any-return]


def check(app: Sphinx, env: BuildEnvironment) -> None:
    """Compare the numbered paragraphs with the registry."""
    if app.config.edition_registry_update:
        update(app, env)
        return
    path = registry_path(env)
    registry = load(path)
    current = _current(env)
    registered = {entry["ref"]: entry for entry in registry["paragraphs"]}
    name = app.config.edition_registry

    def warn(message: str, record: dict[str, Any] | None = None) -> None:
        location = (record["docname"], record["line"]) if record else None
        logger.warning("%s (%s)", message, name, location=location, type="edition", subtype="registry")

    for ref, entry in registered.items():
        record = current.get(ref)
        if entry.get("withdrawn"):
            if record is not None:
                warn(f"paragraph {ref} was withdrawn in {entry['withdrawn']} and its number may never be "
                     f"used again: give this paragraph a new number", record)
            continue
        if record is None:
            warn(f"registered paragraph {ref} ({entry['page']}#{entry['anchor']}) has disappeared: restore it, "
                 f"or {FIX}")
        elif record["docname"] != entry["page"]:
            warn(f"paragraph {ref} has moved from {entry['page']} to {record['docname']}: a reference must "
                 f"keep its page; restore it, or {FIX}", record)
        elif not record["translated"] and record["sha256"] != entry["sha256"]:
            warn(f"the text of paragraph {ref} differs from the registry: paragraphs are renumbered or edited "
                 f"only through the registry; {FIX}", record)
    for ref, record in sorted(current.items()):
        if ref not in registered:
            warn(f"paragraph {ref} is new and not in the registry: if it is meant to be published, register "
                 f"it with: make registry VERSION=<next version> REASON=\"<why>\"", record)


def update(app: Sphinx, env: BuildEnvironment) -> None:
    """Record the current paragraphs as edition *version* (``make registry``)."""
    version = app.config.edition_registry_update
    reason = app.config.edition_registry_reason
    if not reason:
        msg = 'make registry needs a REASON="..." for the changelog'
        raise ConfigError(msg)
    path = registry_path(env)
    registry = load(path)
    current = _current(env)
    entries = {entry["ref"]: entry for entry in registry["paragraphs"]}
    added, changed, withdrawn = [], [], []
    for ref, record in current.items():
        entry = entries.get(ref)
        if entry is None or entry.get("withdrawn"):
            if entry is not None:
                logger.warning("paragraph %s was withdrawn and cannot be registered again", ref,
                               type="edition", subtype="registry")
                continue
            entries[ref] = {"ref": ref, "page": record["docname"], "anchor": record["anchor"],
                            "sha256": record["sha256"], "introduced": version}
            added.append(ref)
        elif not record["translated"] and entry["sha256"] != record["sha256"]:
            entry["sha256"] = record["sha256"]
            entry["page"] = record["docname"]
            entry["revised"] = version
            changed.append(ref)
    for ref, entry in entries.items():
        if ref not in current and not entry.get("withdrawn"):
            entry["withdrawn"] = version
            withdrawn.append(ref)
    release = app.config.edition_registry_release
    if not (added or changed or withdrawn) and (not release or version in {c["version"] for c in registry["changes"]}):
        logger.info("paragraph registry: nothing to record")
        return
    registry["paragraphs"] = sorted(entries.values(), key=_order)
    registry["changes"].append({
        "version": version, "date": app.config.edition_release_date, "reason": reason,
        "added": sorted(added, key=_ref_order), "changed": sorted(changed, key=_ref_order),
        "withdrawn": sorted(withdrawn, key=_ref_order),
    })
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(registry, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    tmp.replace(path)
    logger.info("paragraph registry: %d added, %d changed, %d withdrawn in %s",
                len(added), len(changed), len(withdrawn), version)


def _ref_order(ref: str) -> tuple[str, int, str]:
    siglum, number = ref.split(" ")
    digits = "".join(c for c in number if c.isdigit())
    return siglum, int(digits), number[len(digits):]


def _order(entry: dict[str, Any]) -> tuple[str, int, str]:
    return _ref_order(entry["ref"])


class ParagraphChangelog(SphinxDirective):
    """``{paragraph-changelog}``: the registry's changes, newest first."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        path = registry_path(self.env)
        self.env.note_dependency(str(path))
        result: list[nodes.Node] = []
        for change in reversed(load(path)["changes"]):
            section = nodes.section(ids=[nodes.make_id("version-" + change["version"])])
            released = language(self.config.language).date(change["date"]) if change["date"] else ""
            section += nodes.title(text=_("Version %s (%s)") % (change["version"], released))
            reason = nodes.paragraph(text=change["reason"] + " ")
            # every released version is kept (edition.archive); its address, whatever page links it
            label = _("Read version %s") % change["version"]
            reason += nodes.reference(label, label, refuri=version_url(self.config, change["version"]))
            items = nodes.bullet_list()
            for field, label in (("added", _("Paragraphs added")), ("changed", _("Paragraphs revised")),
                                 ("withdrawn", _("Paragraphs withdrawn"))):
                if change[field]:
                    item = nodes.list_item()
                    item += nodes.paragraph(text=f"{label}: {', '.join(change[field])}")
                    items += item
            for node in (section, reason, items):
                self.set_source_info(node)
            for generated in (section[0], reason, *items.findall(nodes.paragraph)):
                generated["translatable"] = False  # already in the reader's language (edition catalog)
            section += [reason, items]
            result.append(section)
        return result


def version_url(config: Any, version: str, path: str = "") -> str:
    """The address of *path* in the frozen copy of *version* (``edition.archive``): ``<site>v/<version>/<lang>/``."""
    base = getattr(config, "edition_base_url", "") or getattr(config, "edition_preview_url", "")
    return f"{base}v/{version}/{config.language}/{path}"


class RevisionNotes(SphinxTransform):
    """Under a paragraph revised since it was first published: when, and a link to the earlier reading."""

    default_priority = 840  # after the numbers (edition.paragraphs, 830)

    def apply(self, **kwargs: Any) -> None:
        path = registry_path(self.env)
        if not path.is_file():
            return
        self.env.note_dependency(str(path))
        registry = load(path)
        versions = [change["version"] for change in registry["changes"]]
        revised = {entry["ref"]: entry["revised"] for entry in registry["paragraphs"] if entry.get("revised")}
        for paragraph in list(self.document.findall(nodes.paragraph)):
            version = revised.get(paragraph.get("edition_ref", ""))
            if version not in versions or versions.index(version) == 0:
                continue
            earlier = versions[versions.index(version) - 1]
            anchor = paragraph["ids"][0]
            page = self.env.docname + (self.config.html_link_suffix or ".html")
            label = _("the reading of version %s") % earlier
            note = nodes.paragraph("", _("Revised in version %s:") % version + " ", classes=["revision-note"])
            note += nodes.reference(label, label, refuri=version_url(self.config, earlier, f"{page}#{anchor}"))
            note["translatable"] = False
            place = paragraph.parent if "text-unit" in paragraph.parent.get("classes", ()) else paragraph
            place.parent.insert(place.parent.index(place) + 1, note)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("edition.paragraphs")
    app.add_config_value("edition_registry", "_data/paragraphs.json", "env", types=frozenset({str}))
    app.add_config_value("edition_registry_update", "", "", types=frozenset({str}))
    app.add_config_value("edition_registry_reason", "", "", types=frozenset({str}))
    # make release: record the version even if no paragraph changed
    app.add_config_value("edition_registry_release", False, "", types=frozenset({bool}))
    app.add_directive("paragraph-changelog", ParagraphChangelog)
    app.add_transform(RevisionNotes)
    app.connect("env-check-consistency", check)
    return {"version": "1.0", "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}

"""The places the texts index, named in the reader's language.

The texts mark the places they name with ``{index}`` roles (``{index}`Maskavā
<single: Moscow>```). The original paragraphs never enter the catalogs, so
those entries would stay in English in every language's index.
``source/_data/places.toml`` names each place once per language; this
transform gives every index entry of a place the reader's form, so that the
Latvian index lists Maskava under M and the Russian one Москва under М.
A place without a row keeps its entry, and the build says which.
"""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx import addnodes
from sphinx.errors import ConfigError
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from edition.texts import edited_text

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

logger = logging.getLogger(__name__)

PLACES = Path("_data") / "places.toml"


@functools.cache
def load_places(path: Path, mtime: float) -> dict[str, dict[str, str]]:  # mtime: a changed file is read again
    """English name -> {language: name}; errors name the file and the row."""
    try:
        rows = tomllib.loads(path.read_text(encoding="utf-8")).get("place", [])
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{path}: {err}; correct the TOML syntax") from None
    places = {}
    for number, row in enumerate(rows, 1):
        if not isinstance(row.get("en"), str) or not row["en"]:
            raise ConfigError(f"{path}: place {number} has no English name (en = \"...\"); add one")
        places[row["en"]] = {code: name for code, name in row.items() if isinstance(name, str)}
    return places


class NamePlacesInTheReadersLanguage(SphinxTransform):
    """Each index entry of a place in an edited text, in the build's language."""

    default_priority = 835  # the texts' own entries, before the persons' are added (840)

    def apply(self, **kwargs: Any) -> None:
        path = Path(self.env.srcdir) / PLACES
        if not path.is_file():
            return
        self.env.note_dependency(str(path))
        places = load_places(path, path.stat().st_mtime)
        language = self.config.language
        for text in self.document.findall(edited_text):
            for node in text.findall(addnodes.index):
                entries = []
                for kind, value, target, main, key in node["entries"]:
                    if kind == "single" and value in places:
                        value = places[value].get(language, value)
                    elif kind == "single":
                        logger.warning("the index entry %r names no place of %s: add it there", value, PLACES,
                                       location=node, type="edition", subtype="places")
                    entries.append((kind, value, target, main, key))
                node["entries"] = entries


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("edition.texts")
    app.add_transform(NamePlacesInTheReadersLanguage)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

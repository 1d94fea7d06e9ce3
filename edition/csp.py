"""What the strict Content-Security-Policy needs of Sphinx's own scripts.

The site is served with ``script-src 'self'`` and nothing more (README, "Serving it";
``deploy/nginx.conf``). Sphinx's ``translations.js``, which the search page of a
translated build loads, hands its catalog to ``Documentation.addTranslations``,
which makes the plural rule into a function with ``new Function(...)``: code made
from a string at run time, which that policy forbids (the browser reports a
violation, found by ``tests/e2e/test_deploy.py``). At the end of the HTML build this
module writes the same catalog as plain code: the messages, the locale, and the
plural rule as an arrow function. The catalog is read as JSON and the rule admitted
only if it is an arithmetic expression in ``n``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

from edition import is_web

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

CALL = re.compile(r"^\s*Documentation\.addTranslations\((?P<catalog>\{.*\})\);?\s*$", re.S)
PLURAL = re.compile(r"^[n0-9%=!<>&|?:() ]+$")


def static_translations(source: str) -> str | None:
    """*source* (Sphinx's ``translations.js``) as code without ``Function()``; None if it is not one."""
    match = CALL.match(source)
    if match is None:
        return None
    catalog = json.loads(match["catalog"])
    rule = catalog.get("plural_expr") or "(n != 1)"
    if not PLURAL.match(rule):
        return None
    return (
        "// Sphinx's translations for the search page, written out by edition.csp: the plural rule\n"
        "// is code here, not a string made into a function at run time (script-src 'self').\n"
        f"Object.assign(Documentation.TRANSLATIONS, {json.dumps(catalog.get('messages', {}), ensure_ascii=True, indent=1)});\n"
        f"Documentation.PLURAL_EXPR = (n) => {rule};\n"
        f"Documentation.LOCALE = {json.dumps(catalog.get('locale', ''))};\n"
    )


def rewrite_translations(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not is_web(app.builder):
        return
    path = Path(app.outdir) / "_static" / "translations.js"
    if path.is_file():
        written = static_translations(path.read_text(encoding="utf-8"))
        if written is not None:
            path.write_text(written, encoding="utf-8")


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("build-finished", rewrite_translations)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

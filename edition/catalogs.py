"""Message catalogs: held to the source, pruned to what each language needs.

As a Sphinx extension, this module checks the catalogs of the language being
built before anything is read, and logs an error naming the file and the
entry (so the build fails) when a catalog

- cannot be parsed,
- has an entry untranslated or fuzzy (a shipped language is complete), or
- has a translation that drops or changes a note reference, a role or its
  target, a link target or a placeholder of its source, or
- has a translation that uses a form of a term, name or institution that the
  edition's termbase (``source/_data/termbase.toml``) forbids in its language.

As a command, ``python -m edition.catalogs`` does the translators' chores:

``prune``  drops from each language's catalogs what that language does not
           translate: a text already in that language, and, for the source
           language, everything but the texts written in other languages.
``stat``   prints the coverage of each language, page by page.
``check``  runs the checks above on every language, without Sphinx.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po, write_po
from sphinx.util import logging

from edition.languages import LANGUAGES
from edition.notes import NOTE_REFERENCE

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

logger = logging.getLogger(__name__)

#: Written by the gettext builder (edition.parallel): the message ids of the
#: text translations, per page, with the language of the text.
MANIFEST = ".text-units.json"

ROLE = re.compile(r"\{(?P<role>[\w:.-]+)\}`(?P<content>[^`]*)`")
LINK = re.compile(r"\]\((?P<target>[^)\s]+)\)")
PLACEHOLDER = re.compile(r"%\([\w]+\)[sd]|%[sd]|\{[0-9a-z_]*\}(?!`)")
#: A paragraph that Markdown reads as a numbered list item ("1957. gada ...").
LIST_START = re.compile(r"^\d{1,9}[.)](\s|$)")
#: The termbase, relative to the source directory.
TERMBASE = Path("_data/termbase.toml")


def role_target(role: str, content: str) -> str:
    match = re.search(r"<([^<>]+)>\s*$", content)
    return (match[1] if match else content).strip()


# Our own: translate-toolkit's pofilter (run by make check-catalogs too) knows printf and
# brace placeholders, not MyST's note references and roles.
def apparatus(message: str) -> Counter[str]:
    """What a translation must keep unchanged: notes, roles with targets, links, placeholders."""
    found: Counter[str] = Counter(NOTE_REFERENCE.findall(message))
    for match in ROLE.finditer(message):
        if match["role"] not in LANGUAGES:  # a language role's content is text, not a reference
            found[f"{{{match['role']}}}`{role_target(match['role'], match['content'])}`"] += 1
    found.update(f"]({m['target']})" for m in LINK.finditer(message))
    without_roles = ROLE.sub("", message)
    found.update(PLACEHOLDER.findall(without_roles))
    return found


def differences(msgid: str, msgstr: str) -> str:
    """Describe what *msgstr* drops or adds against *msgid*; empty if nothing."""
    source, target = apparatus(msgid), apparatus(msgstr)
    parts = []
    if dropped := source - target:
        parts.append("drops " + ", ".join(sorted(dropped.elements())))
    if added := target - source:
        parts.append("adds " + ", ".join(sorted(added.elements())))
    return "; ".join(parts)


@dataclass(frozen=True)
class Term:
    """A term: where it is in a msgid, and per language what a msgstr must not use."""

    id: str
    source: tuple[re.Pattern[str], ...]
    approved: dict[str, str]
    forbidden: dict[str, tuple[re.Pattern[str], ...]]


def load_termbase(path: Path) -> list[Term]:
    """Read the termbase; errors name the file and the entry. No file, no terms."""
    if not path.exists():
        return []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise ValueError(f"{path}: invalid TOML ({err})") from None
    terms = []
    for number, entry in enumerate(data.get("term", []), start=1):
        where = f"{path}: [[term]] number {number} ({entry.get('id', 'no id')})"
        try:
            source = tuple(re.compile(p) for p in entry["source"])
            languages = {k: v for k, v in entry.items() if k not in {"id", "source"}}
            approved = {lang: str(rule["approved"]) for lang, rule in languages.items()}
            forbidden = {lang: tuple(re.compile(p) for p in rule.get("forbidden", ()))
                         for lang, rule in languages.items()}
        except (KeyError, TypeError, re.error) as err:
            msg = f"{where}: {err!r}; each term needs id, source and per language approved and forbidden"
            raise ValueError(msg) from None
        terms.append(Term(str(entry["id"]), source, approved, forbidden))
    return terms


#: Roles whose content the reader does not see as text: keys, references, paths.
KEY_ROLES = {"cite", "cite:p", "cite:t", "cite:ps", "cite:ts", "para", "doc", "ref", "numref", "any",
             "index"}


def shown_text(message: str) -> str:
    """The words a reader of the translation sees, without quotations.

    The text of language roles quotes the originals and is dropped; so are
    citation keys, paragraph references and paths. A role with an explicit
    target (``{term}`plēnumos <plenum>```) keeps only its displayed text.
    """
    def replace(match: re.Match[str]) -> str:
        role, content = match["role"], match["content"]
        if role in LANGUAGES or role in KEY_ROLES:  # a quotation, or a key
            return ""
        target = re.search(r"\s*<[^<>]+>\s*$", content)
        return content[:target.start()] if target else content
    return ROLE.sub(replace, message)


def term_problems(msgid: str, msgstr: str, language: str, terms: Iterable[Term]) -> list[str]:
    """Each forbidden variant that *msgstr* uses for a term that *msgid* contains."""
    found = []
    text = shown_text(msgstr)
    for term in terms:
        patterns = term.forbidden.get(language, ())
        if not patterns or not any(p.search(msgid) for p in term.source):
            continue
        for pattern in patterns:
            if match := pattern.search(text):
                found.append(f"uses {match[0]!r} for the term {term.id!r}; "
                             f"the termbase's {language} form is {term.approved[language]!r}")
    return found


def catalog_language(path: Path) -> str:
    """The language of a catalog at ``<locale>/<lang>/LC_MESSAGES/...``."""
    parts = path.parts
    return parts[parts.index("LC_MESSAGES") - 1] if "LC_MESSAGES" in parts else ""


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def read_catalog(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, abort_invalid=True)


def syntax_problem(path: Path) -> Problem | None:
    """GNU msgfmt's verdict on the syntax: Babel's parser silently repairs broken entries."""
    if shutil.which("msgfmt") is None:
        return None
    result = subprocess.run(["msgfmt", "-o", os.devnull, str(path)], capture_output=True, text=True, check=False)
    if result.returncode == 0:
        return None
    first = result.stderr.strip().splitlines()[0] if result.stderr.strip() else "msgfmt failed"
    match = re.match(rf"{re.escape(str(path))}:(\d+)(?::\d+)?: (.*)", first)
    line, reason = (int(match[1]), match[2]) if match else (0, first)
    return Problem(path, line, f"cannot be parsed ({reason}); fix the syntax, then run msgfmt --check")


def check_catalog(path: Path, terms: Iterable[Term] = ()) -> list[Problem]:
    """Every problem of one catalog, each naming the entry's line; *terms* from the termbase."""
    if problem := syntax_problem(path):
        return [problem]
    try:
        catalog = read_catalog(path)
    except (PoFileError, ValueError, UnicodeDecodeError) as err:
        line = getattr(err, "lineno", 0)
        return [Problem(path, line, f"cannot be parsed ({err}); fix the syntax, then run msgfmt --check")]
    problems = []
    terms, language = list(terms), catalog_language(path)
    for message in catalog:
        if not message.id:
            continue
        line = message.lineno or 0
        entry = f"entry {str(message.id)[:50]!r}"
        if message.fuzzy:
            problems.append(Problem(path, line, f"{entry} is fuzzy: review the translation and remove the flag"))
        elif not message.string:
            problems.append(Problem(path, line, f"{entry} is untranslated: translate it"))
        elif diff := differences(str(message.id), str(message.string)):
            problems.append(Problem(path, line, f"{entry}: the translation {diff}; keep them as in the source"))
        elif LIST_START.match(str(message.string)) and not LIST_START.match(str(message.id)):
            problems.append(Problem(path, line, f"{entry}: the translation starts like a numbered list item, "
                                                "which Sphinx would reject; escape the dot, e.g. 1957\\."))
        if message.string and not message.fuzzy:
            for found in term_problems(str(message.id), str(message.string), language, terms):
                problems.append(Problem(path, line, f"{entry}: the translation {found}"))
    return problems


def catalogs(locale: Path, language: str) -> list[Path]:
    return sorted((locale / language / "LC_MESSAGES").rglob("*.po"))


# -- Sphinx ---------------------------------------------------------------------


def check_before_build(app: Sphinx) -> None:
    if app.builder.name == "gettext":
        return
    problems = []
    try:
        terms = load_termbase(Path(app.srcdir) / TERMBASE)
    except ValueError as err:  # the build goes on without it, and fails
        logger.error(str(err), type="edition", subtype="termbase")
        terms = []
    for directory in app.config.locale_dirs:
        for path in catalogs(Path(app.srcdir, directory).resolve(), app.config.language):
            problems += check_catalog(path, terms)
    for problem in problems:  # the build goes on, as after any error in its input, and fails
        logger.error(problem.message, location=f"{problem.path}:{problem.line}", type="edition",
                     subtype="catalog")


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("builder-inited", check_before_build, priority=100)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}


# -- Commands -------------------------------------------------------------------


def text_units(pot: Path) -> dict[str, dict[str, object]]:
    path = pot / MANIFEST
    if not path.exists():
        sys.exit(f"{path}: missing; run `make gettext` first")
    return json.loads(path.read_text(encoding="utf-8"))


def prune(pot: Path, locale: Path, languages: Iterable[str], source_language: str) -> None:
    units = text_units(pot)
    for language in languages:
        for path in catalogs(locale, language):
            domain = path.relative_to(locale / language / "LC_MESSAGES").with_suffix("").as_posix()
            page = units.get(domain, {"lang": None, "msgids": []})
            texts = set(page["msgids"])
            catalog = read_catalog(path)
            for message in list(catalog):
                if not message.id:
                    continue
                # Babel guesses python-format flags from braces and percent signs;
                # these messages are MyST, and msgfmt --check must not read them as Python.
                message.flags -= {"python-format", "python-brace-format"}
                is_text = message.id in texts
                if (is_text and page["lang"] == language) or (language == source_language and not is_text):
                    del catalog[message.id]
            catalog.last_translator = catalog.language_team = "The Anti-Party Group 1957 editorial team"
            if language == source_language and not any(m.id for m in catalog):
                path.unlink()
                continue
            with path.open("wb") as handle:
                write_po(handle, catalog, width=0, omit_header=False)


def stat(locale: Path, languages: Iterable[str]) -> Iterator[str]:
    for language in languages:
        total = done = 0
        rows = []
        for path in catalogs(locale, language):
            messages = [m for m in read_catalog(path) if m.id]
            translated = sum(1 for m in messages if m.string and not m.fuzzy)
            total, done = total + len(messages), done + translated
            rows.append(f"  {path.relative_to(locale / language / 'LC_MESSAGES')}: "
                        f"{translated}/{len(messages)} ({100 * translated / max(len(messages), 1):.0f}%)")
        yield f"{language}: {done}/{total} messages translated ({100 * done / max(total, 1):.1f}%)"
        yield from rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m edition.catalogs", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for name in ("prune", "stat", "check"):
        command = commands.add_parser(name)
        command.add_argument("--locale", type=Path, default=Path("locale"))
        command.add_argument("languages", nargs="+")
        if name == "check":
            command.add_argument("--termbase", type=Path, default=Path("source") / TERMBASE)
        if name == "prune":
            command.add_argument("--pot", type=Path, default=Path("build/gettext"))
            command.add_argument("--source-language", default="en")
    args = parser.parse_args(argv)
    if args.command == "prune":
        prune(args.pot, args.locale, args.languages, args.source_language)
    elif args.command == "stat":
        print("\n".join(stat(args.locale, args.languages)))
    else:
        terms = load_termbase(args.termbase)
        problems = [p for language in args.languages for path in catalogs(args.locale, language)
                    for p in check_catalog(path, terms)]
        print("\n".join(map(str, problems)) or "catalogs: no problems")
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""``python -m edition.release --version X.Y.Z [--date YYYY-MM-DD]``: the version and date of a release.

Sets the edition's version in ``pyproject.toml`` (which ``conf.py`` reads) and its release
date in ``conf.py`` (``edition_release_date``, which every output's dates come from). Run by
``make release``, which then records the paragraph registry's entry, commits, tags
``v<version>`` and builds the site with every version kept (``edition.archive``).
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import UTC, date, datetime
from pathlib import Path

VERSION = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
PYPROJECT_VERSION = re.compile(r'^(version = ")([^"]+)(")$', re.M)
RELEASE_DATE = re.compile(r'^(edition_release_date = ")([^"]*)(")', re.M)


def key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def prepare(root: Path, version: str, day: str) -> str:
    """Set *version* and *day* in the project's files; return what was done, or raise ValueError."""
    if not VERSION.match(version):
        raise ValueError(f"{version!r} is not a version: give MAJOR.MINOR.PATCH, e.g. 1.0.1")
    date.fromisoformat(day)
    pyproject, conf = root / "pyproject.toml", root / "conf.py"
    text = pyproject.read_text(encoding="utf-8")
    match = PYPROJECT_VERSION.search(text)
    if match is None:
        raise ValueError(f"{pyproject}: no version = \"...\" line")
    current = match[2]
    if key(version) < key(current):
        raise ValueError(f"{version} is older than the edition's version, {current} ({pyproject})")
    if version == current:
        return f"version {version} is already the edition's: released as it stands"
    pyproject.write_text(PYPROJECT_VERSION.sub(rf"\g<1>{version}\g<3>", text, count=1), encoding="utf-8")
    settings = conf.read_text(encoding="utf-8")
    if RELEASE_DATE.search(settings) is None:
        raise ValueError(f"{conf}: no edition_release_date = \"...\" line")
    conf.write_text(RELEASE_DATE.sub(rf"\g<1>{day}\g<3>", settings, count=1), encoding="utf-8")
    return f"version {current} -> {version}, released {day}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m edition.release", description=__doc__.splitlines()[0])
    parser.add_argument("--version", required=True)
    parser.add_argument("--date", default=datetime.now(UTC).date().isoformat())
    parser.add_argument("--root", type=Path, default=Path.cwd())
    args = parser.parse_args(argv)
    try:
        print(prepare(args.root, args.version, args.date))
    except ValueError as error:
        print(f"make release: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())

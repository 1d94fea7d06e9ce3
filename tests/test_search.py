"""edition.search: Latvian search folds diacritics and common endings, in
Python (the index) and in JavaScript (the query) alike."""

import json
import subprocess

import pytest

from edition.search import SearchLatvian, stem

WORDS = ["Hruščovs", "Hruščova", "Hruščovam", "hruscovs", "Maļenkovs", "Maļenkovu", "plēnums",
         "plēnumā", "Centrālkomitejas", "destaļinizācijas", "PSKP", "un", "ā"]


def test_forms_with_and_without_diacritics_share_a_stem():
    assert stem("Hruščovs") == stem("hruscovs") == stem("Hruščova") == stem("Hruščovam") == "hruscov"
    assert stem("Maļenkovs") == stem("Maļenkovu") == "malenkov"
    assert stem("plēnums") == stem("plenums")


def test_short_words_keep_their_letters():
    assert stem("ASV") == "asv"
    assert stem("ā") == "a"


def test_the_javascript_stemmer_agrees_with_python():
    script = SearchLatvian.js_stemmer_code + (
        f"\nvar s = new Stemmer(); console.log(JSON.stringify({json.dumps(WORDS)}.map(w => s.stemWord(w))));")
    result = subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == [stem(w) for w in WORDS]


@pytest.mark.sphinx("html", testroot="edited-text", confoverrides={
    "extensions": ["myst_parser", "edition.texts", "edition.search"], "language": "lv"})
def test_the_latvian_index_holds_folded_stems(app):
    app.build()
    index = (app.outdir / "searchindex.js").read_text()
    terms = json.loads(index[index.index("(") + 1 : index.rindex(")")])["terms"]
    assert "pirm" in terms  # Pirmā
    assert "rindkop" in terms  # rindkopa

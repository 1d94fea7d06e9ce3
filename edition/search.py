"""Search in Latvian.

Sphinx has no Latvian search language. This one folds diacritics, so that
"Hruscovs" finds "Hruščovs", and strips the commonest inflectional endings,
so that "Hruščova" and "Hruščovam" find each other. The index (Python) and
the reader's query (JavaScript, in ``language_data.js``) apply the same rule.
Russian uses Sphinx's own Snowball stemmer. Our own, because Snowball has no
Latvian stemmer and the JavaScript twin must stem exactly as the index does.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from sphinx.search import SearchLanguage

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

#: Endings, longest first, after folding; a stem keeps at least MIN_STEM letters.
ENDINGS = ("iem", "am", "em", "as", "es", "os", "ai", "ei", "is", "us", "a", "e", "i", "o", "u", "s")
MIN_STEM = 3

STOPWORDS = frozenset(
    "un ar par no uz ir bija kas ka lai arī bet vai jo tad tā tas tie to viņš viņu viņi viņam kā pēc "
    "pie līdz pret bez starp virs zem caur gan nav ne tikai vēl jau".split()
)


def fold(word: str) -> str:
    """Lower case, without diacritics: ā→a, č→c, ļ→l, ž→z."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def stem(word: str) -> str:
    folded = fold(word)
    for ending in ENDINGS:
        if folded.endswith(ending) and len(folded) - len(ending) >= MIN_STEM:
            return folded[: -len(ending)]
    return folded


class SearchLatvian(SearchLanguage):
    lang = "lv"
    language_name = "Latvian"
    stopwords = STOPWORDS
    js_stemmer_code = """
/**
 * Latvian: fold diacritics and strip common endings (edition.search).
 */
var Stemmer = function () {
  var endings = %s;
  this.stemWord = function (w) {
    var folded = w.toLowerCase().normalize("NFD").replace(/[\\u0300-\\u036f]/g, "");
    for (var i = 0; i < endings.length; i++) {
      var e = endings[i];
      if (folded.endsWith(e) && folded.length - e.length >= %d) {
        return folded.slice(0, folded.length - e.length);
      }
    }
    return folded;
  };
};
""" % ("[" + ", ".join(f'"{e}"' for e in ENDINGS) + "]", MIN_STEM)

    def stem(self, word: str) -> str:
        return stem(word)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_search_language(SearchLatvian)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

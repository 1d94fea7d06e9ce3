"""Search: by paragraph in every language, and in Latvian at all.

**By paragraph.** Sphinx's search finds pages. The HTML build also writes
``paragraphs.json`` beside ``searchindex.js``: every numbered paragraph's
reference, link, language and plain text (and its translation's, where the
build shows one) as the page shows it, citations resolved ("(Taubman 2004)",
not the key), without numbers, note marks or buttons. The search page's script (``edition-search.js``) stems the
query and the paragraphs with Sphinx's own stemmer and stop words for the
build's language (``language_data.js``), lists the paragraphs that hold every
word ("A 3 · …", linked to ``#p3``) with the words marked, and gives Sphinx's
page results clean snippets too.

**Latvian.** Sphinx has no Latvian search language. This one folds diacritics, so that
"Hruscovs" finds "Hruščovs", and strips the commonest inflectional endings,
so that "Hruščova" and "Hruščovam" find each other. The index (Python) and
the reader's query (JavaScript, in ``language_data.js``) apply the same rule.
Russian uses Sphinx's own Snowball stemmer. Our own, because Snowball has no
Latvian stemmer and the JavaScript twin must stem exactly as the index does.
"""

from __future__ import annotations

import json
import unicodedata
import weakref
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.search import SearchLanguage

from edition import ancestors, is_web
from edition.citations.nodes import cite_button, cite_panel
from edition.paragraphs import paragraph_number
from edition.texts import edited_text

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


#: The paragraphs the search page searches, at the root of each language's HTML.
PARAGRAPHS = "paragraphs.json"


#: What the reader sees of each numbered paragraph, by reference: (text, translation), from the
#: resolved doctrees of the pages written (an incremental build falls back on the registry's text).
_shown: weakref.WeakKeyDictionary[Sphinx, dict[str, tuple[str, str]]] = weakref.WeakKeyDictionary()
NOT_WORDS = (nodes.footnote_reference, paragraph_number, cite_button, cite_panel)


def shown_text(paragraph: nodes.Element) -> str:
    """The words of *paragraph* as the page shows them: no number, note mark or button; single spaces."""
    words = [str(text) for text in paragraph.findall(nodes.Text)
             if not any(isinstance(p, NOT_WORDS) for p in ancestors(text, paragraph))]
    return " ".join(unicodedata.normalize("NFC", "".join(words)).split())


def note_shown_text(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if not is_web(app.builder):
        return
    shown = _shown.setdefault(app, {})
    for paragraph in doctree.findall(nodes.paragraph):
        if ref := paragraph.get("edition_ref"):
            following = paragraph.next_node(descend=False, siblings=True)
            translated = (shown_text(following) if isinstance(following, nodes.paragraph)
                          and "translation" in following["classes"] else "")
            shown[ref] = (shown_text(paragraph), translated)


def paragraph_list(app: Sphinx) -> list[list[str]]:
    """[reference, link, language, text, translation] of every numbered paragraph, in reading order."""
    env, builder = app.env, app.builder
    records = env.domains["edition"].data["paragraphs"].values()
    languages = {}  # siglum -> the language of its original
    for docname in sorted({record["docname"] for record in records}):
        for text in env.get_doctree(docname).findall(edited_text):
            languages[text["siglum"]] = text["lang"]
    order = sorted(env.found_docs)
    shown = _shown.get(app, {})
    return [
        [record["ref"], builder.get_target_uri(record["docname"]) + "#" + record["anchor"],
         languages.get(record["siglum"], app.config.language),
         *shown.get(record["ref"], (record["text"], record.get("translation") or ""))]
        for record in sorted(records, key=lambda r: (order.index(r["docname"]), r["line"]))
    ]


def write_paragraphs(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not is_web(app.builder):
        return
    text = json.dumps(paragraph_list(app), ensure_ascii=False, separators=(",", ":"))
    path = Path(app.outdir) / PARAGRAPHS
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("edition.paragraphs")
    app.add_search_language(SearchLatvian)
    app.connect("doctree-resolved", note_shown_text)
    app.connect("build-finished", write_paragraphs)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

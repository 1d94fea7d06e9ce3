/* Search by paragraph (edition.search), on the search page only, after
   Sphinx's searchtools.js and language_data.js, whose stemmer, stop words and
   word splitting it uses, so that a word is found here as Sphinx's index finds
   it (Latvian: diacritics folded, endings stripped).

   The paragraphs are paragraphs.json, written by the build: for each numbered
   paragraph [reference, link, language, text, translation], plain text without
   numbers, note marks or buttons. A paragraph matches when its text or its
   translation holds every word of the query (as Sphinx's page search: all
   words); the list shows the best first, each as "A 3 · …" with a snippet
   around the first match and the words marked, linked to the paragraph.

   Sphinx's own page results get clean snippets too: the text of a page
   without paragraph numbers, buttons, cite boxes and note marks, with a space
   between blocks (textContent would glue "group." and a note's "2"). */
(function () {
  "use strict";
  var section = document.getElementById("paragraph-results");
  if (!section || typeof Stemmer === "undefined") return;

  /* -- Sphinx's page snippets, clean ------------------------------------------ */
  var NOT_TEXT = ".headerlink, script, style, a.parnum, button, .cite-box, a[role='doc-noteref'], "
    + ".unit-notes, .column-labels, .note-back, aside.footnote > .label, .skip-link";
  var BLOCKS = "p, li, dt, dd, td, th, h1, h2, h3, h4, h5, h6, div, aside, section, blockquote, pre";
  if (typeof Search !== "undefined") {
    Search.htmlToText = function (htmlString, anchor) {
      var doc = new DOMParser().parseFromString(htmlString, "text/html");
      doc.querySelectorAll(NOT_TEXT).forEach(function (el) { el.remove(); });
      var main = (anchor && doc.querySelector('[role="main"] ' + anchor)) || doc.querySelector('[role="main"]');
      if (!main) return "";
      main.querySelectorAll(BLOCKS).forEach(function (el) { el.append(" "); });
      return main.textContent.replace(/\s+/g, " ").trim();
    };
  }

  /* -- Paragraphs ---------------------------------------------------------------- */
  var WORD = /[\p{Letter}\p{Number}_]+/gu;
  var stemmer = new Stemmer();
  var cache = new Map();
  function stem(word) {
    var lower = word.toLowerCase();
    if (!cache.has(lower)) cache.set(lower, stemmer.stemWord(lower));
    return cache.get(lower);
  }

  function queryStems(query) {
    var stems = [];
    splitQuery(query.trim()).forEach(function (term) {
      var lower = term.toLowerCase();
      if (!lower || stopwords.has(lower) || /^\d+$/.test(lower) || lower[0] === "-") return;
      var stemmed = stem(lower);
      if (stemmed && stems.indexOf(stemmed) < 0) stems.push(stemmed);
    });
    return stems;
  }

  /* where the words of *stems* stand in *text*: [[start, end], ...] */
  function hits(text, stems) {
    var found = [];
    for (var match of text.matchAll(WORD)) {
      if (stems.indexOf(stem(match[0])) >= 0) found.push([match.index, match.index + match[0].length, stem(match[0])]);
    }
    return found;
  }

  function covers(found, stems) {
    return stems.every(function (s) { return found.some(function (h) { return h[2] === s; }); });
  }

  var SPAN = 220;
  function snippet(text, found, lang) {
    var start = Math.max(0, found[0][0] - 80);
    if (start > 0) start = text.indexOf(" ", start) + 1 || start;
    var end = Math.min(text.length, start + SPAN);
    if (end < text.length) { var space = text.lastIndexOf(" ", end); if (space > found[0][1]) end = space; }
    var out = document.createElement("span");
    out.className = "hit-text";
    if (lang) out.lang = lang;
    var at = start;
    if (start > 0) out.append("… ");
    found.forEach(function (h) {
      if (h[0] < at || h[1] > end) return;
      out.append(text.slice(at, h[0]));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(h[0], h[1]);
      out.append(mark);
      at = h[1];
    });
    out.append(text.slice(at, end));
    if (end < text.length) out.append(" …");
    return out;
  }

  function show(paragraphs, query) {
    var stems = queryStems(query);
    if (!stems.length) return;
    var results = [];
    paragraphs.forEach(function (p, order) {
      var inText = hits(p[3], stems), inTranslation = p[4] ? hits(p[4], stems) : [];
      if (!covers(inText.concat(inTranslation), stems)) return;
      /* the snippet from the side that holds more of the words */
      var useText = inText.length >= inTranslation.length && inText.length > 0;
      results.push({ p: p, order: order, score: inText.length + inTranslation.length,
                     text: useText ? p[3] : p[4], found: useText ? inText : inTranslation,
                     lang: useText ? p[2] : "" });
    });
    results.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    var heading = section.querySelector("h2");
    heading.textContent = section.getAttribute("data-heading").replace("%s", results.length);
    var list = section.querySelector("ol");
    list.textContent = "";
    results.forEach(function (r) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = r.p[1];
      link.className = "hit-ref";
      link.textContent = r.p[0].replace(" ", "\u00a0");
      item.append(link, " · ", snippet(r.text, r.found, r.lang));
      list.append(item);
    });
    section.querySelector(".search-none").hidden = results.length > 0;
    section.hidden = false;
  }

  var query = new URLSearchParams(window.location.search).get("q");
  if (!query) return;
  fetch(section.getAttribute("data-src"))
    .then(function (response) { return response.json(); })
    .then(function (paragraphs) { show(paragraphs, query); })
    .catch(function () {});
})();

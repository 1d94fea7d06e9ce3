// The language chooser: preselect the language the browser prefers.
"use strict";
(function () {
  const links = Array.from(document.querySelectorAll("ul.languages a[hreflang]"));
  const wanted = (navigator.languages || [navigator.language || ""])
    .map((tag) => tag.toLowerCase().split("-")[0]);
  const preferred = wanted.map((code) => links.find((a) => a.hreflang === code)).find(Boolean);
  if (preferred) {
    preferred.setAttribute("aria-current", "true");
    preferred.parentElement.classList.add("preferred");  /* marked, not focused: no ring on load */
  }
})();

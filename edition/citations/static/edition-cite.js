/* Cite boxes (edition.citations). Without this script every box stays open
   with the paragraph's Chicago note and permalink, and the "Cite" buttons
   stay hidden. With it, a "Cite" button opens and closes its box (Escape
   closes it too); the first box opened loads the page's other styles and
   downloads, with how to cite the paragraph from a reference manager
   (cite/<page>/citations.json); "Copy" puts a citation on the
   clipboard as HTML and as plain text. */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("cite-js");
  var canCopy = !!(navigator.clipboard && window.isSecureContext);
  var loads = {};

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function load(src) {
    if (!loads[src]) {
      loads[src] = fetch(src).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      });
    }
    return loads[src];
  }

  function copyButton(panel, label, source) {
    var button = element("button", "cite-copy", label.copy);
    button.type = "button";
    button.addEventListener("click", function () {
      var text = source.innerText.trim();
      var plain = function () { return navigator.clipboard.writeText(text); };
      var written = window.ClipboardItem
        ? navigator.clipboard.write([new ClipboardItem({
            "text/plain": new Blob([text], {type: "text/plain"}),
            "text/html": new Blob([source.innerHTML.trim()], {type: "text/html"})
          })]).catch(plain)
        : plain();
      written.then(function () { panel.querySelector(".cite-status").textContent = label.copied; },
                   function () {});
    });
    return button;
  }

  function fill(panel, data) {
    var label = data.labels;
    var entry = data.paragraphs[panel.getAttribute("data-ref")];
    var list = panel.querySelector(".cite-forms");
    entry.forms.forEach(function (form) {
      var row = element("div", "cite-form");
      var text = element("div", "cite-text");
      text.innerHTML = form[1];  /* citeproc-js's HTML, from this site's build */
      var dd = element("dd");
      dd.appendChild(text);
      row.appendChild(element("dt", "", label[form[0]]));
      row.appendChild(dd);
      list.appendChild(row);
    });
    if (canCopy) {
      list.querySelectorAll(".cite-text").forEach(function (text) {
        text.parentNode.appendChild(copyButton(panel, label, text));
      });
    }
    var downloads = element("p", "cite-downloads", label.download + ": ");
    entry.downloads.forEach(function (file, index) {
      var link = element("a", "", file[0]);
      link.href = new URL(file[1], new URL(panel.getAttribute("data-src"), document.baseURI)).href;
      link.type = file[2];
      link.setAttribute("download", file[3]);
      if (index) downloads.appendChild(document.createTextNode(", "));
      downloads.appendChild(link);
    });
    var permalink = panel.querySelector(".cite-permalink");
    panel.insertBefore(downloads, permalink);
    /* the paragraph is a locator: how to give it from a reference manager, and in BibTeX */
    var howto = element("p", "cite-howto", label.howto.replace("{number}", entry.locator) + " ");
    howto.appendChild(document.createTextNode(label.bibtex + " "));
    howto.appendChild(element("code", "", "\\cite[para.~" + entry.locator + "]{" + entry.key + "}"));
    panel.insertBefore(howto, permalink);
    if (label.preview) panel.insertBefore(element("p", "cite-preview", label.preview), permalink);
  }

  function toggle(button, open) {
    var panel = document.getElementById(button.getAttribute("aria-controls"));
    if (!panel) return;
    button.setAttribute("aria-expanded", open ? "true" : "false");
    panel.classList.toggle("cite-open", open);
    if (!open || panel.hasAttribute("data-filled")) return;
    panel.setAttribute("data-filled", "");
    var status = element("p", "cite-status");
    status.setAttribute("role", "status");
    panel.appendChild(status);
    /* if the file cannot be loaded (a page opened from disk), the box keeps its note and permalink */
    load(new URL(panel.getAttribute("data-src"), document.baseURI).href).then(
      function (data) { fill(panel, data); }, function () {});
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.cite-button");
    if (button) toggle(button, button.getAttribute("aria-expanded") !== "true");
  });

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.key !== "Escape" || !target.closest) return;
    var panel = target.closest(".cite-box.cite-open");
    var button = panel
      ? document.querySelector('button.cite-button[aria-controls="' + panel.id + '"]')
      : target.closest('button.cite-button[aria-expanded="true"]');
    if (button) {
      toggle(button, false);
      button.focus();
    }
  });
})();

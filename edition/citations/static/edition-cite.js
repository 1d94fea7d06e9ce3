/* Cite boxes (edition.citations). Without this script every box stays open
   with the paragraph's permalink, and the "Cite" buttons stay hidden. With
   it, a "Cite" button opens and closes its box beside the paragraph (Escape,
   or a click elsewhere, closes it too; a phone shows it at the foot of the
   screen): the permalink first, then the Chicago note, then, folded, the
   other styles and downloads, with how to cite the paragraph from a
   reference manager, all from cite/<page>/citations.json, loaded when a box
   is first opened. "Copy" puts a citation on the clipboard as HTML and as
   plain text, and says so on the button pressed.
   Each part of the box is made by its own function (fill: forms, downloads,
   howto), so that a new part is one more function. */
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
      written.then(function () {
        /* the confirmation where the reader looks: on the button, and for screen readers in the status */
        button.textContent = label.copied;
        button.setAttribute("data-done", "");
        panel.querySelector(".cite-status").textContent = label.copied;
        setTimeout(function () {
          button.textContent = label.copy;
          button.removeAttribute("data-done");
          panel.querySelector(".cite-status").textContent = "";
        }, 2500);
      }, function () {});
    });
    return button;
  }

  function formList(label, forms) {
    var list = element("dl", "cite-forms");
    forms.forEach(function (form) {
      var row = element("div", "cite-form");
      var text = element("div", "cite-text");
      text.innerHTML = form[1];  /* citeproc-js's HTML, from this site's build */
      var dd = element("dd");
      dd.appendChild(text);
      row.appendChild(element("dt", "", label[form[0]]));
      row.appendChild(dd);
      list.appendChild(row);
    });
    return list;
  }

  function addForms(more, label, entry) {
    more.appendChild(formList(label, entry.forms.slice(1)));  /* the first, the Chicago note, is shown */
  }

  function addDownloads(more, label, entry, panel) {
    var downloads = element("p", "cite-downloads", label.download + ": ");
    entry.downloads.forEach(function (file, index) {
      var link = element("a", "", file[0]);
      link.href = new URL(file[1], new URL(panel.getAttribute("data-src"), document.baseURI)).href;
      link.type = file[2];
      link.setAttribute("download", file[3]);
      if (index) downloads.appendChild(document.createTextNode(", "));
      downloads.appendChild(link);
    });
    more.appendChild(downloads);
  }

  function addHowto(more, label, entry) {
    /* the paragraph is a locator: how to give it from a reference manager, and in BibTeX */
    var howto = element("p", "cite-howto", label.howto.replace("{number}", entry.locator) + " ");
    howto.appendChild(document.createTextNode(label.bibtex + " "));
    howto.appendChild(element("code", "", "\\cite[para.~" + entry.locator + "]{" + entry.key + "}"));
    more.appendChild(howto);
  }

  var PARTS = [addForms, addDownloads, addHowto];

  function fill(panel, data) {
    var label = data.labels;
    var entry = data.paragraphs[panel.getAttribute("data-ref")];
    var more = element("details", "cite-more");
    more.appendChild(element("summary", "", label.more));
    PARTS.forEach(function (part) { part(more, label, entry, panel); });
    if (label.preview) more.appendChild(element("p", "cite-preview", label.preview));
    panel.insertBefore(more, panel.querySelector(".cite-status"));
    panel.insertBefore(formList(label, entry.forms.slice(0, 1)), more);
    if (canCopy) {
      panel.querySelectorAll(".cite-text").forEach(function (text) {
        if (!text.parentNode.querySelector(".cite-copy")) text.parentNode.appendChild(copyButton(panel, label, text));
      });
    }
  }

  function place(button, panel) {
    if (window.matchMedia("(max-width: 40rem)").matches) {  /* a phone: the CSS sets it at the foot */
      panel.style.left = panel.style.top = "";
      return;
    }
    /* under the button, from the paragraph's first word: the margin's numbers stay in reach */
    var rect = button.getBoundingClientRect();
    var column = (button.closest("p") || button).getBoundingClientRect();
    var origin = panel.offsetParent ? panel.offsetParent.getBoundingClientRect() : { left: 0, top: 0 };
    var room = document.documentElement.clientWidth - panel.offsetWidth - 8;
    panel.style.left = (Math.max(8, Math.min(column.left, room)) - origin.left) + "px";
    panel.style.top = (rect.bottom + 6 - origin.top) + "px";
  }

  function toggle(button, open) {
    var panel = document.getElementById(button.getAttribute("aria-controls"));
    if (!panel) return;
    if (open) {
      document.querySelectorAll('button.cite-button[aria-expanded="true"]').forEach(function (other) {
        if (other !== button) toggle(other, false);
      });
    }
    button.setAttribute("aria-expanded", open ? "true" : "false");
    panel.classList.toggle("cite-open", open);
    if (open) place(button, panel);
    if (!open || panel.hasAttribute("data-filled")) return;
    panel.setAttribute("data-filled", "");
    /* the shortest citation first: the permalink */
    panel.insertBefore(panel.querySelector(".cite-permalink"), panel.firstChild);
    var status = element("p", "cite-status");
    status.setAttribute("role", "status");
    panel.appendChild(status);
    /* if the file cannot be loaded (a page opened from disk), the box keeps its permalink */
    load(new URL(panel.getAttribute("data-src"), document.baseURI).href).then(
      function (data) { fill(panel, data); }, function () {});
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.cite-button");
    if (button) toggle(button, button.getAttribute("aria-expanded") !== "true");
    else if (event.target.closest && !event.target.closest(".cite-box")) {
      document.querySelectorAll('button.cite-button[aria-expanded="true"]').forEach(function (open) {
        toggle(open, false);
      });
    }
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

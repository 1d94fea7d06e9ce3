/* Notes at hand (edition.theme). Without this script a note mark is a link to
   the note in the list at the end of the page, which is marked when reached and
   links back to its paragraph. With it, the mark opens the note in place: on a
   click, a tap or Enter (the disclosure pattern: the mark says whether its note
   is open; keyboard focus moves into the note, Escape or "Close" brings it back
   to the mark), and after a short pause under a mouse pointer, as a preview.
   A wide screen shows the note beside the mark, a phone at the foot of the
   screen. The list at the end stays for print and for readers without scripts. */
(function () {
  "use strict";
  var list = document.querySelector("aside.footnote-list");
  if (!list) return;
  var words = { note: list.getAttribute("data-note") || "%s", close: list.getAttribute("data-close") || "×" };
  var box = document.createElement("div");
  box.className = "note-pop";
  box.id = "note-pop";
  box.setAttribute("role", "group");
  box.tabIndex = -1;
  box.hidden = true;
  var current = null, hovering = null, timer = 0;

  function marks() { return document.querySelectorAll('a[role="doc-noteref"]'); }

  function place(mark) {
    if (window.matchMedia("(max-width: 40rem)").matches) {  /* a phone: the CSS sets it at the foot */
      box.style.left = box.style.top = "";
      return;
    }
    var rect = mark.getBoundingClientRect();
    var origin = box.offsetParent ? box.offsetParent.getBoundingClientRect() : { left: 0, top: 0 };
    var margin = 8, room = document.documentElement.clientWidth - box.offsetWidth - margin;
    var left = Math.max(margin, Math.min(rect.left - 24, room));
    box.style.left = (left - origin.left) + "px";
    box.style.top = (rect.bottom + 6 - origin.top) + "px";
  }

  function open(mark, how) {
    var note = document.getElementById(mark.getAttribute("href").slice(1));
    if (!note) return;
    close(false);
    current = mark;
    hovering = how === "hover" ? mark : null;
    var number = note.querySelector(".label");
    var head = document.createElement("p");
    head.className = "note-pop-head";
    var link = document.createElement("a");
    link.href = "#" + note.id;
    link.textContent = words.note.replace("%s", number ? number.textContent : "");
    var shut = document.createElement("button");
    shut.type = "button";
    shut.className = "note-pop-close";
    shut.textContent = words.close;
    head.appendChild(link);
    head.appendChild(shut);
    box.textContent = "";
    box.appendChild(head);
    Array.prototype.forEach.call(note.children, function (child) {
      if (child.matches(".label, .note-back")) return;
      var copy = child.cloneNode(true);
      copy.removeAttribute("id");
      copy.querySelectorAll("[id]").forEach(function (node) { node.removeAttribute("id"); });
      box.appendChild(copy);
    });
    box.setAttribute("aria-label", link.textContent);
    /* in the reading order, right after the paragraph that holds the mark */
    var block = mark.closest("p, li, dd, td, th") || mark;
    block.parentNode.insertBefore(box, block.nextSibling);
    box.hidden = false;
    place(mark);
    mark.setAttribute("aria-expanded", "true");
    mark.classList.add("note-open");
    if (how === "key") box.focus();
  }

  function close(refocus) {
    if (!current) return;
    var mark = current;
    current = hovering = null;
    box.hidden = true;
    mark.setAttribute("aria-expanded", "false");
    mark.classList.remove("note-open");
    if (refocus) mark.focus();
  }

  marks().forEach(function (mark) {
    mark.setAttribute("aria-expanded", "false");
    mark.setAttribute("aria-controls", box.id);
    mark.setAttribute("aria-label", words.note.replace("%s", mark.textContent));
  });

  document.addEventListener("click", function (event) {
    var mark = event.target.closest && event.target.closest('a[role="doc-noteref"]');
    if (mark && !(event.ctrlKey || event.metaKey || event.shiftKey || event.altKey)) {
      event.preventDefault();
      if (current === mark && !hovering) close(false);
      else open(mark, event.detail === 0 ? "key" : "click");  /* detail 0: Enter, not a pointer */
      return;
    }
    if (event.target.closest && event.target.closest(".note-pop-close")) { close(true); return; }
    if (event.target.closest && event.target.closest(".note-pop-head a")) { close(false); return; }
    if (current && !box.contains(event.target)) close(false);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && current) close(box.contains(document.activeElement) || document.activeElement === current);
  });

  /* a preview under a mouse pointer, not on touch screens */
  if (window.matchMedia("(hover: hover) and (pointer: fine)").matches) {
    document.addEventListener("mouseover", function (event) {
      var mark = event.target.closest && event.target.closest('a[role="doc-noteref"]');
      if (mark || box.contains(event.target)) {
        clearTimeout(timer);
        if (mark && mark !== current) timer = setTimeout(function () { open(mark, "hover"); }, 250);
      } else if (current && hovering) {
        clearTimeout(timer);
        timer = setTimeout(function () { if (hovering) close(false); }, 400);
      }
    });
  }

  window.addEventListener("resize", function () { if (current) place(current); });
})();

"use strict";
// django-prose-editor writes its toolbar's tooltips ("bold", "insert link" …) in English without
// gettext. Pass them through Django's JavaScript catalogue (locale_upstream/*/djangojs.po), for the
// tooltip and for screen readers. The English text stays in data-label-en for later passes.

/** Translate the tooltips of every editor toolbar under root, with translate(englishText). */
function translateEditorLabels(root, translate) {
  root.querySelectorAll(".prose-menubar [title]").forEach((element) => {
    const english = element.getAttribute("data-label-en") || element.getAttribute("title");
    const text = translate(english);
    element.setAttribute("data-label-en", english);
    element.setAttribute("title", text);
    if (element.hasAttribute("aria-label")) {
      element.setAttribute("aria-label", text);
    }
  });
}

if (typeof module !== "undefined") {
  module.exports = { translateEditorLabels };
} else if (typeof window.gettext === "function") {
  // django-prose-editor builds its editors in its own "DOMContentLoaded" handler, registered after
  // ours (it is a module script): translate once the page has loaded.
  window.addEventListener("load", () => translateEditorLabels(document, window.gettext));
}

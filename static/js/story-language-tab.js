"use strict";
// The story form opens its language tabs on the admin's own language (modeltranslation's choice).
// A story written only in Russian would then open on empty Kyrgyz fields in a Kyrgyz admin and look
// blank: open it on the first language it is written in instead. A form with errors keeps the tab
// modeltranslation opened for the error.

/**
 * The index of the tab to open, or -1 to leave the tabs as they are.
 * languages: the tabs' language codes in order ("ky", "ru", "en"); current: the admin's language;
 * written: the codes whose headline is filled in.
 */
function storyLanguageIndex(languages, current, written) {
  if (written.length === 0 || written.includes(current)) {
    return -1;
  }
  return languages.findIndex((code) => written.includes(code));
}

if (typeof module !== "undefined") {
  module.exports = { storyLanguageIndex };
} else {
  // modeltranslation builds its tabs in a jQuery "ready" handler, which jQuery 3 runs
  // asynchronously, sometimes after "load": queue ours behind it.
  window.addEventListener("load", () => django.jQuery(() => {
    const select = document.getElementById("modeltranslation-main-switch");
    if (!select || document.querySelector(".errornote")) {
      return;
    }
    const languages = Array.from(select.options, (option) => option.textContent.replace("-", "_"));
    const written = languages.filter((code) => {
      const headline = document.getElementById(`id_headline_${code}`);
      return headline !== null && headline.value.trim() !== "";
    });
    const index = storyLanguageIndex(languages, document.documentElement.lang.replace("-", "_"), written);
    if (index >= 0) {
      select.value = String(index);
      // modeltranslation switches every tab group on the select's change event.
      select.dispatchEvent(new Event("change"));
    }
  }));
}

// Starts what Wagtail's admin would start with inline <script> tags, which our
// Content Security Policy blocks (portal/settings/base.py, ADMIN_CSP): inline
// panels (the questions of a request form, related products), choosers (agency,
// case type, pages) and the date/time choosers (scheduled publishing). The
// overridden templates in templates/wagtailadmin/ and pages/admin_csp.py leave
// their options in data attributes instead. Rows an inline panel adds later are
// started too (a MutationObserver), as their inline scripts would have been.
(function () {
  "use strict";
  function once(el) {
    if (el.dataset.olStarted) return false;
    el.dataset.olStarted = "1";
    return true;
  }
  function start(root) {
    if (!root.querySelectorAll) return;
    root.querySelectorAll("[data-ol-inline-panel]").forEach(function (el) {
      if (once(el)) new window.InlinePanel(JSON.parse(el.dataset.olInlinePanel));
    });
    root.querySelectorAll("[data-ol-widget]").forEach(function (el) {
      var Widget = window[el.dataset.olWidget];
      if (typeof Widget !== "function") {
        console.warn("Open Loket: no widget " + el.dataset.olWidget);
        return;
      }
      if (once(el)) new Widget(el.dataset.olWidgetId, JSON.parse(el.dataset.olWidgetOptions));
    });
    root.querySelectorAll("[data-ol-chooser]").forEach(function (el) {
      var init = window[el.dataset.olChooser];
      if (typeof init === "function" && once(el)) {
        init(el.dataset.olChooserId, JSON.parse(el.dataset.olChooserConfig));
      }
    });
  }
  function startAll() {
    start(document);
    new MutationObserver(function (mutations) {
      mutations.forEach(function (mutation) {
        mutation.addedNodes.forEach(function (node) {
          if (node.nodeType === 1) start(node.parentNode || node);
        });
      });
    }).observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", startAll);
  } else {
    startAll();
  }
})();

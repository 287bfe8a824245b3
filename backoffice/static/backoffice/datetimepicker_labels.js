// Wagtail's vendored date/time picker (jquery.datetimepicker) hard-codes an
// English "Save Selected" button in every picker it builds; give it the
// admin's language (the label comes from the script tag, translated by Django).
(function () {
  "use strict";
  var script = document.currentScript;
  var label = script && script.dataset.saveLabel;
  if (!label) {
    return;
  }
  function relabel(root) {
    var buttons = root.querySelectorAll ? root.querySelectorAll(".xdsoft_save_selected") : [];
    for (var i = 0; i < buttons.length; i += 1) {
      if (buttons[i].textContent !== label) {
        buttons[i].textContent = label;
      }
    }
  }
  function start() {
    relabel(document);
    new MutationObserver(function (mutations) {
      for (var i = 0; i < mutations.length; i += 1) {
        for (var j = 0; j < mutations[i].addedNodes.length; j += 1) {
          var node = mutations[i].addedNodes[j];
          if (node.nodeType === 1) {
            relabel(node.parentNode || node);
          }
        }
      }
    }).observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

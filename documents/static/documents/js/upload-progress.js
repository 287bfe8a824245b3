/* Progress feedback for document uploads. Without JavaScript the form posts
   normally; with it, larger files are sent with XMLHttpRequest so the citizen sees
   how far the upload is. The server's answer is the same either way: a redirect to
   the case page (success) or the upload page with the errors. */
(function () {
  "use strict";
  var THRESHOLD = 512 * 1024; // smaller files are quick enough without a bar

  function enhance(form) {
    var input = form.querySelector("input[type=file]");
    var box = form.querySelector(".ol-upload__progress");
    if (!input || !box || !window.XMLHttpRequest || !window.FormData) return;
    var bar = box.querySelector("progress");
    var status = box.querySelector("[role=status]");

    form.addEventListener("submit", function (event) {
      var file = input.files && input.files[0];
      if (!file || file.size < THRESHOLD) return; // plain post
      event.preventDefault();
      var button = form.querySelector("button[type=submit]");
      button.disabled = true;
      box.hidden = false;
      var request = new XMLHttpRequest();
      request.open("POST", form.action);
      request.responseType = "document";
      request.upload.addEventListener("progress", function (e) {
        if (!e.lengthComputable) return;
        var percent = Math.round((e.loaded / e.total) * 100);
        bar.value = percent;
        status.textContent = percent + "%";
      });
      request.addEventListener("load", function () {
        // Success redirects to the case page (its message is in that response, so we
        // show that response rather than loading the page again); errors come back
        // as the upload page. Either way: show the answer's <main>.
        var page = request.response;
        var main = page && page.querySelector("main");
        if (!main) {
          window.location.assign(request.responseURL || form.action);
          return;
        }
        if (request.responseURL && request.responseURL !== window.location.href) {
          window.history.pushState(null, "", request.responseURL);
        }
        document.title = page.title;
        document.querySelector("main").replaceWith(document.adoptNode(main));
        var target = document.getElementById("fouten") || document.getElementById("main");
        if (target) target.focus();
        var next = document.querySelector("form[data-upload-progress]");
        if (next) enhance(next);
      });
      request.addEventListener("error", function () {
        button.disabled = false;
        box.hidden = true;
        form.submit(); // fall back to a normal post
      });
      request.send(new FormData(form));
    });
  }

  document.querySelectorAll("form[data-upload-progress]").forEach(enhance);
})();

// Session timeout warning: shows the hidden dialog two minutes before the session
// ends, announces it, moves focus to "Ingelogd blijven"; that button extends the
// session with a POST (the form also works without this script).
(function () {
  "use strict";
  var box = document.getElementById("session-warning");
  if (!box) { return; }
  var live = document.getElementById("session-warning-live");
  var text = document.getElementById("session-warning-text");
  var stay = document.getElementById("session-warning-stay");
  var form = box.querySelector("form");
  var warnBefore = parseInt(box.getAttribute("data-warn-before"), 10) * 1000;
  var timer = null;
  var endTimer = null;

  function show() {
    box.hidden = false;
    live.textContent = text.textContent;
    stay.focus();
  }

  function schedule(secondsLeft) {
    window.clearTimeout(timer);
    window.clearTimeout(endTimer);
    box.hidden = true;
    live.textContent = "";
    timer = window.setTimeout(show, Math.max(0, secondsLeft * 1000 - warnBefore));
    // When the session has ended, reload so personal data does not stay on screen.
    endTimer = window.setTimeout(function () { window.location.reload(); }, secondsLeft * 1000 + 1000);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.fetch(box.getAttribute("data-extend-url"), {
      method: "POST",
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": form.elements.csrfmiddlewaretoken.value }
    }).then(function (response) {
      if (!response.ok) { throw new Error("extend failed"); }
      return response.json();
    }).then(function (data) {
      schedule(data.seconds_left);
    }).catch(function () {
      form.submit();
    });
  });

  schedule(parseInt(box.getAttribute("data-seconds-left"), 10));
})();

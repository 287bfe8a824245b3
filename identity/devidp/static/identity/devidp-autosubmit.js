// Development IdP, POST binding: send the SAML Response on without a click.
// Without JavaScript the "Doorgaan" button does the same.
(function () {
  "use strict";
  var form = document.getElementById("saml-post-form");
  if (form) { form.submit(); }
})();

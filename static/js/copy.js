// "Copy address" buttons: shown only when the browser can copy; the address stays
// selectable in its read-only field either way.
(function () {
  "use strict";
  if (!navigator.clipboard) return;
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var field = document.querySelector(button.dataset.copy);
    var status = document.getElementById("copy-status");
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(
        function () { if (status) status.textContent = "Address copied."; },
        function () { field.select(); if (status) status.textContent = "Select the address and copy it."; }
      );
    });
  });
})();

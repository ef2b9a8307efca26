// Select2 names its box after the value chosen, so an empty patient or practitioner box
// has no accessible name. Name each box after its field's label as well. The admin's own
// script builds the boxes on jQuery's ready, which may come after "load": so watch for
// them to appear rather than guess when.
(function () {
  "use strict";
  function name(select) {
    var label = document.querySelector('label[for="' + select.id + '"]');
    var container = select.nextElementSibling;
    var box = container && container.querySelector(".select2-selection");
    var rendered = container && container.querySelector(".select2-selection__rendered");
    if (!label || !box || !rendered) return;
    if (!label.id) label.id = select.id + "_label";
    var names = label.id + " " + rendered.id;
    if (box.getAttribute("aria-labelledby") !== names) box.setAttribute("aria-labelledby", names);
    if (rendered.getAttribute("aria-labelledby") !== names) rendered.setAttribute("aria-labelledby", names);
  }
  function nameAll() {
    document.querySelectorAll("select.admin-autocomplete").forEach(name);
  }
  document.addEventListener("DOMContentLoaded", function () {
    nameAll();
    new MutationObserver(nameAll).observe(document.body, { childList: true, subtree: true });
  });
})();

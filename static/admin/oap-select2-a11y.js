// Select2's search box (used by the admin's autocomplete fields) has no
// accessible name, which screen readers announce as an unlabelled edit field
// and axe reports as critical. Name it after the field's own label.
(function () {
  "use strict";
  function labelFor(select) {
    var label = select && select.id ? document.querySelector('label[for="' + select.id + '"]') : null;
    return label ? label.textContent.replace(/:\s*$/, "").trim() : "Search";
  }
  window.addEventListener("load", function () {
    if (!window.django || !window.django.jQuery) {
      return;
    }
    var $ = window.django.jQuery;
    $(document).on("select2:open", function (event) {
      var name = "Search " + labelFor(event.target).toLowerCase();
      document.querySelectorAll(".select2-container--open .select2-search__field").forEach(function (field) {
        field.setAttribute("aria-label", name);
      });
    });
    document.querySelectorAll(".select2-search__field").forEach(function (field) {
      var select = field.closest(".related-widget-wrapper, .form-row");
      var native = select ? select.querySelector("select") : null;
      field.setAttribute("aria-label", "Search " + labelFor(native).toLowerCase());
    });
  });
})();

// Accessible names for admin widgets that have none, which screen readers
// announce as unlabelled and axe reports as critical:
// - Select2's search box (the admin's autocomplete fields): named after the
//   field's own label;
// - Select2's closed box (role="combobox") and the read-only textbox in it
//   that shows the choice: Select2 names them after the chosen value only,
//   which is empty on a new row; they get the field's label or column heading
//   first;
// - the inputs in a tabular inline's cells (order, "Delete?"): named after
//   their column heading and row, e.g. "Order, row 2".
(function () {
  "use strict";
  var counter = 0;

  function ensureId(element) {
    if (!element.id) {
      counter += 1;
      element.id = "oap-a11y-label-" + counter;
    }
    return element.id;
  }

  function text(element) {
    return element ? element.textContent.replace(/[:?]\s*$/, "").replace(/\s+/g, " ").trim() : "";
  }

  // The <label> of a field, or for a field in a tabular inline, its column heading.
  function labelElement(field) {
    if (!field) {
      return null;
    }
    var label = field.id ? document.querySelector('label[for="' + field.id + '"]') : null;
    if (label && text(label)) {
      return label;
    }
    var cell = field.closest("td");
    var table = cell ? cell.closest("table") : null;
    if (!table || !table.tHead) {
      return null;
    }
    return table.tHead.rows[0].cells[cell.cellIndex] || null;
  }

  function searchName(select) {
    var label = text(labelElement(select));
    return label ? "Search " + label.toLowerCase() : "Search";
  }

  // The <select> a Select2 widget stands for: the element just before its container.
  function selectFor(container) {
    var select = container ? container.previousElementSibling : null;
    return select && select.tagName === "SELECT" ? select : null;
  }

  function nameSelect2Boxes() {
    // Multiple-choice boxes have their search field inline, always present.
    document.querySelectorAll(".select2-search--inline .select2-search__field").forEach(function (field) {
      field.setAttribute("aria-label", searchName(selectFor(field.closest(".select2-container"))));
    });
    document.querySelectorAll(".select2-selection[role=combobox]").forEach(function (box) {
      var label = labelElement(selectFor(box.closest(".select2-container")));
      var rendered = box.querySelector(".select2-selection__rendered");
      if (label && rendered) {
        box.setAttribute("aria-labelledby", ensureId(label) + " " + ensureId(rendered));
        // The chosen value inside is a read-only textbox of its own, empty on a new row.
        rendered.setAttribute("aria-labelledby", label.id);
      }
    });
  }

  function nameInlineCells() {
    document.querySelectorAll(".tabular tr.form-row").forEach(function (row) {
      var rowNumber = row.sectionRowIndex + 1;
      row.querySelectorAll("td input:not([type=hidden]), td select, td textarea").forEach(function (field) {
        var hasLabel = field.id && document.querySelector('label[for="' + field.id + '"]');
        if (hasLabel || field.getAttribute("aria-label") || field.classList.contains("select2-hidden-accessible")) {
          return;
        }
        var heading = text(labelElement(field));
        if (heading) {
          field.setAttribute("aria-label", heading + ", row " + rowNumber);
        }
      });
    });
  }

  function nameAll() {
    nameSelect2Boxes();
    nameInlineCells();
  }

  // Select2 builds its boxes when jQuery is ready, and again for each row added with "Add another …":
  // name whatever it adds, as soon as it is added.
  function addsWidgets(records) {
    return records.some(function (record) {
      return Array.prototype.some.call(record.addedNodes, function (node) {
        return node.nodeType === 1 && (node.matches(".select2, tr") || node.querySelector(".select2, tr"));
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    nameAll();
    new MutationObserver(function (records) {
      if (addsWidgets(records)) {
        nameAll();
      }
    }).observe(document.body, { childList: true, subtree: true });
  });

  window.addEventListener("load", function () {
    if (!window.django || !window.django.jQuery) {
      return;
    }
    var $ = window.django.jQuery;
    $(document).on("select2:open", function (event) {
      document.querySelectorAll(".select2-container--open .select2-search__field").forEach(function (field) {
        field.setAttribute("aria-label", searchName(event.target));
      });
    });
  });
})();

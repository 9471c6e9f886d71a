// Filtering of an item table by words, department, unit and category. The page reads in
// full without this script; it only hides rows, from data already in the page.
(function () {
  "use strict";
  var fold = function (text) {
    // full-width ASCII to half-width, as the catalogs' names are compared
    return text.replace(/[\uff01-\uff5e]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
    }).replace(/\s+/g, "").toLowerCase();
  };
  document.querySelectorAll("form[data-filter]").forEach(function (form) {
    var table = form.nextElementSibling;
    while (table && !table.hasAttribute("data-filterable")) { table = table.nextElementSibling; }
    if (!table) { return; }
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    rows.forEach(function (row) { row.dataset.folded = fold(row.dataset.text || ""); });
    var count = form.querySelector("[data-count]");
    var field = function (name) { var el = form.elements[name]; return el ? el.value : ""; };
    var apply = function () {
      var words = fold(field("q")), dept = field("department"), unit = field("unit"), cat = field("category");
      var shown = 0;
      rows.forEach(function (row) {
        var ok = (!words || row.dataset.folded.indexOf(words) >= 0) &&
          (!dept || row.dataset.department === dept) &&
          (!cat || row.dataset.category === cat) &&
          (!unit || (" " + row.dataset.units + " ").indexOf(" " + unit + " ") >= 0);
        row.hidden = !ok;
        if (ok) { shown += 1; }
      });
      count.textContent = "显示 " + shown + " 项，共 " + rows.length + " 项";
    };
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    form.hidden = false;
    apply();
  });
})();

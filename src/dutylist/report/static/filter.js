// Filtering of an item table by words, department, unit and category. The page reads in
// full without this script; it only hides rows, from data already in the page: the JSON
// block after each filterable table holds, per row, the indexes of its department and
// category, its basis (when no column shows it) and the indexes of its units.
(function () {
  "use strict";
  var fold = function (text) {
    // full-width ASCII to half-width, as the catalogs' names are compared
    return text.replace(/[\uff01-\uff5e]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
    }).replace(/\s+/g, "").toLowerCase();
  };
  var after = function (node, test) {
    node = node.nextElementSibling;
    while (node && !test(node)) { node = node.nextElementSibling; }
    return node;
  };
  document.querySelectorAll("form[data-filter]").forEach(function (form) {
    var table = after(form, function (n) { return n.hasAttribute("data-filterable"); });
    var block = table && after(table, function (n) { return n.hasAttribute("data-filter-rows"); });
    if (!block) { return; }
    var data = JSON.parse(block.textContent);
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var info = rows.map(function (row, n) {
      var r = data.r[n], basis = row.querySelector("td.basis");
      return {
        text: fold(row.cells[1].textContent + row.cells[2].textContent +
          (basis ? basis.textContent : r[2])),
        department: r[0] < 0 ? "" : data.d[r[0]],
        category: r[1] < 0 ? "" : data.c[r[1]],
        units: (r[3] || []).map(function (u) { return data.u[u]; })
      };
    });
    var count = form.querySelector("[data-count]");
    var field = function (name) { var el = form.elements[name]; return el ? el.value : ""; };
    var apply = function () {
      var words = fold(field("q")), dept = field("department"), unit = field("unit"), cat = field("category");
      var shown = 0;
      rows.forEach(function (row, n) {
        var r = info[n];
        var ok = (!words || r.text.indexOf(words) >= 0) &&
          (!dept || r.department === dept) &&
          (!cat || r.category === cat) &&
          (!unit || r.units.indexOf(unit) >= 0);
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

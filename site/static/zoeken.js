// Search for the static export: filters window.VV_ZOEKINDEX (written by `vvgraph site` as
// static/zoekindex.js) with the words of ?q=. Results are built with textContent only, so
// nothing from the data is ever parsed as HTML.
(function () {
  "use strict";
  var index = window.VV_ZOEKINDEX || [];
  var list = document.getElementById("resultaten");
  var status = document.getElementById("zoekstatus");
  var input = document.getElementById("zoekterm");
  if (!list || !status) { return; }
  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  var query = new URLSearchParams(window.location.search).get("q") || "";
  if (input) { input.value = query; }
  var words = fold(query).split(/\s+/).filter(Boolean);
  if (!words.length) { status.textContent = "Geef een zoekterm."; return; }
  var order = { "Project": 0, "Beslissing": 1, "Minister": 2, "Organisatie": 3 };
  var q = fold(query).trim();
  var hits = index.filter(function (e) {
    return words.every(function (w) { return e[4].indexOf(w) !== -1; });
  });
  hits.sort(function (a, b) {
    var ka = [fold(a[1]) === q ? 0 : 1, a[0] in order ? order[a[0]] : 5, a[2]];
    var kb = [fold(b[1]) === q ? 0 : 1, b[0] in order ? order[b[0]] : 5, b[2]];
    for (var i = 0; i < 3; i++) { if (ka[i] < kb[i]) { return -1; } if (ka[i] > kb[i]) { return 1; } }
    return 0;
  });
  status.textContent = hits.length + " resultaten voor \u201c" + query + "\u201d" +
    (hits.length > 100 ? " (de eerste 100)." : ".");
  hits.slice(0, 100).forEach(function (e) {
    var li = document.createElement("li");
    var kind = document.createElement("span");
    kind.className = "kind";
    kind.textContent = e[0];
    var a = document.createElement("a");
    a.href = e[3];
    a.textContent = e[2];
    li.appendChild(kind);
    li.appendChild(document.createTextNode(" "));
    li.appendChild(a);
    list.appendChild(li);
  });
}());

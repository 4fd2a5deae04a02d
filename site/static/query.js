// The query page with YASGUI: one tab per example of queries/, the plain form hidden.
// Runs only when YASGUI's script loaded; without it the form stays and works on its own.
(function () {
  "use strict";
  var host = document.getElementById("yasgui");
  var data = document.getElementById("voorbeelden");
  if (!host || !data || typeof window.Yasgui === "undefined") { return; }
  var examples = JSON.parse(data.textContent);
  document.getElementById("plain").hidden = true;
  var yasgui = new window.Yasgui(host, {
    requestConfig: { endpoint: host.getAttribute("data-endpoint"), method: "POST" },
    copyEndpointOnNewTab: false,
    persistenceId: null,
    populateFromUrl: false,
    autoAddOnInit: examples.length === 0
  });
  examples.forEach(function (example, i) {
    yasgui.addTab(i === 0, { name: example[0], yasqe: { value: example[1] } });
  });
})();

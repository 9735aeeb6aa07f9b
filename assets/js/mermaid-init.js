// Loaded after the vendored mermaid script, only on pages with a diagram: draws the diagrams
// (when the page has loaded) in the page's colour scheme, wenji's theme switch first, else the
// system's. A diagram's source stays readable text without JavaScript.
(function () {
  var chosen = document.documentElement.dataset.theme;
  var dark = chosen ? chosen === "dark" : window.matchMedia("(prefers-color-scheme: dark)").matches;
  if (window.mermaid) window.mermaid.initialize({ startOnLoad: true, theme: dark ? "dark" : "default" });
})();

// The search page's only script: loads Pagefind's index (written beside the site at build
// time) on this page alone, and lists the essays that match, in the page's language.
const root = document.querySelector(".search");
const input = document.getElementById("search-input");
const status = root.querySelector(".search-status");
const list = root.querySelector(".search-results");
// This file is <site>/assets/js/search.js, so the site (with any path prefix) is two levels up.
const site = new URL("../../", import.meta.url);
let pagefind;
let latest = 0;

async function loadIndex() {
  if (!pagefind) {
    pagefind = await import(new URL("pagefind/pagefind.js", site).href);
    await pagefind.options({ baseUrl: site.pathname });
  }
  return pagefind;
}

const fill = (template, values) => template.replace(/\{(\w+)\}/g, (match, key) => (key in values ? values[key] : match));

/** Pagefind's excerpt is text with <mark> around the hits; keep exactly that and nothing else. */
function excerpt(html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  const p = document.createElement("p");
  for (const node of template.content.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      p.append(mark);
    } else p.append(node.textContent);
  }
  return p;
}

async function search(query) {
  const run = ++latest;
  const q = query.trim();
  const url = new URL(location.href);
  if (q) url.searchParams.set("q", q);
  else url.searchParams.delete("q");
  history.replaceState(null, "", url);
  list.replaceChildren();
  status.textContent = q ? root.dataset.searching : "";
  if (!q) return;
  try {
    const found = await (await loadIndex()).search(q);
    const results = await Promise.all(found.results.slice(0, 50).map((r) => r.data()));
    if (run !== latest) return;
    status.textContent = results.length ? fill(root.dataset.results, { n: found.results.length }) : fill(root.dataset.noResults, { query: q });
    for (const result of results) {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = result.url;
      link.textContent = result.meta.title || result.url;
      item.append(link, excerpt(result.excerpt));
      list.append(item);
    }
  } catch {
    if (run === latest) status.textContent = root.dataset.unavailable;
  }
}

let timer;
input.form.addEventListener("submit", (event) => {
  event.preventDefault();
  search(input.value);
});
input.addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(() => search(input.value), 250);
});
const initial = new URL(location.href).searchParams.get("q");
if (initial) {
  input.value = initial;
  search(initial);
}

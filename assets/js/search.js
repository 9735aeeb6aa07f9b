// The search page's only script: loads Pagefind's index (written beside the site at build
// time) on this page alone, and lists the essays that match, in the page's language.
// Each language's index is split into shards (pagefind/shards.json says how many): the
// first brings Pagefind's script, the others are merged into its searches.
const root = document.querySelector(".search");
const input = document.getElementById("search-input");
const status = root.querySelector(".search-status");
const list = root.querySelector(".search-results");
// This file is <site>/assets/js/search.js, so the site (with any path prefix) is two levels up.
const site = new URL("../../", import.meta.url);
let loading;
let latest = 0;

async function openIndex() {
  const response = await fetch(new URL("pagefind/shards.json", site));
  if (!response.ok) throw new Error(`pagefind/shards.json: ${response.status}`);
  const lang = document.documentElement.lang.toLowerCase();
  const shards = (await response.json())[lang] ?? 0;
  // A language with no searchable essay has no index: every search finds nothing.
  if (!shards) return { search: async () => ({ results: [] }) };
  const base = new URL(`pagefind/${lang}/`, site);
  const pagefind = await import(new URL("0/pagefind.js", base).href);
  await pagefind.options({ baseUrl: site.pathname });
  // Fetched side by side, not one round trip after another.
  const others = Array.from({ length: shards - 1 }, (_, i) => new URL(`${i + 1}/`, base).pathname);
  await Promise.all(others.map((path) => pagefind.mergeIndex(path, { baseUrl: site.pathname })));
  return pagefind;
}

function loadIndex() {
  loading ??= openIndex().catch((error) => {
    loading = undefined;
    throw error;
  });
  return loading;
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

const normalize = (word) => word.toLocaleLowerCase().replace(/[^\p{L}\p{N}]/gu, "");

/** Whether every word the excerpt marks is only a beginning of a query term, shorter than
 * the term's stem (so "ridge" still matches "ridges", but "a" does not match "archive"). */
function onlyFallback(html, terms) {
  const marked = [...html.matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => normalize(m[1])).filter(Boolean);
  if (!marked.length) return false;
  return marked.every((word) =>
    terms.some((term) => term.length > word.length && term.startsWith(word) && word.length < term.replace(/(ing|ed|es|s)$/, "").length),
  );
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
    // An index of a single page answers every query with that page, matching no word.
    const hits = found.results.filter((r) => r.words.length > 0);
    const loaded = await Promise.all(hits.slice(0, 50).map((r) => r.data()));
    if (run !== latest) return;
    // Pagefind falls back to words that begin a query term ("light" for "lighthouse") when an
    // index has no better match; with several shards merged, one shard's fallback would sit
    // beside another's real matches, so fallbacks are shown only when nothing else matched.
    const terms = q.toLocaleLowerCase().split(/\s+/).map(normalize).filter(Boolean);
    const real = loaded.filter((result) => !onlyFallback(result.excerpt, terms));
    const results = real.length ? real : loaded;
    const count = results.length + Math.max(0, hits.length - loaded.length);
    status.textContent = results.length ? fill(root.dataset.results, { n: count }) : fill(root.dataset.noResults, { query: q });
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
  // Typing queued a search of the same words; Enter runs it now, once.
  clearTimeout(timer);
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

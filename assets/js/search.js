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

const zh = document.documentElement.lang.toLowerCase().startsWith("zh");
const ELLIPSIS = zh ? "……" : "…";
const CJK = "\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef";
const escapeRe = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Pagefind's text of a page, for reading: without the title it starts with, and in Chinese
 * without spaces beside Han characters and punctuation, blocks ending in "。" not ". ". */
function readable(content, title) {
  let text = content.startsWith(title) ? content.slice(title.length).replace(/^\.?\s*/, "") : content;
  if (zh) {
    text = text
      .replace(new RegExp(`([${CJK}])\\. `, "gu"), (match, c) => (/\p{P}/u.test(c) ? c : `${c}。`))
      .replace(new RegExp(`([${CJK}])\\s+(?=[${CJK}])`, "gu"), "$1");
  }
  return text.replace(/\s+/g, " ").trim();
}

/** A pattern for words: a Latin word matches whole ("open", not "reopen"); Han text anywhere. */
function wordPattern(words) {
  const one = (word) => {
    const latin = /[\p{Script=Latin}\p{N}]/u;
    return (latin.test(word[0]) ? "(?<![\\p{Script=Latin}\\p{N}])" : "") + escapeRe(word) + (latin.test(word.at(-1)) ? "(?![\\p{Script=Latin}\\p{N}])" : "");
  };
  // A run of marked Han words is one mark: "开" and "源" side by side read as "开源".
  return new RegExp(`(?:${words.map(one).join("|")})+`, "giu");
}

/** A window of the text around the first match, every match marked, "……" where it is cut. */
function excerpt(text, pattern) {
  pattern.lastIndex = 0;
  const first = pattern.exec(text);
  const at = first ? first.index : 0;
  let start = Math.max(0, at - (zh ? 24 : 60));
  let end = Math.min(text.length, at + (first ? first[0].length : 0) + (zh ? 80 : 160));
  if (!zh && start > 0) start = text.indexOf(" ", start) + 1 || start;
  if (!zh && end < text.length) end = Math.max(text.lastIndexOf(" ", end), at + 1);
  const window = text.slice(start, end).trim();
  const p = document.createElement("p");
  let last = 0;
  pattern.lastIndex = 0;
  for (const match of window.matchAll(pattern)) {
    const mark = document.createElement("mark");
    mark.textContent = match[0];
    p.append(window.slice(last, match.index), mark);
    last = match.index + match[0].length;
  }
  p.append(window.slice(last));
  if (start > 0) p.prepend(ELLIPSIS);
  if (end < text.length) p.append(ELLIPSIS);
  return p;
}

/** The words Pagefind marked in its excerpt (for results without the query as written). */
const markedWords = (html) => [...new Set([...html.matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => m[1].replace(/[^\p{L}\p{N}]/gu, "")).filter(Boolean))];

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
    // The query as written, whole, first: in the title, then in the text; Pagefind's partial
    // matches after (for 开源, an essay with only one of its two characters comes last, not first).
    const phrase = wordPattern([q.replace(/\s+/g, " ")]);
    const ranked = (real.length ? real : loaded).map((result) => {
      const title = result.meta.title || "";
      const text = readable(result.content, title);
      const tier = [title, text].findIndex((t) => (phrase.lastIndex = 0, phrase.test(t)));
      return { result, title, text, tier: tier < 0 ? 2 : tier };
    });
    const results = ranked.sort((a, b) => a.tier - b.tier);
    const count = results.length + Math.max(0, hits.length - loaded.length);
    status.textContent = results.length ? fill(root.dataset.results, { n: count }) : fill(root.dataset.noResults, { query: q });
    for (const { result, title, text, tier } of results) {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = result.url;
      link.textContent = title || result.url;
      const words = markedWords(result.excerpt);
      item.append(link, excerpt(text, tier < 2 || !words.length ? phrase : wordPattern(words)));
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

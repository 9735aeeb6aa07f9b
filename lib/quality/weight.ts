/**
 * Page weight over a built site: what a reader downloads to read each page (HTML + CSS + JS,
 * gzipped; images excluded), and whether every resource the page asks for exists.
 */
import { existsSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { glob } from "tinyglobby";
import { parseDocument, DomUtils } from "htmlparser2";

type Element = ReturnType<typeof DomUtils.findAll>[number];

/**
 * Budgets in gzipped bytes (issues 8 and 10). The search page's JS is the site script plus its
 * own (ranking exact matches first and cutting readable excerpts, issue 18): 1.9 + 3.2 KB.
 */
export const BUDGETS = { css: 8 * 1024, js: 2 * 1024, essayPage: 15 * 1024, searchJs: 6 * 1024 } as const;

export interface PageWeight {
  /** Site path of the page file. */
  page: string;
  /** The page kind from `<body class="kind-…">`. */
  kind: string;
  html: number;
  css: number;
  js: number;
  /** HTML + CSS + JS, gzipped. */
  total: number;
  /** Number of requests the page makes for HTML, CSS, JS, icons and images. */
  requests: number;
  /** Resources the page refers to that are not in the build. */
  missing: string[];
}

const gzipped = (bytes: Uint8Array | string) => gzipSync(bytes).length;

/** Local path for a site-relative URL, or undefined for another origin. */
function localPath(siteDir: string, pagePath: string, href: string, pathPrefix: string): string | undefined {
  const url = new URL(href, new URL(pagePath, "http://site.invalid"));
  if (url.origin !== "http://site.invalid") return undefined;
  const pathname = decodeURIComponent(url.pathname);
  const inSite = pathname.startsWith(pathPrefix) ? "/" + pathname.slice(pathPrefix.length) : pathname;
  const file = path.join(siteDir, inSite.endsWith("/") ? `${inSite}index.html` : inSite);
  return file;
}

export async function measurePage(siteDir: string, page: string, pathPrefix = "/"): Promise<PageWeight> {
  const html = await readFile(path.join(siteDir, page));
  const document = parseDocument(html.toString("utf8"));
  const elements = DomUtils.findAll(() => true, document.children) as Element[];
  const pagePath = `/${page}`;
  const body = elements.find((e) => e.name === "body");
  const kind = /\bkind-([\w-]+)/.exec(body?.attribs.class ?? "")?.[1] ?? "unknown";
  const css: string[] = [];
  const js: string[] = [];
  const other: string[] = [];
  for (const e of elements) {
    const rel = (e.attribs.rel ?? "").split(/\s+/);
    if (e.name === "link" && rel.includes("stylesheet")) css.push(e.attribs.href);
    else if (e.name === "link" && rel.some((r) => r === "icon" || r === "apple-touch-icon" || r === "preload")) other.push(e.attribs.href);
    else if (e.name === "script" && e.attribs.src) js.push(e.attribs.src);
    else if ((e.name === "img" || e.name === "source") && (e.attribs.src || e.attribs.srcset)) {
      // The browser fetches one candidate; every candidate must exist all the same.
      if (e.attribs.src) other.push(e.attribs.src);
      for (const part of (e.attribs.srcset ?? "").split(",")) if (part.trim()) other.push(part.trim().split(/\s+/)[0]);
    }
  }
  const missing: string[] = [];
  const sizeOf = async (hrefs: string[]) => {
    let total = 0;
    for (const href of hrefs) {
      const file = localPath(siteDir, pagePath, href, pathPrefix);
      if (file === undefined) continue;
      if (!existsSync(file) || !statSync(file).isFile()) missing.push(href);
      else total += gzipped(await readFile(file));
    }
    return total;
  };
  const cssBytes = await sizeOf(css);
  const jsBytes = await sizeOf(js);
  await sizeOf(other);
  const htmlBytes = gzipped(html);
  return {
    page: pagePath, kind, html: htmlBytes, css: cssBytes, js: jsBytes, total: htmlBytes + cssBytes + jsBytes,
    requests: 1 + css.length + js.length + new Set(other).size, missing,
  };
}

export async function measureSite(siteDir: string, pathPrefix = "/"): Promise<PageWeight[]> {
  const pages = (await glob("**/*.html", { cwd: siteDir })).sort();
  return Promise.all(pages.map((page) => measurePage(siteDir, page, pathPrefix)));
}

/** The heaviest page of each kind: the figure a budget has to hold for. */
export function heaviestByKind(weights: PageWeight[]): PageWeight[] {
  const byKind = new Map<string, PageWeight>();
  for (const w of weights) if (!byKind.has(w.kind) || byKind.get(w.kind)!.total < w.total) byKind.set(w.kind, w);
  return [...byKind.values()].sort((a, b) => a.kind.localeCompare(b.kind));
}

export function budgetProblems(weights: PageWeight[]): string[] {
  const problems: string[] = [];
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  for (const w of weights) {
    if (w.css > BUDGETS.css) problems.push(`${w.page}: CSS ${kb(w.css)} gzipped is over ${kb(BUDGETS.css)}`);
    // The search page is the one page whose purpose needs a script (it queries Pagefind's index); it has its own budget.
    const jsBudget = w.kind === "search" ? BUDGETS.searchJs : BUDGETS.js;
    if (w.js > jsBudget) problems.push(`${w.page}: JavaScript ${kb(w.js)} gzipped is over ${kb(jsBudget)}`);
    if (w.kind === "essay" && w.total > BUDGETS.essayPage) problems.push(`${w.page}: essay page ${kb(w.total)} gzipped is over ${kb(BUDGETS.essayPage)}`);
    for (const m of w.missing) problems.push(`${w.page}: requests ${m}, which is not in the build`);
  }
  return problems;
}
